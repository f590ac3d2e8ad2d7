"""The index follows every write in the same transaction: create, rename, relink, delete."""

from __future__ import annotations

import pytest
from django.db import transaction

from sampark.contacts import actions, search
from sampark.contacts.search import search as find
from sampark.contacts.tests import search_fixture
from sampark.contacts.tests.factories import ContactFactory
from sampark.contacts.tests.search_fixture import titles

pytestmark = pytest.mark.django_db
catalogue = search_fixture.catalogue


def test_a_renamed_contact_is_found_by_the_new_name_only(catalogue):
    agent = catalogue.people["agent"]
    prabir = catalogue.contact("prabir")
    actions.update_contact(
        prabir,
        by=agent,
        values={"display_name": "প্রবীর সেনগুপ্ত", "family_name": "সেনগুপ্ত", "latin_name": ""},
    )
    assert titles(find(agent, "সেনগুপ্ত")) == ["প্রবীর সেনগুপ্ত"]
    assert find(agent, "মুখোপাধ্যায়") == []
    assert find(agent, "Mukhopadhyay") == []


def test_a_changed_email_and_phone_are_found_and_the_old_ones_not(catalogue):
    agent = catalogue.people["agent"]
    actions.update_contact(
        catalogue.contact("prabir"),
        by=agent,
        values={
            "emails": [],
            "email": "prabir@newmail.com",
            "phones": [],
            "phone": "+8801555000111",
        },
    )
    assert titles(find(agent, "prabir@newmail.com")) == ["প্রবীর মুখোপাধ্যায়"]
    assert titles(find(agent, "01555000111")) == ["প্রবীর মুখোপাধ্যায়"]
    assert find(agent, "prabir@padmatraders.com") == []
    assert find(agent, "01711000001") == []


def test_a_deleted_contact_is_no_longer_found(catalogue):
    agent = catalogue.people["agent"]
    actions.delete_contact(catalogue.contact("prabir"), by=agent)
    assert find(agent, "প্রবীর") == []
    assert find(agent, "1711000") == []


def test_a_renamed_company_renames_it_in_its_people_s_documents(catalogue):
    agent = catalogue.people["agent"]
    actions.update_company(catalogue.company("padma"), by=agent, values={"name": "Meghna Jute"})
    assert titles(find(agent, "Meghna", kinds=["contact"])) == ["প্রবীর মুখোপাধ্যায়"]
    assert find(agent, "Traders") == []
    [hit] = find(agent, "01711000001")
    assert hit.subtitle.startswith("Meghna Jute · ")


def test_a_deleted_company_leaves_its_people_findable_but_not_by_its_name(catalogue):
    agent = catalogue.people["agent"]
    actions.delete_company(catalogue.company("padma"), by=agent)
    assert find(agent, "Traders") == []
    assert titles(find(agent, "প্রবীর")) == ["প্রবীর মুখোপাধ্যায়"]


def test_linking_and_unlinking_a_company_updates_the_contact(catalogue):
    agent = catalogue.people["agent"]
    rahman = catalogue.contact("rahman")
    actions.link_company(rahman, catalogue.company("padma"), by=agent)
    assert "Mizanur Rahman" in titles(find(agent, "Padma"))
    actions.unlink_company(rahman, catalogue.company("padma"), by=agent)
    assert "Mizanur Rahman" not in titles(find(agent, "Padma"))


def test_a_write_rolled_back_leaves_the_index_as_it_was(catalogue):
    agent = catalogue.people["agent"]
    with transaction.atomic():
        actions.update_contact(
            catalogue.contact("rahman"), by=agent, values={"display_name": "Zebulon"}
        )
        transaction.set_rollback(True)
    assert find(agent, "Zebulon") == []
    assert titles(find(agent, "Mizanur")) == ["Mizanur Rahman"]


def test_records_made_without_the_actions_are_not_found_until_indexed(catalogue):
    agent = catalogue.people["agent"]
    ghost = ContactFactory(
        owner=agent, team=catalogue.teams["dhaka"], display_name="Ghostly Import", indexed=False
    )
    assert find(agent, "Ghostly") == []
    search.unindex(ghost)  # nothing to drop: no harm done
    search.index_contact(ghost)
    assert titles(find(agent, "Ghostly")) == ["Ghostly Import"]
    actions.update_contact(ghost, by=agent, values={"display_name": "Ghostly Export"})
    assert titles(find(agent, "Ghostly")) == ["Ghostly Export"]


def test_a_record_deleted_behind_the_index_s_back_is_not_shown(catalogue):
    agent = catalogue.people["agent"]
    catalogue.contact("rahmani").delete()  # straight to the table, no unindex
    assert "Sultana Rahmani" not in titles(find(agent, "Rahman"))


def test_a_record_handed_to_another_team_leaves_the_old_team_s_search(catalogue):
    agent, outsider = catalogue.people["agent"], catalogue.people["outsider"]
    actions.update_contact(
        catalogue.contact("rahman"),
        by=catalogue.people["admin"],
        values={"owner": outsider, "team": catalogue.teams["mumbai"]},
    )
    assert find(agent, "Mizanur") == []
    assert titles(find(outsider, "Mizanur")) == ["Mizanur Rahman"]
