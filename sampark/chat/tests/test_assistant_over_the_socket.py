"""The assistant in the live chat protocol: a visitor of a widget with the assistant on is
greeted by it, gets an answer quoted from the help centre with the article's address, and the
"talk to a person" button hands the chat to the agent, whose socket joins it."""

from __future__ import annotations

import pytest

from sampark.chat.models import ChatWidget, Conversation, ConversationStatus
from sampark.chat.tests.test_protocol import SITE, agent_socket, next_of, run, signed_in, visitor
from sampark.service.models import AgentProfile
from sampark.service.tests.knowledge_factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def desk(people, teams):  # type: ignore[no-untyped-def]
    AgentProfile.objects.create(user=people["agent"], languages=["hi", "en"])
    make_article(
        people["manager"],
        language="hi",
        title="पासवर्ड कैसे रीसेट करें",
        body="<p>ऐप खोलें, 'पासवर्ड भूल गए' चुनें और मोबाइल पर आए ओटीपी से नया पासवर्ड बनाएं।</p>",
    )
    make_article(
        people["manager"],
        language="hi",
        title="यूपीआई से पैसे जमा करें",
        body="<p>यूपीआई या एनईएफटी से जमा की गई राशि दो घंटे में बैलेंस में दिखती है।</p>",
    )
    return ChatWidget.objects.create(
        name="Website", owner=people["manager"], team=teams[0], allowed_origins=SITE, assistant=True
    )


def test_the_assistant_answers_then_hands_over_when_asked(desk, people) -> None:  # type: ignore[no-untyped-def]
    agent = people["agent"]
    cookie = signed_in(agent)

    async def scenario() -> None:
        inbox = agent_socket(cookie)
        assert (await inbox.connect())[0]
        guest = visitor(desk)
        assert (await guest.connect())[0]
        await guest.send_json_to({"type": "start", "name": "अनीता", "language": "hi"})
        started = await next_of(guest, "started")
        assert started["status"] == ConversationStatus.ASSISTANT
        greeting = await next_of(guest, "message")
        assert greeting["author"] == "bot"
        assert "अनीता" in greeting["text"]
        conversation = started["conversation"]

        await guest.send_json_to({"type": "message", "text": "मेरा पासवर्ड भूल गया, क्या करूँ?"})
        assert (await next_of(guest, "message"))["author"] == "visitor"
        answer = await next_of(guest, "message")
        assert answer["author"] == "bot"
        assert "ओटीपी" in answer["text"]
        assert answer["article"]["title"] == "पासवर्ड कैसे रीसेट करें"
        assert answer["article"]["url"].startswith("/help/hi/")

        await guest.send_json_to({"type": "hand_over"})
        told = await next_of(guest, "message")
        assert told["author"] == "system"
        status = await next_of(guest, "status")
        assert (status["status"], status["agent"]) == ("active", agent.pk)
        assert (await next_of(inbox, "assigned"))["conversation"] == conversation
        await guest.send_json_to({"type": "message", "text": "नमस्ते"})
        assert (await next_of(inbox, "message"))["text"] == "नमस्ते"
        for socket in (guest, inbox):
            await socket.disconnect()

    run(scenario)

    chat = Conversation.objects.get()
    assert (chat.assistant_answers, chat.agent) == (1, agent)
    assert chat.handed_over_at is not None
