"""How many hits a search gives: over all kinds, or per kind, always of records one may see."""

from __future__ import annotations

import pytest

from sampark.contacts.models import Contact
from sampark.contacts.search import search
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def meghna():
    """Four people and one company who all match "Meghna"."""
    agent = make_user(Role.AGENT, username="meghna-agent")
    people = [
        ContactFactory(owner=agent, display_name=f"Meghna {family}")
        for family in ("Akter", "Bose", "Chowdhury", "Das")
    ]
    company = CompanyFactory(owner=agent, name="Meghna River Traders Limited")
    return agent, people, company


def test_a_limit_over_all_kinds_takes_the_best_of_any_kind(meghna):
    agent, _people, _company = meghna
    everything = search(agent, "Meghna")
    assert len(everything) == 5
    assert search(agent, "Meghna", limit=2) == everything[:2]


def test_a_limit_per_kind_keeps_room_for_every_kind(meghna):
    agent, _people, company = meghna
    hits = search(agent, "Meghna", limit=2, per_kind=True)
    assert sorted(hit.kind for hit in hits) == ["company", "contact", "contact"]
    assert ("company", company.pk) in {(hit.kind, hit.id) for hit in hits}
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


def test_a_limit_per_kind_is_filled_across_the_tiers(meghna):
    agent, people, _company = meghna
    exact = ContactFactory(owner=agent, display_name="Meghn Exact")
    hits = search(agent, "Meghn", limit=3, per_kind=True, kinds=["contact"])
    # The whole word first, then two of the prefix matches: three, not three per tier.
    assert hits[0].id == exact.pk
    assert len(hits) == 3
    assert {hit.id for hit in hits[1:]} <= {person.pk for person in people}


def test_hits_the_user_may_not_see_do_not_use_up_the_limit(meghna):
    agent, people, _company = meghna
    stranger = make_user(Role.AGENT, username="meghna-stranger")
    # Handed over behind the index's back: the index still files them under the agent.
    Contact.objects.filter(pk__in=[people[0].pk, people[1].pk]).update(owner=stranger)

    hits = search(agent, "Meghna", limit=2, kinds=["contact"])
    assert {hit.id for hit in hits} == {people[2].pk, people[3].pk}
