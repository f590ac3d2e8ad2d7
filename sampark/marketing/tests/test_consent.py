"""Consent per channel with its evidence, double opt-in through a real SMTP server, unsubscribe
(one-click too), the preference centre in the contact's language, and the suppression list that
wins over any consent — for one contact and, in SQL, for a whole audience."""

from __future__ import annotations

import re
import time
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from sampark.contacts.models import Contact
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.models import AuditEntry
from sampark.core.roles import Role
from sampark.core.tests.factories import TeamFactory, make_user
from sampark.marketing import actions_consent, links
from sampark.marketing.models import (
    Channel,
    Consent,
    ConsentEvent,
    ConsentSource,
    ConsentStatus,
    Suppression,
    SuppressionReason,
)
from sampark.marketing.reachability import may_contact, reachable

pytestmark = pytest.mark.django_db

AGREED = "Yes, send me the weekly market report by email."


def client_of(**values: Any) -> Contact:
    values.setdefault("owner", make_user(Role.AGENT))
    return ContactFactory(**values)


def agreed(contact: Contact, channel: str = Channel.EMAIL) -> Consent:
    return actions_consent.record_consent(
        contact, channel, ConsentStatus.GRANTED, source=ConsentSource.AGENT, wording=AGREED
    )


def test_a_consent_keeps_its_evidence_and_every_change() -> None:
    agent = make_user(Role.AGENT)
    rahim = client_of(owner=agent, email="rahim@example.com")
    actions_consent.record_consent(
        rahim,
        Channel.EMAIL,
        ConsentStatus.GRANTED,
        source=ConsentSource.AGENT,
        wording=AGREED,
        by=agent,
    )
    actions_consent.record_consent(
        rahim, Channel.EMAIL, ConsentStatus.WITHDRAWN, source=ConsentSource.AGENT, by=agent
    )
    standing = Consent.objects.get(contact=rahim, channel=Channel.EMAIL)
    assert standing.status == ConsentStatus.WITHDRAWN
    history = list(
        ConsentEvent.objects.filter(contact=rahim).values_list("status", "wording", "by")
    )
    assert history == [("withdrawn", "", agent.pk), ("granted", AGREED, agent.pk)]
    entry = AuditEntry.objects.filter(
        model_label="contacts.contact", object_id=str(rahim.pk)
    ).last()
    assert entry is not None
    assert entry.changes == {"consent_email": ["granted", "withdrawn"]}


def test_agreement_recorded_by_a_colleague_needs_the_words_agreed_to() -> None:
    with pytest.raises(ValidationError) as caught:
        actions_consent.record_consent(
            client_of(), Channel.SMS, ConsentStatus.GRANTED, source=ConsentSource.AGENT
        )
    assert set(caught.value.message_dict) == {"wording"}
    with pytest.raises(ValidationError) as bad:
        actions_consent.record_consent(client_of(), "fax", "maybe", source="rumour")
    assert set(bad.value.message_dict) == {"channel", "status", "source"}


