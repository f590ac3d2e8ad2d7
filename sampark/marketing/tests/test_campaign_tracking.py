"""What comes back from campaign mail: opens and clicks (signed links, no open redirect), the
unsubscribe it carried, a provider's bounces and complaints, the contact's timeline, and the
segment conditions that read them."""

from __future__ import annotations

import base64
import json
import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from sampark.contacts.conditions import to_q
from sampark.contacts.models import Contact
from sampark.contacts.timeline_sources import sources
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from sampark.marketing import audience, bounces, sending
from sampark.marketing.models import (
    CampaignEvent,
    Channel,
    Consent,
    ConsentStatus,
    Recipient,
    RecipientState,
    Suppression,
    SuppressionReason,
)
from sampark.marketing.tests.factories import make_campaign, make_list, reachable_client
from sampark.marketing.tracking import RecipientTracking

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(smtp_settings: Any) -> tuple[Recipient, Any]:
    """One campaign mail that went out, and the message as the server got it."""
    agent = make_user(Role.AGENT)
    client = reachable_client(owner=agent, email="rahim@example.com")
    campaign = make_campaign(agent, make_list(agent, client.pk), name="Eid notes")
    audience.plan(campaign, agent)
    sending.send_due(campaign.pk)
    return Recipient.objects.get(contact=client), smtp_settings.messages[0].message


