"""Suggesting meeting times on a contact's page and booking one as a logged meeting."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sampark.contacts.models import Activity, ActivityKind
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.models import AuditEntry

HTMX = {"HX-Request": "true"}


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(
        owner=people["agent"], team=teams[0], display_name="Oliver Smith", time_zone=""
    )


def test_the_fragment_lists_slots_in_both_clocks_and_says_when_a_zone_is_assumed(  # type: ignore[no-untyped-def]
    client, people, contact
):
    client.force_login(people["agent"])

    response = client.get(
        reverse("agenda:contact_slots", args=[contact.pk]),
        {"minutes": 60, "days": 14},
        headers=HTMX,
    )

    body = response.content.decode()
    assert response.templates[0].name == "agenda/slots/_slots.html"
    assert "We do not know their time zone" in body
    assert response.context["suggestion"].slots
    assert body.count('name="starts_at"') == len(response.context["suggestion"].slots)
    assert 'name="minutes" value="60"' in body


def test_booking_logs_a_meeting_through_the_contacts_action(client, people, contact):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    starts = (timezone.now() + datetime.timedelta(days=2)).replace(microsecond=0)

    response = client.post(
        reverse("agenda:contact_book_slot", args=[contact.pk]),
        {"starts_at": starts.isoformat(), "minutes": 45},
        headers=HTMX,
    )

    meeting = Activity.objects.get()
    assert "Meeting booked" in response.content.decode()
    assert (meeting.kind, meeting.contact, meeting.owner) == (
        ActivityKind.MEETING,
        contact,
        people["agent"],
    )
    assert meeting.starts_at == starts
    assert meeting.ends_at == starts + datetime.timedelta(minutes=45)
    assert meeting.subject == "Meeting with Oliver Smith"
    assert AuditEntry.objects.for_record(meeting).exists()


def test_a_bad_booking_says_so_instead_of_failing(client, people, contact):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    response = client.post(
        reverse("agenda:contact_book_slot", args=[contact.pk]),
        {"starts_at": "whenever", "minutes": 45},
        headers=HTMX,
    )

    assert response.status_code == 200
    assert "could not be booked" in response.content.decode()
    assert not Activity.objects.exists()


def test_a_reader_sees_suggestions_but_may_not_book(client, people, contact):  # type: ignore[no-untyped-def]
    client.force_login(people["reader"])

    shown = client.get(reverse("agenda:contact_slots", args=[contact.pk]), headers=HTMX)
    booked = client.post(
        reverse("agenda:contact_book_slot", args=[contact.pk]),
        {"starts_at": timezone.now().isoformat(), "minutes": 30},
    )

    assert shown.status_code == 200
    assert "Book" not in shown.content.decode()
    assert booked.status_code == 403
