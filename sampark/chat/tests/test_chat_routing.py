"""Who gets a new chat: an available agent of the widget's team who speaks the visitor's
language and has room, those with the widget's skill first, the least busy first."""

from __future__ import annotations

import pytest

from sampark.chat import actions
from sampark.chat.models import ChatWidget, Conversation, ConversationStatus
from sampark.service.models import AgentProfile, Availability, Category, Ticket

pytestmark = pytest.mark.django_db

SITE = "https://www.padma-securities.example"


@pytest.fixture
def ipo():  # type: ignore[no-untyped-def]
    return Category.objects.create(name="IPO")


@pytest.fixture
def widget(people, teams, ipo):  # type: ignore[no-untyped-def]
    AgentProfile.objects.create(user=people["manager"], availability=Availability.AWAY)
    AgentProfile.objects.create(user=people["agent"], languages=["bn"])
    skilled = AgentProfile.objects.create(user=people["colleague"], languages=["bn"])
    skilled.skills.add(ipo)
    return ChatWidget.objects.create(
        name="IPO pages", owner=people["manager"], team=teams[0], allowed_origins=SITE, category=ipo
    )


def start(widget: ChatWidget, language: str = "bn") -> Conversation:
    return actions.start(widget, origin=SITE, name="Rahim", language=language).conversation


def test_the_skilled_agent_gets_the_chat_even_when_busier(widget, people) -> None:  # type: ignore[no-untyped-def]
    first, second = start(widget), start(widget)

    assert first.agent == second.agent == people["colleague"]


def test_when_the_skilled_agent_is_full_another_who_speaks_the_language_gets_it(  # type: ignore[no-untyped-def]
    widget, people
) -> None:
    AgentProfile.objects.filter(user=people["colleague"]).update(max_chats=1)

    assert start(widget).agent == people["colleague"]
    assert start(widget).agent == people["agent"]
    waiting = start(widget, language="hi")  # nobody answers in Hindi: it waits
    assert (waiting.status, waiting.agent) == (ConversationStatus.WAITING, None)


def test_the_ticket_of_an_unanswered_chat_gets_the_widget_s_category(widget, people, ipo) -> None:  # type: ignore[no-untyped-def]
    conversation = start(widget, language="hi")
    actions.visitor_says(conversation, "आईपीओ के लिए कैसे आवेदन करें?")

    actions.end(conversation, by=None)

    assert Ticket.objects.get().category == ipo
