"""Calls, meetings and notes logged with a lead: by whoever sees it (a colleague may log a call
with a teammate's lead), counted in its score, removed by their author or the lead's owner, and
carried onto the contact's timeline, with the mail sent to the lead, when it is converted."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sampark.contacts.models import Activity, ActivityKind
from sampark.core.models import AuditEntry
from sampark.leads.actions import convert_lead
from sampark.leads.actions_activities import log_lead_activity
from sampark.leads.models import Lead, LeadActivity, LeadStatus
from sampark.leads.tests.factories import make_lead
from sampark.mail import outbound
from sampark.scoring.tests.factories import make_rule

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(people) -> Lead:  # type: ignore[no-untyped-def]
    return make_lead(people["agent"], name="Karim Uddin", email="karim@meghna.com.bd")


def log(client, lead, **values):  # type: ignore[no-untyped-def]
    data = {"kind": "call", "direction": "outbound", "subject": "Called about bonds", **values}
    return client.post(reverse("leads:log_activity", args=[lead.pk]), data)


def test_a_colleague_logs_a_call_and_the_lead_page_shows_it(client, people, lead):  # type: ignore[no-untyped-def]
    client.force_login(people["colleague"])

    response = log(client, lead, body="<b>Wants</b> 5 lakh in Sanchayapatra")

    assert response.status_code == 302
    activity = LeadActivity.objects.get()
    assert (activity.lead, activity.author, activity.kind) == (lead, people["colleague"], "call")
    assert AuditEntry.objects.filter(model_label="leads.leadactivity", action="create").exists()
    page = client.get(reverse("leads:detail", args=[lead.pk])).content.decode()
    assert "Called about bonds" in page
    assert "&lt;b&gt;Wants&lt;/b&gt;" in page  # shown as typed, never as markup


def test_an_empty_interaction_is_refused_with_a_reason(client, people, lead):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    response = log(client, lead, subject="", body="")

    assert response.status_code == 422
    assert "subject or some details" in str(response.context["activity_form"].non_field_errors())
    assert not LeadActivity.objects.exists()


@pytest.mark.parametrize(("role", "status"), [("reader", 403), ("outsider", 404)])
def test_who_may_not_log_cannot(client, people, lead, role, status):  # type: ignore[no-untyped-def]
    client.force_login(people[role])

    assert log(client, lead).status_code == status
    assert not LeadActivity.objects.exists()


def test_only_the_author_or_the_lead_s_owner_removes_an_interaction(client, people, lead):  # type: ignore[no-untyped-def]
    activity = log_lead_activity(
        lead, by=people["colleague"], kind="note", subject="Prefers Bangla"
    )
    url = reverse("leads:delete_activity", args=[lead.pk, activity.pk])

    client.force_login(people["outsider"])
    assert client.post(url).status_code == 404  # another team's lead is not there for them
    client.force_login(people["reader"])
    assert client.post(url).status_code == 403
    client.force_login(people["agent"])  # the lead's owner
    assert client.post(url).status_code == 302

    assert not LeadActivity.objects.exists()


def test_a_call_by_the_owner_marks_a_new_lead_contacted_a_note_does_not(people, lead):  # type: ignore[no-untyped-def]
    log_lead_activity(lead, by=people["agent"], kind="note", subject="Prefers Bangla")
    lead.refresh_from_db()
    assert lead.status == LeadStatus.NEW
    log_lead_activity(lead, by=people["colleague"], kind="call", subject="Left a message")
    lead.refresh_from_db()
    assert lead.status == LeadStatus.NEW  # a colleague may log, not change the lead

    log_lead_activity(lead, by=people["agent"], kind="call", subject="Spoke to Karim")

    lead.refresh_from_db()
    assert lead.status == LeadStatus.CONTACTED


def test_interactions_count_in_the_score(people, lead):  # type: ignore[no-untyped-def]
    make_rule(field="activities", operator="at_least", value="2", points=20)
    log_lead_activity(lead, by=people["agent"], kind="call", subject="First call")
    lead.refresh_from_db()
    assert lead.score == 0

    log_lead_activity(lead, by=people["agent"], kind="meeting", subject="Met at the branch")

    lead.refresh_from_db()
    assert lead.score == 20


def test_conversion_carries_the_lead_s_exchanges_onto_the_contact(people, lead, smtp_settings):  # type: ignore[no-untyped-def]
    called = timezone.now() - datetime.timedelta(days=3)
    log_lead_activity(
        lead, by=people["agent"], kind="call", subject="Called about bonds", occurred_at=called
    )
    sent = outbound.send(
        by=people["agent"], record=lead, to=lead.email, subject="Our rates", text="See attached."
    )

    converted = convert_lead(lead, by=people["agent"])

    on_timeline = Activity.objects.filter(contact=converted.converted_contact)
    call = on_timeline.get(kind=ActivityKind.CALL)
    assert (call.subject, call.occurred_at) == ("Called about bonds", called)
    email = on_timeline.get(kind=ActivityKind.EMAIL)
    assert (email.subject, email.message_id, email.occurred_at) == (
        "Our rates",
        sent.message_id,
        sent.sent_at,
    )
    assert LeadActivity.objects.filter(lead=lead).count() == 1  # the lead keeps its history
