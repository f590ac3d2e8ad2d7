"""Search shows only the records the user may see, as every list does (visible_to)."""

from __future__ import annotations

import pytest

from sampark.contacts.search import search
from sampark.contacts.tests import search_fixture
from sampark.contacts.tests.search_fixture import titles
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user

pytestmark = pytest.mark.django_db
catalogue = search_fixture.catalogue

DHAKA_QUERIES = [
    "প্রবীর",
    "মুখো",
    "Padma",
    "01711000001",
    "1711000",
    "prabir@padmatraders.com",
    "ক্লায়েন্ট",
    "সম্পর্ক",
    "श्रीवास्तव",
    "Banarjee",
    "Rahman",
]


@pytest.mark.parametrize("query", DHAKA_QUERIES)
def test_an_outsider_of_another_team_finds_nothing_of_dhakas(catalogue, query):
    dhaka = {*catalogue.contacts.values(), *catalogue.companies.values()}
    dhaka_ids = {
        (type(r).__name__.lower(), r.pk) for r in dhaka if r.team_id == catalogue.teams["dhaka"].pk
    }
    hits = search(catalogue.people["outsider"], query)
    assert not {(hit.kind, hit.id) for hit in hits} & dhaka_ids


def test_the_outsider_finds_their_own_team_s_records(catalogue):
    assert titles(search(catalogue.people["outsider"], "Prabir")) == ["Prabir Sen"]
    assert titles(search(catalogue.people["outsider"], "Mumbai")) == ["Mumbai Mills"]


def test_a_dhaka_agent_does_not_see_the_mumbai_namesake(catalogue):
    assert titles(search(catalogue.people["agent"], "Prabir")) == ["প্রবীর মুখোপাধ্যায়"]


def test_an_admin_sees_both_teams(catalogue):
    assert set(titles(search(catalogue.people["admin"], "Prabir"))) == {
        "প্রবীর মুখোপাধ্যায়",
        "Prabir Sen",
    }


@pytest.mark.parametrize("role", ["colleague", "reader"])
def test_everyone_in_the_team_finds_the_team_s_records(catalogue, role):
    assert titles(search(catalogue.people[role], "মুখোপাধ্যায়")) == ["প্রবীর মুখোপাধ্যায়"]


def test_a_user_without_a_team_finds_only_what_they_own(catalogue):
    loner = make_user(Role.AGENT, username="search-loner")
    assert search(loner, "Prabir") == []


def test_a_user_without_any_role_finds_nothing(catalogue):
    nobody = make_user(Role.AGENT, username="search-nobody")
    nobody.groups.clear()
    assert search(nobody, "Padma") == []


def test_kinds_limit_what_is_searched(catalogue):
    agent = catalogue.people["agent"]
    assert {hit.kind for hit in search(agent, "Padma", kinds=["company"])} == {"company"}
    assert {hit.kind for hit in search(agent, "Padma", kinds=["contact"])} == {"contact"}
    assert search(agent, "Padma", kinds=[]) == []


def test_the_access_words_stored_for_filtering_are_not_searchable_text(catalogue):
    dhaka = catalogue.teams["dhaka"].pk
    admin = catalogue.people["admin"]

    assert search(admin, f"team{dhaka}") == []
    assert search(admin, f"owner{admin.pk}") == []


def test_a_record_moved_to_another_team_leaves_the_old_teams_searches(catalogue):
    from sampark.contacts.actions import update_contact

    prabir = search(catalogue.people["agent"], "প্রবীর")
    assert prabir
    contact = next(c for c in catalogue.contacts.values() if c.pk == prabir[0].id)
    update_contact(
        contact, by=catalogue.people["admin"], values={"team": catalogue.teams["mumbai"]}
    )

    # A Dhaka agent who does not own it saw it through the team only.
    agent, colleague = catalogue.people["agent"], catalogue.people["colleague"]
    viewer = colleague if contact.owner_id == agent.pk else agent
    assert contact.owner_id != viewer.pk
    assert contact.pk not in {hit.id for hit in search(viewer, "প্রবীর")}
    assert contact.pk in {hit.id for hit in search(catalogue.people["outsider"], "প্রবীর")}
