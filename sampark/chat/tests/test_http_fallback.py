"""The widget's HTTP fallback against the real ASGI application, beside an agent on a socket: a
visitor whose network blocks WebSockets starts a chat by POST, the agent hears of it and
answers, and the visitor's long poll brings the answer (and typing, and the chat's end) as soon
as it is said; what was seen is not sent again. Only the widget's sites get in (CORS too),
a token opens only its own chat, bad requests are told why, and a flood is slowed down."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass
from typing import Any

import pytest
from channels.layers import channel_layers
from channels.testing import HttpCommunicator

from sampark.chat import views_live, visitor
from sampark.chat.models import ChatWidget, Conversation, ConversationStatus
from sampark.chat.tests.test_protocol import SITE, agent_socket, next_of, run, signed_in
from sampark.chat.visitor import BURST
from sampark.service.models import AgentProfile

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def desk(people, teams):  # type: ignore[no-untyped-def]
    """The Dhaka desk's widget, answered by its agent in Bengali and English."""
    widget = ChatWidget.objects.create(
        name="Website", owner=people["manager"], team=teams[0], allowed_origins=f"{SITE}\n"
    )
    AgentProfile.objects.create(user=people["agent"], languages=["bn", "en"])
    return widget


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: Any

    @property
    def events(self) -> list[dict[str, Any]]:
        return list(self.body["events"])


async def ask(
    method: str,
    path: str,
    *,
    body: bytes = b"",
    origin: str = SITE,
    address: str = "203.0.113.7",
    timeout: float = 10,
) -> Answer:
    """One request as the widget makes it, from a page of ``origin``."""
    from sampark.asgi import application

    headers = [(b"host", b"localhost"), (b"origin", origin.encode())]
    if body:
        headers.append((b"content-type", b"application/json"))
    request = HttpCommunicator(application, method, path, body=body, headers=headers)
    request.scope["client"] = (address, 50000)
    response = await request.get_response(timeout=timeout)
    found = {bytes(k).decode().lower(): bytes(v).decode() for k, v in response["headers"]}
    parsed = json.loads(response["body"]) if response["body"] else None
    return Answer(response["status"], found, parsed)


async def send(widget: ChatWidget, command: dict[str, Any], **kwargs: Any) -> Answer:
    return await ask(
        "POST", f"/chat/live/{widget.key}/send", body=json.dumps(command).encode(), **kwargs
    )


async def poll(
    widget: ChatWidget, token: str, after: int = 0, told: str = "", **kwargs: Any
) -> Answer:
    query = f"token={token}&after={after}&status={told}"
    return await ask("GET", f"/chat/live/{widget.key}/events?{query}", **kwargs)


async def start(
    widget: ChatWidget, name: str, language: str = "en", **kwargs: Any
) -> dict[str, Any]:
    """A new chat's ``started`` event: its token, its id, its status."""
    answer = await send(widget, {"type": "start", "name": name, "language": language}, **kwargs)
    [started] = answer.events
    assert started["type"] == "started", answer.body
    return started


