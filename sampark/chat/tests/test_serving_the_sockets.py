"""`sampark serve` (what `make run` starts) serves the pages and, on the next port, the chat's
sockets: a socket to a widget that is not there is refused by the chat's own rule, which shows
the ASGI server and the consumers are up; the pages point browsers at it."""

from __future__ import annotations

import asyncio
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
import websockets


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> bytes:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 - our loopback
                return bytes(answer.read())
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.25)


async def refused_code(url: str) -> int | None:
    try:
        async with websockets.connect(url, origin="https://www.example.com") as socket_:
            await socket_.recv()
    except websockets.ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else None
    except websockets.InvalidStatus as refused:
        return refused.response.status_code
    return None


def test_serve_starts_the_chat_sockets_beside_the_pages(scratch_site):  # type: ignore[no-untyped-def]
    port, chat_port = free_port(), free_port()
    serve = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sampark.cli",
            "serve",
            "--port",
            str(port),
            "--chat-port",
            str(chat_port),
        ],
        env={**scratch_site.env, "SAMPARK_CHAT_URL": ""},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        page = wait_for(f"http://127.0.0.1:{port}/accounts/login/", serve)
        assert b"Sampark" in page
        wait_for(f"http://127.0.0.1:{chat_port}/accounts/login/", serve)  # the ASGI side is up

        code = asyncio.run(refused_code(f"ws://127.0.0.1:{chat_port}/chat/ws/visitor/no-such/"))

        assert code == 4403  # refused by the chat's own rule, with its reason
    finally:
        serve.send_signal(signal.SIGTERM)
        try:
            serve.wait(timeout=30)
        except subprocess.TimeoutExpired:
            serve.kill()
            pytest.fail("serve did not stop on SIGTERM")
