"""The live chat protocol through Channels' communicator, against the real ASGI application:
a visitor from an allowed site chats in Bengali with the agent who speaks it, typing shows on
the other side, a reload resumes the chat, a transfer hands it on, and the end puts the
transcript on the client's timeline (or, unanswered, opens a ticket). Other sites, strangers
and other teams are refused; a flood is slowed down. Once more over Redis."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.layers import channel_layers
from channels.testing import WebsocketCommunicator
from django.conf import settings as django_settings
from django.test import Client

from sampark.chat.consumers import REFUSED
from sampark.chat.models import ChatWidget, Conversation, ConversationStatus
from sampark.chat.visitor import BURST
from sampark.contacts.models import Activity, ActivityKind
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from sampark.service.models import AgentProfile, Ticket, TicketChannel

pytestmark = pytest.mark.django_db(transaction=True)

SITE = "https://www.padma-securities.example"


def run(scenario: Callable[[], Awaitable[Any]]) -> Any:
    return async_to_sync(scenario)()


@pytest.fixture
def desk(people, teams):  # type: ignore[no-untyped-def]
    """The Dhaka desk's widget; the agent answers in Bengali, the colleague only in English."""
    widget = ChatWidget.objects.create(
        name="Website", owner=people["manager"], team=teams[0], allowed_origins=f"{SITE}\n"
    )
    AgentProfile.objects.create(user=people["agent"], languages=["bn", "en"])
    AgentProfile.objects.create(user=people["colleague"], languages=["en"])
    return widget


def visitor(widget: ChatWidget, origin: str = SITE) -> WebsocketCommunicator:
    from sampark.asgi import application

    return WebsocketCommunicator(
        application, f"/chat/ws/visitor/{widget.key}/", headers=[(b"origin", origin.encode())]
    )


def signed_in(user) -> bytes:  # type: ignore[no-untyped-def]
    """The session cookie of ``user``'s browser (made before the async part: it writes)."""
    browser = Client()
    browser.force_login(user)
    name = django_settings.SESSION_COOKIE_NAME
    return f"{name}={browser.cookies[name].value}".encode()


def agent_socket(cookie: bytes) -> WebsocketCommunicator:
    """An agent's socket as their browser opens it: the session cookie, this site's origin."""
    from sampark.asgi import application

    return WebsocketCommunicator(
        application,
        "/chat/ws/agent/",
        headers=[(b"cookie", cookie), (b"origin", b"http://localhost")],
    )


async def next_of(socket: WebsocketCommunicator, kind: str) -> dict[str, Any]:
    """The next event of ``kind`` (others before it are skipped)."""
    while True:
        event = await socket.receive_json_from(timeout=5)
        if event["type"] == kind:
            return event


def test_a_bengali_chat_reaches_the_agent_who_speaks_it_and_ends_on_the_timeline(desk, people):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    cookie = signed_in(agent)

    async def scenario() -> None:
        inbox = agent_socket(cookie)
        assert (await inbox.connect())[0]
        guest = visitor(desk)
        assert (await guest.connect())[0]
        await guest.send_json_to(
            {"type": "start", "name": "রহিম উদ্দিন", "email": "rahim@padma.bd", "language": "bn"}
        )
        started = await next_of(guest, "started")
        assert started["status"] == ConversationStatus.ACTIVE
        waiting = await next_of(inbox, "waiting")
        assert waiting["agent"] == agent.pk
        conversation = started["conversation"]
        await inbox.send_json_to({"type": "open", "conversation": conversation})
        assert (await next_of(inbox, "opened"))["language"] == "bn"

        await guest.send_json_to({"type": "typing"})
        assert (await next_of(inbox, "typing"))["author"] == "visitor"
        await guest.send_json_to({"type": "message", "text": "আমার স্টেটমেন্ট কোথায়?"})
        echo = await next_of(guest, "message")  # the visitor's own, as stored
        assert (echo["author"], echo["name"]) == ("visitor", "রহিম উদ্দিন")
        assert (await next_of(inbox, "message"))["text"] == "আমার স্টেটমেন্ট কোথায়?"
        await inbox.send_json_to(
            {"type": "message", "conversation": conversation, "text": "এখনই পাঠাচ্ছি।"}
        )
        reply = await next_of(guest, "message")
        assert (reply["author"], reply["text"]) == ("agent", "এখনই পাঠাচ্ছি।")
        await inbox.send_json_to({"type": "end", "conversation": conversation})
        assert (await next_of(guest, "status"))["status"] == "ended"
        await guest.disconnect()
        await inbox.disconnect()

    run(scenario)

    chat = Conversation.objects.get()
    assert (chat.status, chat.agent, chat.contact.display_name) == (
        ConversationStatus.ENDED,
        agent,
        "রহিম উদ্দিন",
    )
    logged = Activity.objects.get(contact=chat.contact, kind=ActivityKind.CHAT)
    assert "রহিম উদ্দিন: আমার স্টেটমেন্ট কোথায়?" in logged.body
    assert "এখনই পাঠাচ্ছি।" in logged.body


