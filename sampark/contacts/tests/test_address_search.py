"""The town of an address finds the people and companies there, in Bengali or in English."""

from __future__ import annotations

import pytest

from sampark.contacts import actions
from sampark.contacts.models import Contact
from sampark.contacts.search import search

pytestmark = pytest.mark.django_db


def _titles(user, query):  # type: ignore[no-untyped-def]
    return sorted(hit.title for hit in search(user, query))


@pytest.fixture
def towns(people):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    actions.create_contact(
        by=agent,
        display_name="প্রবীর মুখোপাধ্যায়",
        addresses=[{"line1": "বাড়ি ১২, আগ্রাবাদ", "city": "চট্টগ্রাম", "country": "BD"}],
    )
    actions.create_contact(
        by=agent,
        display_name="Rahim Uddin",
        addresses=[
            {"line1": "House 3", "city": "Dhaka", "country": "BD"},
            {"line1": "Port Road", "city": "Chattogram", "country": "BD"},
        ],
    )
    actions.create_contact(
        by=agent,
        display_name="Anita Sharma",
        addresses=[{"line1": "12 MG Road", "city": "Pune", "country": "IN"}],
    )
    actions.create_company(
        by=agent,
        name="Padma Traders",
        addresses=[{"line1": "Sadarghat Road", "city": "Chattogram", "country": "BD"}],
    )


def test_a_town_in_bengali_finds_the_people_there(people, towns):
    assert _titles(people["agent"], "চট্টগ্রাম") == ["প্রবীর মুখোপাধ্যায়"]


def test_a_town_in_english_finds_people_and_companies_there(people, towns):
    assert _titles(people["agent"], "Chattogram") == ["Padma Traders", "Rahim Uddin"]
    assert _titles(people["agent"], "chatto") == ["Padma Traders", "Rahim Uddin"]


def test_any_of_a_contacts_towns_finds_them(people, towns):
    assert _titles(people["agent"], "Dhaka") == ["Rahim Uddin"]


def test_moving_house_moves_the_contact_in_search(people, towns):
    contact = Contact.objects.get(display_name="Anita Sharma")

    actions.update_contact(
        contact, by=people["agent"], values={"addresses": [{"city": "वाराणसी", "country": "IN"}]}
    )

    assert _titles(people["agent"], "Pune") == []
    assert _titles(people["agent"], "वाराणसी") == ["Anita Sharma"]


def test_another_teams_town_finds_nothing_for_an_outsider(people, towns):
    assert _titles(people["outsider"], "Chattogram") == []
    assert _titles(people["outsider"], "চট্টগ্রাম") == []
