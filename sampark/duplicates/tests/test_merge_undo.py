from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from sampark.collab import actions as collab
from sampark.collab.models import Comment, Follow
from sampark.contacts import actions
from sampark.contacts.models import Activity, Affiliation, Company, Contact, Transaction
from sampark.contacts.tests.activity_factories import ActivityFactory
from sampark.contacts.tests.transaction_factories import TransactionFactory
from sampark.core.models import AuditEntry
from sampark.duplicates.actions import UndoRefused, merge_contacts, undo_merge
from sampark.duplicates.detection import find_candidates_for
from sampark.duplicates.models import Merge, Pair, PairStatus
from sampark.duplicates.tests.factories import contact

pytestmark = pytest.mark.django_db


def state(record_id: int) -> dict[str, object]:
    record = Contact.objects.get(pk=record_id)
    return {
        "fields": {
            f: getattr(record, f)
            for f in (
                "display_name",
                "latin_name",
                "source",
                "email",
                "phone",
                "external_id",
                "owner_id",
                "team_id",
                "created_at",
                "custom",
            )
        },
        "emails": [e.address for e in record.emails.all()],
        "phones": [p.number for p in record.phones.all()],
        "tags": sorted(t.name for t in record.tags.all()),
        "addresses": [(a.city, a.is_primary) for a in record.addresses.all()],
        "activities": sorted(Activity.objects.filter(contact=record).values_list("pk", flat=True)),
        "transactions": sorted(
            Transaction.objects.filter(contact=record).values_list("pk", "external_id")
        ),
        "companies": sorted(
            Affiliation.objects.filter(contact=record).values_list("company_id", "is_primary")
        ),
        "comments": sorted(Comment.objects.on(record).values_list("pk", flat=True)),
        "follows": sorted(Follow.objects.on(record).values_list("user_id", flat=True)),
        "referrals": sorted(
            Contact.objects.filter(referred_by=record).values_list("pk", flat=True)
        ),
    }


@pytest.fixture
def merged(people):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    dhaka = agent.teams.get()
    rahim = contact(
        agent,
        "Rahim Uddin",
        email="rahim@example.com",
        tags=["vip"],
        external_id="A-1",
        addresses=[{"city": "Dhaka", "line1": "House 1"}],
    )
    twin = contact(
        agent,
        "রহিম উদ্দিন",
        email="rahim.u@example.net",
        phone="+8801711000002",
        tags=["wholesale"],
        source="fair",
        external_id="B-2",
        addresses=[{"city": "Sylhet", "line1": "Road 2"}],
    )
    padma = Company.objects.create(name="Padma", owner=agent, team=dhaka)
    actions.link_company(rahim, padma, by=agent, is_primary=True)
    actions.link_company(twin, padma, by=agent, is_primary=True)
    ActivityFactory(contact=twin, owner=agent, team=dhaka)
    TransactionFactory(contact=rahim, owner=agent, team=dhaka, external_id="T-1")
    TransactionFactory(contact=twin, owner=agent, team=dhaka, external_id="T-1")
    collab.add_comment(twin, by=agent, body="Met at the fair")
    collab.follow(people["colleague"], twin)
    contact(agent, "Priya Sharma", referred_by=twin)
    find_candidates_for([twin.pk])
    before = state(rahim.pk), state(twin.pk)
    merge = merge_contacts(
        rahim, [twin], choices={"display_name": twin.pk, "external_id": twin.pk}, by=agent
    )
    return merge, before


def test_undo_restores_ids_fields_lists_and_every_related_record(people, merged):
    merge, before = merged

    undo_merge(merge, by=people["agent"])

    assert (state(merge.winner_id), state(merge.loser_ids[0])) == before
    merge.refresh_from_db()
    assert merge.undone_by == people["agent"]


def test_undo_brings_the_pair_back_as_it_was_and_is_audited(people, merged):
    merge, _before = merged
    assert Pair.objects.get().status == PairStatus.MERGED

    undo_merge(merge, by=people["agent"])

    assert Pair.objects.get().status == PairStatus.OPEN
    loser = str(merge.loser_ids[0])
    assert AuditEntry.objects.filter(
        model_label="contacts.contact", object_id=loser, action="create"
    ).exists()
    note = AuditEntry.objects.filter(
        object_id=str(merge.winner_id), changes__has_key="merged_from"
    ).last()
    assert note.changes["merged_from"] == [merge.loser_ids, None]


def test_undo_twice_is_refused(people, merged):
    merge, _before = merged
    undo_merge(merge, by=people["agent"])

    with pytest.raises(UndoRefused, match="already undone"):
        undo_merge(merge, by=people["agent"])


def test_undo_is_refused_once_the_winner_changed(people, merged):
    merge, _before = merged
    winner = Contact.objects.get(pk=merge.winner_id)
    actions.update_contact(winner, by=people["agent"], values={"notes": "Prefers calls"})

    with pytest.raises(UndoRefused, match="changed since the merge"):
        undo_merge(merge, by=people["agent"])
    assert not Contact.objects.filter(pk=merge.loser_ids[0]).exists()


def test_undo_is_refused_once_the_winner_is_deleted(people, merged):
    merge, _before = merged
    Contact.objects.filter(pk=merge.winner_id).delete()

    with pytest.raises(UndoRefused, match="deleted"):
        undo_merge(merge, by=people["admin"])


def test_undo_is_refused_after_thirty_days(people, merged):
    merge, _before = merged
    Merge.objects.filter(pk=merge.pk).update(at=timezone.now() - datetime.timedelta(days=31))
    merge.refresh_from_db()

    with pytest.raises(UndoRefused, match="30 days"):
        undo_merge(merge, by=people["agent"])


def test_a_dismissal_of_the_loser_carries_over_and_undo_takes_it_back(people):
    agent = people["agent"]
    rahim = contact(agent, "Rahim Uddin", email="rahim@example.com")
    twin = contact(agent, "Rahim Uddin", email="other@example.com")
    stranger = contact(agent, "Someone", email="other@example.com")
    find_candidates_for([stranger.pk])
    dismissed = Pair.objects.get(a_id=twin.pk, b_id=stranger.pk)
    dismissed.status = PairStatus.DISMISSED
    dismissed.save()

    merge = merge_contacts(rahim, [twin], choices={}, by=agent)
    assert Pair.objects.get(a_id=rahim.pk, b_id=stranger.pk).status == PairStatus.DISMISSED
    find_candidates_for([rahim.pk])
    assert Pair.objects.get(a_id=rahim.pk, b_id=stranger.pk).status == PairStatus.DISMISSED

    undo_merge(merge, by=agent)
    assert not Pair.objects.filter(a_id=rahim.pk, b_id=stranger.pk).exists()
    assert Pair.objects.get(pk=dismissed.pk).status == PairStatus.DISMISSED
