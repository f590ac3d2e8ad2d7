"""Chats in the global search: found by the visitor's name, their client's and what was said, in
Bengali or English, once handed to an agent or ended; by those the permission layer lets see
them (a hand-on to someone of another team lets them find it); a hit opens the chat's
transcript page, which is refused (404) to anyone else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.chat import actions, search_chats
from sampark.chat.models import ChatWidget, Conversation
from sampark.contacts import search
from sampark.service.models import AgentProfile, Availability

pytestmark = pytest.mark.django_db

SITE = "https://x.example"
QUESTION = "আমার মাসিক স্টেটমেন্ট কোথায় পাব?"
ANSWER = "Your statement is in the app under Documents."


@pytest.fixture
def widget(people, teams):  # type: ignore[no-untyped-def]
    AgentProfile.objects.create(user=people["agent"], languages=["bn", "en"])
    return ChatWidget.objects.create(
        name="Website", owner=people["manager"], team=teams[0], allowed_origins=SITE
    )


@pytest.fixture
def ended(people, widget) -> Conversation:  # type: ignore[no-untyped-def]
    """Rahim asked in Bengali, the agent answered in English, and the agent ended the chat."""
    conversation = actions.start(
        widget, origin=SITE, name="রহিম উদ্দিন", email="rahim@padma.bd", language="bn"
    ).conversation
    actions.visitor_says(conversation, QUESTION)
    actions.agent_says(conversation, people["agent"], ANSWER)
    actions.end(conversation, by=people["agent"])
    return conversation


def found(user, query: str) -> set[int]:  # type: ignore[no-untyped-def]
    return {hit.id for hit in search.search(user, query, kinds=[search_chats.CHAT])}


def test_chats_are_a_kind_of_the_global_search():
    assert search_chats.CHAT in search.kinds()


@pytest.mark.parametrize(
    "query",
    [
        "রহিম",  # the visitor's name
        "স্টেটমেন্ট",  # a word the visitor said
        "স্টেট",  # its beginning
        "documents",  # a word the agent said
        "rahim@padma.bd",  # the address the visitor gave
    ],
)
def test_an_ended_chat_is_found_by_its_visitor_and_what_was_said(people, ended, query):  # type: ignore[no-untyped-def]
    assert found(people["agent"], query) == {ended.pk}


def test_the_hit_names_the_visitor_and_their_client_and_opens_the_transcript(  # type: ignore[no-untyped-def]
    people, ended
):
    contact = ended.contact
    assert contact is not None
    contact.display_name = "Rahim Uddin"
    contact.save(update_fields=["display_name"])
    search_chats.index(ended)

    [hit] = search.search(people["agent"], "Uddin", kinds=[search_chats.CHAT])

    assert hit.title == "রহিম উদ্দিন (Rahim Uddin)"
    assert hit.subtitle.startswith("Ended · বাংলা · ")
    assert hit.url == reverse("chat:transcript", args=[ended.pk])


def test_what_the_assistant_or_sampark_said_is_not_searched(people, widget):  # type: ignore[no-untyped-def]
    conversation = actions.start(widget, origin=SITE, name="Meera", language="bn").conversation
    colleague = people["colleague"]
    actions.transfer(conversation, by=people["agent"], to=colleague)  # "… is now answering you"
    actions.end(conversation, by=colleague)

    assert found(people["agent"], "answering") == set()
    assert found(people["agent"], "meera") == {conversation.pk}


@pytest.mark.parametrize(
    ("role", "finds"),
    [
        ("agent", True),
        ("colleague", True),  # their team's chat
        ("manager", True),
        ("admin", True),
        ("reader", True),  # read-only sees the team's records
        ("outsider", False),  # another team's
    ],
)
def test_who_finds_a_chat_is_who_may_see_it(people, ended, role, finds):  # type: ignore[no-untyped-def]
    assert found(people[role], "স্টেটমেন্ট") == ({ended.pk} if finds else set())


def test_handing_a_chat_on_re_indexes_it_for_its_new_owner(people, widget):  # type: ignore[no-untyped-def]
    conversation = actions.start(widget, origin=SITE, name="Karim", language="bn").conversation
    assert conversation.agent == people["agent"]
    assert found(people["outsider"], "karim") == set()

    actions.transfer(conversation, by=people["agent"], to=people["outsider"])

    # Now theirs, though the chat is not their team's.
    assert found(people["outsider"], "karim") == {conversation.pk}


def test_a_waiting_chat_is_found_once_taken(people, widget):  # type: ignore[no-untyped-def]
    AgentProfile.objects.filter(user=people["agent"]).update(availability=Availability.AWAY)
    conversation = actions.start(widget, origin=SITE, name="Salma", language="bn").conversation
    assert found(people["agent"], "salma") == set()  # the inbox lists waiting chats

    actions.take(conversation, people["agent"])

    assert found(people["agent"], "salma") == {conversation.pk}


def test_a_rebuild_indexes_chats_too(people, ended):  # type: ignore[no-untyped-def]
    counts = search.rebuild()
    assert counts[search_chats.CHAT] == 1
    assert found(people["agent"], "স্টেটমেন্ট") == {ended.pk}


def test_the_header_search_page_lists_the_chat(client, people, ended):  # type: ignore[no-untyped-def]
    client.force_login(people["reader"])

    page = client.get(reverse("search"), {"q": "স্টেটমেন্ট"}).content.decode()

    assert "রহিম উদ্দিন" in page
    assert reverse("chat:transcript", args=[ended.pk]) in page


def test_the_transcript_page_shows_what_was_said_and_the_client(client, people, ended):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    response = client.get(reverse("chat:transcript", args=[ended.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert QUESTION in page
    assert ANSWER in page
    assert page.index(QUESTION) < page.index(ANSWER)
    assert 'lang="bn"' in page
    assert reverse("contacts:detail", args=[ended.contact_id]) in page
    assert "Answer it in the inbox" not in page  # it has ended


def test_an_unanswered_chat_s_transcript_links_its_ticket(client, people, widget):  # type: ignore[no-untyped-def]
    AgentProfile.objects.filter(user=people["agent"]).update(availability=Availability.AWAY)
    conversation = actions.start(
        widget, origin=SITE, name="Salma", email="salma@padma.bd", language="bn"
    ).conversation
    actions.visitor_says(conversation, QUESTION)
    actions.end(conversation, by=None)
    conversation.refresh_from_db()
    assert conversation.ticket is not None
    client.force_login(people["manager"])

    page = client.get(reverse("chat:transcript", args=[conversation.pk])).content.decode()

    assert conversation.ticket.get_absolute_url() in page
    assert found(people["manager"], "স্টেটমেন্ট") == {conversation.pk}


def test_a_live_chat_s_transcript_points_its_agents_to_the_inbox(client, people, widget):  # type: ignore[no-untyped-def]
    conversation = actions.start(widget, origin=SITE, name="Karim", language="bn").conversation
    inbox_link = f"{reverse('chat:inbox')}#chat-{conversation.pk}"
    url = reverse("chat:transcript", args=[conversation.pk])

    client.force_login(people["agent"])
    assert inbox_link in client.get(url).content.decode()
    client.force_login(people["reader"])
    reader_page = client.get(url)
    assert reader_page.status_code == 200  # read-only: may read it, not answer it
    assert inbox_link not in reader_page.content.decode()


@pytest.mark.parametrize(("role", "expected"), [("outsider", 404), ("reader", 200)])
def test_the_transcript_page_is_refused_to_those_who_may_not_see_the_chat(  # type: ignore[no-untyped-def]
    client, people, ended, role, expected
):
    url = reverse("chat:transcript", args=[ended.pk])
    assert client.get(url).status_code == 302  # signed out: to the sign-in page
    client.force_login(people[role])

    response = client.get(url)

    assert response.status_code == expected
    assert (QUESTION in response.content.decode()) is (expected == 200)
