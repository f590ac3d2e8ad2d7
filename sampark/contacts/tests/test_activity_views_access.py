"""Who may see, log, edit and delete interactions in the web UI.

Everyone but the outsider is in the Dhaka desk, where the agent owns the client; the outsider
is an agent of the Mumbai desk. Seeing the client is enough to log on it; changing or deleting
an activity is for its author, or a manager or admin of its team.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.models import Activity
from sampark.contacts.tests.activity_factories import ActivityFactory
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory

HTMX = {"HX-Request": "true"}
SEE = ["admin", "manager", "agent", "colleague", "reader"]
CHANGE = ["admin", "manager", "agent"]


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0])


@pytest.fixture
def company(people, teams):  # type: ignore[no-untyped-def]
    return CompanyFactory(owner=people["agent"], team=teams[0])


@pytest.fixture
def activity(people, teams, contact):  # type: ignore[no-untyped-def]
    return ActivityFactory(contact=contact, owner=people["agent"], team=teams[0], subject="Call")


def as_user(client, people, role):  # type: ignore[no-untyped-def]
    client.force_login(people[role])
    return client


CALL = {"kind": "call", "direction": "outbound", "occurred_at": "2026-03-02T15:30"}


@pytest.mark.parametrize("role", [*SEE, "outsider"])
def test_the_contact_and_company_timelines_follow_the_records_reach(  # type: ignore[no-untyped-def]
    client, people, contact, company, role
):
    client = as_user(client, people, role)
    expected = 404 if role == "outsider" else 200

    for url in (
        reverse("contacts:contact_timeline", args=[contact.pk]),
        reverse("contacts:company_timeline", args=[company.pk]),
    ):
        assert client.get(url, headers=HTMX).status_code == expected
        assert client.get(url).status_code == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("admin", 200),
        ("manager", 200),
        ("agent", 200),
        ("colleague", 200),  # covers for a teammate: logs a call on their client
        ("reader", 403),
        ("outsider", 404),
    ],
)
def test_who_may_log_on_a_contact_and_a_company(client, people, contact, company, role, expected):  # type: ignore[no-untyped-def]
    client = as_user(client, people, role)

    for name, record in (
        ("contacts:contact_log_activity", contact),
        ("contacts:company_log_activity", company),
    ):
        url = reverse(name, args=[record.pk])
        assert client.get(url, headers=HTMX).status_code == expected
        assert client.post(url, CALL, headers=HTMX).status_code == expected

    logged = Activity.objects.filter(owner=people[role])
    assert logged.count() == (2 if expected == 200 else 0)


def test_a_colleagues_call_belongs_to_the_clients_team_and_the_owner_sees_it(  # type: ignore[no-untyped-def]
    client, people, teams, contact
):
    as_user(client, people, "colleague").post(
        reverse("contacts:contact_log_activity", args=[contact.pk]), CALL, headers=HTMX
    )
    activity = Activity.objects.get()
    assert (activity.owner, activity.team) == (people["colleague"], teams[0])

    response = as_user(client, people, "agent").get(
        reverse("contacts:contact_timeline", args=[contact.pk]), headers=HTMX
    )

    assert [e.activity for e in response.context["entries"]] == [activity]


def test_the_log_form_is_not_offered_to_a_reader(client, people, contact):  # type: ignore[no-untyped-def]
    body = (
        as_user(client, people, "reader")
        .get(reverse("contacts:contact_timeline", args=[contact.pk]), headers=HTMX)
        .content.decode()
    )

    assert "log-activity-form" not in body


@pytest.mark.parametrize("role", [*SEE, "outsider"])
def test_who_may_edit_an_activity(client, people, activity, role):  # type: ignore[no-untyped-def]
    client = as_user(client, people, role)
    url = reverse("contacts:activity_edit", args=[activity.pk])
    expected = 200 if role in CHANGE else 404 if role == "outsider" else 403

    assert client.get(url, headers=HTMX).status_code == expected
    response = client.post(url, {**CALL, "subject": f"by {role}", "version": 1}, headers=HTMX)

    assert response.status_code == expected
    activity.refresh_from_db()
    assert (activity.subject == f"by {role}") is (role in CHANGE)


@pytest.mark.parametrize("role", [*SEE, "outsider"])
def test_who_may_delete_an_activity(client, people, activity, role):  # type: ignore[no-untyped-def]
    client = as_user(client, people, role)
    url = reverse("contacts:activity_delete", args=[activity.pk])
    expected = 200 if role in CHANGE else 404 if role == "outsider" else 403

    assert client.get(url).status_code == expected
    response = client.post(url, {"version": 1}, headers=HTMX)

    assert response.status_code == expected
    assert Activity.objects.filter(pk=activity.pk).exists() is (role not in CHANGE)


@pytest.mark.parametrize("role", [*SEE, "outsider"])
def test_who_may_see_one_entry(client, people, activity, role):  # type: ignore[no-untyped-def]
    response = as_user(client, people, role).get(
        reverse("contacts:activity", args=[activity.pk]), headers=HTMX
    )

    assert response.status_code == (404 if role == "outsider" else 200)


@pytest.mark.parametrize("role", SEE)
def test_edit_and_delete_are_offered_only_to_who_may_use_them(
    client, people, contact, activity, role
):  # type: ignore[no-untyped-def]
    body = (
        as_user(client, people, role)
        .get(reverse("contacts:contact_timeline", args=[contact.pk]), headers=HTMX)
        .content.decode()
    )

    offered = reverse("contacts:activity_edit", args=[activity.pk]) in body
    assert offered is (role in CHANGE)
    assert (reverse("contacts:activity_delete", args=[activity.pk]) in body) is (role in CHANGE)


def test_a_colleague_cannot_edit_a_teammates_activity_but_can_edit_their_own(  # type: ignore[no-untyped-def]
    client, people, teams, contact
):
    own = ActivityFactory(contact=contact, owner=people["colleague"], team=teams[0])
    theirs = ActivityFactory(contact=contact, owner=people["agent"], team=teams[0])
    client = as_user(client, people, "colleague")

    assert client.get(reverse("contacts:activity_edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("contacts:activity_edit", args=[theirs.pk])).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client, contact, company, activity):  # type: ignore[no-untyped-def]
    urls = [
        reverse("contacts:contact_timeline", args=[contact.pk]),
        reverse("contacts:company_timeline", args=[company.pk]),
        reverse("contacts:contact_log_activity", args=[contact.pk]),
        reverse("contacts:company_log_activity", args=[company.pk]),
        reverse("contacts:activity", args=[activity.pk]),
        reverse("contacts:activity_edit", args=[activity.pk]),
        reverse("contacts:activity_delete", args=[activity.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_an_outsider_does_not_see_activities_of_another_teams_company_people(  # type: ignore[no-untyped-def]
    client, people, teams
):
    from sampark.contacts.models import Affiliation

    company = CompanyFactory(owner=people["outsider"], team=teams[1])  # a Mumbai company
    dhaka_person = ContactFactory(owner=people["agent"], team=teams[0])
    Affiliation.objects.create(contact=dhaka_person, company=company)
    ActivityFactory(contact=dhaka_person, owner=people["agent"], team=teams[0], subject="secret")

    response = as_user(client, people, "outsider").get(
        reverse("contacts:company_timeline", args=[company.pk]), headers=HTMX
    )

    assert response.context["entries"] == []
