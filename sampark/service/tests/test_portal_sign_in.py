"""A client signs in to the customer portal with a link mailed to them (through a real SMTP
server): the link works once and for half an hour, an unknown address gets the same answer and
no mail, requests are rate-limited, and a staff sign-in in the same browser is left alone.

Rahima is a client of the Dhaka desk, writing in Bengali.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from sampark.contacts.actions import create_contact
from sampark.contacts.models import Contact
from sampark.core.public_forms import Limit
from sampark.service import portal
from sampark.service.tests.factories import make_ticket

pytestmark = pytest.mark.django_db

SIGN_IN = "/support/sign-in/"
_LINK = re.compile(r"http://localhost:8000(/support/sign-in/[^/\s]+/)")


@pytest.fixture
def rahima(people, teams) -> Contact:  # type: ignore[no-untyped-def]
    return create_contact(
        by=people["agent"],
        team_id=teams[0].pk,
        display_name="রহিমা খাতুন",
        email="rahima@meghna.com.bd",
        language="bn",
    )


@pytest.fixture
def mail(smtp_settings, settings, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """Links are mailed by the worker once the request commits: here, at once."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

    def ask(client: Client, address: str, **data: str):  # type: ignore[no-untyped-def]
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(SIGN_IN, {"email": address, **data})

    ask.server = smtp_settings  # type: ignore[attr-defined]
    return ask


def link_in(message) -> str:  # type: ignore[no-untyped-def]
    text = message.message.get_body(("plain",)).get_content()
    found = _LINK.search(text)
    assert found is not None, text
    return found.group(1)


def test_a_known_client_gets_a_link_that_signs_them_in_once(client, rahima, mail):  # type: ignore[no-untyped-def]
    ticket = make_ticket(rahima.owner, requester=rahima, subject="কার্ড বন্ধ")

    answer = mail(client, "Rahima@meghna.com.bd")

    assert answer.status_code == 302
    assert answer["Location"] == "/support/sign-in/sent/"
    [sent] = mail.server.messages
    assert sent.recipients == ["rahima@meghna.com.bd"]
    assert sent.message["Auto-Submitted"] == "auto-generated"
    link = link_in(sent)
    # Opening the link (as a mail scanner would) does not use it up: a button signs in.
    shown = client.get(link)
    assert shown.status_code == 200
    assert portal.SESSION_KEY not in client.session
    signed_in = client.post(link)
    assert signed_in.status_code == 302
    assert client.session[portal.SESSION_KEY] == rahima.pk
    home = client.get("/support/")
    assert home.status_code == 200
    assert "কার্ড বন্ধ" in home.content.decode()
    assert home["Content-Language"] == "bn"

    again = Client().post(link)

    assert again.status_code == 410
    assert again.context["reason"] == portal.LinkRefused.USED
    assert Client().get(link).context["reason"] == portal.LinkRefused.USED
    assert ticket.pk


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, rahima, mail):  # type: ignore[no-untyped-def]
    known = mail(client, "rahima@meghna.com.bd")
    unknown = mail(client, "nobody@example.com")

    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert [m.recipients for m in mail.server.messages] == [["rahima@meghna.com.bd"]]
    page = client.get(unknown["Location"]).content.decode()
    assert "If we know this address" in page


def test_an_expired_link_is_refused(client, rahima, mail):  # type: ignore[no-untyped-def]
    mail(client, "rahima@meghna.com.bd")
    link = link_in(mail.server.messages[0])

    later = timezone.now() + datetime.timedelta(minutes=portal.LINK_MINUTES + 1)
    with freeze_time(later):
        refused = client.post(link)

    assert refused.status_code == 410
    assert refused.context["reason"] == portal.LinkRefused.EXPIRED
    assert portal.SESSION_KEY not in client.session


def test_a_forged_or_altered_link_is_refused(client, rahima, mail):  # type: ignore[no-untyped-def]
    mail(client, "rahima@meghna.com.bd")
    link = link_in(mail.server.messages[0])

    altered = client.post(link[:-3] + "x/")
    forged = client.post(reverse("portal:sign_in_link", args=["made-up"]))

    assert altered.status_code == forged.status_code == 410
    assert forged.context["reason"] == portal.LinkRefused.BAD
    assert portal.SESSION_KEY not in client.session


def test_links_are_limited_per_address_and_per_network_address(  # type: ignore[no-untyped-def]
    client, rahima, mail, monkeypatch
):
    monkeypatch.setattr(portal, "REQUESTS_PER_IP", Limit(5, 900))
    answers = [mail(client, "rahima@meghna.com.bd").status_code for _ in range(4)]

    # The same answer, but no fourth mail to flood her inbox with.
    assert answers == [302] * 4
    assert len(mail.server.messages) == portal.LINKS_PER_ADDRESS.posts
    mail(client, "someone@example.com")
    refused = mail(client, "someone@example.com")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "900"


def test_portal_pages_need_a_portal_sign_in_even_for_staff(client, people):  # type: ignore[no-untyped-def]
    anonymous = client.get("/support/tickets/1/")
    client.force_login(people["admin"])
    staff = client.get("/support/")

    assert anonymous.status_code == staff.status_code == 302
    assert anonymous["Location"] == "/support/sign-in/?next=%2Fsupport%2Ftickets%2F1%2F"


def test_the_link_leads_back_to_the_page_asked_for(client, rahima, mail):  # type: ignore[no-untyped-def]
    ticket = make_ticket(rahima.owner, requester=rahima)
    page = f"/support/tickets/{ticket.pk}/"
    asked = client.get(client.get(page)["Location"])
    assert asked.context["next"] == page

    mail(client, "rahima@meghna.com.bd", next=page)
    signed_in = client.post(link_in(mail.server.messages[-1]))

    assert signed_in["Location"] == page
    elsewhere = Client()
    mail(elsewhere, "rahima@meghna.com.bd", next="https://evil.example/")
    assert elsewhere.post(link_in(mail.server.messages[-1]))["Location"] == "/support/"


def test_a_staff_sign_in_in_the_same_browser_is_left_alone(client, people, rahima, mail):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    mail(client, "rahima@meghna.com.bd")
    client.post(link_in(mail.server.messages[0]))

    assert client.get("/support/").status_code == 200
    assert client.get(reverse("service:home")).status_code == 200
    # The portal speaks the client's language, not the agent's.
    assert client.get("/support/")["Content-Language"] == "bn"

    client.post("/support/sign-out/")

    assert client.get("/support/").status_code == 302
    assert client.get(reverse("service:home")).status_code == 200


def test_the_client_switches_the_portals_language(client, rahima, mail):  # type: ignore[no-untyped-def]
    mail(client, "rahima@meghna.com.bd")
    client.post(link_in(mail.server.messages[0]))

    switched = client.post("/support/language/", {"language": "hi", "next": "/support/"})
    page = client.get("/support/")

    assert switched["Location"] == "/support/"
    assert page["Content-Language"] == "hi"
    assert '<html lang="hi">' in page.content.decode()
    rahima.refresh_from_db()
    assert rahima.language == "bn"  # her record is the desk's to change
    outside = client.post("/support/language/", {"language": "en", "next": "https://evil.example/"})
    assert outside["Location"] == "/support/"
