"""The visitor's side of the live chat, whichever way it travels.

A ``VisitorSession`` answers the visitor's commands (start, resume, message, hand_over, typing,
leave), the assistant's answers included (``actions.assistant_turn``):
every write through ``actions.py``, the events for the visitor returned, the events for the
chat's agents and the team's lists published on the channel layer. The WebSocket
(``consumers.VisitorConsumer``) and the HTTP fallback (``views_live``) only carry them, so a
visitor behind a proxy that blocks WebSockets gets the same chat.

The groups and events both sides of the protocol share live here too, since a visitor's
command reaches all of them: the chat, its team and its agent. So do the limits both
transports apply: who may open a chat from an address, and how fast anyone may send.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from channels.db import database_sync_to_async
from channels.layers import BaseChannelLayer
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from sampark.chat import actions
from sampark.chat.models import (
    ChatMessage,
    ChatWidget,
    Conversation,
    ConversationStatus,
    token_digest,
)

logger = logging.getLogger("sampark.chat")

Event = dict[str, Any]

# A person types a few messages a second at most; a script that sends more is slowed down.
BURST = 10
PER_SECONDS = 10.0
# New visitor chats (a socket opened, or a start or resume over HTTP) a minute from one address.
CONNECTIONS_PER_MINUTE = 30


# ---- groups and events ----


def conversation_group(pk: int) -> str:
    return f"chat.conversation.{pk}"


def team_group(pk: int) -> str:
    return f"chat.team.{pk}"


def agent_group(pk: int) -> str:
    return f"chat.agent.{pk}"


def message_event(message: ChatMessage, conversation: Conversation) -> Event:
    """Needs the message's user, and its article with the article's category."""
    event: Event = {
        "type": "message",
        "conversation": message.conversation_id,
        "id": message.pk,
        "author": message.author,
        "name": _name_of(message, conversation),
        "text": message.text,
        "at": message.created_at.isoformat(),
    }
    if message.article is not None:
        # The help centre's address on Sampark's server: the widget makes it absolute.
        article = message.article
        event["article"] = {"title": article.title, "url": article.public_url()}
    return event


def history(conversation: Conversation, *, after: int = 0) -> list[Event]:
    """The chat's messages (those after the id ``after``), oldest first."""
    rows = (
        conversation.messages.filter(id__gt=after)
        .select_related("user", "article__category")
        .order_by("id")
    )
    return [message_event(m, conversation) for m in rows]


def _name_of(message: ChatMessage, conversation: Conversation) -> str:
    if message.user is not None:
        return message.user.get_short_name() or message.user.get_username()
    return conversation.visitor_name if message.author == "visitor" else ""


def status_event(conversation: Conversation) -> Event:
    return {
        "type": "status",
        "conversation": conversation.pk,
        "status": conversation.status,
        "agent": conversation.agent_id,
    }


def error_of(code: str) -> Event:
    return {"type": "error", "code": code}


def error_event(error: ValidationError | PermissionDenied) -> Event:
    if isinstance(error, PermissionDenied):
        return {**error_of("refused"), "message": str(error)}
    if hasattr(error, "error_dict"):
        fields = {name: [str(m) for m in messages] for name, messages in error.message_dict.items()}
        return {**error_of("invalid"), "fields": fields}
    return {**error_of("invalid"), "message": " ".join(error.messages)}


def is_command(content: object) -> bool:
    return isinstance(content, dict) and isinstance(content.get("type"), str)


async def answer(command: str, run: Callable[[], Awaitable[list[Event]]]) -> list[Event]:
    """Run one command: what was refused comes back as an error event; a fault of ours is
    logged and comes back as ``server``, so the chat goes on."""
    try:
        return await run()
    except (ValidationError, PermissionDenied) as error:
        return [error_event(error)]
    except Exception:
        logger.exception("Chat command %r failed", command)
        return [error_of("server")]


async def tell_team(
    layer: BaseChannelLayer, team_id: int | None, event: Event, sender: str
) -> None:
    """Tell the sockets of the team's agents (their lists follow what happens to chats)."""
    if team_id is not None:
        await layer.group_send(
            team_group(team_id), {"type": "chat.event", "event": event, "sender": sender}
        )


async def tell_agent_to_join(layer: BaseChannelLayer, conversation: Conversation) -> None:
    """Tell the chat's agent's sockets to join it."""
    if conversation.agent_id is None:
        return
    await layer.group_send(
        agent_group(conversation.agent_id),
        {"type": "chat.assigned", "conversation": conversation.pk},
    )


