"""Logging, editing and deleting interactions from the timeline, with htmx and without."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sampark.contacts.models import Activity, ActivityKind, Direction
from sampark.contacts.tests import activity_factories as files
from sampark.contacts.tests.activity_factories import ActivityFactory, upload
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory

HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0], display_name="Meera Nair")


@pytest.fixture
def agent(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    return client


def log_url(contact) -> str:  # type: ignore[no-untyped-def]
    return reverse("contacts:contact_log_activity", args=[contact.pk])


def call(**values):  # type: ignore[no-untyped-def]
    data = {
        "kind": "call",
        "direction": "outbound",
        "occurred_at": "2026-03-02T15:30",
        "subject": "Renewal",
        "body": "Talked about the renewal.\nCall back Friday.",
        "duration": "4:30",
        "outcome": "connected",
    }
    data.update(values)
    return data


def test_choosing_a_kind_swaps_in_its_fields_keeping_what_was_typed(agent, contact):  # type: ignore[no-untyped-def]
    response = agent.post(
        log_url(contact),
        {"kind": "meeting", "subject": "Typed already", "switch_kind": "1"},
        headers=HTMX,
    )

    body = response.content.decode()
    assert body.lstrip().startswith('<form id="log-activity-form"')
    for name in ("starts_at", "ends_at", "location", "video_url", "attendees"):
        assert f'name="{name}"' in body
    assert 'name="duration"' not in body
    assert 'value="Typed already"' in body
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("kind", "fields", "absent"),
    [
        ("call", ["duration", "outcome"], ["to_addresses", "handle"]),
        ("email", ["from_address", "to_addresses", "cc_addresses"], ["duration", "message_id"]),
        ("sms", ["handle"], ["duration", "location"]),
        ("note", [], ["duration", "handle", "to_addresses", "location"]),
    ],
)
def test_each_kind_shows_its_own_fields(agent, contact, kind, fields, absent):  # type: ignore[no-untyped-def]
    body = agent.get(log_url(contact), {"kind": kind}, headers=HTMX).content.decode()

    for name in fields:
        assert f'name="{name}"' in body
    for name in absent:
        assert f'name="{name}"' not in body


def test_the_kind_select_asks_for_its_form_without_script_in_the_page(agent, contact):  # type: ignore[no-untyped-def]
    body = agent.get(log_url(contact), headers=HTMX).content.decode()

    assert f'hx-post="{log_url(contact)}" hx-trigger="change"' in body
    assert "<script" not in body
    assert " style=" not in body
    assert " onchange=" not in body


def test_logging_a_call_with_htmx_shows_it_on_the_timeline(agent, people, contact):  # type: ignore[no-untyped-def]
    response = agent.post(log_url(contact), call(), headers=HTMX)

    activity = Activity.objects.get()
    assert activity.contact == contact
    assert activity.owner == people["agent"]
    assert activity.duration_seconds == 270
    assert activity.outcome == "connected"
    assert activity.body == "<p>Talked about the renewal.<br>Call back Friday.</p>"
    assert activity.occurred_at.isoformat() == "2026-03-02T09:30:00+00:00"  # typed in Dhaka time
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="timeline-body"')
    assert "Interaction logged." in body
    assert f'id="activity-{activity.pk}"' in body


def test_logging_without_script_redirects_to_the_contact(agent, contact):  # type: ignore[no-untyped-def]
    response = agent.post(log_url(contact), call())

    assert response.status_code == 302
    assert response["Location"] == reverse("contacts:detail", args=[contact.pk])
    assert Activity.objects.count() == 1


def test_a_note_is_internal_by_default(agent, contact):  # type: ignore[no-untyped-def]
    body = agent.get(log_url(contact), {"kind": "note"}, headers=HTMX).content.decode()

    assert '<option value="internal" selected>' in body


def test_errors_replace_only_the_form_and_nothing_is_saved(agent, contact):  # type: ignore[no-untyped-def]
    data = {
        "kind": "email",
        "direction": "outbound",
        "occurred_at": "2026-03-02T15:30",
        "to_addresses": "meera@example.com\nnot an address",
    }

    response = agent.post(log_url(contact), data, headers=HTMX)

    assert response["HX-Retarget"] == "#log-activity-form"
    body = response.content.decode()
    assert "not an address" in body
    assert 'class="field has-error"' in body
    assert not Activity.objects.exists()


def test_a_meeting_cannot_end_before_it_starts(agent, contact):  # type: ignore[no-untyped-def]
    data = {
        "kind": "meeting",
        "direction": "outbound",
        "occurred_at": "2026-03-02T15:30",
        "starts_at": "2026-03-02T15:30",
        "ends_at": "2026-03-02T14:30",
    }

    body = agent.post(log_url(contact), data, headers=HTMX).content.decode()

    assert "cannot end before it starts" in body
    assert not Activity.objects.exists()


@pytest.mark.parametrize("duration", ["-5", "abc", "4:75"])
def test_a_bad_duration_is_refused(agent, contact, duration):  # type: ignore[no-untyped-def]
    response = agent.post(log_url(contact), call(duration=duration), headers=HTMX)

    assert 'id="log_duration_error"' in response.content.decode()
    assert not Activity.objects.exists()


def test_attachments_upload_with_the_form(agent, contact):  # type: ignore[no-untyped-def]
    data = call(attachments=[upload("quote.pdf", files.PDF), upload("photo.png", files.PNG)])

    agent.post(log_url(contact), data, headers=HTMX)

    names = sorted(a.original_name for a in Activity.objects.get().attachments.all())
    assert names == ["photo.png", "quote.pdf"]


def test_a_refused_attachment_shows_on_the_form(agent, contact):  # type: ignore[no-untyped-def]
    data = call(attachments=[upload("invoice.pdf", files.EXE, "application/pdf")])

    body = agent.post(log_url(contact), data, headers=HTMX).content.decode()

    assert "invoice.pdf is not a type of file we accept" in body
    assert not Activity.objects.exists()


def test_the_form_needs_the_csrf_token(people, contact):  # type: ignore[no-untyped-def]
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["agent"])

    response = client.post(log_url(contact), call(), headers=HTMX)

    assert response.status_code == 403
    assert not Activity.objects.exists()


def test_logging_on_a_company_belongs_to_the_companys_team(client, people, teams):  # type: ignore[no-untyped-def]
    company = CompanyFactory(owner=people["colleague"], team=teams[0])
    client.force_login(people["agent"])

    client.post(reverse("contacts:company_log_activity", args=[company.pk]), call(), headers=HTMX)

    activity = Activity.objects.get()
    assert (activity.company, activity.contact, activity.team) == (company, None, teams[0])
    assert activity.owner == people["agent"]


def test_editing_with_htmx_returns_the_saved_entry(agent, people, contact):  # type: ignore[no-untyped-def]
    activity = ActivityFactory(contact=contact, owner=people["agent"], team=contact.team)
    url = reverse("contacts:activity_edit", args=[activity.pk]) + "?on=contact"

    form = agent.get(url, headers=HTMX).content.decode()
    assert form.lstrip().startswith(f'<li id="activity-{activity.pk}"')
    assert f'id="activity{activity.pk}_subject"' in form
    response = agent.post(
        url, {**call(subject="Edited", duration="10"), "version": activity.version}, headers=HTMX
    )

    activity.refresh_from_db()
    assert (activity.subject, activity.duration_seconds, activity.version) == ("Edited", 600, 2)
    body = response.content.decode()
    assert body.lstrip().startswith(f'<li id="activity-{activity.pk}"')
    assert "Edited" in body


def test_changing_the_kind_clears_what_only_the_old_kind_had(agent, people, contact):  # type: ignore[no-untyped-def]
    activity = ActivityFactory(
        contact=contact, owner=people["agent"], duration_seconds=60, outcome="busy"
    )
    data = {"kind": "note", "direction": "internal", "occurred_at": "2026-03-02T15:30"}

    agent.post(reverse("contacts:activity_edit", args=[activity.pk]), {**data, "version": 1})

    activity.refresh_from_db()
    assert (activity.kind, activity.duration_seconds, activity.outcome) == ("note", None, "")


def test_an_edit_from_a_stale_version_is_refused(agent, people, contact):  # type: ignore[no-untyped-def]
    activity = ActivityFactory(contact=contact, owner=people["agent"], version=3)

    response = agent.post(
        reverse("contacts:activity_edit", args=[activity.pk]),
        {**call(subject="Mine"), "version": 2},
        headers=HTMX,
    )

    assert "Someone else changed this interaction" in response.content.decode()
    activity.refresh_from_db()
    assert activity.subject != "Mine"


def test_deleting_with_htmx_removes_the_entry(agent, people, contact):  # type: ignore[no-untyped-def]
    activity = ActivityFactory(contact=contact, owner=people["agent"])

    response = agent.post(
        reverse("contacts:activity_delete", args=[activity.pk]), {"version": 1}, headers=HTMX
    )

    assert response.status_code == 200
    assert response.content == b""
    assert not Activity.objects.exists()


def test_deleting_without_script_asks_first(agent, people, contact):  # type: ignore[no-untyped-def]
    activity = ActivityFactory(contact=contact, owner=people["agent"])
    url = reverse("contacts:activity_delete", args=[activity.pk])

    assert "cannot be undone" in agent.get(url).content.decode()
    assert Activity.objects.exists()
    response = agent.post(url, {"version": 1})

    assert response["Location"] == reverse("contacts:detail", args=[contact.pk])
    assert not Activity.objects.exists()


def test_a_delete_from_a_stale_version_keeps_the_entry(agent, people, contact):  # type: ignore[no-untyped-def]
    activity = ActivityFactory(contact=contact, owner=people["agent"], version=2)

    response = agent.post(
        reverse("contacts:activity_delete", args=[activity.pk]), {"version": 1}, headers=HTMX
    )

    assert "was not deleted" in response.content.decode()
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_a_note_logged_via_the_form_is_internal(agent, contact):  # type: ignore[no-untyped-def]
    agent.post(
        log_url(contact),
        {"kind": "note", "direction": "internal", "occurred_at": "2026-03-02T15:30", "body": "x"},
    )

    activity = Activity.objects.get()
    assert (activity.kind, activity.direction) == (ActivityKind.NOTE, Direction.INTERNAL)
