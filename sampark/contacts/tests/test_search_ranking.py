"""Whole-word matches come before prefix matches, which come before typo matches."""

from __future__ import annotations

import pytest

from sampark.contacts import actions
from sampark.contacts.search import search
from sampark.contacts.tests import search_fixture
from sampark.contacts.tests.search_fixture import titles

pytestmark = pytest.mark.django_db
catalogue = search_fixture.catalogue


def test_exact_then_prefix_then_typo(catalogue):
    hits = search(catalogue.people["admin"], "Rahman")
    assert titles(hits) == ["Mizanur Rahman", "Sultana Rahmani", "Aamir Rehman"]
    assert [int(hit.score) for hit in hits] == [3, 2, 1]
    assert hits[0].score > hits[1].score > hits[2].score


def test_a_name_ranks_above_the_same_word_in_an_email_or_company(catalogue):
    agent = catalogue.people["agent"]
    actions.create_contact(by=agent, display_name="Nobody Special", email="rahman@example.net")
    assert titles(search(agent, "rahman"))[:2] == ["Mizanur Rahman", "Nobody Special"]


def test_the_limit_is_kept_across_tiers(catalogue):
    hits = search(catalogue.people["admin"], "Rahman", limit=2)
    assert titles(hits) == ["Mizanur Rahman", "Sultana Rahmani"]


def test_among_equals_the_most_recently_changed_comes_first(catalogue):
    agent = catalogue.people["agent"]
    older = actions.create_contact(by=agent, display_name="Tanjim Older")
    actions.create_contact(by=agent, display_name="Tanjim Newer")
    assert titles(search(agent, "Tanjim")) == ["Tanjim Newer", "Tanjim Older"]
    actions.update_contact(older, by=agent, values={"source": "fair"})
    assert titles(search(agent, "Tanjim")) == ["Tanjim Older", "Tanjim Newer"]