def test_a_visitor_over_http_chats_with_an_agent_on_a_socket(desk, people, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(views_live, "LONG_POLL_SECONDS", 5.0)
    cookie = signed_in(people["agent"])

    async def scenario() -> None:
        inbox = agent_socket(cookie)
        assert (await inbox.connect())[0]
        answer = await send(
            desk, {"type": "start", "name": "রহিম উদ্দিন", "email": "", "language": "bn"}
        )
        assert answer.status == 200
        assert answer.headers["access-control-allow-origin"] == SITE
        [started] = answer.events
        token, conversation = started["token"], started["conversation"]
        assert started["status"] == ConversationStatus.ACTIVE
        assert (await next_of(inbox, "assigned"))["conversation"] == conversation
        assert (await next_of(inbox, "waiting"))["agent"] == people["agent"].pk

        said = await send(desk, {"type": "message", "text": "স্টেটমেন্ট কোথায়?", "token": token})
        [echo] = said.events
        assert (echo["author"], echo["name"]) == ("visitor", "রহিম উদ্দিন")
        assert (await next_of(inbox, "message"))["text"] == "স্টেটমেন্ট কোথায়?"

        waiting = asyncio.create_task(poll(desk, token, after=echo["id"], told="active"))
        await asyncio.sleep(0.3)  # the poll is waiting
        assert not waiting.done()
        reply = {"type": "message", "conversation": conversation, "text": "এখনই পাঠাচ্ছি।"}
        await inbox.send_json_to(reply)
        [answered] = (await waiting).events
        assert (answered["author"], answered["text"]) == ("agent", "এখনই পাঠাচ্ছি।")

        ending = asyncio.create_task(poll(desk, token, after=answered["id"], told="active"))
        await asyncio.sleep(0.3)
        await inbox.send_json_to({"type": "end", "conversation": conversation})
        assert [e["status"] for e in (await ending).events] == ["ended"]
        await inbox.disconnect()

    run(scenario)
    assert Conversation.objects.get().status == ConversationStatus.ENDED


def test_a_poll_answers_at_once_with_what_was_not_seen_and_only_that(desk, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(views_live, "LONG_POLL_SECONDS", 0.3)

    async def scenario() -> None:
        token = (await start(desk, "Meera"))["token"]
        ids = []
        for text in ("Is the market open today?", "And tomorrow?"):
            [said] = (await send(desk, {"type": "message", "text": text, "token": token})).events
            ids.append(said["id"])

        everything = await poll(desk, token)
        assert [e["id"] for e in everything.events] == ids
        assert [e["text"] for e in (await poll(desk, token, after=ids[0])).events] == [
            "And tomorrow?"
        ]
        began = time.monotonic()
        assert (await poll(desk, token, after=ids[1])).events == []
        assert time.monotonic() - began >= 0.3  # it waited for news, and none came

        # A resume over HTTP gives the history, as the socket does.
        [resumed] = (await send(desk, {"type": "resume", "token": token})).events
        assert [m["id"] for m in resumed["messages"]] == ids

    run(scenario)


def test_a_poll_wakes_as_soon_as_something_happens(desk, people, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(views_live, "LONG_POLL_SECONDS", 20.0)
    AgentProfile.objects.update(availability="away")  # the chat waits for someone to take it
    cookie = signed_in(people["agent"])

    async def scenario() -> None:
        started = await start(desk, "Meera")
        token, conversation = started["token"], started["conversation"]
        inbox = agent_socket(cookie)
        await inbox.connect()

        began = time.monotonic()
        watching = asyncio.create_task(poll(desk, token, told="waiting", timeout=30))
        await asyncio.sleep(0.3)
        await inbox.send_json_to({"type": "take", "conversation": conversation})
        [taken] = (await watching).events
        assert (taken["type"], taken["status"]) == ("status", "active")

        watching = asyncio.create_task(poll(desk, token, told="active", timeout=30))
        await asyncio.sleep(0.3)
        await inbox.send_json_to({"type": "typing", "conversation": conversation})
        [typing] = (await watching).events
        assert (typing["type"], typing["author"]) == ("typing", "agent")
        assert time.monotonic() - began < 10  # far from the 20 s a quiet poll waits

        # Missed while no poll was waiting: the next one is told at once, from the database.
        [told] = (await poll(desk, token, told="waiting")).events
        assert told["status"] == "active"
        await inbox.disconnect()

    run(scenario)


def test_only_the_widgets_sites_are_let_in(desk):  # type: ignore[no-untyped-def]
    path = f"/chat/live/{desk.key}/send"

    async def scenario() -> None:
        preflight = await ask("OPTIONS", path)
        assert preflight.status == 204
        assert preflight.headers["access-control-allow-origin"] == SITE
        assert "POST" in preflight.headers["access-control-allow-methods"]
        assert preflight.headers["access-control-allow-headers"] == "content-type"
        assert int(preflight.headers["access-control-max-age"]) > 0

        for method in ("OPTIONS", "POST"):
            refused = await ask(
                method, path, body=b'{"type": "start"}', origin="https://evil.example"
            )
            assert refused.status == 403
            assert "access-control-allow-origin" not in refused.headers
        elsewhere = await poll(desk, "anything", origin="https://evil.example")
        assert elsewhere.status == 403
        assert "access-control-allow-origin" not in elsewhere.headers
        assert (await ask("OPTIONS", "/chat/live/no-such-widget/send")).status == 403

    run(scenario)
    assert not Conversation.objects.exists()


def test_a_token_opens_its_own_chat_and_nothing_else(desk, people, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(views_live, "LONG_POLL_SECONDS", 0.2)
    other_widget = ChatWidget.objects.create(
        name="Other site", owner=people["manager"], allowed_origins=f"{SITE}\n"
    )

    async def scenario() -> None:
        rahim = (await start(desk, "Rahim"))["token"]
        await send(desk, {"type": "message", "text": "My account number is 1234", "token": rahim})
        meera = (await start(desk, "Meera"))["token"]

        assert (await poll(desk, meera)).events == []  # nothing of Rahim's
        for stranger in (rahim[:-2] + "xx", ""):
            [refused] = (await poll(desk, stranger)).events
            assert refused["code"] == "no_conversation"
        [refused] = (await poll(other_widget, rahim)).events  # another widget's
        assert refused["code"] == "no_conversation"
        said = await send(desk, {"type": "message", "text": "hello?", "token": rahim[:-2] + "xx"})
        assert [e["code"] for e in said.events] == ["no_conversation"]
        untokened = await send(desk, {"type": "message", "text": "hello?"})
        assert (untokened.status, untokened.events[0]["code"]) == (400, "invalid")

    run(scenario)
    assert Conversation.objects.get(visitor_name="Rahim").messages.count() == 1
    assert not Conversation.objects.get(visitor_name="Meera").messages.exists()


def test_bad_requests_are_told_why_in_the_sockets_words(desk):  # type: ignore[no-untyped-def]
    path = f"/chat/live/{desk.key}/send"

    async def scenario() -> None:
        for body in (b"{not json", b"\xff\xfe", b'["start"]', b'{"type": 7}'):
            answer = await ask("POST", path, body=body)
            assert answer.status == 400
            assert answer.events == [{"type": "error", "code": "invalid"}]
        nameless = await send(desk, {"type": "start", "name": " ", "email": "nope"})
        assert nameless.status == 400
        [error] = nameless.events
        assert (error["code"], sorted(error["fields"])) == ("invalid", ["email", "name"])
        unknown = await send(desk, {"type": "dance"})
        assert (unknown.status, unknown.events[0]["code"]) == (400, "unknown_type")
        token = (await start(desk, "Meera"))["token"]
        bad_after = await ask("GET", f"/chat/live/{desk.key}/events?token={token}&after=x")
        assert (bad_after.status, bad_after.events[0]["code"]) == (400, "invalid")
        assert (await ask("PUT", path, body=b"{}")).status == 405

    run(scenario)


def test_a_flood_over_http_is_slowed_down(desk, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(visitor, "PER_SECONDS", 3600.0)  # no refill while the test runs

    async def scenario() -> list[int]:
        token = (await start(desk, "Bot"))["token"]
        statuses = []
        for n in range(BURST + 2):
            said = await send(desk, {"type": "message", "text": f"spam {n}", "token": token})
            statuses.append(said.status)
            if said.status == 429:
                assert said.events == [{"type": "error", "code": "slow_down"}]

        # No room left this minute for another chat from this address, started or resumed.
        monkeypatch.setattr(visitor, "CONNECTIONS_PER_MINUTE", 0)
        for command in ({"type": "start", "name": "Bot 2"}, {"type": "resume", "token": token}):
            refused = await send(desk, command, address="198.51.100.9")
            assert (refused.status, refused.events[0]["code"]) == (429, "slow_down")
        return statuses

    statuses = run(scenario)
    assert statuses == [200] * BURST + [429] * 2
    assert Conversation.objects.get().messages.count() == BURST


def test_a_poll_hears_the_agent_over_redis(desk, people, settings, redis_url, monkeypatch):  # type: ignore[no-untyped-def]
    """Where the sockets and the polls are spread over processes, they meet on Redis."""
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [redis_url]},
        }
    }
    channel_layers.backends.clear()
    monkeypatch.setattr(views_live, "LONG_POLL_SECONDS", 5.0)
    cookie = signed_in(people["agent"])

    async def scenario() -> None:
        inbox = agent_socket(cookie)
        await inbox.connect()
        started = await start(desk, "রাহুল", language="bn")  # the agent's: they speak Bengali
        await inbox.send_json_to({"type": "open", "conversation": started["conversation"]})
        await next_of(inbox, "opened")  # in the chat's group by now
        watching = asyncio.create_task(poll(desk, started["token"], told=started["status"]))
        await asyncio.sleep(0.3)
        reply = {"type": "message", "conversation": started["conversation"], "text": "নমস্কার"}
        await inbox.send_json_to(reply)
        assert [e["text"] for e in (await watching).events] == ["নমস্কার"]
        await inbox.disconnect()

    try:
        run(scenario)
    finally:
        channel_layers.backends.clear()