def test_a_reload_resumes_the_chat_with_its_history_and_a_wrong_token_opens_nothing(desk):  # type: ignore[no-untyped-def]
    async def scenario() -> None:
        first = visitor(desk)
        await first.connect()
        await first.send_json_to({"type": "start", "name": "Meera", "language": "en"})
        token = (await next_of(first, "started"))["token"]
        await first.send_json_to({"type": "message", "text": "Is the market open today?"})
        await next_of(first, "message")
        await first.disconnect()

        again = visitor(desk)
        await again.connect()
        await again.send_json_to({"type": "resume", "token": token})
        resumed = await next_of(again, "resumed")
        assert [m["text"] for m in resumed["messages"]] == ["Is the market open today?"]
        await again.disconnect()

        stranger = visitor(desk)
        await stranger.connect()
        await stranger.send_json_to({"type": "resume", "token": token[:-2] + "xx"})
        assert (await next_of(stranger, "error"))["code"] == "no_conversation"
        await stranger.send_json_to({"type": "message", "text": "hello?"})
        assert (await next_of(stranger, "error"))["code"] == "invalid"
        await stranger.disconnect()

    run(scenario)
    assert token_kept_only_as_digest()


def token_kept_only_as_digest() -> bool:
    chat = Conversation.objects.get()
    return len(chat.visitor_key) == 64


def test_other_sites_strangers_and_other_teams_are_refused(desk, people):  # type: ignore[no-untyped-def]
    outsider = people["outsider"]  # an agent of the Mumbai desk
    AgentProfile.objects.create(user=outsider, languages=["bn"])
    outsider_cookie, reader_cookie = signed_in(outsider), signed_in(people["reader"])

    async def scenario() -> None:
        elsewhere = visitor(desk, origin="https://evil.example")
        await elsewhere.connect()
        assert (await elsewhere.receive_output(timeout=5))["code"] == REFUSED

        from sampark.asgi import application

        anonymous = WebsocketCommunicator(
            application, "/chat/ws/agent/", headers=[(b"origin", b"http://localhost")]
        )
        for refused in (anonymous, agent_socket(reader_cookie)):
            await refused.connect()
            assert (await refused.receive_output(timeout=5))["code"] == REFUSED

        guest = visitor(desk)
        await guest.connect()
        await guest.send_json_to({"type": "start", "name": "Rahim", "language": "bn"})
        conversation = (await next_of(guest, "started"))["conversation"]
        other = agent_socket(outsider_cookie)
        assert (await other.connect())[0]
        await other.send_json_to({"type": "open", "conversation": conversation})
        assert (await next_of(other, "error"))["code"] == "refused"
        await other.send_json_to({"type": "message", "conversation": conversation, "text": "hi"})
        assert (await next_of(other, "error"))["code"] == "refused"
        await other.send_json_to({"type": "open", "conversation": conversation + 1000})
        assert (await next_of(other, "error"))["code"] == "refused"
        for socket in (guest, other):
            await socket.disconnect()

    run(scenario)
    assert not Conversation.objects.get().messages.exists()