@database_sync_to_async
def active_widget(key: str) -> ChatWidget | None:
    return ChatWidget.objects.filter(key=key, is_active=True).first()


@database_sync_to_async
def held_by(widget: ChatWidget, token: str) -> Conversation | None:
    """The chat the visitor's token opens on this widget, ended or not (unlike
    ``actions.resume``): a visitor over HTTP names it with every request, and is told it ended."""
    if not token:
        return None
    found = Conversation.objects.filter(widget=widget, visitor_key=token_digest(token))
    return found.select_related("agent").first()


# ---- limits ----


def _refill(tokens: float, at: float, now: float) -> tuple[bool, float]:
    """The one rule: a bucket of ``BURST`` tokens, refilled over ``PER_SECONDS``; a command
    takes one. Whether it may go, and the tokens left."""
    tokens = min(BURST, tokens + (now - at) * BURST / PER_SECONDS)
    if tokens < 1:
        return False, tokens
    return True, tokens - 1


class Throttle:
    """The rule for a socket: its bucket lives as long as the socket does."""

    def __init__(self) -> None:
        self.tokens, self.at = float(BURST), time.monotonic()

    def allow(self) -> bool:
        now = time.monotonic()
        allowed, self.tokens = _refill(self.tokens, self.at, now)
        self.at = now
        return allowed


async def allow_from(who: str) -> bool:
    """The rule over HTTP, where nothing outlives a request: ``who``'s bucket is kept in the
    cache, so every process sees it. It is read and written back without a lock, so requests
    sent at the very same instant may all pass: a runaway script is slowed down, not counted
    to the last request."""
    key = f"sampark.chat.throttle:{who}"
    now = time.time()
    tokens, at = await cache.aget(key, (float(BURST), now))
    allowed, tokens = _refill(tokens, at, now)
    await cache.aset(key, (tokens, now), int(PER_SECONDS * 2))
    return allowed


def throttle_key(token: str, address: str) -> str:
    """Whose bucket a request takes from: the chat its token holds, else its address (many
    visitors behind one office proxy share an address, not a chat)."""
    return f"chat:{token_digest(token)}" if token else f"address:{address}"


async def admit(address: str) -> bool:
    """Whether one more visitor chat from this address fits in the minute."""
    key = f"sampark.chat.connections:{address or 'unknown'}:{int(time.time() // 60)}"
    await cache.aadd(key, 0, 90)
    try:
        return await cache.aincr(key) <= CONNECTIONS_PER_MINUTE
    except ValueError:  # the counter lapsed between add and incr
        return True


# ---- the visitor's commands ----


def _events_of(conversation: Conversation, said: list[ChatMessage]) -> list[Event]:
    rows = ChatMessage.objects.filter(pk__in=[m.pk for m in said]).select_related(
        "user", "article__category"
    )
    return [message_event(m, conversation) for m in rows.order_by("id")]


