"""Where browsers reach the chat: its sockets (and the HTTP fallback beside them) are served by
the ASGI process, on the pages' own origin behind a proxy or on a port of its own
(``SAMPARK_CHAT_URL``, which ``sampark serve`` sets)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from sampark.chat.models import ChatWidget


def chat_base(request: HttpRequest) -> str:
    """The chat server's http(s) origin."""
    return settings.SAMPARK_CHAT_URL or f"{request.scheme}://{request.get_host()}"


def _as_socket(url: str) -> str:
    return "ws" + url[len("http") :]  # http → ws, https → wss


def agent_socket_url(request: HttpRequest) -> str:
    return _as_socket(f"{chat_base(request)}/chat/ws/agent/")


def visitor_socket_url(request: HttpRequest, widget: ChatWidget) -> str:
    return _as_socket(f"{chat_base(request)}/chat/ws/visitor/{widget.key}/")
