"""The live chat protocol: JSON messages over a WebSocket, one socket per visitor and one per
signed-in agent, joined through the channel layer.

Visitor (``/chat/ws/visitor/<widget key>/``, only from a site the widget allows):
  → ``{"type": "start", "name", "email", "language"}`` or ``{"type": "resume", "token"}``
  ← ``{"type": "started", "token", "conversation"}``: the token resumes it after a reload
  ← ``{"type": "resumed", "conversation", "messages": [...]}``
  → ``{"type": "message", "text"}``, ``{"type": "typing"}``, ``{"type": "leave"}``

Agent (``/chat/ws/agent/``, signed in, from this site only):
  ← ``{"type": "waiting", "conversation"}`` when a chat of their team needs someone
  → ``{"type": "open", "conversation"}`` ← ``{"type": "opened", "conversation", "messages"}``
  → ``{"type": "message" | "typing" | "read" | "take" | "end", "conversation", ...}``,
    ``{"type": "transfer", "conversation", "to": user id}``
  ← ``{"type": "assigned", "conversation"}`` when a chat is routed or handed to them (its
    messages then arrive even before they open it)

Both sides receive ``message``, ``typing`` and ``status`` events of the chats they are in, and
``{"type": "error", "code", "fields"?}`` for what was refused. Every write goes through
``actions.py``; the sockets only carry it.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from sampark.chat import actions
from sampark.chat.models import ChatMessage, ChatWidget, Conversation
from sampark.core.models import User

logger = logging.getLogger("sampark.chat")

# A person types a few messages a second at most; a script that sends more is slowed down.
BURST = 10
PER_SECONDS = 10.0
# New visitor sockets a minute from one address, before they are refused.
CONNECTIONS_PER_MINUTE = 30

REFUSED = 4403
TOO_MANY = 4429


def conversation_group(pk: int) -> str:
    return f"chat.conversation.{pk}"


def team_group(pk: int) -> str:
    return f"chat.team.{pk}"


def agent_group(pk: int) -> str:
    return f"chat.agent.{pk}"


def message_event(message: ChatMessage, conversation: Conversation) -> dict[str, Any]:
    return {
        "type": "message",
        "conversation": message.conversation_id,
        "id": message.pk,
        "author": message.author,
        "name": _name_of(message, conversation),
        "text": message.text,
        "at": message.created_at.isoformat(),
    }


def _messages(conversation: Conversation) -> list[dict[str, Any]]:
    rows = conversation.messages.select_related("user").order_by("id")
    return [message_event(m, conversation) for m in rows]


def _name_of(message: ChatMessage, conversation: Conversation) -> str:
    if message.user is not None:
        return message.user.get_short_name() or message.user.get_username()
    return conversation.visitor_name if message.author == "visitor" else ""


async def _to_team(layer: Any, team_id: int | None, event: dict[str, Any], sender: str) -> None:
    """Tell the sockets of the team's agents (their lists follow what happens to chats)."""
    if team_id is not None:
        await layer.group_send(
            team_group(team_id), {"type": "chat.event", "event": event, "sender": sender}
        )


def _error(error: ValidationError | PermissionDenied) -> dict[str, Any]:
    if isinstance(error, PermissionDenied):
        return {"type": "error", "code": "refused", "message": str(error)}
    if hasattr(error, "error_dict"):
        fields = {name: [str(m) for m in messages] for name, messages in error.message_dict.items()}
        return {"type": "error", "code": "invalid", "fields": fields}
    return {"type": "error", "code": "invalid", "message": " ".join(error.messages)}


class _Throttle:
    """A token bucket: ``BURST`` messages, refilled over ``PER_SECONDS``."""

    def __init__(self) -> None:
        self.tokens, self.at = float(BURST), time.monotonic()

    def allow(self) -> bool:
        now = time.monotonic()
        self.tokens = min(BURST, self.tokens + (now - self.at) * BURST / PER_SECONDS)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class _ChatSocket(AsyncJsonWebsocketConsumer):
    throttle: _Throttle

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if not isinstance(content, dict) or not isinstance(content.get("type"), str):
            await self.send_json({"type": "error", "code": "invalid"})
            return
        if not self.throttle.allow():
            await self.send_json({"type": "error", "code": "slow_down"})
            return
        handler = getattr(self, f"on_{content['type']}", None)
        if handler is None:
            await self.send_json({"type": "error", "code": "unknown_type"})
            return
        try:
            await handler(content)
        except (ValidationError, PermissionDenied) as error:
            await self.send_json(_error(error))
        except Exception:
            # A fault of ours: said to this socket, logged, and the socket stays open.
            logger.exception("Chat command %r failed", content["type"])
            await self.send_json({"type": "error", "code": "server"})

    async def chat_event(self, event: dict[str, Any]) -> None:
        """An event of a chat this socket is in, from the channel layer."""
        if event.get("sender") != self.channel_name:
            await self.send_json(event["event"])

    async def _publish(self, conversation_pk: int, event: dict[str, Any]) -> None:
        await self.channel_layer.group_send(
            conversation_group(conversation_pk),
            {"type": "chat.event", "event": event, "sender": self.channel_name},
        )


