"""Clients ask the desk on the public ticket form (/support/new/, also embedded in the firm's
website): each request becomes a ticket in the desk's queue for the client's own contact, and
is acknowledged by email; bots, floods and bad input are turned away without a ticket.

The desk is the Dhaka manager's service mailbox.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from sampark.contacts.actions import create_contact
from sampark.contacts.models import Contact
from sampark.core.models import AuditEntry
from sampark.core.public_forms import HONEYPOT_FIELD, STAMP_FIELD, Limit, Stamp
from sampark.mail.actions import create_mailbox
from sampark.mail.models import Mailbox, Purpose
from sampark.service import public_intake
from sampark.service.models import MessageKind, Ticket, TicketChannel, TicketStatus

pytestmark = pytest.mark.django_db

DESK = "help@broker.example"
URL = "/support/new/"
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def desk(people) -> Mailbox:  # type: ignore[no-untyped-def]
    return create_mailbox(
        by=people["admin"],
        password="secret",
        owner=people["manager"],
        name="Help desk",
        address=DESK,
        host="imap.broker.example",
        username="help",
        purpose=Purpose.TICKETS,
    )


def stamp(seconds_ago: int = 30) -> str:
    with freeze_time(timezone.now() - datetime.timedelta(seconds=seconds_ago)):
        return public_intake.issue_stamp()


def entry(**values: object) -> dict[str, object]:
    return {
        "name": "রহিমা  খাতুন",
        "email": "rahima@Meghna.COM.bd",
        "subject": "কার্ড বন্ধ হয়ে গেছে",
        "body": "গতকাল থেকে কার্ডে লেনদেন করা যাচ্ছে না।",
        "language": "bn",
        STAMP_FIELD: stamp(),
        **values,
    }


@pytest.mark.django_db(transaction=True)  # the acknowledgement goes out once the intake commits
def test_a_request_becomes_a_ticket_in_the_desks_queue_and_is_acknowledged(  # type: ignore[no-untyped-def]
    client, people, desk, smtp_settings, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    pdf = SimpleUploadedFile("statement.pdf", PDF, content_type="application/pdf")

    response = client.post(URL, entry(attachments=[pdf]))

    assert response.status_code == 200
    ticket = Ticket.objects.get()
    assert f"#{ticket.pk}" in response.content.decode()
    assert (ticket.channel, ticket.status, ticket.language) == (
        TicketChannel.WEB,
        TicketStatus.NEW,
        "bn",
    )
    assert (ticket.owner, ticket.team, ticket.mailbox) == (people["manager"], desk.team, desk)
    assert ticket.subject == "কার্ড বন্ধ হয়ে গেছে"
    client_record = Contact.objects.get()
    assert ticket.requester == client_record
    assert (client_record.display_name, client_record.email, client_record.language) == (
        "রহিমা খাতুন",
        "rahima@meghna.com.bd",
        "bn",
    )
    assert (client_record.owner, client_record.team, client_record.source) == (
        people["manager"],
        desk.team,
        "web_form",
    )
    first = ticket.messages.get()
    # Written by the client, not by the desk's owner.
    assert (first.kind, first.author, first.contact) == (MessageKind.CLIENT, None, client_record)
    assert first.from_address == "rahima@meghna.com.bd"
    [kept] = first.attachments.all()
    assert (kept.original_name, kept.content_type) == ("statement.pdf", "application/pdf")
    assert AuditEntry.objects.for_record(ticket).get().channel == "system"

    [ack] = smtp_settings.messages
    assert ack.recipients == ["rahima@meghna.com.bd"]
    assert ack.message["Subject"] == f"[#{ticket.pk}] কার্ড বন্ধ হয়ে গেছে"
    assert DESK in ack.message["From"]
    assert "আমরা আপনার অনুরোধ পেয়েছি" in ack.message.get_body(("plain",)).get_content()


def test_a_known_client_joins_their_own_record(client, people, desk):  # type: ignore[no-untyped-def]
    known = create_contact(
        by=people["outsider"], display_name="Rahima Khatun", email="rahima@meghna.com.bd"
    )

    client.post(URL, entry(language="en"))

    ticket = Ticket.objects.get()
    assert ticket.requester == known
    assert Contact.objects.count() == 1
    assert ticket.language == "en"  # as the client asked, whatever their record says


def test_without_a_service_mailbox_the_first_admin_receives_it(client, people):  # type: ignore[no-untyped-def]
    response = client.post(URL, entry())

    assert response.status_code == 200
    ticket = Ticket.objects.get()
    assert (ticket.owner, ticket.mailbox) == (people["admin"], None)


def test_bad_input_comes_back_with_errors_on_the_fields(client, desk):  # type: ignore[no-untyped-def]
    response = client.post(
        URL, entry(email="rahima@", subject=" ", body="x" * 10_001, language="xx", name="")
    )

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"email", "subject", "body", "language", "name"}
    page = response.content.decode()
    assert 'id="sampark-email_error"' in page
    assert "x" * 100 in page  # their entries, to correct
    assert not Ticket.objects.exists()


def test_a_refused_attachment_is_an_error_on_its_field(client, desk):  # type: ignore[no-untyped-def]
    exe = SimpleUploadedFile("run.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    many = [SimpleUploadedFile(f"s{n}.pdf", PDF, content_type="application/pdf") for n in range(4)]

    refused = client.post(URL, entry(attachments=[exe]))
    too_many = client.post(URL, entry(attachments=many))

    assert refused.status_code == too_many.status_code == 400
    assert "run.exe" in str(refused.context["form"].errors["attachments"])
    assert too_many.context["form"].errors["attachments"]
    assert not Ticket.objects.exists()


def test_a_filled_honeypot_is_thanked_and_forgotten(client, desk):  # type: ignore[no-untyped-def]
    response = client.post(URL, entry(**{HONEYPOT_FIELD: "http://spam.example"}))

    assert response.status_code == 200
    assert not Ticket.objects.exists()
    assert not Contact.objects.exists()


def test_a_post_faster_than_a_person_types_or_without_a_stamp_is_not_taken(client, desk):  # type: ignore[no-untyped-def]
    for values in (entry(**{STAMP_FIELD: stamp(1)}), entry(**{STAMP_FIELD: ""})):
        response = client.post(URL, values)

        assert response.status_code == 400
        assert "কার্ড বন্ধ হয়ে গেছে" in response.content.decode()  # their entries, to send again
        assert public_intake.check_stamp(response.context["stamp"]) == Stamp.TOO_FAST
    assert not Ticket.objects.exists()


def test_one_address_may_send_a_limited_number_of_times(client, desk, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(public_intake, "PER_ADDRESS", Limit(2, 600))
    answers = [client.post(URL, entry()).status_code for _ in range(2)]

    refused = client.post(URL, entry())

    assert answers == [200, 200]
    assert refused.status_code == 429
    assert refused["Retry-After"] == "600"
    assert Ticket.objects.count() == 2
    assert Client(REMOTE_ADDR="203.0.113.9").post(URL, entry()).status_code == 200


def test_the_desk_takes_a_limited_number_of_requests_from_everyone(desk, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(public_intake, "OVERALL", Limit(3, 600))
    answers = [
        Client(REMOTE_ADDR=f"203.0.113.{n}").post(URL, entry(email=f"c{n}@example.com"))
        for n in range(4)
    ]

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert Ticket.objects.count() == 3


def test_an_oversized_post_is_refused_unread(client, desk, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(public_intake, "MAX_BODY_BYTES", 2000)

    response = client.post(URL, entry(body="অ" * 3000))

    assert response.status_code == 413
    assert not Ticket.objects.exists()


def test_a_script_gets_json_answers(client, desk):  # type: ignore[no-untyped-def]
    json = {"Accept": "application/json"}

    refused = client.post(URL, entry(email="rahima@", subject=""), headers=json)
    taken = client.post(URL, entry(), headers=json)

    assert refused.status_code == 422
    error = refused.json()["error"]
    assert (error["code"], set(error["fields"])) == ("invalid", {"email", "subject"})
    assert taken.status_code == 201
    ticket = Ticket.objects.get()
    assert taken.json()["ticket"] == f"#{ticket.pk}"
    assert "rahima" not in taken.content.decode()


def test_a_body_that_cannot_be_read_is_a_400_not_an_error(client, desk):  # type: ignore[no-untyped-def]
    response = client.generic(
        "POST",
        URL,
        b"--x\r\nContent-Disposition: form-data; name\r\n\r\nbroken",
        content_type="multipart/form-data; boundary=",
    )

    assert response.status_code == 400
    assert not Ticket.objects.exists()


def test_the_page_carries_a_fresh_stamp_no_csrf_token_and_help_centre_suggestions(client):  # type: ignore[no-untyped-def]
    response = client.get(URL, headers={"Accept-Language": "hi"})

    assert response.status_code == 200
    assert public_intake.check_stamp(response.context["stamp"]) == Stamp.TOO_FAST
    page = response.content.decode()
    ticket_form = page.split(f'action="{URL}"')[1].split("</form>")[0]
    assert STAMP_FIELD in ticket_form
    assert "csrfmiddlewaretoken" not in ticket_form  # it posts from other websites too
    assert response.context["form"].initial["language"] == "hi"  # the browser's, to start with
    assert f'hx-get="{reverse("help:suggest")}"' in page
    assert 'hx-trigger="input changed delay:500ms"' in page
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_the_stamp_is_readable_by_any_website(client):  # type: ignore[no-untyped-def]
    response = client.get("/support/new/stamp/", headers={"Origin": "https://broker.example"})

    assert response["Access-Control-Allow-Origin"] == "*"
    assert public_intake.check_stamp(response.json()["stamp"]) == Stamp.TOO_FAST


def test_admins_get_the_code_to_embed_others_do_not(client, people, desk):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])
    response = client.get(reverse("service:web_form"))

    assert response.status_code == 200
    snippet = response.context["snippet"]
    assert 'action="http://testserver/support/new/"' in snippet
    assert 'data-sampark-ticket-stamp="http://testserver/support/new/stamp/"' in snippet
    assert f'name="{HONEYPOT_FIELD}"' in snippet
    assert 'enctype="multipart/form-data"' in snippet
    assert "hx-get" not in snippet  # another website would ask its own server
    client.force_login(people["manager"])
    assert client.get(reverse("service:web_form")).status_code == 403