def test_a_transfer_hands_the_chat_on_and_the_first_agent_can_no_longer_answer(desk, people):  # type: ignore[no-untyped-def]
    agent, colleague = people["agent"], people["colleague"]
    cookies = signed_in(agent), signed_in(colleague)

    async def scenario() -> None:
        guest = visitor(desk)
        await guest.connect()
        await guest.send_json_to({"type": "start", "name": "Rahim", "language": "bn"})
        conversation = (await next_of(guest, "started"))["conversation"]
        first, second = agent_socket(cookies[0]), agent_socket(cookies[1])
        await first.connect()
        await second.connect()
        await first.send_json_to({"type": "open", "conversation": conversation})
        await next_of(first, "opened")
        await first.send_json_to(
            {"type": "transfer", "conversation": conversation, "to": colleague.pk}
        )
        assert (await next_of(guest, "status"))["agent"] == colleague.pk

        await second.send_json_to({"type": "open", "conversation": conversation})
        await next_of(second, "opened")
        await second.send_json_to(
            {"type": "message", "conversation": conversation, "text": "I can help."}
        )
        assert (await next_of(guest, "message"))["text"] == "I can help."
        await first.send_json_to(
            {"type": "message", "conversation": conversation, "text": "Still here"}
        )
        assert (await next_of(first, "error"))["code"] == "refused"
        for socket in (guest, first, second):
            await socket.disconnect()

    run(scenario)
    chat = Conversation.objects.get()
    assert (chat.agent, chat.owner) == (colleague, colleague)
    # Said in the visitor's language, whoever clicked.
    assert (
        chat.messages.get(author="system").text
        == f"এখন {colleague.get_full_name()} আপনার উত্তর দিচ্ছেন।"
    )


def test_a_chat_nobody_answered_becomes_a_ticket_when_the_visitor_leaves(desk, people):  # type: ignore[no-untyped-def]
    AgentProfile.objects.filter(user=people["agent"]).update(availability="away")

    async def scenario() -> None:
        guest = visitor(desk)
        await guest.connect()
        await guest.send_json_to(
            {"type": "start", "name": "রহিম", "email": "rahim@padma.bd", "language": "bn"}
        )
        assert (await next_of(guest, "started"))["status"] == ConversationStatus.WAITING
        await guest.send_json_to({"type": "message", "text": "কেউ আছেন?"})
        await next_of(guest, "message")
        await guest.send_json_to({"type": "leave"})
        await guest.wait()

    run(scenario)
    ticket = Ticket.objects.get()
    assert (ticket.channel, ticket.subject, ticket.team_id) == (
        TicketChannel.CHAT,
        "কেউ আছেন?",
        desk.team_id,
    )
    assert Conversation.objects.get().ticket == ticket


def test_a_flood_is_slowed_down(desk):  # type: ignore[no-untyped-def]
    async def scenario() -> list[str]:
        guest = visitor(desk)
        await guest.connect()
        await guest.send_json_to({"type": "start", "name": "Bot", "language": "en"})
        await next_of(guest, "started")
        answers = []
        for n in range(BURST + 2):
            await guest.send_json_to({"type": "message", "text": f"spam {n}"})
            answers.append((await guest.receive_json_from(timeout=5))["type"])
        await guest.disconnect()
        return answers

    answers = run(scenario)
    assert answers.count("error") >= 2
    assert Conversation.objects.get().messages.count() <= BURST


def test_the_chat_works_over_redis_across_layers(desk, people, settings, redis_url):  # type: ignore[no-untyped-def]
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [redis_url]},
        }
    }
    channel_layers.backends.clear()
    agent = make_user(Role.AGENT, desk.team, username="redis-agent")
    AgentProfile.objects.create(user=agent, languages=["hi"])
    cookie = signed_in(agent)

    async def scenario() -> None:
        guest = visitor(desk)
        await guest.connect()
        await guest.send_json_to({"type": "start", "name": "राहुल", "language": "hi"})
        conversation = (await next_of(guest, "started"))["conversation"]
        inbox = agent_socket(cookie)
        await inbox.connect()
        await inbox.send_json_to({"type": "open", "conversation": conversation})
        await next_of(inbox, "opened")
        await guest.send_json_to({"type": "message", "text": "नमस्ते"})
        assert (await next_of(inbox, "message"))["text"] == "नमस्ते"
        await guest.disconnect()
        await inbox.disconnect()

    try:
        run(scenario)
    finally:
        channel_layers.backends.clear()
    assert Conversation.objects.get().agent == agent


