"""A parent company must be one the user may see, and never the company itself or one below it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.tests.factories import CompanyFactory
from sampark.core.tests.api_client import API, api_client, if_match

pytestmark = pytest.mark.django_db

FORM = {"domain": "", "industry": "", "size": "", "country": ""}


@pytest.fixture
def group(people, teams):
    """Padma Group > Padma Textiles > Padma Dyeing, all the agent's."""
    top = CompanyFactory(owner=people["agent"], team=teams[0], name="Padma Group")
    middle = CompanyFactory(owner=people["agent"], team=teams[0], name="Padma Textiles", parent=top)
    bottom = CompanyFactory(
        owner=people["agent"], team=teams[0], name="Padma Dyeing", parent=middle
    )
    return top, middle, bottom


def test_a_subsidiary_cannot_become_the_parent_in_the_form(client, people, group):
    top, _middle, bottom = group
    client.force_login(people["agent"])

    response = client.post(
        reverse("contacts:company_edit", args=[top.pk]),
        {**FORM, "name": top.name, "parent": bottom.pk, "version": 1},
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_parent_error"' in body
    assert "cannot be its own parent" in body
    top.refresh_from_db()
    assert top.parent is None


def test_the_company_itself_is_not_offered_as_its_parent(client, people, group):
    top, middle, _bottom = group
    client.force_login(people["agent"])

    body = client.get(reverse("contacts:company_edit", args=[top.pk])).content.decode()

    assert f'<option value="{middle.pk}">Padma Textiles</option>' in body
    assert ">Padma Group</option>" not in body


def test_another_teams_company_is_not_offered_as_a_parent(client, people, teams):
    mumbai = CompanyFactory(owner=people["outsider"], team=teams[1], name="Mumbai Holdings")
    client.force_login(people["agent"])

    body = client.get(reverse("contacts:company_create")).content.decode()
    response = client.post(
        reverse("contacts:company_create"), {**FORM, "name": "X", "parent": mumbai.pk}
    )

    assert "Mumbai Holdings" not in body
    assert 'id="id_parent_error"' in response.content.decode()


def test_a_company_moved_under_another_branch_is_allowed(client, people, group, teams):
    _top, middle, _bottom = group
    other = CompanyFactory(owner=people["agent"], team=teams[0], name="Meghna Group")
    client.force_login(people["agent"])

    response = client.post(
        reverse("contacts:company_edit", args=[middle.pk]),
        {**FORM, "name": middle.name, "parent": other.pk, "version": 1},
    )

    assert response.status_code == 302
    middle.refresh_from_db()
    assert middle.parent == other


@pytest.mark.parametrize("new_parent", ["itself", "grandchild"])
def test_the_api_refuses_a_loop_as_a_field_error(people, group, new_parent):
    top, _middle, bottom = group
    parent = top if new_parent == "itself" else bottom

    response = api_client(people["agent"]).patch_json(
        f"{API}/companies/{top.pk}", {"parent": parent.pk}, headers=if_match(1)
    )

    assert response.status_code == 422
    assert "parent" in response.json()["error"]["fields"]
    top.refresh_from_db()
    assert (top.parent, top.version) == (None, 1)


def test_the_api_refuses_a_parent_the_caller_cannot_see(people, teams):
    mumbai = CompanyFactory(owner=people["outsider"], team=teams[1])

    response = api_client(people["agent"]).post_json(
        f"{API}/companies", {"name": "X", "parent": mumbai.pk}
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "parent": ["No such company, or you may not see it."]
    }


def test_the_api_can_set_and_clear_a_parent(people, group):
    top, _middle, bottom = group
    client = api_client(people["agent"])
    url = f"{API}/companies/{bottom.pk}"

    moved = client.patch_json(url, {"parent": top.pk}, headers=if_match(1))
    cleared = client.patch_json(url, {"parent": None}, headers=if_match(2))

    assert (moved.status_code, moved.json()["parent"]) == (200, top.pk)
    assert (cleared.status_code, cleared.json()["parent"]) == (200, None)
