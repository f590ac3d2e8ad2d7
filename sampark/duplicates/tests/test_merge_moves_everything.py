from __future__ import annotations

import pytest

from sampark.agenda.models import Task
from sampark.agenda.tests.factories import TaskFactory
from sampark.collab import actions as collab
from sampark.collab.models import Comment, Follow
from sampark.contacts import actions
from sampark.contacts.models import Activity, Affiliation, Company, Contact, Transaction
from sampark.contacts.search import search
from sampark.contacts.tests.activity_factories import ActivityFactory
from sampark.contacts.tests.transaction_factories import TransactionFactory
from sampark.core.models import AuditEntry
from sampark.duplicates.actions import merge_contacts
from sampark.duplicates.tests.factories import contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(people):  # type: ignore[no-untyped-def]
    """Rahim twice: the older record in Latin letters, the newer in Bengali, each with history."""
    agent = people["agent"]
    dhaka = agent.teams.get()
    rahim = contact(
        agent,
        "Rahim Uddin",
        email="rahim@example.com",
        phone="+8801711000001",
        tags=["vip"],
        addresses=[{"city": "Dhaka", "line1": "House 1"}],
    )
    twin = contact(
        agent,
        "রহিম উদ্দিন",
        latin_name="Rahim Uddin",
        email="rahim.u@example.net",
        phone="+8801711000002",
        tags=["wholesale", "VIP"],
        source="fair",
        addresses=[{"city": "Sylhet", "line1": "Road 2"}],
    )
    padma = Company.objects.create(name="Padma", owner=agent, team=dhaka)
    meghna = Company.objects.create(name="Meghna", owner=agent, team=dhaka)
    actions.link_company(rahim, padma, by=agent, is_primary=True)
    actions.link_company(twin, padma, by=agent, title="Director")
    actions.link_company(twin, meghna, by=agent, is_primary=True)
    for record in (rahim, twin):
        ActivityFactory(contact=record, owner=agent, team=dhaka)
        TransactionFactory(contact=record, owner=agent, team=dhaka, external_id=f"T-{record.pk}")
        TaskFactory(contact=record, owner=agent, team=dhaka)
        collab.add_comment(record, by=agent, body="Met at the fair")
    TransactionFactory(contact=twin, owner=agent, team=dhaka, external_id=f"T-{rahim.pk}")
    ActivityFactory(contact=twin, owner=agent, team=dhaka)
    referred = contact(agent, "Priya Sharma", referred_by=twin)
    collab.follow(people["colleague"], twin)
    return rahim, twin, referred


def counts(record: Contact) -> dict[str, int]:
    return {
        "activities": Activity.objects.filter(contact=record).count(),
        "transactions": Transaction.objects.filter(contact=record).count(),
        "tasks": Task.objects.filter(contact=record).count(),
        "comments": Comment.objects.on(record).count(),
        "follows": Follow.objects.on(record).count(),
        "companies": Affiliation.objects.filter(contact=record).count(),
        "referrals": Contact.objects.filter(referred_by=record).count(),
    }


def test_every_related_record_moves_to_the_winner(people, pair):
    rahim, twin, referred = pair
    before = counts(rahim), counts(twin)
    assert before == (
        {
            "activities": 1,
            "transactions": 1,
            "tasks": 1,
            "comments": 1,
            "follows": 1,
            "companies": 1,
            "referrals": 0,
        },
        {
            "activities": 2,
            "transactions": 2,
            "tasks": 1,
            "comments": 1,
            "follows": 2,
            "companies": 2,
            "referrals": 1,
        },
    )

    merge_contacts(rahim, [twin], choices={}, by=people["agent"])

    assert not Contact.objects.filter(pk=twin.pk).exists()
    # The agent follows both (as the comments' author): once on the winner. Padma is linked once.
    assert counts(rahim) == {
        "activities": 3,
        "transactions": 3,
        "tasks": 2,
        "comments": 2,
        "follows": 2,
        "companies": 2,
        "referrals": 1,
    }
    referred.refresh_from_db()
    assert referred.referred_by_id == rahim.pk


def test_a_transaction_whose_external_id_the_winner_uses_keeps_its_data_but_not_the_id(
    people, pair
):
    rahim, twin, _referred = pair
    clash = Transaction.objects.get(contact=twin, external_id=f"T-{rahim.pk}")

    merge_contacts(rahim, [twin], choices={}, by=people["agent"])

    clash.refresh_from_db()
    assert (clash.contact_id, clash.external_id) == (rahim.pk, "")
    assert Transaction.objects.get(contact=rahim, external_id=f"T-{twin.pk}")


def test_the_winner_keeps_its_primary_company(people, pair):
    rahim, twin, _referred = pair

    merge_contacts(rahim, [twin], choices={}, by=people["agent"])

    primary = Affiliation.objects.filter(contact=rahim, is_primary=True).values_list(
        "company__name", flat=True
    )
    assert list(primary) == ["Padma"]


def test_emails_phones_tags_and_addresses_are_united_and_fields_chosen(people, pair):
    rahim, twin, _referred = pair

    merge_contacts(rahim, [twin], choices={"display_name": twin.pk}, by=people["agent"])

    rahim = Contact.objects.get(pk=rahim.pk)
    assert rahim.display_name == "রহিম উদ্দিন"
    assert (rahim.latin_name, rahim.source) == ("Rahim Uddin", "fair")  # empty on the winner
    assert [e.address for e in rahim.emails.all()] == ["rahim@example.com", "rahim.u@example.net"]
    assert [p.number for p in rahim.phones.all()] == ["+8801711000001", "+8801711000002"]
    assert sorted(t.name for t in rahim.tags.all()) == ["vip", "wholesale"]
    assert [(a.city, a.is_primary) for a in rahim.addresses.all()] == [
        ("Dhaka", True),
        ("Sylhet", False),
    ]


def test_the_merge_is_in_the_audit_trail(people, pair):
    rahim, twin, _referred = pair

    merge_contacts(rahim, [twin], choices={"display_name": twin.pk}, by=people["agent"])

    deleted = AuditEntry.objects.get(
        model_label="contacts.contact", object_id=str(twin.pk), action="delete"
    )
    assert deleted.changes["merged_into"] == [None, rahim.pk]
    assert deleted.changes["display_name"] == ["রহিম উদ্দিন", None]
    entries = AuditEntry.objects.for_record(rahim)
    assert entries.filter(changes__display_name=["Rahim Uddin", "রহিম উদ্দিন"]).exists()
    note = entries.get(changes__has_key="merged_from")
    assert note.changes["merged_from"] == [None, [twin.pk]]
    assert note.changes["moved"][1]["activities"] == 2
    assert note.actor == people["agent"]


def test_search_finds_the_winner_by_the_losers_email_and_no_longer_the_loser(people, pair):
    rahim, twin, _referred = pair
    admin = people["admin"]
    assert {h.id for h in search(admin, "rahim.u@example.net")} == {twin.pk}

    merge_contacts(rahim, [twin], choices={}, by=people["agent"])

    assert {(h.kind, h.id) for h in search(admin, "rahim.u@example.net")} == {("contact", rahim.pk)}
    assert twin.pk not in {h.id for h in search(admin, "উদ্দিন") if h.kind == "contact"}
