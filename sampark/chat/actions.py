"""Every write to live chats: a visitor starting one (and the client they turn out to be), what
each side says, who answers, handing a chat on, and its end on the client's timeline.

A new chat goes to an available agent of the widget's team who speaks the visitor's language
and has room for another chat (``AgentProfile.max_chats``), the least busy first. When nobody
fits it waits for someone to take it; when the visitor leaves it without an answer, it becomes a
ticket (``to_ticket``), so nothing asked is lost.

A widget with the assistant on gives it the chat first (``assistant_turn``): it answers from the
help centre until it is unsure or the visitor asks for a person, and then hands the chat over
(``hand_over``), which routes it like any new chat.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from sampark.chat import assistant, mailing, search_chats
from sampark.chat.models import (
    Author,
    ChatMessage,
    ChatWidget,
    Conversation,
    ConversationStatus,
    token_digest,
)
from sampark.contacts.actions import create_contact, log_activity
from sampark.contacts.models import Activity, ActivityKind, Contact, Direction
from sampark.core import audit
from sampark.core.models import Channel, Team, User
from sampark.core.records import can, create_record, update_record
from sampark.core.roles import Action, Role, role_of
from sampark.service import routing
from sampark.service.clients import client_for
from sampark.service.models import Article, Ticket, TicketChannel

MAX_TEXT = 4000
MAX_NAME = 200


@dataclass(frozen=True)
class Started:
    conversation: Conversation
    token: str  # the visitor's key to it: given once, kept only as a digest


def start(
    widget: ChatWidget, *, origin: str, name: str, email: str = "", language: str = ""
) -> Started:
    """A visitor's new chat; with an email, on the client with that address (a new contact
    when there is none). It goes to an agent at once when one fits."""
    name, email = name.strip()[:MAX_NAME], email.strip().lower()
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Tell us your name.")]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("Enter a valid email address.")]
    if errors:
        raise ValidationError(errors)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    token = secrets.token_urlsafe(32)
    with transaction.atomic(), audit.via(Channel.SYSTEM):
        contact = None
        if email:
            contact = client_for(
                email,
                name=name,
                language=language,
                owner=widget.owner,
                team_id=widget.team_id,
                source="chat",
            )
        conversation = Conversation.objects.create(
            widget=widget,
            owner=widget.owner,
            team_id=widget.team_id,
            visitor_key=token_digest(token),
            visitor_name=name,
            visitor_email=email,
            language=language,
            origin=origin[:200],
            contact=contact,
            with_assistant=widget.assistant,
            status=ConversationStatus.ASSISTANT if widget.assistant else ConversationStatus.WAITING,
        )
        if widget.assistant:
            _say(conversation, Author.BOT, None, assistant.greeting(name, language))
        else:
            _route(conversation)
    return Started(conversation, token)


def _route(conversation: Conversation) -> None:
    agent = pick_agent(conversation)
    if agent is not None:
        _hand_to(conversation, agent)


@dataclass(frozen=True)
class Turn:
    said: list[ChatMessage]  # the assistant's answer, or what the visitor is told on hand-over
    handed_over: bool = False


def assistant_turn(conversation: Conversation, message: ChatMessage) -> Turn:
    """The assistant's reply to the visitor's ``message`` while the chat is still its own:
    an answer quoted from an article, or the chat handed over to a person."""
    if conversation.status != ConversationStatus.ASSISTANT:
        return Turn([])
    widget = conversation.widget
    worded = widget is not None and widget.assistant_model
    response = assistant.respond(message.text, conversation.language, worded=worded)
    if response.move is assistant.Move.HAND_OVER:
        said = _say(conversation, Author.BOT, None, response.text)
        return Turn([said, *hand_over(conversation)], handed_over=True)
    said = _say(conversation, Author.BOT, None, response.text, article=response.article)
    if response.move is assistant.Move.ANSWER:
        Conversation.objects.filter(pk=conversation.pk).update(
            assistant_answers=F("assistant_answers") + 1
        )
    return Turn([said])


def hand_over(conversation: Conversation) -> list[ChatMessage]:
    """The assistant's chat to a person: routed as a new chat would be (the visitor asked, or the
    assistant did not know). The visitor is told who answers, or that everyone is busy."""
    if conversation.status != ConversationStatus.ASSISTANT:
        return []
    values = {"status": ConversationStatus.WAITING, "handed_over_at": timezone.now()}
    with transaction.atomic():
        with audit.via(Channel.SYSTEM):
            update_record(conversation, by=conversation.owner, values=values)
        _route(conversation)
        told = _tell_who_answers(
            conversation,
            nobody=lambda: _(
                "Everyone is busy right now. Stay here and a person will answer you; if you "
                "leave, your question becomes a request and we will answer it."
            ),
        )
    return [told]


def _tell_who_answers(conversation: Conversation, *, nobody: Callable[[], str]) -> ChatMessage:
    """Tell the visitor, in their language, who answers them now; ``nobody()`` (translated
    then) when no one does yet."""
    with override(conversation.language):
        agent = conversation.agent
        if agent is None:
            text = nobody()
        else:
            text = _("%(agent)s is now answering you.") % {"agent": agent.get_full_name() or agent}
    return _say(conversation, Author.SYSTEM, None, text)


def resume(widget: ChatWidget, token: str) -> Conversation | None:
    """The visitor's chat on this widget, by the token the widget kept; None once it ended."""
    if not token:
        return None
    return (
        Conversation.objects.live()
        .filter(widget=widget, visitor_key=token_digest(token))
        .select_related("agent")
        .first()
    )


