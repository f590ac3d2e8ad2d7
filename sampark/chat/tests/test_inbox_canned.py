"""Canned responses in the chat composer: the agent's own (as in a ticket's answer box), the
variants in the chat's language first, filled in for the chat (the visitor's name, the agent's;
a chat has no ticket, so its placeholders are empty); only for a chat the agent may see, and
only for those who answer chats. The inbox's header sets the agent's availability through the
ticket list's form."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.chat import actions
from sampark.chat.models import ChatWidget, Conversation
from sampark.service import canned
from sampark.service.models import AgentProfile, Availability

pytestmark = pytest.mark.django_db

SITE = "https://x.example"


@pytest.fixture
def widget(people, teams):  # type: ignore[no-untyped-def]
    """The Dhaka desk's widget; its agent, Nadia Islam, answers in Bengali and English."""
    agent = people["agent"]
    agent.first_name, agent.last_name = "Nadia", "Islam"
    agent.save(update_fields=["first_name", "last_name"])
    AgentProfile.objects.create(user=agent, languages=["bn", "en"])
    return ChatWidget.objects.create(
        name="Website", owner=people["manager"], team=teams[0], allowed_origins=SITE
    )


@pytest.fixture
def responses(people):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    made = {
        "thanks_en": canned.create_canned(
            by=agent, name="Thanks", language="en", body="Thank you, {client_name}!"
        ),
        "thanks_bn": canned.create_canned(
            by=agent,
            name="Thanks",
            language="bn",
            body="ধন্যবাদ, {client_name}। — {agent_name}",
        ),
        "hours": canned.create_canned(
            by=agent, name="Hours", language="en", body="We are open 9 to 5, {client_name}."
        ),
        "ticket": canned.create_canned(
            by=agent,
            name="Ticket opened",
            language="en",
            body="I opened ticket {ticket_number} ({ticket_subject}) for you.",
        ),
    }
    # Another team's: never offered to the Dhaka desk.
    canned.create_canned(
        by=people["outsider"], name="Namaste", language="hi", body="नमस्ते {client_name}"
    )
    return made


def chat(widget: ChatWidget, name: str = "রহিম উদ্দিন", **values: str) -> Conversation:
    values.setdefault("language", "bn")
    return actions.start(widget, origin=SITE, name=name, **values).conversation


def test_the_chat_s_language_comes_first_filled_in_for_the_visitor_and_agent(  # type: ignore[no-untyped-def]
    client, people, widget, responses
):
    conversation = chat(widget, email="rahim@padma.bd")
    assert conversation.agent == people["agent"]
    client.force_login(people["agent"])

    response = client.get(reverse("chat:canned", args=[conversation.pk]))

    assert response.status_code == 200
    body = response.json()
    assert body["language"] == "bn"
    offered = [(r["name"], r["language"], r["text"]) for r in body["responses"]]
    assert offered == [
        ("Thanks", "bn", "ধন্যবাদ, রহিম উদ্দিন। — Nadia Islam"),  # the chat's language first
        ("Hours", "en", "We are open 9 to 5, রহিম উদ্দিন."),
        ("Ticket opened", "en", "I opened ticket  () for you."),  # a chat has no ticket
    ]
    assert body["responses"][0]["id"] == responses["thanks_bn"].pk
    assert body["responses"][1]["languageName"] == "English"


def test_an_english_chat_gets_the_english_variant(client, people, widget, responses):  # type: ignore[no-untyped-def]
    conversation = chat(widget, "Meera", language="en")
    client.force_login(people["agent"])

    body = client.get(reverse("chat:canned", args=[conversation.pk])).json()

    assert [(r["name"], r["language"]) for r in body["responses"]] == [
        ("Hours", "en"),
        ("Thanks", "en"),
        ("Ticket opened", "en"),
    ]
    assert body["responses"][1]["text"] == "Thank you, Meera!"


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("agent", 200),  # theirs
        ("colleague", 200),  # their team's: they may see it, and take it over
        ("manager", 200),
        ("admin", 200),
        ("outsider", 404),  # another team's chat is not theirs to see
        ("reader", 403),  # read-only: does not answer chats
    ],
)
def test_only_those_who_answer_chats_get_them_for_a_chat_they_may_see(  # type: ignore[no-untyped-def]
    client, people, widget, responses, role, expected
):
    conversation = chat(widget)
    client.force_login(people[role])

    response = client.get(reverse("chat:canned", args=[conversation.pk]))

    assert response.status_code == expected
    if expected == 200:
        assert "नमस्ते" not in response.content.decode()


def test_signed_out_and_unknown_chats_get_nothing(client, people, widget, responses):  # type: ignore[no-untyped-def]
    conversation = chat(widget)
    url = reverse("chat:canned", args=[conversation.pk])
    assert client.get(url).status_code == 302  # to the sign-in page
    client.force_login(people["agent"])
    assert client.get(reverse("chat:canned", args=[conversation.pk + 1000])).status_code == 404
    assert client.post(url).status_code == 405


def test_fill_leaves_placeholders_without_a_value_empty_and_other_braces_alone():
    body = "{client_name} / {agent_name} / {ticket_number} / {ticket_subject} / {unknown} / {}"
    assert canned.fill(body, client_name="Rahim", agent_name="Nadia") == (
        "Rahim / Nadia /  /  / {unknown} / {}"
    )


def test_the_inbox_offers_them_in_the_composer_and_sets_availability(  # type: ignore[no-untyped-def]
    client, people, widget
):
    AgentProfile.objects.filter(user=people["agent"]).update(availability=Availability.AWAY)
    client.force_login(people["agent"])

    page = client.get(reverse("chat:inbox")).content.decode()

    assert f'data-canned-url="{reverse("chat:canned", args=[0])}"' in page
    assert 'aria-controls="chat-canned"' in page
    form = page[page.index(f'action="{reverse("service_settings:my_availability")}"') :]
    form = form[: form.index("</form>")]
    assert "csrfmiddlewaretoken" in form
    assert f'name="next" value="{reverse("chat:inbox")}"' in form
    assert '<option value="away" selected>' in form
    assert '<option value="available">' in form


def test_availability_set_from_the_inbox_decides_whether_new_chats_reach_the_agent(  # type: ignore[no-untyped-def]
    client, people, widget
):
    client.force_login(people["agent"])
    back = reverse("chat:inbox") + "#chat-7"

    response = client.post(
        reverse("service_settings:my_availability"), {"availability": "away", "next": back}
    )

    assert response.status_code == 302
    assert response["Location"] == back  # back to the chat that was open
    assert AgentProfile.objects.get(user=people["agent"]).availability == Availability.AWAY
    assert chat(widget).agent is None  # nobody else answers in Bengali: it waits

    client.post(reverse("service_settings:my_availability"), {"availability": "available"})
    assert chat(widget, "Karim").agent == people["agent"]
