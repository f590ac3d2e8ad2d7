"""The live chat protocol: JSON messages over a WebSocket, one socket per visitor and one per
signed-in agent, joined through the channel layer.

Visitor (``/chat/ws/visitor/<widget key>/``, only from a site the widget allows; the same
commands over HTTP where WebSockets are blocked, see ``views_live.py``; both answered by
``visitor.VisitorSession``):
  → ``{"type": "start", "name", "email", "language"}`` or ``{"type": "resume", "token"}``
  ← ``{"type": "started", "token", "conversation", "status"}``: the token resumes it after a
    reload
  ← ``{"type": "resumed", "conversation", "status", "messages": [...]}``
  → ``{"type": "message", "text"}``, ``{"type": "typing"}``, ``{"type": "leave"}``
  → ``{"type": "hand_over"}``: a person, please (while the assistant has the chat, status
    ``assistant``; its answers are ``message`` events of author ``bot`` with an ``article``
    ``{"title", "url"}``, the url on Sampark's server)

Agent (``/chat/ws/agent/``, signed in, from this site only):
  ← ``{"type": "waiting", "conversation"}`` when a chat of their team needs someone
  → ``{"type": "open", "conversation"}`` ← ``{"type": "opened", "conversation", "messages"}``
  → ``{"type": "message" | "typing" | "read" | "take" | "end", "conversation", ...}``,
    ``{"type": "transfer", "conversation", "to": user id}`` or ``..., "team": team id}``
  ← ``{"type": "assigned", "conversation"}`` when a chat is routed or handed to them (its
    messages then arrive even before they open it)

Both sides receive ``message``, ``typing`` and ``status`` events of the chats they are in, and
``{"type": "error", "code", "fields"?, "message"?}`` for what was refused (``invalid``,
``refused``, ``unknown_type``, ``no_conversation``, ``slow_down``, ``server``). Every write goes
through ``actions.py``; the sockets only carry it.
"""

from __future__ import annotations

from typing import Any

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from sampark.chat import actions
from sampark.chat.models import Conversation
from sampark.chat.visitor import (
    Event,
    Throttle,
    VisitorSession,
    active_widget,
    admit,
    agent_group,
    answer,
    conversation_group,
    error_of,
    history,
    is_command,
    message_event,
    status_event,
    team_group,
    tell_agent_to_join,
    tell_team,
)
from sampark.core.models import Team, User

REFUSED = 4403
TOO_MANY = 4429


class _ChatSocket(AsyncJsonWebsocketConsumer):
    throttle: Throttle

    async def dispatch(self, message: dict[str, Any]) -> None:
        """Each event straight to its handler. Channels first closes stale database connections
        on the one thread every chat's database work shares, for every event, so a burst of
        events (a new chat tells every agent of the team) queues behind the database and the
        layer drops what overflows a socket's queue. Every database call here goes through
        ``database_sync_to_async``, which closes stale connections before and after anyway."""
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def chat_event(self, event: dict[str, Any]) -> None:
        """An event of a chat this socket is in, from the channel layer."""
        if event.get("sender") != self.channel_name:
            await self.send_json(event["event"])

    async def _send_all(self, events: list[Event]) -> None:
        for event in events:
            await self.send_json(event)