def visitor_says(conversation: Conversation, text: str) -> ChatMessage:
    return _say(conversation, Author.VISITOR, None, text)


def agent_says(conversation: Conversation, agent: User, text: str) -> ChatMessage:
    """An agent's answer; the first answer to a waiting chat takes it."""
    if conversation.agent_id is None and may_take(agent, conversation):
        take(conversation, agent)
    elif not can(agent, Action.CHANGE, conversation):
        raise PermissionDenied(_("This chat is a colleague's: ask them to hand it to you."))
    return _say(conversation, Author.AGENT, agent, text)


def _say(
    conversation: Conversation,
    author: str,
    user: User | None,
    text: str,
    *,
    article: Article | None = None,
) -> ChatMessage:
    text = text.strip()
    if not text:
        raise ValidationError({"text": [_("Write a message first.")]})
    if len(text) > MAX_TEXT:
        raise ValidationError(
            {"text": [_("Keep a message under %(count)d characters.") % {"count": MAX_TEXT}]}
        )
    if conversation.status == ConversationStatus.ENDED:
        raise ValidationError(_("This chat has ended."))
    now = timezone.now()
    with transaction.atomic():
        message = ChatMessage.objects.create(
            conversation=conversation,
            author=author,
            user=user,
            text=text,
            article=article,
            created_at=now,
        )
        unread = F("unread") + 1 if author == Author.VISITOR else 0
        Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now, unread=unread)
    conversation.last_message_at = now
    return message


def mark_read(conversation: Conversation) -> None:
    Conversation.objects.filter(pk=conversation.pk).update(unread=0)
    conversation.unread = 0


def works_chats(user: User) -> bool:
    """Chats are answered by those who work tickets."""
    return routing.works_tickets(user)


def may_take(user: User, conversation: Conversation) -> bool:
    """Anyone who works chats may take a chat of their team nobody answers yet: waiting, or still
    with the assistant (an agent may step in)."""
    return (
        conversation.status in (ConversationStatus.WAITING, ConversationStatus.ASSISTANT)
        and works_chats(user)
        and conversation.team_id in user.team_ids()
    )


def take(conversation: Conversation, agent: User) -> None:
    if not may_take(agent, conversation):
        raise PermissionDenied(_("This chat is not waiting for your team."))
    _hand_to(conversation, agent)


def transfer(conversation: Conversation, *, by: User, to: User) -> ChatMessage:
    """Hand a chat on to a colleague who works chats; the visitor is told, in their language
    (the message telling them is returned)."""
    if not can(by, Action.CHANGE, conversation):
        raise PermissionDenied(_("This chat is a colleague's: ask them to hand it to you."))
    if not to.is_active or not works_chats(to):
        raise ValidationError({"to": [_("Choose a colleague who answers chats.")]})
    _hand_to(conversation, to, by=by)
    return _tell_who_answers(conversation, nobody=str)  # never called: `to` answers it now


def transfer_to_team(conversation: Conversation, *, by: User, team: Team) -> ChatMessage:
    """Hand a chat on to another team: to one of its agents as a new chat would go, else it
    waits in that team's list. The visitor is told, in their language (the message telling
    them is returned)."""
    if not can(by, Action.CHANGE, conversation):
        raise PermissionDenied(_("This chat is a colleague's: ask them to hand it to you."))
    if team.pk == conversation.team_id:
        raise ValidationError({"team": [_("The chat is this team's already.")]})
    # Until one of the team's agents takes it, the widget's owner holds it, as a new chat.
    holder = conversation.widget.owner if conversation.widget else by
    values = {"team": team, "agent": None, "owner": holder, "status": ConversationStatus.WAITING}
    with audit.via(Channel.UI):
        update_record(conversation, by=by, values=values)
    _route(conversation)
    return _tell_who_answers(
        conversation,
        nobody=lambda: (
            _("You are being passed to our %(team)s team: someone will be with you shortly.")
            % {"team": team.name}
        ),
    )


def _hand_to(conversation: Conversation, agent: User, by: User | None = None) -> None:
    values: dict[str, object] = {
        "agent": agent,
        "owner": agent,
        "status": ConversationStatus.ACTIVE,
    }
    if conversation.status == ConversationStatus.ASSISTANT:  # an agent stepped in
        values["handed_over_at"] = timezone.now()
    # Live chat reaches the server over its own socket: the changes it makes are the UI's.
    with audit.via(Channel.SYSTEM if by is None else Channel.UI):
        update_record(conversation, by=by or agent, values=values)
    search_chats.index(conversation)  # its new owner, and their team, may find it now


