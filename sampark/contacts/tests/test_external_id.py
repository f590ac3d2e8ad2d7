"""An external ID names one record: a second contact or company cannot take it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sampark.contacts import actions
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_a_contact_s_external_id_is_taken_once(people):
    agent = people["agent"]
    actions.create_contact(by=agent, display_name="Rahim", external_id="hubspot-17")
    with pytest.raises(ValidationError) as raised:
        actions.create_contact(by=agent, display_name="Karim", external_id="hubspot-17")
    assert "external_id" in raised.value.message_dict
    # Empty means none: any number of contacts may have no external ID.
    actions.create_contact(by=agent, display_name="Selim")
    actions.create_contact(by=agent, display_name="Salma")


def test_a_company_s_external_id_is_taken_once(people):
    agent = people["agent"]
    actions.create_company(by=agent, name="Padma Traders", external_id="sf-001")
    with pytest.raises(ValidationError) as raised:
        actions.create_company(by=agent, name="Meghna Mills", external_id="sf-001")
    assert "external_id" in raised.value.message_dict


def test_the_api_names_the_field_of_a_taken_external_id(client, people):
    agent = people["agent"]
    client.force_login(agent)
    first = client.post(
        "/api/v1/contacts", {"display_name": "Rahim", "external_id": "z-1"}, "application/json"
    )
    assert first.status_code == 201
    assert first.json()["external_id"] == "z-1"
    second = client.post(
        "/api/v1/contacts", {"display_name": "Karim", "external_id": "z-1"}, "application/json"
    )
    assert second.status_code == 422
    assert "external_id" in second.json()["error"]["fields"]


def test_an_outsider_learns_nothing_but_that_the_id_is_taken(people):
    # The message names no record: the other contact may be one the user cannot see.
    outsider = make_user(Role.AGENT, username="ext-outsider")
    actions.create_contact(by=people["agent"], display_name="Rahim", external_id="x-9")
    with pytest.raises(ValidationError) as raised:
        actions.create_contact(by=outsider, display_name="Karim", external_id="x-9")
    assert "Rahim" not in str(raised.value)
