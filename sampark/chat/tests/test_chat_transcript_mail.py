"""A visitor who leaves a chat nobody answered gets its transcript and the number of the ticket
it became, in their language, from their team's service mailbox (else the desk's, else the
firm's sender), once, as the ticket's acknowledgement; not when they gave no address, nor when
someone answered, nor for the umpteenth chat of the hour. Sent through the real SMTP test
server, by the worker once the chat's end has committed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import translation

from sampark.chat import actions, mailing
from sampark.chat.models import ChatWidget, Conversation
from sampark.mail.actions import create_mailbox
from sampark.mail.models import Mailbox, OutboundMail, Purpose
from sampark.service import mailing as desk_mailing
from sampark.service.models import AgentProfile, Availability, Ticket
from sampark.service.tests.factories import make_ticket

pytestmark = pytest.mark.django_db

SITE = "https://x.example"
DESK = "dhaka-help@broker.example"
QUESTION = "আমার মাসিক স্টেটমেন্ট কোথায় পাব?"


@pytest.fixture
def worker(settings):  # type: ignore[no-untyped-def]
    """The worker runs each task as it is enqueued."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def widget(people, teams):  # type: ignore[no-untyped-def]
    """The Dhaka desk's widget; its only Bengali-speaking agent is away."""
    AgentProfile.objects.create(
        user=people["agent"], languages=["bn", "en"], availability=Availability.AWAY
    )
    return ChatWidget.objects.create(
        name="Website", owner=people["manager"], team=teams[0], allowed_origins=SITE
    )


def service_mailbox(people, owner: str, address: str) -> Mailbox:  # type: ignore[no-untyped-def]
    """A service mailbox of ``owner``'s team."""
    return create_mailbox(
        by=people["admin"],
        password="secret",
        owner=people[owner],
        name=address,
        address=address,
        host="imap.broker.example",
        username=address,
        purpose=Purpose.TICKETS,
    )


def unanswered(
    widget: ChatWidget, capture: Callable[..., Any], email: str = "rahim@padma.bd"
) -> Conversation:
    """A visitor asks and leaves before anyone answers (``capture``: pytest-django's
    ``django_capture_on_commit_callbacks``); returns the chat, with its ticket."""
    conversation = actions.start(
        widget, origin=SITE, name="রহিম উদ্দিন", email=email, language="bn"
    ).conversation
    actions.visitor_says(conversation, QUESTION)
    with capture(execute=True):
        actions.end(conversation, by=None)
    conversation.refresh_from_db()
    assert conversation.ticket is not None
    return conversation


def test_the_visitor_gets_the_transcript_and_the_ticket_s_number_from_the_team_s_mailbox(  # type: ignore[no-untyped-def]
    people, widget, worker, smtp_settings, django_capture_on_commit_callbacks
):
    service_mailbox(people, "outsider", "mumbai-help@broker.example")  # another team's
    service_mailbox(people, "manager", DESK)

    conversation = unanswered(widget, django_capture_on_commit_callbacks)

    ticket = conversation.ticket
    assert ticket is not None
    [sent] = smtp_settings.messages
    assert sent.recipients == ["rahim@padma.bd"]
    assert DESK in sent.message["From"]
    assert sent.message["Subject"] == f"[{ticket.number}] {QUESTION}"
    assert sent.message["Auto-Submitted"] == "auto-generated"
    text = sent.message.get_body(("plain",)).get_content()
    assert "রহিম উদ্দিন" in text
    assert ticket.number in text
    assert f"রহিম উদ্দিন: {QUESTION}" in text  # the transcript
    # It is the ticket's acknowledgement: kept on the ticket, shown there as such.
    mail = OutboundMail.objects.for_record(ticket).get()
    assert (mail.to_address, mail.sent_by, mail.sent_at is not None) == (
        "rahim@padma.bd",
        None,
        True,
    )
    assert desk_mailing.acknowledgement_sent(ticket) == mail


def test_it_is_written_in_the_visitor_s_language(people, widget, monkeypatch):  # type: ignore[no-untyped-def]
    conversation = actions.start(
        widget, origin=SITE, name="রহিম", email="rahim@padma.bd", language="bn"
    ).conversation
    actions.visitor_says(conversation, QUESTION)
    ticket = actions.to_ticket(conversation)
    languages: list[str | None] = []

    def gettext(message: str) -> str:
        languages.append(translation.get_language())
        return message

    monkeypatch.setattr(mailing, "_", gettext)
    with translation.override("en"):  # whoever's action ended it
        mail = mailing.send_transcript(conversation, ticket)

    assert mail is not None
    assert languages == ["bn"]


def test_without_a_mailbox_of_the_team_it_goes_from_the_desk_s_else_the_firm_s_sender(  # type: ignore[no-untyped-def]
    people, widget, worker, smtp_settings, settings, django_capture_on_commit_callbacks
):
    settings.DEFAULT_FROM_EMAIL = "Padma Securities <hello@padma.example>"
    unanswered(widget, django_capture_on_commit_callbacks, email="one@padma.bd")
    service_mailbox(people, "outsider", "mumbai-help@broker.example")
    unanswered(widget, django_capture_on_commit_callbacks, email="two@padma.bd")

    first, second = smtp_settings.messages
    assert "hello@padma.example" in first.message["From"]
    assert "mumbai-help@broker.example" in second.message["From"]  # where its replies come from


def test_no_mail_without_an_address_nor_for_a_chat_someone_answered(  # type: ignore[no-untyped-def]
    people, widget, worker, smtp_settings, django_capture_on_commit_callbacks
):
    AgentProfile.objects.filter(user=people["agent"]).update(availability=Availability.AVAILABLE)
    answered = actions.start(
        widget, origin=SITE, name="Karim", email="karim@padma.bd", language="bn"
    ).conversation
    actions.visitor_says(answered, QUESTION)
    actions.agent_says(answered, people["agent"], "এখনই দেখছি।")
    with django_capture_on_commit_callbacks(execute=True):
        actions.end(answered, by=None)
    assert not Ticket.objects.exists()

    anonymous = actions.start(widget, origin=SITE, name="Guest", language="bn").conversation
    anonymous.ticket = make_ticket(people["manager"])  # as if it had become one
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        mailing.transcript_after_commit(anonymous)
    assert callbacks == []

    assert smtp_settings.messages == []
    assert not OutboundMail.objects.exists()


def test_a_flood_of_unanswered_chats_from_one_address_stops_the_mails(  # type: ignore[no-untyped-def]
    people, widget, worker, smtp_settings, django_capture_on_commit_callbacks
):
    for _ in range(desk_mailing.ACK_LIMIT_PER_HOUR + 2):
        unanswered(widget, django_capture_on_commit_callbacks)

    assert len(smtp_settings.messages) == desk_mailing.ACK_LIMIT_PER_HOUR
    assert Ticket.objects.count() == desk_mailing.ACK_LIMIT_PER_HOUR + 2


def test_the_mail_waits_for_the_chat_s_end_to_commit(  # type: ignore[no-untyped-def]
    people, widget, worker, smtp_settings, django_capture_on_commit_callbacks
):
    conversation = actions.start(
        widget, origin=SITE, name="রহিম", email="rahim@padma.bd", language="bn"
    ).conversation
    actions.visitor_says(conversation, QUESTION)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.end(conversation, by=None)

    assert smtp_settings.messages == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(smtp_settings.messages) == 1
    assert mailing.mail_transcript.call(conversation.pk + 1000) is False  # a chat since deleted