def test_double_opt_in_sends_a_link_and_only_a_post_confirms(
    smtp_settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    rahim = client_of(email="rahim@example.com", language="bn", display_name="রহিম")
    with django_capture_on_commit_callbacks(execute=True):
        actions_consent.request_opt_in(rahim, wording=AGREED, source=ConsentSource.FORM)
    assert not may_contact(rahim, Channel.EMAIL).allowed  # waiting for confirmation
    (received,) = smtp_settings.messages
    assert received.recipients == ["rahim@example.com"]
    body = received.message.get_body(preferencelist=("plain",)).get_content()
    assert "রহিম" in body
    link = re.search(r"https?://\S+/preferences/confirm/\S+/", body)
    assert link is not None
    path = link.group(0).split("localhost:8000", 1)[-1]

    visitor = Client()
    page = visitor.get(path)  # a mail scanner opening the link confirms nothing
    assert page.status_code == 200
    assert page["Content-Language"] == "bn"
    assert Consent.objects.get(contact=rahim).status == ConsentStatus.PENDING
    visitor.post(path, REMOTE_ADDR="203.0.113.7")
    consent = Consent.objects.get(contact=rahim)
    assert (consent.status, consent.source, consent.wording) == ("granted", "confirmation", AGREED)
    assert consent.confirmed_at is not None
    assert (
        ConsentEvent.objects.filter(contact=rahim, source="confirmation").get().ip == "203.0.113.7"
    )
    assert may_contact(rahim, Channel.EMAIL).allowed


def test_an_altered_or_expired_confirmation_link_is_refused(settings) -> None:  # type: ignore[no-untyped-def]
    rahim = client_of(email="rahim@example.com")
    path = links.confirm_url(rahim, Channel.EMAIL).removeprefix(settings.SAMPARK_SITE_URL)
    assert Client().get(path[:-3] + "xx/").status_code == 404
    a_week_later = time.time() + (links.CONFIRM_DAYS + 1) * 86400
    with mock.patch("django.core.signing.time.time", return_value=a_week_later):
        expired = Client().get(path)
    assert expired.status_code == 410
    assert "expired" in expired.content.decode()


def test_one_click_unsubscribe_withdraws_and_suppresses() -> None:
    rahim = client_of(email="Rahim@Example.com")
    agreed(rahim)
    url = links.unsubscribe_url(rahim, Channel.EMAIL)
    path = url.split("localhost:8000", 1)[-1]
    # A mail program posts "List-Unsubscribe=One-Click" with no page, no cookie and no CSRF token.
    response = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Consent.objects.get(contact=rahim).status == ConsentStatus.WITHDRAWN
    suppression = Suppression.objects.get()
    assert (suppression.address, suppression.reason) == ("rahim@example.com", "unsubscribed")
    # Agreeing again later (a form, a colleague) does not lift the suppression.
    agreed(rahim)
    verdict = may_contact(rahim, Channel.EMAIL)
    assert not verdict.allowed
    assert "suppressed" in verdict.reason


def test_the_preference_centre_speaks_the_contacts_language_and_records_choices() -> None:
    sunita = client_of(email="sunita@example.com", language="hi", phone="+919800000001")
    agreed(sunita)
    path = links.preferences_url(sunita).split("localhost:8000", 1)[-1]
    visitor = Client()
    page = visitor.get(path)
    assert page.status_code == 200
    assert page["Content-Language"] == "hi"
    assert 'lang="hi"' in page.content.decode()

    visitor.post(
        path, {"channels": ["sms", "whatsapp"], "language": "en"}, REMOTE_ADDR="198.51.100.4"
    )
    standing = dict(Consent.objects.filter(contact=sunita).values_list("channel", "status"))
    assert standing == {"email": "withdrawn", "sms": "granted", "whatsapp": "granted"}
    sms = ConsentEvent.objects.get(contact=sunita, channel="sms")
    assert (sms.source, sms.ip) == ("preferences", "198.51.100.4")
    assert "SMS" in sms.wording
    sunita.refresh_from_db()
    assert sunita.language == "en"

    visitor.post(path, {"nothing": "1", "language": "en"})
    statuses = set(Consent.objects.filter(contact=sunita).values_list("status", flat=True))
    assert statuses == {"withdrawn"}


def test_a_forged_preference_link_shows_nothing() -> None:
    assert Client().get("/preferences/1:forged/").status_code == 404


def test_one_rule_decides_for_one_contact_and_for_an_audience() -> None:
    """Every combination: no consent, waiting, agreed, withdrawn, agreed but suppressed (in
    another case), agreed but no address."""
    made = {
        "nothing": client_of(email="a@example.com"),
        "waiting": client_of(email="b@example.com"),
        "agreed": client_of(email="c@example.com"),
        "withdrawn": client_of(email="d@example.com"),
        "suppressed": client_of(email="E@example.com"),
        "no address": client_of(email=""),
    }
    for name in ("agreed", "withdrawn", "suppressed", "no address"):
        agreed(made[name])
    actions_consent.record_consent(
        made["waiting"],
        Channel.EMAIL,
        ConsentStatus.PENDING,
        source=ConsentSource.FORM,
        wording=AGREED,
    )
    actions_consent.record_consent(
        made["withdrawn"], Channel.EMAIL, ConsentStatus.WITHDRAWN, source=ConsentSource.AGENT
    )
    actions_consent.suppress(Channel.EMAIL, "e@EXAMPLE.com", SuppressionReason.BOUNCED)
    one_by_one = {name for name, c in made.items() if may_contact(c, Channel.EMAIL).allowed}
    in_sql = set(reachable(Contact.objects.all(), Channel.EMAIL).values_list("pk", flat=True))
    assert one_by_one == {"agreed"}
    assert in_sql == {made["agreed"].pk}
    assert not reachable(Contact.objects.all(), Channel.SMS).exists()


def test_suppressions_are_checked_and_lifted_only_by_managers() -> None:
    with pytest.raises(ValidationError) as caught:
        actions_consent.suppress(Channel.SMS, "01711000001", SuppressionReason.MANUAL)
    assert "international" in caught.value.message_dict["address"][0]
    first = actions_consent.suppress(Channel.EMAIL, "x@example.com", SuppressionReason.BOUNCED)
    again = actions_consent.suppress(
        Channel.EMAIL, "X@example.com ", SuppressionReason.UNSUBSCRIBED
    )
    assert again.pk == first.pk
    assert again.reason == "bounced"
    with pytest.raises(PermissionDenied):
        actions_consent.lift_suppression(first, by=make_user(Role.AGENT))
    actions_consent.lift_suppression(first, by=make_user(Role.MANAGER))
    assert not Suppression.objects.exists()


def test_the_consent_section_follows_the_contacts_permissions() -> None:
    dhaka = TeamFactory()
    agent = make_user(Role.AGENT, dhaka)
    ours = client_of(owner=agent, team=dhaka, email="ours@example.com")
    theirs = client_of(email="theirs@example.com")
    browser = Client()
    browser.force_login(agent)
    assert browser.get(reverse("marketing:contact_consent", args=[ours.pk])).status_code == 200
    assert browser.get(reverse("marketing:contact_consent", args=[theirs.pk])).status_code == 404
    refused = browser.post(
        reverse("marketing:record_consent", args=[ours.pk]),
        {"channel": "email", "status": "granted", "wording": ""},
    )
    assert "Write down what they agreed to" in refused.content.decode()
    browser.post(
        reverse("marketing:record_consent", args=[ours.pk]),
        {"channel": "email", "status": "granted", "wording": AGREED},
    )
    assert Consent.objects.get(contact=ours).status == ConsentStatus.GRANTED
    reader = Client()
    reader.force_login(make_user(Role.READ_ONLY, dhaka))
    assert reader.post(
        reverse("marketing:record_consent", args=[ours.pk]),
        {"channel": "email", "status": "granted", "wording": AGREED},
    ).status_code in (403, 404)


def test_segments_may_keep_only_those_marketing_may_reach() -> None:
    from sampark.contacts.conditions import check, to_q

    reachable_one = client_of(email="yes@example.com")
    agreed(reachable_one)
    client_of(email="no@example.com")
    rule = check(
        {"match": "all", "conditions": [{"field": "reachable", "op": "is", "value": ["email"]}]}
    )
    assert list(Contact.objects.filter(to_q(rule))) == [reachable_one]
    rule["conditions"][0]["op"] = "is_not"
    assert Contact.objects.filter(to_q(rule)).count() == 1
