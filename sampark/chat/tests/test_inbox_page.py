"""The agent inbox page: an agent of the widget's team sees their chats (with what is unread),
those waiting and their colleagues'; a read-only user may not open it; another team's chats are
neither listed nor their client panel reachable; the panel shows the client's open tickets."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.chat import actions
from sampark.chat.models import ChatWidget, Conversation, ConversationStatus
from sampark.service.models import AgentProfile, Availability
from sampark.service.tests.factories import make_ticket

pytestmark = pytest.mark.django_db

SITE = "https://x.example"


@pytest.fixture
def widget(people, teams):  # type: ignore[no-untyped-def]
    """The Dhaka desk's widget; its agent answers in Bengali."""
    AgentProfile.objects.create(user=people["agent"], languages=["bn", "en"])
    return ChatWidget.objects.create(
        name="Website", owner=people["manager"], team=teams[0], allowed_origins=SITE
    )


def chat(widget: ChatWidget, name: str, **values: str) -> Conversation:
    values.setdefault("language", "bn")
    return actions.start(widget, origin=SITE, name=name, **values).conversation


def test_an_agent_sees_their_chats_with_what_is_unread_and_those_waiting(  # type: ignore[no-untyped-def]
    client, people, widget
):
    mine = chat(widget, "রহিম উদ্দিন", email="rahim@padma.bd")
    actions.visitor_says(mine, "আমার স্টেটমেন্ট কোথায়?")
    actions.visitor_says(mine, "হ্যালো?")
    AgentProfile.objects.filter(user=people["agent"]).update(availability=Availability.AWAY)
    waiting = chat(widget, "Meera")  # nobody else answers in Bengali
    assert (mine.agent, waiting.status) == (people["agent"], ConversationStatus.WAITING)
    client.force_login(people["agent"])

    response = client.get(reverse("chat:inbox"))

    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("রহিম উদ্দিন") < page.index("Meera")  # Mine, then Waiting
    item = page[page.index(f'data-conversation="{mine.pk}"') :]
    assert "<span data-count>2</span>" in item[: item.index("</button>")]
    assert 'data-socket-url="ws://testserver/chat/ws/agent/"' in page
    assert 'id="chat-strings"' in page
    assert f'<option value="to:{people["colleague"].pk}">' in page  # whom a chat can go to
    assert "Away" in page  # the agent's availability

    fragment = client.get(reverse("chat:inbox"), headers={"HX-Request": "true"}).content.decode()
    assert "Meera" in fragment
    assert "<html" not in fragment


def test_a_read_only_user_may_not_open_the_inbox(client, people, widget):  # type: ignore[no-untyped-def]
    client.force_login(people["reader"])
    assert client.get(reverse("chat:inbox")).status_code == 403


def test_another_team_s_chats_are_not_listed_nor_their_client_shown(  # type: ignore[no-untyped-def]
    client, people, teams, widget
):
    mumbai = ChatWidget.objects.create(
        name="Mumbai site", owner=people["outsider"], team=teams[1], allowed_origins=SITE
    )
    theirs = chat(mumbai, "Priya Sharma", email="priya@example.in", language="hi")
    client.force_login(people["agent"])

    assert "Priya Sharma" not in client.get(reverse("chat:inbox")).content.decode()
    assert client.get(reverse("chat:contact_panel", args=[theirs.pk])).status_code == 404


def test_the_client_panel_shows_the_client_and_their_open_tickets(client, people, widget):  # type: ignore[no-untyped-def]
    conversation = chat(widget, "রহিম উদ্দিন", email="rahim@padma.bd")
    contact = conversation.contact
    assert contact is not None
    make_ticket(people["manager"], requester=contact, subject="কার্ড বন্ধ")
    solved = make_ticket(people["manager"], requester=contact, subject="Old statement")
    solved.status = "solved"
    solved.save(update_fields=["status"])
    anonymous = chat(widget, "Guest", language="en")
    client.force_login(people["agent"])

    panel = client.get(reverse("chat:contact_panel", args=[conversation.pk])).content.decode()

    assert reverse("contacts:detail", args=[contact.pk]) in panel
    assert "rahim@padma.bd" in panel
    assert "কার্ড বন্ধ" in panel
    assert "Old statement" not in panel
    unlinked = client.get(reverse("chat:contact_panel", args=[anonymous.pk])).content.decode()
    assert "Not linked to a client yet" in unlinked