class VisitorConsumer(_ChatSocket):
    widget: ChatWidget
    conversation: Conversation | None = None

    async def connect(self) -> None:
        self.throttle = _Throttle()
        widget = await _active_widget(self.scope["url_route"]["kwargs"]["key"])
        origin = _header(self.scope, b"origin")
        # Accepted, then closed with the reason: a refusal before accepting reaches the
        # browser as a failed handshake, which the widget would take for a blocked network.
        await self.accept()
        if widget is None or not widget.allows(origin):
            await self.close(code=REFUSED)
            return
        if not _admit(self.scope):
            await self.close(code=TOO_MANY)
            return
        self.widget = widget

    async def disconnect(self, code: int) -> None:
        if self.conversation is not None:
            await self.channel_layer.group_discard(
                conversation_group(self.conversation.pk), self.channel_name
            )

    async def on_start(self, content: dict[str, Any]) -> None:
        if self.conversation is not None:
            return
        started = await database_sync_to_async(actions.start)(
            self.widget,
            origin=_header(self.scope, b"origin"),
            name=str(content.get("name", "")),
            email=str(content.get("email", "")),
            language=str(content.get("language", "")),
        )
        await self._join(started.conversation)
        await self.send_json(
            {
                "type": "started",
                "conversation": started.conversation.pk,
                "token": started.token,
                "status": started.conversation.status,
            }
        )
        if started.conversation.agent_id is not None:
            await _assign(self.channel_layer, started.conversation)
        waiting = {
            "type": "waiting",
            "conversation": started.conversation.pk,
            "status": started.conversation.status,
            "agent": started.conversation.agent_id,
        }
        await _to_team(self.channel_layer, started.conversation.team_id, waiting, "")

    async def on_resume(self, content: dict[str, Any]) -> None:
        conversation = await database_sync_to_async(actions.resume)(
            self.widget, str(content.get("token", ""))
        )
        if conversation is None:
            await self.send_json({"type": "error", "code": "no_conversation"})
            return
        await self._join(conversation)
        history = await database_sync_to_async(_messages)(conversation)
        await self.send_json(
            {
                "type": "resumed",
                "conversation": conversation.pk,
                "status": conversation.status,
                "messages": history,
            }
        )

    async def on_message(self, content: dict[str, Any]) -> None:
        conversation = await self._require_conversation()
        message = await database_sync_to_async(actions.visitor_says)(
            conversation, str(content.get("text", ""))
        )
        event = message_event(message, conversation)
        await self.send_json(event)
        await self._publish(conversation.pk, event)

    async def on_typing(self, content: dict[str, Any]) -> None:
        conversation = await self._require_conversation()
        await self._publish(
            conversation.pk,
            {"type": "typing", "conversation": conversation.pk, "author": "visitor"},
        )

    async def on_leave(self, content: dict[str, Any]) -> None:
        conversation = await self._require_conversation()
        await database_sync_to_async(actions.end)(conversation, by=None)
        await self._publish(
            conversation.pk, {"type": "status", "conversation": conversation.pk, "status": "ended"}
        )
        await self.close()

    async def _join(self, conversation: Conversation) -> None:
        self.conversation = conversation
        await self.channel_layer.group_add(conversation_group(conversation.pk), self.channel_name)

    async def _require_conversation(self) -> Conversation:
        """The visitor's chat as it is now (an agent may have taken, handed on or ended it)."""
        if self.conversation is None:
            raise ValidationError(_("Start a chat first."))
        self.conversation = await database_sync_to_async(
            Conversation.objects.select_related("agent").get
        )(pk=self.conversation.pk)
        return self.conversation


