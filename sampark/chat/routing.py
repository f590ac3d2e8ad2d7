"""The live chat sockets: a visitor's, checked against the widget's sites in the consumer, and
an agent's, signed in by the session cookie and only from this site's own pages."""

from __future__ import annotations

from typing import Any

from channels.auth import AuthMiddlewareStack
from channels.security.websocket import AllowedHostsOriginValidator
from django.urls import path

from sampark.chat.consumers import AgentConsumer, VisitorConsumer

# Django's path() is typed for views; Channels' URLRouter takes ASGI applications in it.
websocket_urlpatterns: list[Any] = [
    path("chat/ws/visitor/<str:key>/", VisitorConsumer.as_asgi()),  # type: ignore[arg-type]
    path(
        "chat/ws/agent/",
        AllowedHostsOriginValidator(AuthMiddlewareStack(AgentConsumer.as_asgi())),
    ),
]
