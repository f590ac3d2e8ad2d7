"""The chat assistant: it answers from the help centre in the visitor's language, quoting and
linking the article; it hands over when unsure or asked, in any language; a chat it answered
alone ends without a ticket, one it handed over and nobody answered becomes one; its figures."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sampark.chat import actions, assistant
from sampark.chat.models import Author, ChatWidget, Conversation, ConversationStatus
from sampark.contacts.models import Activity, ActivityKind
from sampark.service.models import (
    AgentProfile,
    ArticleStatus,
    ArticleVisibility,
    Availability,
    Ticket,
)
from sampark.service.tests.knowledge_factories import make_article

pytestmark = pytest.mark.django_db

SITE = "https://www.padma-securities.example"

PASSWORD_BN = (
    "<p>অ্যাপের লগইন পাতায় <strong>পাসওয়ার্ড ভুলে গেছেন</strong> চাপুন।</p>"
    "<p>আপনার নিবন্ধিত মোবাইলে একটি ওটিপি যাবে; ওটিপি দিয়ে নতুন পাসওয়ার্ড দিন।</p>"
)


@pytest.fixture
def articles(people):  # type: ignore[no-untyped-def]
    author = people["manager"]
    return {
        "password_bn": make_article(
            author, language="bn", title="পাসওয়ার্ড ভুলে গেলে কী করবেন", body=PASSWORD_BN
        ),
        "password_en": make_article(
            author,
            title="Forgot your password",
            body="<p>On the login page choose <strong>Forgot password</strong>.</p>"
            "<p>We send a one-time code to your registered mobile; enter it and choose a new "
            "password.</p>",
        ),
        "deposit_en": make_article(
            author,
            title="Deposit money into your trading account",
            body="<p>Transfer from your bank to our account by NEFT or UPI. Deposits show in "
            "your trading balance within two hours.</p>",
        ),
        "draft_en": make_article(
            author,
            title="Margin trading rules",
            body="<p>Margin calls are sent when your equity falls below the maintenance level.</p>",
            status=ArticleStatus.DRAFT,
        ),
        "internal_en": make_article(
            author,
            title="Dividend reconciliation for staff",
            body="<p>Dividend payments are reconciled by the back office every Friday.</p>",
            visibility=ArticleVisibility.INTERNAL,
        ),
    }


@pytest.fixture
def widget(people, teams):  # type: ignore[no-untyped-def]
    AgentProfile.objects.create(user=people["agent"], languages=["bn", "en"])
    return ChatWidget.objects.create(
        name="Website",
        owner=people["manager"],
        team=teams[0],
        allowed_origins=SITE,
        assistant=True,
    )


def nobody_free(people) -> None:  # type: ignore[no-untyped-def]
    for name in ("manager", "agent", "colleague"):
        AgentProfile.objects.update_or_create(
            user=people[name], defaults={"availability": Availability.AWAY}
        )


def test_it_answers_in_bengali_quoting_and_linking_the_bengali_article(articles) -> None:  # type: ignore[no-untyped-def]
    response = assistant.respond("আমার পাসওয়ার্ড মনে নেই, লগইন করতে পারছি না", "bn")

    assert response.move is assistant.Move.ANSWER
    assert response.article == articles["password_bn"]
    assert "ওটিপি" in response.text or "পাসওয়ার্ড ভুলে গেছেন" in response.text
    assert "<" not in response.text  # quoted as text, never as markup


def test_the_message_s_script_decides_the_language(articles) -> None:  # type: ignore[no-untyped-def]
    response = assistant.respond("পাসওয়ার্ড ভুলে গেছি", "en")

    assert response.language == "bn"
    assert response.article == articles["password_bn"]


def test_it_answers_in_english_from_the_english_article(articles) -> None:  # type: ignore[no-untyped-def]
    response = assistant.respond("how long until my UPI deposit shows up?", "en")

    assert response.move is assistant.Move.ANSWER
    assert response.article == articles["deposit_en"]


def test_drafts_and_internal_articles_are_never_quoted(articles) -> None:  # type: ignore[no-untyped-def]
    for question in ("what are the margin call rules", "when are dividend payments reconciled"):
        response = assistant.respond(question, "en")
        assert response.article is None
        assert response.move is assistant.Move.HAND_OVER


@pytest.mark.parametrize(
    ("message", "language"),
    [
        ("can I talk to a human please", "en"),
        ("আমি একজন মানুষের সাথে কথা বলতে চাই", "bn"),
        ("मुझे किसी एजेंट से बात करनी है", "hi"),
    ],
)
def test_asking_for_a_person_hands_over_in_any_language(articles, message, language) -> None:  # type: ignore[no-untyped-def]
    assert assistant.respond(message, language).move is assistant.Move.HAND_OVER


def test_off_topic_questions_are_handed_over_not_guessed(articles) -> None:  # type: ignore[no-untyped-def]
    response = assistant.respond("which restaurant in Gulshan has the best biryani", "en")

    assert response.move is assistant.Move.HAND_OVER
    assert response.article is None


def test_greetings_and_thanks_get_a_short_reply(articles) -> None:  # type: ignore[no-untyped-def]
    assert assistant.respond("hi", "en").move is assistant.Move.PROMPT
    assert assistant.respond("ধন্যবাদ!", "bn").move is assistant.Move.WELCOME
    assert assistant.respond("thanks a lot", "en").move is assistant.Move.WELCOME


def test_a_chat_starts_with_the_assistant_and_is_answered_by_it(widget, articles) -> None:  # type: ignore[no-untyped-def]
    started = actions.start(widget, origin=SITE, name="রহিম", language="bn")
    conversation = started.conversation

    assert conversation.status == ConversationStatus.ASSISTANT
    assert conversation.agent is None  # not routed while the assistant has it
    greeting = conversation.messages.get()
    assert greeting.author == Author.BOT
    assert "রহিম" in greeting.text

    said = actions.visitor_says(conversation, "পাসওয়ার্ড ভুলে গেছি, কী করব?")
    turn = actions.assistant_turn(conversation, said)

    assert not turn.handed_over
    [answer] = turn.said
    assert answer.author == Author.BOT
    assert answer.article == articles["password_bn"]
    conversation.refresh_from_db()
    assert conversation.assistant_answers == 1
    assert conversation.status == ConversationStatus.ASSISTANT


def test_unsure_it_hands_over_to_an_agent_who_speaks_the_language(  # type: ignore[no-untyped-def]
    widget, articles, people
) -> None:
    conversation = actions.start(widget, origin=SITE, name="রহিম", language="bn").conversation

    said = actions.visitor_says(conversation, "আগামীকাল ঢাকায় বৃষ্টি হবে?")
    turn = actions.assistant_turn(conversation, said)

    assert turn.handed_over
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.ACTIVE
    assert conversation.agent == people["agent"]
    assert conversation.handed_over_at is not None
    told = turn.said[-1]
    assert told.author == Author.SYSTEM
    assert people["agent"].get_full_name() in told.text  # in Bengali: "এখন … আপনার উত্তর দিচ্ছেন"
    # Once handed over the assistant stays quiet.
    said = actions.visitor_says(conversation, "পাসওয়ার্ড ভুলে গেছি")
    assert actions.assistant_turn(conversation, said).said == []


def test_with_nobody_free_the_visitor_is_told_and_the_chat_waits(widget, articles, people) -> None:  # type: ignore[no-untyped-def]
    nobody_free(people)
    conversation = actions.start(widget, origin=SITE, name="Asha", language="en").conversation

    turn = actions.assistant_turn(conversation, actions.visitor_says(conversation, "a person"))

    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.WAITING
    assert "busy" in turn.said[-1].text


def test_a_chat_the_assistant_answered_alone_ends_on_the_timeline_without_a_ticket(  # type: ignore[no-untyped-def]
    widget, articles
) -> None:
    started = actions.start(
        widget, origin=SITE, name="Asha Rao", email="asha@example.in", language="en"
    )
    conversation = started.conversation
    said = actions.visitor_says(conversation, "I forgot my password")
    actions.assistant_turn(conversation, said)

    activity = actions.end(conversation, by=None)

    assert not Ticket.objects.exists()
    assert activity is not None
    assert activity.kind == ActivityKind.CHAT
    assert "Forgot your password" in activity.body  # the quoted article, named


def test_a_handed_over_chat_nobody_answered_becomes_a_ticket(widget, articles, people) -> None:  # type: ignore[no-untyped-def]
    nobody_free(people)
    conversation = actions.start(widget, origin=SITE, name="Asha", language="en").conversation
    said = actions.visitor_says(conversation, "my margin was called, I want a human")
    actions.assistant_turn(conversation, said)

    actions.end(conversation, by=None)

    assert Ticket.objects.get().subject.startswith("my margin was called")
    assert not Activity.objects.exists()


def test_an_agent_may_step_in_while_the_assistant_has_the_chat(widget, articles, people) -> None:  # type: ignore[no-untyped-def]
    conversation = actions.start(widget, origin=SITE, name="Asha", language="en").conversation

    actions.agent_says(conversation, people["colleague"], "Hello Asha, I am here.")

    conversation.refresh_from_db()
    assert conversation.agent == people["colleague"]
    assert conversation.status == ConversationStatus.ACTIVE
    assert conversation.handed_over_at is not None


def test_figures_count_deflection_and_hand_over_per_widget(widget, articles, people) -> None:  # type: ignore[no-untyped-def]
    nobody_free(people)
    for question in ("I forgot my password", "UPI deposit time", "speak to a person please"):
        conversation = actions.start(widget, origin=SITE, name="V", language="en").conversation
        actions.assistant_turn(conversation, actions.visitor_says(conversation, question))
        actions.end(conversation, by=None)
    actions.start(widget, origin=SITE, name="Still here", language="en")  # not ended: not counted

    figures = Conversation.objects.assistant_figures()[widget.pk]

    assert (figures.ended, figures.answered_alone, figures.handed_over) == (3, 2, 1)
    assert figures.deflection_rate == pytest.approx(2 / 3)
    assert figures.hand_over_rate == pytest.approx(1 / 3)

    admin = Client()
    admin.force_login(people["admin"])
    page = admin.get(reverse("chat_settings:widgets")).content.decode()
    assert "3 chats ended: 67% answered by the assistant alone, 33% handed to a person" in page


def test_the_inbox_lists_the_assistant_s_chats_for_the_team_to_step_in(widget, people) -> None:  # type: ignore[no-untyped-def]
    actions.start(widget, origin=SITE, name="Asha Rao", language="en")
    agent, outsider = Client(), Client()
    agent.force_login(people["agent"])
    outsider.force_login(people["outsider"])

    groups = {g.key: g.chats for g in agent.get(reverse("chat:inbox")).context["groups"]}

    assert [chat.visitor_name for chat in groups["assistant"]] == ["Asha Rao"]
    assert "Asha Rao" not in outsider.get(reverse("chat:inbox")).content.decode()
