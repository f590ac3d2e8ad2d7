"""The live server handles one request at a time; `chat_server` serves the chat's sockets
beside it.

On SQLite the test database lives in memory, and Django hands the live server's request threads
the test's one connection. A page that loads two fragments at once (the timeline and the
transactions of a contact) would then run two requests on one connection at the same time, and
now and then one of them fails. So requests take turns; connections still get a thread each,
so a socket Chromium opens ahead of time and leaves idle holds up no one.
"""

from __future__ import annotations

import http.server
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
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


@pytest.fixture
def chat_server(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The chat's sockets, served as `sampark serve` does (uvicorn, ASGI) on a port of their
    own beside the live server; pages are told where it is and allow it in their CSP. Its
    database work takes turns with the live server's requests, for the reason above."""
    import uvicorn
    from asgiref.sync import SyncToAsync
    from channels.db import DatabaseSyncToAsync
    from django.db import connections

    from sampark.asgi import application

    def in_turn(self: Any, *args: Any, **kwargs: Any) -> Any:
        with OneRequestAtATime._turn:
            return unturned(self, *args, **kwargs)

    unturned = DatabaseSyncToAsync.thread_handler
    monkeypatch.setattr(DatabaseSyncToAsync, "thread_handler", in_turn)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # "localhost", as the live server is: the session cookie goes to both.
    url = f"http://localhost:{port}"
    settings.SAMPARK_CHAT_URL = url
    csp = {**settings.SECURE_CSP}
    csp["connect-src"] = [*csp["connect-src"], url.replace("http", "ws", 1)]
    settings.SECURE_CSP = csp
    server = uvicorn.Server(
        uvicorn.Config(
            application,
            host="127.0.0.1",
            port=port,
            ws="websockets-sansio",
            lifespan="off",
            log_level="warning",
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the chat server did not start")
        time.sleep(0.05)
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        # The consumers' database work ran in asgiref's one thread for it: its connection is
        # closed there, or PostgreSQL would keep the test database open past the run.
        SyncToAsync.single_thread_executor.submit(connections.close_all).result(timeout=10)


@pytest.fixture
def firm_site(live_server) -> Iterator[tuple[str, Any]]:  # type: ignore[no-untyped-def]
    """The firm's own website, on an origin of its own, with the widget's one tag (the
    widget's team, the Dhaka desk, is the queue; its owner a manager)."""
    from sampark.chat.models import ChatWidget
    from sampark.core.roles import Role
    from sampark.core.tests.factories import TeamFactory, make_user

    dhaka = TeamFactory(name="Dhaka desk")
    manager = make_user(Role.MANAGER, dhaka, username="salma")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    origin = f"http://127.0.0.1:{port}"
    widget = ChatWidget.objects.create(
        name="Padma Securities", owner=manager, team=dhaka, allowed_origins=origin
    )
    page = (
        '<!doctype html><html lang="bn"><head><meta charset="utf-8"><title>পদ্মা সিকিউরিটিজ'
        "</title></head><body><h1>পদ্মা সিকিউরিটিজ</h1>"
        f'<script src="{live_server.url}/static/chat/widget.js" data-widget="{widget.key}" '
        f'data-server="{live_server.url}" async></script></body></html>'
    ).encode()

    class Site(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield origin, widget
    finally:
        server.shutdown()