def end(conversation: Conversation, *, by: User | None) -> Activity | None:
    """End the chat (``by`` None: the visitor left). The transcript goes on the client's
    timeline; a chat nobody answered becomes a ticket instead, so the question is not lost."""
    if conversation.status == ConversationStatus.ENDED:
        return None
    if by is not None and not can(by, Action.CHANGE, conversation):
        raise PermissionDenied(_("This chat is a colleague's: ask them to hand it to you."))
    # By an agent, or by the assistant in a chat it never handed over.
    answered = conversation.messages.filter(author=Author.AGENT).exists() or (
        conversation.with_assistant and conversation.handed_over_at is None
    )
    with transaction.atomic():
        values = {"status": ConversationStatus.ENDED, "ended_at": timezone.now()}
        with audit.via(Channel.SYSTEM if by is None else Channel.UI):
            update_record(conversation, by=by or conversation.owner, values=values)
        search_chats.index(conversation)  # with its whole transcript
        if not answered and conversation.messages.filter(author=Author.VISITOR).exists():
            to_ticket(conversation)
            return None
        if conversation.contact is None:
            return None
        with audit.via(Channel.SYSTEM):
            return log_activity(
                by=conversation.agent or conversation.owner,
                kind=ActivityKind.CHAT,
                contact=conversation.contact,
                direction=Direction.INBOUND,
                subject=_("Chat with %(name)s") % {"name": conversation.visitor_name},
                body=transcript(conversation),
                occurred_at=conversation.started_at,
            )


def to_ticket(conversation: Conversation) -> Ticket:
    """The unanswered chat as a ticket of the widget's queue, its transcript the request."""
    from sampark.service.actions import open_ticket

    first = conversation.messages.filter(author=Author.VISITOR).order_by("id").first()
    subject = (first.text if first else conversation.visitor_name)[:120]
    with audit.via(Channel.SYSTEM):
        requester = conversation.contact or _visitor_as_contact(conversation)
        ticket = open_ticket(
            by=conversation.owner,
            subject=subject,
            body=transcript(conversation),
            requester=requester,
            channel=TicketChannel.CHAT,
            team_id=conversation.team_id,
            category_id=conversation.widget.category_id if conversation.widget else None,
            language=conversation.language,
        )
    Conversation.objects.filter(pk=conversation.pk).update(ticket=ticket)
    conversation.ticket = ticket
    mailing.transcript_after_commit(conversation)
    return ticket


def _visitor_as_contact(conversation: Conversation) -> Contact:
    """A visitor who gave no email, as the contact their ticket is for: their question is kept,
    and an agent can reach them when they come back or merge them with a known client."""
    contact = create_contact(
        by=conversation.owner,
        owner=conversation.owner,
        team_id=conversation.team_id,
        display_name=conversation.visitor_name,
        language=conversation.language,
        source="chat",
    )
    Conversation.objects.filter(pk=conversation.pk).update(contact=contact)
    conversation.contact = contact
    return contact


def transcript(conversation: Conversation) -> str:
    """What was said, one line each: when, who, what."""
    lines = []
    for message in conversation.messages.select_related("user", "article").order_by("id"):
        if message.author == Author.VISITOR:
            who = conversation.visitor_name
        elif message.user is not None:
            who = message.user.get_full_name() or str(message.user)
        else:
            who = message.get_author_display()
        when = timezone.localtime(message.created_at).strftime("%H:%M")
        quoted = f" ({message.article.title})" if message.article else ""
        lines.append(f"[{when}] {who}: {message.text}{quoted}")
    return "\n".join(lines)


def pick_agent(conversation: Conversation) -> User | None:
    """An available agent of the chat's team who speaks its language and has room, those
    skilled in the widget's category first, the least busy first (ties: the longest-standing
    account); None when nobody fits."""
    if conversation.team_id is None:
        return None
    members = [
        user
        for user in User.objects.filter(teams=conversation.team_id, is_active=True)
        if works_chats(user)
    ]
    ready = routing.available_speakers(members, conversation.language)
    load = dict(
        Conversation.objects.filter(agent__in=list(ready), status=ConversationStatus.ACTIVE)
        .values("agent")
        .annotate(n=Count("id"))
        .values_list("agent", "n")
    )
    # Room first, then skill: a visitor is better answered now by someone than kept waiting.
    free = [u for u, profile in ready.items() if load.get(u.pk, 0) < profile.max_chats]
    widget = conversation.widget
    fitting = routing.skilled_first(free, widget.category_id if widget else None)
    return min(fitting, key=lambda u: (load.get(u.pk, 0), u.pk)) if fitting else None


def save_widget(widget: ChatWidget | None, *, by: User, values: dict[str, object]) -> ChatWidget:
    """Admins set widgets up: which sites, and whose chats they are."""
    if role_of(by) is not Role.ADMIN:
        raise PermissionDenied(_("Only admins set up chat widgets."))
    if widget is None:
        return create_record(ChatWidget, by=by, **values)
    return update_record(widget, by=by, values=values)
