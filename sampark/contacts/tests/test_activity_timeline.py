"""The timeline on a contact's and a company's page: newest first, by kind, one page at a time."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.models import ActivityKind, Affiliation
from sampark.contacts.tests.activity_factories import ActivityFactory, at
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory

HTMX = {"HX-Request": "true"}


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0], display_name="Meera Nair")


def on(contact, **values):  # type: ignore[no-untyped-def]
    values.setdefault("owner", contact.owner)
    values.setdefault("team", contact.team)
    return ActivityFactory(contact=contact, **values)


def subjects(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [entry.activity.subject for entry in response.context["entries"]]


def test_the_contact_page_loads_the_timeline_without_querying_it(client, people, contact):  # type: ignore[no-untyped-def]
    on(contact, subject="Renewal call")
    client.force_login(people["agent"])

    body = client.get(reverse("contacts:detail", args=[contact.pk])).content.decode()

    url = reverse("contacts:contact_timeline", args=[contact.pk])
    assert f'hx-get="{url}"' in body
    assert 'hx-trigger="load"' in body
    assert "Renewal call" not in body  # it arrives with the timeline


def test_the_timeline_is_newest_first(client, people, contact):  # type: ignore[no-untyped-def]
    on(contact, subject="middle", occurred_at=at(2))
    on(contact, subject="oldest", occurred_at=at(1))
    on(contact, subject="newest", occurred_at=at(3))
    on(contact, subject="same time, later id", occurred_at=at(2))
    client.force_login(people["agent"])

    response = client.get(reverse("contacts:contact_timeline", args=[contact.pk]), headers=HTMX)

    assert subjects(response) == ["newest", "same time, later id", "middle", "oldest"]
    body = response.content.decode()
    assert "<html" not in body
    assert body.index("newest") < body.index("oldest")


def test_the_timeline_shows_only_that_contacts_activities(client, people, contact, teams):  # type: ignore[no-untyped-def]
    other = ContactFactory(owner=people["agent"], team=teams[0])
    on(contact, subject="mine")
    on(other, subject="someone else's")
    client.force_login(people["agent"])

    response = client.get(reverse("contacts:contact_timeline", args=[contact.pk]), headers=HTMX)

    assert subjects(response) == ["mine"]


def test_the_kind_filter(client, people, contact):  # type: ignore[no-untyped-def]
    on(contact, subject="a call", kind=ActivityKind.CALL)
    on(contact, subject="a note", kind=ActivityKind.NOTE)
    on(contact, subject="an email", kind=ActivityKind.EMAIL)
    client.force_login(people["agent"])
    url = reverse("contacts:contact_timeline", args=[contact.pk])

    response = client.get(url, {"kind": "note", "part": "entries"}, headers=HTMX)

    assert subjects(response) == ["a note"]
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="timeline-entries"')
    assert "log-activity-form" not in body  # only the entries are replaced
    # An unknown kind is no filter at all.
    assert len(subjects(client.get(url, {"kind": "fax"}, headers=HTMX))) == 3


def test_older_pages_by_keyset_walk_every_entry_once(client, people, contact, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sampark.contacts.views_timeline.PAGE_SIZE", 4)
    for n in range(11):
        on(contact, subject=f"entry {n}", occurred_at=at(1 + n % 3))  # ties on time, too
    client.force_login(people["agent"])
    url: str | None = reverse("contacts:contact_timeline", args=[contact.pk])
    seen: list[str] = []
    pages = 0
    while url:
        response = client.get(url, headers=HTMX)
        seen += subjects(response)
        url = response.context["older_url"]
        pages += 1
        if url:
            assert f'hx-get="{url.replace("&", "&amp;")}"' in response.content.decode()

    assert pages == 3
    assert len(seen) == len(set(seen)) == 11


def test_older_returns_just_the_next_entries(client, people, contact, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sampark.contacts.views_timeline.PAGE_SIZE", 2)
    for n in range(3):
        on(contact, subject=f"entry {n}", occurred_at=at(1 + n))
    client.force_login(people["agent"])
    first = client.get(reverse("contacts:contact_timeline", args=[contact.pk]), headers=HTMX)

    older = client.get(first.context["older_url"], headers=HTMX)

    body = older.content.decode()
    assert body.lstrip().startswith("<li")
    assert subjects(older) == ["entry 0"]
    assert older.context["older_url"] is None


def test_older_keeps_the_kind_filter(client, people, contact, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sampark.contacts.views_timeline.PAGE_SIZE", 1)
    on(contact, subject="note 1", kind=ActivityKind.NOTE, occurred_at=at(1))
    on(contact, subject="call", kind=ActivityKind.CALL, occurred_at=at(2))
    on(contact, subject="note 2", kind=ActivityKind.NOTE, occurred_at=at(3))
    client.force_login(people["agent"])
    url = reverse("contacts:contact_timeline", args=[contact.pk])

    first = client.get(url, {"kind": "note"}, headers=HTMX)
    second = client.get(first.context["older_url"], headers=HTMX)

    assert subjects(first) + subjects(second) == ["note 2", "note 1"]


def test_a_foreign_cursor_starts_again(client, people, contact):  # type: ignore[no-untyped-def]
    on(contact, subject="only")
    client.force_login(people["agent"])

    response = client.get(
        reverse("contacts:contact_timeline", args=[contact.pk]), {"cursor": "bm9wZQ"}, headers=HTMX
    )

    assert subjects(response) == ["only"]


def test_without_script_the_timeline_is_a_page_of_its_own(client, people, contact):  # type: ignore[no-untyped-def]
    on(contact, subject="Renewal call")
    client.force_login(people["agent"])

    response = client.get(reverse("contacts:contact_timeline", args=[contact.pk]))

    body = response.content.decode()
    assert "<html" in body
    assert "Renewal call" in body
    assert "HX-Request" in response["Vary"]


def test_an_entry_shows_its_details(client, people, contact, settings):  # type: ignore[no-untyped-def]
    on(
        contact,
        kind=ActivityKind.CALL,
        subject="Renewal",
        duration_seconds=270,
        outcome="voicemail",
        body="<p>Left a <strong>message</strong></p>",
    )
    on(
        contact,
        kind=ActivityKind.MEETING,
        subject="Site visit",
        starts_at=at(5, 9),
        ends_at=at(5, 10),
        location="Gulshan office",
        video_url="https://meet.example.com/abc",
        attendees=["Meera", "Arif"],
    )
    client.force_login(people["agent"])

    body = client.get(
        reverse("contacts:contact_timeline", args=[contact.pk]), headers=HTMX
    ).content.decode()

    assert "Voicemail" in body
    assert "4 min 30 s" in body
    assert "Left a <strong>message</strong>" in body  # sanitised on write, shown as HTML
    assert "Gulshan office" in body
    assert 'href="https://meet.example.com/abc" rel="noopener noreferrer"' in body
    assert "Meera, Arif" in body
    assert "Agent" in body or people["agent"].get_full_name() in body  # the author


def test_times_are_shown_in_the_users_time_zone(client, people, contact):  # type: ignore[no-untyped-def]
    on(contact, subject="x", occurred_at=at(2, 4))  # 04:00 UTC is 10:00 in Dhaka
    client.force_login(people["agent"])

    body = client.get(
        reverse("contacts:contact_timeline", args=[contact.pk]), headers=HTMX
    ).content.decode()

    assert "10:00:00" in body


def test_the_company_timeline_includes_its_people(client, people, teams):  # type: ignore[no-untyped-def]
    company = CompanyFactory(owner=people["agent"], team=teams[0], name="Padma Traders")
    staff = ContactFactory(owner=people["agent"], team=teams[0], display_name="Arif")
    outsider = ContactFactory(owner=people["agent"], team=teams[0], display_name="Elsewhere")
    other_company = CompanyFactory(owner=people["agent"], team=teams[0])
    Affiliation.objects.create(contact=staff, company=company)
    Affiliation.objects.create(contact=staff, company=other_company)  # no repeats from joins
    ActivityFactory(
        company=company,
        owner=people["agent"],
        team=teams[0],
        subject="company call",
        occurred_at=at(1),
    )
    ActivityFactory(
        contact=staff,
        owner=people["agent"],
        team=teams[0],
        subject="call with Arif",
        occurred_at=at(2),
    )
    ActivityFactory(
        contact=staff,
        company=company,
        owner=people["agent"],
        team=teams[0],
        subject="both",
        occurred_at=at(3),
    )
    ActivityFactory(
        contact=outsider,
        owner=people["agent"],
        team=teams[0],
        subject="unrelated",
        occurred_at=at(4),
    )
    client.force_login(people["agent"])

    response = client.get(reverse("contacts:company_timeline", args=[company.pk]), headers=HTMX)

    assert subjects(response) == ["both", "call with Arif", "company call"]
    assert "Arif" in response.content.decode()  # names the person an entry is about


@pytest.mark.parametrize("count", [2, 25])
def test_the_timeline_costs_the_same_queries_however_many_entries(  # type: ignore[no-untyped-def]
    client, people, contact, teams, count, django_assert_max_num_queries, settings, tmp_path
):
    from sampark.contacts.models import Attachment

    settings.MEDIA_ROOT = tmp_path
    authors = [people["agent"], people["colleague"], people["manager"]]
    for n in range(count):
        activity = on(contact, owner=authors[n % 3], subject=f"entry {n}")
        Attachment.objects.create(
            activity=activity,
            file=f"attachments/x{n}.pdf",
            original_name="a.pdf",
            size=5,
            content_type="application/pdf",
        )
    client.force_login(people["agent"])
    url = reverse("contacts:contact_timeline", args=[contact.pk])
    client.get(url, headers=HTMX)  # warm the session

    with django_assert_max_num_queries(10):
        response = client.get(url, headers=HTMX)

    assert response.status_code == 200
    assert len(response.context["entries"]) == min(count, 20)


def test_the_contact_page_query_count_does_not_depend_on_the_timeline(  # type: ignore[no-untyped-def]
    client, people, contact, django_assert_num_queries
):
    client.force_login(people["agent"])
    url = reverse("contacts:detail", args=[contact.pk])
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(30):
        on(contact, subject=f"entry {n}")

    with django_assert_num_queries(len(before.captured_queries)):
        client.get(url)


def test_the_company_page_loads_the_company_timeline(client, people, teams):  # type: ignore[no-untyped-def]
    company = CompanyFactory(owner=people["agent"], team=teams[0])
    client.force_login(people["agent"])

    body = client.get(reverse("contacts:company_detail", args=[company.pk])).content.decode()

    url = reverse("contacts:company_timeline", args=[company.pk])
    assert f'hx-get="{url}" hx-trigger="load"' in body


def test_the_contact_header_names_the_last_interaction(client, people, contact):  # type: ignore[no-untyped-def]
    on(contact, kind=ActivityKind.NOTE, subject="Old note", occurred_at=at(5))
    latest = on(contact, kind=ActivityKind.CALL, subject="Renewal call", occurred_at=at(20))
    client.force_login(people["agent"])

    response = client.get(reverse("contacts:detail", args=[contact.pk]))

    assert response.context["last_contact"].pk == latest.pk
    assert "Last contact: Call," in response.content.decode()
