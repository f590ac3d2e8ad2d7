"""Settings → Live chat (admins only: sites checked, the tag to paste, a page to try it on), and
what the widget asks before it shows: its texts in the visitor's language and its socket, for
its own sites only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.chat.models import ChatWidget

pytestmark = pytest.mark.django_db

SITE = "https://www.padma-securities.example"


@pytest.fixture
def widget(people, teams):  # type: ignore[no-untyped-def]
    return ChatWidget.objects.create(
        name="Website", owner=people["manager"], team=teams[0], allowed_origins=SITE
    )


@pytest.mark.parametrize("role", ["manager", "agent", "reader"])
def test_only_admins_set_widgets_up(client, people, widget, role):  # type: ignore[no-untyped-def]
    client.force_login(people[role])
    for url in (
        reverse("chat_settings:widgets"),
        reverse("chat_settings:create"),
        reverse("chat_settings:widget", args=[widget.pk]),
        reverse("chat_settings:try", args=[widget.pk]),
    ):
        assert client.get(url).status_code == 403


def test_an_admin_adds_a_widget_and_gets_its_tag(client, people, teams):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])
    data = {
        "name": "Website",
        "allowed_origins": f"{SITE}/\nwww.no-scheme.example\nhttps://x.example/path",
        "owner": people["manager"].pk,
        "team": teams[0].pk,
        "is_active": "on",
    }

    refused = client.post(reverse("chat_settings:create"), data)
    assert "www.no-scheme.example, https://x.example/path" in str(
        refused.context["form"].errors["allowed_origins"]
    )
    assert not ChatWidget.objects.exists()

    saved = client.post(reverse("chat_settings:create"), {**data, "allowed_origins": f"{SITE}/"})
    widget = ChatWidget.objects.get()
    assert saved["Location"] == reverse("chat_settings:widget", args=[widget.pk])
    assert (widget.allowed_origins, widget.team) == (SITE, teams[0])
    page = client.get(saved["Location"]).content.decode()
    assert f"data-widget=&quot;{widget.key}&quot;" in page  # the tag, shown as text
    trying = client.get(reverse("chat_settings:try", args=[widget.pk])).content.decode()
    assert "chat/widget.js" in trying


def test_the_widget_gets_its_texts_in_the_visitor_s_language_on_its_own_sites(client, widget):  # type: ignore[no-untyped-def]
    url = reverse("chat_public:widget_config", args=[widget.key])

    answer = client.get(url, {"lang": "bn"}, headers={"Origin": SITE})

    assert answer.status_code == 200
    assert answer["Access-Control-Allow-Origin"] == SITE
    assert "Origin" in answer["Vary"]
    config = answer.json()
    assert config["strings"]["send"] == "পাঠান"
    assert ["bn", "বাংলা"] in config["languages"]
    assert config["socket"].endswith(f"/chat/ws/visitor/{widget.key}/")
    assert config["socket"].startswith("ws://")
    assert client.get(url, headers={"Origin": "https://evil.example"}).status_code == 403
    assert client.get(url).status_code == 403  # no origin: not from a page
    widget.is_active = False
    widget.save()
    assert client.get(url, headers={"Origin": SITE}).status_code == 403


def test_the_sockets_may_be_on_a_port_of_their_own(client, widget, settings):  # type: ignore[no-untyped-def]
    settings.SAMPARK_CHAT_URL = "https://chat.broker.example"
    url = reverse("chat_public:widget_config", args=[widget.key])

    config = client.get(url, headers={"Origin": SITE}).json()

    assert config["socket"] == f"wss://chat.broker.example/chat/ws/visitor/{widget.key}/"


def test_sampark_s_own_pages_may_open_any_widget(widget):  # type: ignore[no-untyped-def]
    assert widget.allows("http://localhost:8000")
    assert widget.allows(SITE + "/")
    assert not widget.allows("https://padma-securities.example")  # not the www. site
    assert not widget.allows("")
