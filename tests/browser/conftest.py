"""The live server handles one request at a time.

On SQLite the test database lives in memory, and Django hands the live server's request threads
the test's one connection. A page that loads two fragments at once (the timeline and the
transactions of a contact) would then run two requests on one connection at the same time, and
now and then one of them fails. So requests take turns; connections still get a thread each,
so a socket Chromium opens ahead of time and leaves idle holds up no one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread


class OneRequestAtATime(ThreadedWSGIServer):
    _turn = threading.Lock()

    def set_app(self, application: Any) -> None:
        def in_turn(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
            with self._turn:
                response = application(environ, start_response)
                try:
                    return list(response)  # the body too: it may still read the database
                finally:
                    close = getattr(response, "close", None)
                    if close is not None:
                        close()

        super().set_app(in_turn)


LiveServerThread.server_class = OneRequestAtATime