def test_an_agent_hears_their_new_chat_before_opening_it_and_a_colleague_takes_a_waiting_one(  # type: ignore[no-untyped-def]
    desk, people
):
    agent, colleague = people["agent"], people["colleague"]
    cookies = signed_in(agent), signed_in(colleague)

    async def scenario() -> None:
        mine, theirs = agent_socket(cookies[0]), agent_socket(cookies[1])
        await mine.connect()
        await theirs.connect()
        guest = visitor(desk)
        await guest.connect()
        await guest.send_json_to({"type": "start", "name": "রহিম", "language": "bn"})
        routed = (await next_of(guest, "started"))["conversation"]
        assert (await next_of(mine, "assigned"))["conversation"] == routed
        await guest.send_json_to({"type": "message", "text": "হ্যালো"})
        assert (await next_of(mine, "message"))["text"] == "হ্যালো"  # not opened yet
        await mine.send_json_to({"type": "read", "conversation": routed})

        english = visitor(desk)
        await english.connect()
        await english.send_json_to({"type": "start", "name": "Meera", "language": "en"})
        waiting = await next_of(english, "started")
        assert waiting["status"] == ConversationStatus.ACTIVE
        for socket in (mine, theirs, guest, english):
            await socket.disconnect()

    run(scenario)
    routed_chat = Conversation.objects.get(visitor_name="রহিম")
    assert (routed_chat.agent, routed_chat.unread) == (agent, 0)
    # Someone less busy than the agent who already has a chat (a tie goes to the oldest account).
    assert Conversation.objects.get(visitor_name="Meera").agent not in {agent, None}


def test_a_colleague_takes_a_waiting_chat_and_the_team_is_told(desk, people):  # type: ignore[no-untyped-def]
    AgentProfile.objects.create(user=people["manager"])
    AgentProfile.objects.update(availability="away")  # nobody is routed a chat
    agent, colleague = people["agent"], people["colleague"]
    cookies = signed_in(agent), signed_in(colleague)

    async def scenario() -> None:
        guest = visitor(desk)
        await guest.connect()
        await guest.send_json_to({"type": "start", "name": "Meera", "language": "en"})
        started = await next_of(guest, "started")
        assert started["status"] == ConversationStatus.WAITING
        first, second = agent_socket(cookies[0]), agent_socket(cookies[1])
        await first.connect()
        await second.connect()
        await second.send_json_to({"type": "take", "conversation": started["conversation"]})
        told = await next_of(first, "status")
        assert (told["status"], told["agent"]) == ("active", colleague.pk)
        await first.send_json_to({"type": "take", "conversation": started["conversation"]})
        assert (await next_of(first, "error"))["code"] == "refused"
        for socket in (guest, first, second):
            await socket.disconnect()

    run(scenario)
    assert Conversation.objects.get().agent == colleague


def test_a_chat_handed_to_another_team_goes_to_its_agent_who_speaks_the_language(  # type: ignore[no-untyped-def]
    desk, people, teams
):
    agent, outsider = people["agent"], people["outsider"]  # the Dhaka and Mumbai desks
    AgentProfile.objects.create(user=outsider, languages=["bn"])
    ours, theirs = signed_in(agent), signed_in(outsider)

    async def scenario() -> None:
        inbox, mumbai = agent_socket(ours), agent_socket(theirs)
        for socket in (inbox, mumbai):
            assert (await socket.connect())[0]
        guest = visitor(desk)
        await guest.connect()
        await guest.send_json_to({"type": "start", "name": "রহিম", "language": "bn"})
        conversation = (await next_of(guest, "started"))["conversation"]
        await inbox.send_json_to({"type": "transfer", "conversation": conversation, "team": 0})
        assert (await next_of(inbox, "error"))["fields"]["team"]

        await inbox.send_json_to(
            {"type": "transfer", "conversation": conversation, "team": teams[1].pk}
        )
        assert (await next_of(mumbai, "assigned"))["conversation"] == conversation
        told = await next_of(guest, "message")
        assert told["author"] == "system"
        assert outsider.get_full_name() in told["text"]
        assert (await next_of(mumbai, "message"))["author"] == "system"  # what the visitor was told
        await guest.send_json_to({"type": "message", "text": "হ্যালো?"})
        assert (await next_of(mumbai, "message"))["text"] == "হ্যালো?"
        for socket in (guest, inbox, mumbai):
            await socket.disconnect()

    run(scenario)

    chat = Conversation.objects.get()
    assert (chat.team, chat.agent, chat.status) == (teams[1], outsider, ConversationStatus.ACTIVE)
