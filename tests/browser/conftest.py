"""The live server answers one request at a time.

On SQLite the test database lives in memory, and Django hands the live server's request threads
the test's one connection. A page that loads two fragments at once (the timeline and the
transactions of a contact) would then run two requests on one connection at the same time, and
now and then one of them fails. Django's plain WSGI server serves requests in turn and closes each
connection after its response, so the browser never waits on a kept-alive socket.
"""

from __future__ import annotations

from typing import Any

from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread


class OneRequestAtATime(WSGIServer):
    def __init__(self, *args: Any, connections_override: Any = None, **kwargs: Any) -> None:
        # The live server thread has already put the test's connections in place.
        super().__init__(*args, **kwargs)


LiveServerThread.server_class = OneRequestAtATime
