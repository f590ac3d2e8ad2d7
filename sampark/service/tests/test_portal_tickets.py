"""A client signed in to the portal sees their own tickets, open ones first, with the public
conversation only (never an internal note, nor a note's file), answers them (which reopens a
solved one), opens new ones, and reaches nothing of anyone else's.

Rahima and Karim are clients of the Dhaka desk; the manager's service mailbox is the desk.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from sampark.contacts.actions import create_contact
from sampark.contacts.models import Contact
from sampark.mail.actions import create_mailbox
from sampark.mail.models import Purpose
from sampark.service import actions, portal
from sampark.service.models import (
    MessageKind,
    Ticket,
    TicketAttachment,
    TicketChannel,
    TicketStatus,
)
from sampark.service.tests.factories import make_ticket

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def _client(people, teams, name: str, email: str, language: str = "bn") -> Contact:  # type: ignore[no-untyped-def]
    return create_contact(
        by=people["agent"],
        team_id=teams[0].pk,
        display_name=name,
        email=email,
        language=language,
    )


@pytest.fixture
def rahima(people, teams) -> Contact:  # type: ignore[no-untyped-def]
    return _client(people, teams, "রহিমা খাতুন", "rahima@meghna.com.bd")


@pytest.fixture
def karim(people, teams) -> Contact:  # type: ignore[no-untyped-def]
    return _client(people, teams, "Karim Uddin", "karim@example.com", "en")


@pytest.fixture
def signed_in(client, rahima):  # type: ignore[no-untyped-def]
    session = client.session
    session[portal.SESSION_KEY] = rahima.pk
    session.save()
    return client


def ticket_for(people, contact: Contact, **values: object) -> Ticket:  # type: ignore[no-untyped-def]
    ticket = make_ticket(people["manager"], requester=contact, **values)
    return actions.assign(ticket, to=people["agent"], by=people["manager"])


def test_the_client_sees_only_their_own_tickets_open_ones_first(  # type: ignore[no-untyped-def]
    signed_in, people, rahima, karim
):
    solved = ticket_for(people, rahima, subject="Old statement")
    actions.update_ticket(solved, by=people["agent"], values={"status": TicketStatus.SOLVED})
    ticket_for(people, rahima, subject="Card blocked")
    ticket_for(people, karim, subject="Karim's loan")

    response = signed_in.get("/support/")

    assert [t.subject for t in response.context["tickets"]] == ["Card blocked", "Old statement"]
    assert "Karim" not in response.content.decode()


def test_another_clients_ticket_and_its_files_are_not_found(signed_in, people, karim):  # type: ignore[no-untyped-def]
    pdf = SimpleUploadedFile("loan.pdf", PDF, content_type="application/pdf")
    theirs = ticket_for(people, karim, subject="Karim's loan", attachments=[pdf])
    file = TicketAttachment.objects.get()

    assert signed_in.get(f"/support/tickets/{theirs.pk}/").status_code == 404
    assert signed_in.get("/support/tickets/999999/").status_code == 404
    assert signed_in.get(f"/support/files/{file.pk}/").status_code == 404
    answered = signed_in.post(f"/support/tickets/{theirs.pk}/answer/", {"body": "Mine now"})
    assert answered.status_code == 404
    assert theirs.messages.count() == 1


def test_internal_notes_and_their_files_never_reach_the_client(signed_in, people, rahima):  # type: ignore[no-untyped-def]
    ticket = ticket_for(people, rahima, subject="Card blocked")
    note_file = SimpleUploadedFile("fraud-check.pdf", PDF, content_type="application/pdf")
    reply_file = SimpleUploadedFile("steps.pdf", PDF, content_type="application/pdf")
    actions.add_note(
        ticket,
        by=people["agent"],
        body="Flagged by fraud team, do not tell",
        attachments=[note_file],
    )
    actions.reply(
        ticket, by=people["agent"], body="Your card is unblocked.", attachments=[reply_file]
    )
    hidden = TicketAttachment.objects.get(message__kind=MessageKind.NOTE)
    shown = TicketAttachment.objects.get(message__kind=MessageKind.REPLY)

    page = signed_in.get(f"/support/tickets/{ticket.pk}/").content.decode()

    assert "Your card is unblocked." in page
    assert "Flagged by fraud team" not in page
    assert "fraud-check.pdf" not in page
    assert signed_in.get(f"/support/files/{hidden.pk}/").status_code == 404
    download = signed_in.get(f"/support/files/{shown.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_answering_reopens_a_solved_ticket(signed_in, people, rahima):  # type: ignore[no-untyped-def]
    ticket = ticket_for(people, rahima)
    actions.reply(ticket, by=people["agent"], body="Done.", status=TicketStatus.SOLVED)
    pdf = SimpleUploadedFile("still-blocked.pdf", PDF, content_type="application/pdf")

    response = signed_in.post(
        f"/support/tickets/{ticket.pk}/answer/",
        {"body": "এখনও কাজ করছে না।", "attachments": [pdf]},
    )

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert (ticket.status, ticket.solved_at) == (TicketStatus.OPEN, None)
    answer = ticket.messages.latest("id")
    assert (answer.kind, answer.channel, answer.contact, answer.author) == (
        MessageKind.CLIENT,
        TicketChannel.PORTAL,
        rahima,
        None,
    )
    assert answer.attachments.get().original_name == "still-blocked.pdf"


def test_an_empty_answer_is_a_field_error(signed_in, people, rahima):  # type: ignore[no-untyped-def]
    ticket = ticket_for(people, rahima)

    response = signed_in.post(f"/support/tickets/{ticket.pk}/answer/", {"body": " "})

    assert response.status_code == 422
    assert response.context["answer_form"].errors["body"]
    assert ticket.messages.count() == 1


def test_a_closed_ticket_takes_no_answer(signed_in, people, rahima):  # type: ignore[no-untyped-def]
    ticket = ticket_for(people, rahima)
    actions.update_ticket(ticket, by=people["agent"], values={"status": TicketStatus.CLOSED})

    page = signed_in.get(f"/support/tickets/{ticket.pk}/")
    refused = signed_in.post(f"/support/tickets/{ticket.pk}/answer/", {"body": "Again"})

    assert page.context["answer_form"] is None
    assert refused.status_code == 302
    assert ticket.messages.count() == 1


def test_a_ticket_solved_longer_ago_than_the_reopening_window_takes_no_answer(  # type: ignore[no-untyped-def]
    signed_in, people, rahima, settings
):
    ticket = ticket_for(people, rahima)
    actions.update_ticket(ticket, by=people["agent"], values={"status": TicketStatus.SOLVED})
    days = settings.SAMPARK_TICKET_REOPEN_DAYS
    Ticket.objects.filter(pk=ticket.pk).update(
        solved_at=timezone.now() - datetime.timedelta(days=days + 1)
    )

    page = signed_in.get(f"/support/tickets/{ticket.pk}/")
    refused = signed_in.post(f"/support/tickets/{ticket.pk}/answer/", {"body": "Again"})

    assert page.context["answer_form"] is None
    assert page.context["rating_form"] is not None  # it may still be rated
    assert refused.status_code == 302
    ticket.refresh_from_db()
    assert (ticket.status, ticket.messages.count()) == (TicketStatus.SOLVED, 1)


def test_a_new_ticket_goes_to_the_desks_queue_in_the_portals_language(  # type: ignore[no-untyped-def]
    signed_in, people, rahima
):
    desk = create_mailbox(
        by=people["admin"],
        password="secret",
        owner=people["manager"],
        name="Help desk",
        address="help@broker.example",
        host="imap.broker.example",
        username="help",
        purpose=Purpose.TICKETS,
    )
    form = signed_in.get("/support/tickets/new/")
    assert f'hx-get="{reverse("help:suggest")}"' in form.content.decode()
    signed_in.post("/support/language/", {"language": "hi"})

    response = signed_in.post(
        "/support/tickets/new/", {"subject": "Statement", "body": "Please send my statement."}
    )

    ticket = Ticket.objects.get()
    assert response["Location"] == f"/support/tickets/{ticket.pk}/"
    assert (ticket.requester, ticket.channel, ticket.language) == (
        rahima,
        TicketChannel.PORTAL,
        "hi",
    )
    assert (ticket.owner, ticket.team, ticket.mailbox) == (people["manager"], desk.team, desk)
    assert ticket.messages.get().author is None


def test_a_new_ticket_with_bad_input_is_refused_on_its_fields(signed_in, people):  # type: ignore[no-untyped-def]
    exe = SimpleUploadedFile("run.exe", b"MZ\x90\x00", content_type="application/octet-stream")

    response = signed_in.post(
        "/support/tickets/new/", {"subject": "", "body": "x", "attachments": [exe]}
    )

    assert response.status_code == 422
    assert set(response.context["form"].errors) == {"subject", "attachments"}
    assert not Ticket.objects.exists()


def test_a_script_in_a_subject_stays_inert(signed_in, people, rahima):  # type: ignore[no-untyped-def]
    ticket = ticket_for(
        people, rahima, subject="<script>alert(1)</script>", body="<img src=x onerror=alert(2)>"
    )

    for url in ("/support/", f"/support/tickets/{ticket.pk}/"):
        page = signed_in.get(url).content.decode()

        assert "<script>alert(1)" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page
