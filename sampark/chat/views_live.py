"""The widget's HTTP fallback, for networks whose proxies block WebSockets: the visitor's side
of the protocol (``consumers.py``) over plain requests, answered by the same
``VisitorSession`` as the socket.

``POST /chat/live/<key>/send``: one command as JSON, the visitor's token in it once they have
one; answered ``{"events": [...]}``, what the socket would have sent back (``started`` with the
token, the message as stored, an error).

``GET /chat/live/<key>/events?token=…&after=<last message id seen>&status=<status last told>``:
a long poll. Answered at once with what the visitor has not seen (the chat's messages after
``after``, from the database; its status when it ended or is no longer what the widget was
told), else as soon as something happens in the chat (typing too), else ``{"events": []}``
after ``LONG_POLL_SECONDS``.

Both are async views, served by the ASGI process beside the sockets, where the channel layer
the sockets meet on is.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Coroutine
from functools import wraps
from typing import Any

from channels.db import database_sync_to_async
from channels.layers import BaseChannelLayer, get_channel_layer
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_vary_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from sampark.chat.models import ChatWidget, Conversation, ConversationStatus
from sampark.chat.visitor import (
    Event,
    VisitorSession,
    active_widget,
    admit,
    allow_from,
    conversation_group,
    error_of,
    held_by,
    history,
    is_command,
    status_event,
    throttle_key,
)

# Under the 30 s or so after which proxies tend to drop a quiet request.
LONG_POLL_SECONDS = 25.0
# How long a browser may reuse a preflight's answer (Chromium keeps it two hours at most).
PREFLIGHT_MAX_AGE = 7200

# The widget reads every answer's events, whatever its status; only 403 removes it, so that is
# kept for a site the widget may not be on.
_STATUS_OF = {"slow_down": 429, "no_conversation": 404, "server": 500}

WidgetView = Callable[[HttpRequest, ChatWidget, str], Coroutine[Any, Any, HttpResponse]]
View = Callable[[HttpRequest, str], Coroutine[Any, Any, HttpResponse]]


def _from_the_widgets_sites(view: WidgetView) -> View:
    """Only a page on one of the widget's sites gets in, and only it may read the answers
    (CORS): a preflight is answered for it alone, any other origin gets 403 and no CORS
    headers, like ``config.json``."""

    @wraps(view)
    async def checked(request: HttpRequest, key: str) -> HttpResponse:
        widget = await active_widget(key)
        origin = request.headers.get("Origin", "")
        if widget is None or not widget.allows(origin):
            return JsonResponse({"error": "refused"}, status=403)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "POST, GET"
            response["Access-Control-Allow-Headers"] = "content-type"
            response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
        else:
            response = await view(request, widget, origin)
            response["Cache-Control"] = "no-store"
        response["Access-Control-Allow-Origin"] = origin
        patch_vary_headers(response, ["Origin"])
        return response

    return checked


def _events(events: list[Event], status: int = 200) -> JsonResponse:
    return JsonResponse(
        {"events": events}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def _answer(events: list[Event]) -> JsonResponse:
    """The events of a command, with the status its first error calls for."""
    codes = [event["code"] for event in events if event.get("type") == "error"]
    return _events(events, _STATUS_OF.get(codes[0], 400) if codes else 200)


def _layer() -> BaseChannelLayer:
    layer = get_channel_layer()
    if layer is None:
        raise ImproperlyConfigured("The live chat needs a channel layer (CHANNEL_LAYERS).")
    return layer


def _address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


# Exempt from CSRF only because this is a public endpoint for pages on other sites, which have
# no CSRF token to give, and a forged request has nothing to ride on: no cookie or session is
# read (the widget sends none). What lets a request in is the widget's key and, as its Origin
# (set by the browser, not the page), one of the widget's sites; what opens a chat is the
# visitor's secret token.
@csrf_exempt
@require_http_methods(["POST", "OPTIONS"])
@_from_the_widgets_sites
async def send(request: HttpRequest, widget: ChatWidget, origin: str) -> HttpResponse:
    try:
        content = json.loads(request.body)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested past reason
        return _answer([error_of("invalid")])
    if not isinstance(content, dict) or not is_command(content):
        return _answer([error_of("invalid")])
    token = content.get("token")
    token = token if isinstance(token, str) else ""
    if not await allow_from(throttle_key(token, _address(request))):
        return _answer([error_of("slow_down")])
    command = content["type"]
    # A start or a resume over HTTP is what opening a socket is: the same cap per address.
    if command in {"start", "resume"} and not await admit(_address(request)):
        return _answer([error_of("slow_down")])
    conversation = None
    if command not in {"start", "resume"} and token:
        conversation = await held_by(widget, token)
        if conversation is None:
            return _answer([error_of("no_conversation")])
    session = VisitorSession(widget, origin=origin, layer=_layer(), conversation=conversation)
    return _answer(await session.handle(content))


@require_http_methods(["GET", "OPTIONS"])
@_from_the_widgets_sites
async def events(request: HttpRequest, widget: ChatWidget, origin: str) -> HttpResponse:
    token = request.GET.get("token", "")
    try:
        after = max(0, int(request.GET.get("after") or 0))
    except ValueError:
        return _answer([error_of("invalid")])
    told = request.GET.get("status", "")
    # A bucket of its own: a visitor's polls are not their messages.
    if not await allow_from(f"poll:{throttle_key(token, _address(request))}"):
        return _answer([error_of("slow_down")])
    conversation = await held_by(widget, token)
    if conversation is None:
        # Answered 200: the widget acts on this (it forgets the token and offers a new chat),
        # whereas a failed poll is only retried.
        return _events([error_of("no_conversation")])
    return _events(await _news_or_wait(conversation.pk, after, told))


async def _news_or_wait(pk: int, after: int, told: str) -> list[Event]:
    """What the visitor has not seen yet; if nothing, the first thing that happens in the chat
    within ``LONG_POLL_SECONDS``."""
    layer = _layer()
    channel = await layer.new_channel()
    group = conversation_group(pk)
    # In the group before reading: whatever is said after the read comes through the layer.
    await layer.group_add(group, channel)
    try:
        news = await _unseen(pk, after, told)
        deadline = asyncio.get_running_loop().time() + LONG_POLL_SECONDS
        while not news:
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                break
            try:
                message = await asyncio.wait_for(layer.receive(channel), left)
            except TimeoutError:
                break
            news = await _worth_telling(message, pk, after, told)
        return news
    finally:
        await layer.group_discard(group, channel)


async def _worth_telling(message: Event, pk: int, after: int, told: str) -> list[Event]:
    event = message.get("event") if message.get("type") == "chat.event" else None
    if not isinstance(event, dict):
        return []
    kind = event.get("type")
    if kind == "typing":
        return [event] if event.get("author") != "visitor" else []  # not their own
    if kind == "message":
        # Read back from the database rather than passed on, so none said at the same moment
        # is skipped and the messages come in order.
        return await _unseen(pk, after, told)
    if kind == "status":
        return await _unseen(pk, after, told) or [event]
    return []


@database_sync_to_async
def _unseen(pk: int, after: int, told: str) -> list[Event]:
    """The chat's messages after ``after``, and its status if the widget has not been told it:
    ended, or moved between the assistant, waiting for an agent and an agent answering (the
    widget shows each differently)."""
    conversation = Conversation.objects.select_related("agent").get(pk=pk)
    news = history(conversation, after=after)
    moved = bool(told) and _shown(told) != _shown(conversation.status)
    if conversation.status == ConversationStatus.ENDED or moved:
        news.append(status_event(conversation))
    return news


def _shown(status: str) -> str:
    """A status as the widget shows it: a transfer is still an agent answering."""
    kept = (ConversationStatus.ASSISTANT, ConversationStatus.WAITING, ConversationStatus.ENDED)
    return status if status in kept else ConversationStatus.ACTIVE
