from __future__ import annotations

import pytest

from sampark.agenda.models import Task
from sampark.agenda.tests.factories import TaskFactory
from sampark.collab import actions as collab
from sampark.collab.models import Comment
from sampark.contacts import actions
from sampark.contacts.models import Activity, Affiliation, Company
from sampark.contacts.tests.activity_factories import ActivityFactory
from sampark.duplicates.actions import merge_companies, undo_merge
from sampark.duplicates.tests.factories import company, contact

pytestmark = pytest.mark.django_db


def counts(record: Company) -> dict[str, int]:
    return {
        "activities": Activity.objects.filter(company=record).count(),
        "tasks": Task.objects.filter(company=record).count(),
        "comments": Comment.objects.on(record).count(),
        "people": Affiliation.objects.filter(company=record).count(),
        "subsidiaries": Company.objects.filter(parent=record).count(),
    }


def test_everything_of_the_merged_company_moves_and_undo_moves_it_back(people):
    agent = people["agent"]
    padma = company(agent, "Padma Textiles", tags=["mill"])
    twin = company(agent, "পদ্মা টেক্সটাইল", industry="Textiles", tags=["export"])
    rahim, priya = contact(agent, "Rahim Uddin"), contact(agent, "Priya Sharma")
    actions.link_company(rahim, padma, by=agent)
    actions.link_company(rahim, twin, by=agent, title="Director")
    actions.link_company(priya, twin, by=agent)
    ActivityFactory(company=twin, owner=agent)
    TaskFactory(company=twin, owner=agent)
    collab.add_comment(twin, by=agent, body="Same firm as Padma?")
    company(agent, "Padma Spinning", parent=twin)
    before = counts(padma), counts(twin)

    merge = merge_companies(padma, [twin], choices={}, by=agent)

    assert counts(padma) == {
        "activities": 1,
        "tasks": 1,
        "comments": 1,
        "people": 2,
        "subsidiaries": 1,
    }
    merged = Company.objects.get(pk=padma.pk)
    assert merged.industry == "Textiles"
    assert sorted(t.name for t in merged.tags.all()) == ["export", "mill"]

    undo_merge(merge, by=agent)

    assert (counts(padma), counts(Company.objects.get(pk=twin.pk))) == before
    assert Affiliation.objects.get(contact=rahim, company=twin).title == "Director"
