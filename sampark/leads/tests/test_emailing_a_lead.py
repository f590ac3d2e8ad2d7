"""Emailing a lead from its page, through a real SMTP server: sent as the writer, kept on the
lead, and — when tracked — its opens and followed links seen and counted in the lead's score."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sampark.leads.models import Lead, LeadStatus
from sampark.leads.tests.factories import make_lead
from sampark.mail.automatic import OWN_HEADER
from sampark.mail.models import MailEvent, OutboundMail
from sampark.scoring.tests.factories import make_rule

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(people) -> Lead:  # type: ignore[no-untyped-def]
    return make_lead(people["agent"], name="Meera Nair", email="meera@example.in")


def send(client, lead, **values):  # type: ignore[no-untyped-def]
    data = {
        "subject": "Your Sanchayapatra question",
        "text": "Dear Meera,\n\nOur rates are at https://broker.example/rates?x=1 for you.",
        "tracked": "on",
        **values,
    }
    return client.post(reverse("leads:email", args=[lead.pk]), data)


def test_the_email_goes_out_as_the_writer_and_the_new_lead_becomes_contacted(  # type: ignore[no-untyped-def]
    client, people, lead, smtp_settings
):
    people["agent"].email = "agent@broker.example"
    people["agent"].save()
    client.force_login(people["agent"])

    response = send(client, lead)

    assert response.status_code == 302
    received = smtp_settings.messages[0]
    assert received.recipients == ["meera@example.in"]
    message = received.message
    assert "agent@broker.example" in message["From"]
    assert message["Reply-To"] == "agent@broker.example"
    assert message[OWN_HEADER]  # a copy that comes back is known as ours
    assert "https://broker.example/rates?x=1" in message.get_body(("plain",)).get_content()
    lead.refresh_from_db()
    assert lead.status == LeadStatus.CONTACTED
    mail = OutboundMail.objects.get()
    assert (mail.record, mail.sent_by, mail.error) == (lead, people["agent"], "")
    page = client.get(reverse("leads:detail", args=[lead.pk])).content.decode()
    assert "Your Sanchayapatra question" in page
    assert "Not opened yet" in page


def test_opens_and_clicks_are_seen_and_score_the_lead(client, people, lead, smtp_settings):  # type: ignore[no-untyped-def]
    make_rule(field="opens", operator="at_least", value="1", points=10)
    make_rule(field="clicks", operator="at_least", value="1", points=20)
    client.force_login(people["agent"])
    send(client, lead)
    html = smtp_settings.messages[0].message.get_body(("html",)).get_content()
    pixel = re.search(r'<img src="http://[^/]+(/m/o/[^"]+)"', html).group(1)
    link = re.search(r'<a href="http://[^/]+(/m/c/[^"]+)"', html).group(1)
    lead.refresh_from_db()
    assert lead.score == 0

    reader = client.__class__()  # the recipient's mail program: nobody signed in
    opened = reader.get(pixel)
    assert (opened.status_code, opened["Content-Type"]) == (200, "image/gif")
    followed = reader.get(link.replace("&amp;", "&"))
    assert (followed.status_code, followed["Location"]) == (302, "https://broker.example/rates?x=1")

    lead.refresh_from_db()
    assert lead.score == 30
    mail = OutboundMail.objects.get()
    assert (mail.opens, mail.clicks) == (1, 1)
    assert mail.opened_at is not None
    assert MailEvent.objects.filter(kind="click").get().url == "https://broker.example/rates?x=1"


def test_a_click_address_that_was_not_in_a_mail_sends_nobody_anywhere(
    client, lead, people, smtp_settings
):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    send(client, lead)
    html = smtp_settings.messages[0].message.get_body(("html",)).get_content()
    link = re.search(r'<a href="http://[^/]+(/m/c/[^"]+)"', html).group(1)

    forged = client.get(link.replace("/m/c/", "/m/c/x"))

    assert forged.status_code == 400
    assert OutboundMail.objects.get().clicks == 0


def test_untracked_mail_carries_no_pixel_and_plain_links(client, people, lead, smtp_settings):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    send(client, lead, tracked="")

    html = smtp_settings.messages[0].message.get_body(("html",)).get_content()
    assert "<img" not in html
    assert "/m/c/" not in html
    assert 'href="https://broker.example/rates?x=1"' in html


def test_what_the_writer_types_is_escaped_in_the_html(client, people, lead, smtp_settings):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    send(client, lead, text="<script>alert(1)</script> & <b>bold</b>")

    html = smtp_settings.messages[0].message.get_body(("html",)).get_content()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_a_mail_server_that_refuses_is_shown_and_kept(client, people, lead, settings):  # type: ignore[no-untyped-def]
    from sampark.core.tests.servers import free_port
    from sampark.lib.env import mailer

    settings.MAILERS = {"default": mailer(f"smtp://127.0.0.1:{free_port()}")}
    client.force_login(people["agent"])

    response = send(client, lead)

    assert response.status_code == 302
    mail = OutboundMail.objects.get()
    assert mail.sent_at is None
    assert mail.error
    lead.refresh_from_db()
    assert lead.status == LeadStatus.NEW  # nothing reached them
    page = client.get(reverse("leads:detail", args=[lead.pk])).content.decode()
    assert "Not sent:" in page


@pytest.mark.parametrize("role", ["colleague", "reader", "outsider"])
def test_only_those_who_may_change_the_lead_email_it(client, people, lead, role, smtp_settings):  # type: ignore[no-untyped-def]
    client.force_login(people[role])

    response = send(client, lead)

    assert response.status_code in (403, 404)
    assert not smtp_settings.messages
    assert not OutboundMail.objects.exists()


def test_a_missing_subject_is_shown_on_its_field(client, people, lead, smtp_settings):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    response = send(client, lead, subject="")

    assert response.status_code == 422
    assert response.context["email_form"].errors["subject"]
    assert not smtp_settings.messages