class VisitorConsumer(_ChatSocket):
    """A visitor's socket: the origin check and the limits, then each command to the session
    the socket keeps (``visitor.py``, which the HTTP fallback shares)."""

    session: VisitorSession | None = None

    async def connect(self) -> None:
        self.throttle = Throttle()
        widget = await active_widget(self.scope["url_route"]["kwargs"]["key"])
        origin = _header(self.scope, b"origin")
        # Accepted, then closed with the reason: a refusal before accepting reaches the
        # browser as a failed handshake, which the widget would take for a blocked network.
        await self.accept()
        if widget is None or not widget.allows(origin):
            await self.close(code=REFUSED)
            return
        if not await admit(_address(self.scope)):
            await self.close(code=TOO_MANY)
            return
        self.session = VisitorSession(
            widget,
            origin=origin,
            layer=self.channel_layer,
            sender=self.channel_name,
            follow=self._follow,
        )

    async def disconnect(self, code: int) -> None:
        if self.session is not None and self.session.conversation is not None:
            await self.channel_layer.group_discard(
                conversation_group(self.session.conversation.pk), self.channel_name
            )

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if self.session is None:  # refused: closing
            return
        if not self.throttle.allow():
            await self.send_json(error_of("slow_down"))
            return
        await self._send_all(await self.session.handle(content))
        if self.session.left:
            await self.close()

    async def _follow(self, conversation: Conversation) -> None:
        await self.channel_layer.group_add(conversation_group(conversation.pk), self.channel_name)


class AgentConsumer(_ChatSocket):
    user: User
    groups_in: set[str]

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if not is_command(content):
            await self.send_json(error_of("invalid"))
            return
        if not self.throttle.allow():
            await self.send_json(error_of("slow_down"))
            return
        handler = getattr(self, f"on_{content['type']}", None)
        if handler is None:
            await self.send_json(error_of("unknown_type"))
            return

        async def run() -> list[Event]:
            await handler(content)  # it sends its own answers
            return []

        await self._send_all(await answer(content["type"], run))

    async def _publish(self, conversation_pk: int, event: dict[str, Any]) -> None:
        await self.channel_layer.group_send(
            conversation_group(conversation_pk),
            {"type": "chat.event", "event": event, "sender": self.channel_name},
        )

    async def connect(self) -> None:
        self.throttle = Throttle()
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
        messages = await database_sync_to_async(history)(conversation)
        await self.send_json(
            {
                "type": "opened",
                "conversation": conversation.pk,
                "status": conversation.status,
                "visitor": conversation.visitor_name,
                "language": conversation.language,
                "contact": conversation.contact_id,
                "messages": messages,
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
        await self._tell_all(conversation, status_event(conversation))

    async def on_transfer(self, content: dict[str, Any]) -> None:
        conversation = await self._conversation(content)
        if "team" in content:
            await self._transfer_to_team(conversation, content["team"])
            return
        to = await database_sync_to_async(_colleague)(content.get("to"))
        told = await database_sync_to_async(actions.transfer)(conversation, by=self.user, to=to)
        await tell_agent_to_join(self.channel_layer, conversation)
        await self._tell_all(conversation, message_event(told, conversation))
        event = {"type": "status", "conversation": conversation.pk, "status": "transferred"}
        await self._tell_all(conversation, {**event, "agent": to.pk})

    async def _transfer_to_team(self, conversation: Conversation, pk: object) -> None:
        team = await database_sync_to_async(_team)(pk)
        was = conversation.team_id
        told = await database_sync_to_async(actions.transfer_to_team)(
            conversation, by=self.user, team=team
        )
        await tell_agent_to_join(self.channel_layer, conversation)
        await self._tell_all(conversation, message_event(told, conversation))
        status = status_event(conversation)
        await self._tell_all(conversation, status)
        await tell_team(self.channel_layer, team.pk, {**status, "type": "waiting"}, "")
        await tell_team(self.channel_layer, was, status, self.channel_name)  # its lists too

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
        await tell_team(self.channel_layer, conversation.team_id, event, self.channel_name)

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


def _team(pk: object) -> Team:
    found = Team.objects.filter(pk=pk).first() if isinstance(pk, int) else None
    if found is None:
        raise ValidationError({"team": [_("Choose a team.")]})
    return found


def _colleague(pk: object) -> User:
    found = User.objects.filter(pk=pk, is_active=True).first() if isinstance(pk, int) else None
    if found is None:
        raise ValidationError({"to": [_("Choose a colleague who answers chats.")]})
    return found


def _header(scope: Any, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return bytes(value).decode("latin-1")
    return ""


def _address(scope: Any) -> str:
    client = scope.get("client") or ("unknown", 0)
    return str(client[0])