def path_of(url: str) -> str:
    """The address as the test client asks for it: path and query, without the site."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def test_the_open_pixel_counts_opens(sent: tuple[Recipient, Any]) -> None:
    recipient, message = sent
    html = message.get_body(("html",)).get_content()
    pixel = RecipientTracking.of(recipient.token, recipient.contact).pixel
    assert pixel in html
    for _ in range(2):
        response = Client().get(path_of(pixel))
        assert response["Content-Type"] == "image/gif"
    recipient.refresh_from_db()
    assert recipient.opens == 2
    assert recipient.opened_at is not None
    # A pixel of a mail that is gone still answers with the image.
    assert Client().get("/n/o/unknown.gif").status_code == 200


def test_a_click_leads_only_where_the_mail_led_and_is_counted(sent: tuple[Recipient, Any]) -> None:
    recipient, message = sent
    # The link as the mail has it (signing again here, a second later, would give another).
    html = message.get_body(("html",)).get_content()
    [link] = re.findall(r'href="([^"]*/n/c/[^"]*)"', html)

    response = Client().get(path_of(link))
    assert response.status_code == 302
    assert response["Location"] == "https://padma.example/r"
    recipient.refresh_from_db()
    assert (recipient.clicks, recipient.opens) == (1, 0)
    assert recipient.clicked_at is not None
    assert recipient.opened_at is not None  # a click shows it was opened
    assert CampaignEvent.objects.get(kind="click").url == "https://padma.example/r"

    # The target cannot be changed, nor a script smuggled in.
    forged = path_of(link).replace("/n/c/", "/n/c/x")
    assert Client().get(forged).status_code == 400
    evil = signing.dumps([recipient.token, "javascript:alert(1)"], salt="sampark.marketing.click")
    assert Client().get(f"/n/c/{evil}/").status_code == 400
    other_salt = signing.dumps([recipient.token, "https://evil.example"], salt="sampark.mail.click")
    assert Client().get(f"/n/c/{other_salt}/").status_code == 400


def test_the_one_click_unsubscribe_of_a_campaign_mail_is_counted(
    sent: tuple[Recipient, Any],
) -> None:
    recipient, message = sent
    unsubscribe = message["List-Unsubscribe"].strip("<>")
    response = Client(enforce_csrf_checks=True).post(
        path_of(unsubscribe), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    recipient.refresh_from_db()
    assert recipient.unsubscribed_at is not None
    consent = Consent.objects.get(contact=recipient.contact, channel=Channel.EMAIL)
    assert consent.status == ConsentStatus.WITHDRAWN
    assert Suppression.objects.filter(address="rahim@example.com").exists()


def test_a_providers_bounce_and_complaint_suppress_the_address(
    sent: tuple[Recipient, Any], settings: Any
) -> None:
    recipient, _message = sent
    Recipient.objects.filter(pk=recipient.pk).update(provider_id="pm-1")
    settings.ROOT_URLCONF = "sampark.marketing.tests.urls_with_provider"
    settings.ANYMAIL = {"WEBHOOK_SECRET": "hook:s3cret"}
    auth = "Basic " + base64.b64encode(b"hook:s3cret").decode()

    def post(event: dict[str, Any], authorization: str = auth) -> int:
        return (
            Client()
            .post(
                "/anymail/postmark/tracking/",
                json.dumps(event),
                content_type="application/json",
                headers={"Authorization": authorization},
            )
            .status_code
        )

    bounce = {
        "RecordType": "Bounce",
        "Type": "HardBounce",
        "ID": 1,
        "MessageID": "pm-1",
        "Email": "rahim@example.com",
        "Description": "The server was unable to deliver your message",
        "BouncedAt": "2026-11-24T10:00:00Z",
    }
    # Unsigned: refused, and nothing suppressed.
    assert post(bounce, "Basic " + base64.b64encode(b"hook:wrong").decode()) == 400
    assert not Suppression.objects.exists()

    assert post(bounce) == 200
    recipient.refresh_from_db()
    assert recipient.state == RecipientState.BOUNCED
    assert Suppression.objects.get().reason == SuppressionReason.BOUNCED

    reachable_client(email="priya@example.com")
    complaint = {**bounce, "RecordType": "SpamComplaint", "Type": "SpamComplaint", "ID": 2,
                 "MessageID": "pm-2", "Email": "priya@example.com"}  # fmt: skip
    assert post(complaint) == 200
    assert Suppression.objects.get(address="priya@example.com").reason == (
        SuppressionReason.COMPLAINED
    )


def test_a_complaint_is_kept_on_the_mail_it_was_about(sent: tuple[Recipient, Any]) -> None:
    recipient, _message = sent
    bounces.complained("rahim@example.com", recipient=recipient)
    recipient.refresh_from_db()
    assert recipient.complained_at is not None
    assert Suppression.objects.get().reason == SuppressionReason.COMPLAINED


def test_campaign_mail_shows_on_the_contacts_timeline(sent: tuple[Recipient, Any]) -> None:
    recipient, _message = sent
    Recipient.objects.filter(pk=recipient.pk).update(opened_at=timezone.now())
    source = next(s for s in sources() if s.kind == "campaign")
    owner = recipient.contact.owner
    [entry] = source.events(owner, recipient.contact, None, 10)
    assert entry.title == "Eid notes"
    assert "opened" in entry.summary


def test_segments_can_ask_who_opened_the_last_campaign(smtp_settings: Any) -> None:
    agent = make_user(Role.AGENT)
    opener, ignorer, never = (reachable_client(owner=agent) for _ in range(3))
    first = make_campaign(agent, make_list(agent, opener.pk, ignorer.pk))
    audience.plan(first, agent)
    sending.send_due(first.pk)
    Recipient.objects.filter(contact=ignorer).update(opened_at=timezone.now())  # opened the first
    second = make_campaign(agent, make_list(agent, opener.pk, ignorer.pk))
    audience.plan(second, agent)
    sending.send_due(second.pk)
    Recipient.objects.filter(campaign=second, contact=opener).update(opened_at=timezone.now())

    def who(field: str, op: str, **extra: Any) -> set[int]:
        rule = {"match": "all", "conditions": [{"field": field, "op": op, **extra}]}
        return set(Contact.objects.filter(to_q(rule)).values_list("pk", flat=True)) & {
            opener.pk,
            ignorer.pk,
            never.pk,
        }

    assert who("campaign_opened_last", "is_true") == {opener.pk}
    assert who("campaign_opened_last", "is_false") == {ignorer.pk}  # not one who never got one
    assert who("campaigns_opened", "at_least", value=1) == {opener.pk, ignorer.pk}
    assert who("campaigns_received", "at_least", value=2, days=30) == {opener.pk, ignorer.pk}
    assert who("campaigns_clicked", "none") == {opener.pk, ignorer.pk, never.pk}
