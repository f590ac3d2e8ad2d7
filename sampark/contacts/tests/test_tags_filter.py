"""The contact list's tag filter: a choice of the tags in use on contacts the user may see."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts import actions

pytestmark = pytest.mark.django_db


def test_the_tag_filter_shows_only_contacts_with_that_tag(client, people):
    agent = people["agent"]
    actions.create_contact(by=agent, display_name="Asha", tags=["vip"])
    actions.create_contact(by=agent, display_name="Ravi", tags=["wholesale"])
    actions.create_contact(by=agent, display_name="Meera")
    client.force_login(agent)

    response = client.get(reverse("contacts:list"), {"tag": "vip"})

    assert [c.display_name for c in response.context["page"].items] == ["Asha"]
    assert response.context["count"] == 1


def test_the_choice_holds_only_tags_on_contacts_the_user_may_see(client, people):
    actions.create_contact(by=people["agent"], display_name="Asha", tags=["vip"])
    actions.create_contact(by=people["outsider"], display_name="Secret", tags=["mumbai-only"])
    actions.create_company(by=people["agent"], name="Rahman", tags=["company-tag"])
    client.force_login(people["agent"])

    response = client.get(reverse("contacts:list"))

    assert response.context["tags"] == ["vip"]
    body = response.content.decode()
    assert '<option value="vip">vip</option>' in body
    assert "mumbai-only" not in body
