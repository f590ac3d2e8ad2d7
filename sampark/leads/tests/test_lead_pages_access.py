"""Who may see, add, change, convert and delete leads in the web UI.

Everyone but the outsider is in the Dhaka desk, where the agent owns the lead; the outsider is
an agent of the Mumbai desk. A lead of another team is "not found", never "forbidden", and is
absent from the list, so guessing ids reveals nothing.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.models import Contact
from sampark.leads.models import Lead, LeadStatus
from sampark.leads.tests.factories import make_lead

SEE = ["admin", "manager", "agent", "colleague", "reader"]
# Agents change their own; managers their team's; admins all; readers nothing.
CHANGE = {"admin": 200, "manager": 200, "agent": 200, "colleague": 403, "reader": 403}


@pytest.fixture
def lead(people, teams):  # type: ignore[no-untyped-def]
    return make_lead(people["agent"], team=teams[0], name="Salma Akter", country="BD")


@pytest.mark.parametrize("role", [*SEE, "outsider"])
def test_the_lead_page_and_history_follow_the_teams_reach(client, people, lead, role):  # type: ignore[no-untyped-def]
    client.force_login(people[role])

    for name in ("leads:detail", "leads:history"):
        response = client.get(reverse(name, args=[lead.pk]))
        assert response.status_code == (404 if role == "outsider" else 200)
    listed = client.get(reverse("leads:list")).content.decode()
    assert ("Salma Akter" in listed) is (role != "outsider")


@pytest.mark.parametrize("role", [*SEE, "outsider"])
def test_who_may_edit_and_delete(client, people, lead, role):  # type: ignore[no-untyped-def]
    client.force_login(people[role])
    expected = CHANGE.get(role, 404)

    edit = client.post(
        reverse("leads:edit", args=[lead.pk]),
        {
            "name": "Salma A.",
            "country": "BD",
            "language": "en",
            "source": "manual",
            "owner": lead.owner_id,
            "status": "contacted",
            "version": lead.version,
        },
    )
    delete_page = client.get(reverse("leads:delete", args=[lead.pk]))

    assert edit.status_code == (302 if expected == 200 else expected)
    assert delete_page.status_code == expected
    assert Lead.objects.get().name == ("Salma A." if expected == 200 else "Salma Akter")


@pytest.mark.parametrize("role", [*SEE, "outsider"])
def test_who_may_convert(client, people, lead, role):  # type: ignore[no-untyped-def]
    client.force_login(people[role])
    expected = CHANGE.get(role, 404)
    url = reverse("leads:convert", args=[lead.pk])

    assert client.get(url).status_code == expected
    response = client.post(url, {"version": lead.version})

    assert response.status_code == (302 if expected == 200 else expected)
    assert Contact.objects.exists() is (expected == 200)


@pytest.mark.parametrize(
    ("role", "expected"),
    [("admin", 200), ("manager", 200), ("agent", 200), ("reader", 403)],
)
def test_who_may_add(client, people, role, expected):  # type: ignore[no-untyped-def]
    client.force_login(people[role])

    assert client.get(reverse("leads:create")).status_code == expected


def test_bulk_assignment_skips_leads_the_user_may_not_change(client, people, teams, lead):  # type: ignore[no-untyped-def]
    theirs = make_lead(people["outsider"], name="Mumbai lead")
    client.force_login(people["manager"])

    response = client.post(
        reverse("leads:bulk_assign"),
        {"ids": [lead.pk, theirs.pk], "owner": people["colleague"].pk},
        follow=True,
    )

    assert response.status_code == 200
    lead.refresh_from_db()
    theirs.refresh_from_db()
    assert (lead.owner, theirs.owner) == (people["colleague"], people["outsider"])
    assert "1 skipped" in response.content.decode()


def test_the_reader_sees_no_buttons_that_would_refuse(client, people, lead):  # type: ignore[no-untyped-def]
    client.force_login(people["reader"])

    page = client.get(reverse("leads:detail", args=[lead.pk])).content.decode()

    for name in ("leads:edit", "leads:convert", "leads:delete"):
        assert reverse(name, args=[lead.pk]) not in page
    assert reverse("leads:bulk_assign") not in client.get(reverse("leads:list")).content.decode()


def test_a_converted_lead_is_read_only(client, people, lead):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    client.post(reverse("leads:convert", args=[lead.pk]), {"version": lead.version})

    page = client.get(reverse("leads:detail", args=[lead.pk])).content.decode()
    again = client.post(reverse("leads:convert", args=[lead.pk]), {"version": lead.version + 1})

    assert Lead.objects.get().status == LeadStatus.CONVERTED
    assert reverse("contacts:detail", args=[Contact.objects.get().pk]) in page
    assert reverse("leads:edit", args=[lead.pk]) not in page
    assert again.status_code == 302
    assert Contact.objects.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(client, lead):  # type: ignore[no-untyped-def]
    for url in (
        reverse("leads:list"),
        reverse("leads:detail", args=[lead.pk]),
        reverse("leads:convert", args=[lead.pk]),
        reverse("leads:web_forms"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