class AgentConsumer(_ChatSocket):
    user: User
    groups_in: set[str]

    async def connect(self) -> None:
        self.throttle = _Throttle()
        self.groups_in = set()
        user = self.scope.get("user")
        await self.accept()  # then closed with the reason, which the page can show
        if not isinstance(user, User) or not await database_sync_to_async(actions.works_chats)(
            user
        ):
            await self.close(code=REFUSED)
            return
        self.user = user
        # Their teams' news, their own, and every chat they answer: messages arrive live in a
        # chat they have not opened yet.
        teams, chats = await database_sync_to_async(_groups_of)(user)
        for group in {*teams, agent_group(user.pk), *chats}:
            await self._join(group)

    async def disconnect(self, code: int) -> None:
        for group in self.groups_in:
            await self.channel_layer.group_discard(group, self.channel_name)

    async def _join(self, group: str) -> None:
        self.groups_in.add(group)
        await self.channel_layer.group_add(group, self.channel_name)

    async def chat_assigned(self, event: dict[str, Any]) -> None:
        """A chat was routed or handed to this agent: its messages come here from now on."""
        await self._join(conversation_group(event["conversation"]))
        await self.send_json({"type": "assigned", "conversation": event["conversation"]})

    async def on_open(self, content: dict[str, Any]) -> None:
        conversation = await self._conversation(content)
        await self._join(conversation_group(conversation.pk))
        await database_sync_to_async(actions.mark_read)(conversation)
        history = await database_sync_to_async(_messages)(conversation)
        await self.send_json(
            {
                "type": "opened",
                "conversation": conversation.pk,
                "status": conversation.status,
                "visitor": conversation.visitor_name,
                "language": conversation.language,
                "contact": conversation.contact_id,
                "messages": history,
            }
        )

    async def on_message(self, content: dict[str, Any]) -> None:
        conversation = await self._conversation(content)
        message = await database_sync_to_async(actions.agent_says)(
            conversation, self.user, str(content.get("text", ""))
        )
        event = message_event(message, conversation)
        await self.send_json(event)
        await self._publish(conversation.pk, event)

    async def on_typing(self, content: dict[str, Any]) -> None:
        conversation = await self._conversation(content)
        await self._publish(
            conversation.pk, {"type": "typing", "conversation": conversation.pk, "author": "agent"}
        )

    async def on_read(self, content: dict[str, Any]) -> None:
        """The agent has seen what the visitor said so far."""
        conversation = await self._conversation(content)
        await database_sync_to_async(actions.mark_read)(conversation)

    async def on_take(self, content: dict[str, Any]) -> None:
        conversation = await self._conversation(content)
        await database_sync_to_async(actions.take)(conversation, self.user)
        await self._join(conversation_group(conversation.pk))
        event = {"type": "status", "conversation": conversation.pk, "status": "active"}
        await self._tell_all(conversation, {**event, "agent": self.user.pk})

    async def on_transfer(self, content: dict[str, Any]) -> None:
        conversation = await self._conversation(content)
        to = await database_sync_to_async(_colleague)(content.get("to"))
        told = await database_sync_to_async(actions.transfer)(conversation, by=self.user, to=to)
        await _assign(self.channel_layer, conversation)
        await self._tell_all(conversation, message_event(told, conversation))
        event = {"type": "status", "conversation": conversation.pk, "status": "transferred"}
        await self._tell_all(conversation, {**event, "agent": to.pk})

    async def on_end(self, content: dict[str, Any]) -> None:
        conversation = await self._conversation(content)
        await database_sync_to_async(actions.end)(conversation, by=self.user)
        event = {"type": "status", "conversation": conversation.pk, "status": "ended"}
        await self.send_json(event)
        await self._publish(conversation.pk, event)

    async def _tell_all(self, conversation: Conversation, event: dict[str, Any]) -> None:
        """This socket, the chat's other sockets and the team's lists."""
        await self.send_json(event)
        await self._publish(conversation.pk, event)
        await _to_team(self.channel_layer, conversation.team_id, event, self.channel_name)

    async def _conversation(self, content: dict[str, Any]) -> Conversation:
        """The chat the message names, if this agent may see it: else refused, whether it
        exists or not (no id is a clue)."""
        pk = content.get("conversation")
        found = None
        if isinstance(pk, int):
            found = await database_sync_to_async(
                Conversation.objects.visible_to(self.user).filter(pk=pk).first
            )()
        if found is None:
            raise PermissionDenied(_("There is no such chat, or it is not yours to see."))
        return found


def _groups_of(user: User) -> tuple[list[str], list[str]]:
    teams = [team_group(pk) for pk in user.team_ids()]
    chats = Conversation.objects.live().filter(agent=user).values_list("pk", flat=True)
    return teams, [conversation_group(pk) for pk in chats]


async def _assign(layer: Any, conversation: Conversation) -> None:
    """Tell the chat's agent's sockets to join it."""
    if conversation.agent_id is None:
        return
    await layer.group_send(
        agent_group(conversation.agent_id),
        {"type": "chat.assigned", "conversation": conversation.pk},
    )


def _colleague(pk: object) -> User:
    found = User.objects.filter(pk=pk, is_active=True).first() if isinstance(pk, int) else None
    if found is None:
        raise ValidationError({"to": [_("Choose a colleague who answers chats.")]})
    return found


@database_sync_to_async
def _active_widget(key: str) -> ChatWidget | None:
    return ChatWidget.objects.filter(key=key, is_active=True).first()


def _header(scope: Any, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return bytes(value).decode("latin-1")
    return ""


def _admit(scope: Any) -> bool:
    """Whether one more visitor socket from this address fits in the minute."""
    client = scope.get("client") or ("unknown", 0)
    key = f"sampark.chat.connections:{client[0]}:{int(time.time() // 60)}"
    cache.add(key, 0, 90)
    try:
        return cache.incr(key) <= CONNECTIONS_PER_MINUTE
    except ValueError:  # the counter lapsed between add and incr
        return True