class VisitorSession:
    """One visitor's chat on a widget. A socket keeps one for as long as it is open; the HTTP
    fallback makes one for each request, holding the chat the request's token names.

    ``sender`` is the socket's channel (the layer's events it published itself are not sent
    back to it); ``follow`` is how a socket joins the chat's group once it has one, before
    anything is said in it.
    """

    def __init__(
        self,
        widget: ChatWidget,
        *,
        origin: str,
        layer: BaseChannelLayer,
        sender: str = "",
        follow: Callable[[Conversation], Awaitable[None]] | None = None,
        conversation: Conversation | None = None,
    ) -> None:
        self.widget = widget
        self.origin = origin
        self.layer = layer
        self.sender = sender
        self.follow = follow
        self.conversation = conversation
        self.left = False  # the visitor left: a socket closes

    async def handle(self, content: object) -> list[Event]:
        """The events for the visitor, in order."""
        if not isinstance(content, dict) or not is_command(content):
            return [error_of("invalid")]
        handlers = {
            "start": self._start,
            "resume": self._resume,
            "message": self._message,
            "hand_over": self._hand_over,
            "typing": self._typing,
            "leave": self._leave,
        }
        handler = handlers.get(content["type"])
        if handler is None:
            return [error_of("unknown_type")]
        # The same words whichever way the command came: HTTP requests would otherwise be
        # answered in their Accept-Language, sockets in the site's language.
        with translation.override(settings.LANGUAGE_CODE):
            return await answer(content["type"], functools.partial(handler, content))

    async def _start(self, content: dict[str, Any]) -> list[Event]:
        if self.conversation is not None:
            return []
        started = await database_sync_to_async(actions.start)(
            self.widget,
            origin=self.origin,
            name=str(content.get("name", "")),
            email=str(content.get("email", "")),
            language=str(content.get("language", "")),
        )
        conversation = started.conversation
        await self._hold(conversation)
        await tell_agent_to_join(self.layer, conversation)
        waiting = {
            "type": "waiting",
            "conversation": conversation.pk,
            "status": conversation.status,
            "agent": conversation.agent_id,
        }
        await tell_team(self.layer, conversation.team_id, waiting, "")
        started_event = {
            "type": "started",
            "conversation": conversation.pk,
            "token": started.token,
            "status": conversation.status,
        }
        greeting = await database_sync_to_async(history)(conversation)  # the assistant's
        return [started_event, *greeting]

    async def _resume(self, content: dict[str, Any]) -> list[Event]:
        conversation = await database_sync_to_async(actions.resume)(
            self.widget, str(content.get("token", ""))
        )
        if conversation is None:
            return [error_of("no_conversation")]
        await self._hold(conversation)
        messages = await database_sync_to_async(history)(conversation)
        resumed = {
            "type": "resumed",
            "conversation": conversation.pk,
            "status": conversation.status,
            "messages": messages,
        }
        return [resumed]

    async def _message(self, content: dict[str, Any]) -> list[Event]:
        conversation = await self._current()
        message = await database_sync_to_async(actions.visitor_says)(
            conversation, str(content.get("text", ""))
        )
        event = message_event(message, conversation)
        await self._publish(conversation, event)
        if conversation.status != ConversationStatus.ASSISTANT:
            return [event]
        # Off the thread every chat's database work shares: the assistant searches, and may
        # wait on a language model server.
        turn = await database_sync_to_async(actions.assistant_turn, thread_sensitive=False)(
            conversation, message
        )
        return [event, *await self._said(conversation, turn)]

    async def _hand_over(self, content: dict[str, Any]) -> list[Event]:
        """The visitor asked for a person (the widget's button)."""
        conversation = await self._current()
        said = await database_sync_to_async(actions.hand_over)(conversation)
        return await self._said(conversation, actions.Turn(said, handed_over=bool(said)))

    async def _said(self, conversation: Conversation, turn: actions.Turn) -> list[Event]:
        """The assistant's turn told to both sides; a hand-over to the agent and the team."""
        events = await database_sync_to_async(_events_of)(conversation, turn.said)
        for event in events:
            await self._publish(conversation, event)
        if turn.handed_over:
            await tell_agent_to_join(self.layer, conversation)
            status = status_event(conversation)
            await self._publish(conversation, status)
            waiting = {**status, "type": "waiting"}
            await tell_team(self.layer, conversation.team_id, waiting, "")
            events.append(status)
        return events

    async def _typing(self, content: dict[str, Any]) -> list[Event]:
        conversation = await self._current()
        event = {"type": "typing", "conversation": conversation.pk, "author": "visitor"}
        await self._publish(conversation, event)
        return []

    async def _leave(self, content: dict[str, Any]) -> list[Event]:
        conversation = await self._current()
        await database_sync_to_async(actions.end)(conversation, by=None)
        ended = {"type": "status", "conversation": conversation.pk, "status": "ended"}
        await self._publish(conversation, ended)
        self.left = True
        return []

    async def _hold(self, conversation: Conversation) -> None:
        self.conversation = conversation
        if self.follow is not None:
            await self.follow(conversation)

    async def _current(self) -> Conversation:
        """The visitor's chat as it is now (an agent may have taken, handed on or ended it)."""
        if self.conversation is None:
            raise ValidationError(_("Start a chat first."))
        # With its widget: the assistant's turn and routing read it.
        self.conversation = await database_sync_to_async(
            Conversation.objects.select_related("agent", "widget").get
        )(pk=self.conversation.pk)
        return self.conversation

    async def _publish(self, conversation: Conversation, event: Event) -> None:
        await self.layer.group_send(
            conversation_group(conversation.pk),
            {"type": "chat.event", "event": event, "sender": self.sender},
        )
