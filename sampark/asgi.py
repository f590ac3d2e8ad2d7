"""The ASGI application: the web app over HTTP, and the live chat's sockets."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sampark.settings")
django_application = get_asgi_application()  # sets Django up before the chat's imports

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from sampark.chat.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {"http": django_application, "websocket": URLRouter(websocket_urlpatterns)}
)
