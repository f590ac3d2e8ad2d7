"""Creating contacts in bulk follows create_contact's rules, in a few queries a batch."""

from __future__ import annotations

import dataclasses

import pytest
from django.core.exceptions import ValidationError

from sampark.contacts import actions, search
from sampark.contacts.actions_bulk import create_contacts
from sampark.contacts.models import Contact
from sampark.contacts.search.documents import Document, contact_documents
from sampark.contacts.tests.factories import CompanyFactory
from sampark.core import audit
from sampark.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_good_rows_are_written_and_bad_ones_say_why(people):
    agent = people["agent"]
    padma = CompanyFactory(owner=agent, name="Padma Traders")
    actions.create_contact(by=agent, display_name="Taken", external_id="ext-1")
    rows = [
        {
            "display_name": "রহিম উদ্দিন",
            "email": "rahim@padma.com.bd",
            "emails": ["rahim.home@example.com"],
            "phone": "01711-000001",
            "country": "BD",
            "tags": ["vip", "VIP", "trader"],
        },
        {"display_name": "Bad", "email": "nobody@"},
        {"display_name": "Clash", "external_id": "ext-1"},
        {"display_name": "राहुल शर्मा", "phone": "+91 98765 43210", "external_id": "ext-2"},
        {"display_name": "Twin", "external_id": "ext-2"},
        {"display_name": "x" * 300},
    ]
    results = create_contacts(
        by=agent, rows=rows, companies_of=lambda ats: {0: (padma, "Director")} if 0 in ats else {}
    )

    rahim, bad, clash, rahul, twin, long_name = results
    assert isinstance(rahim, Contact)
    assert isinstance(rahul, Contact)
    assert "email" in bad.message_dict  # type: ignore[union-attr]
    assert "external_id" in clash.message_dict  # type: ignore[union-attr]
    assert "external_id" in twin.message_dict  # type: ignore[union-attr]
    assert isinstance(long_name, ValidationError)
    assert "display_name" in long_name.message_dict

    rahim = Contact.objects.get(pk=rahim.pk)
    assert rahim.phone == "+8801711000001"
    assert rahim.time_zone == "Asia/Dhaka"
    assert rahim.team_id == next(iter(agent.team_ids()))
    assert list(rahim.emails.values_list("address", "is_primary")) == [
        ("rahim@padma.com.bd", True),
        ("rahim.home@example.com", False),
    ]
    assert sorted(rahim.tags.values_list("name", flat=True)) == ["trader", "vip"]
    assert rahim.affiliations.get().title == "Director"
    assert Contact.objects.get(pk=rahul.pk).country == "IN"
    assert Contact.objects.count() == 3


def test_each_new_contact_is_audited_and_found_by_search(people):
    agent = people["agent"]
    before = AuditEntry.objects.count()
    create_contacts(by=agent, rows=[{"display_name": "প্রবীর সেন"}, {"display_name": "Meghna Das"}])
    created = AuditEntry.objects.filter(action="create", model_label="contacts.contact")
    assert AuditEntry.objects.count() == before + 2
    assert sorted(e.object_repr for e in created) == ["Meghna Das", "প্রবীর সেন"]
    assert audit.verify() == []
    assert [hit.title for hit in search.search(agent, "প্রবী")] == ["প্রবীর সেন"]


def test_the_queries_do_not_grow_with_the_rows(people, django_assert_max_num_queries):
    agent = people["agent"]
    create_contacts(by=agent, rows=[{"display_name": "Warm", "tags": ["t"]}])
    rows = [
        {"display_name": f"Client {n}", "email": f"c{n}@example.com", "tags": ["t"]}
        for n in range(60)
    ]
    with django_assert_max_num_queries(40):
        create_contacts(by=agent, rows=rows)
    assert Contact.objects.count() == 61


def test_the_search_document_is_the_one_the_tables_would_give(people, monkeypatch):
    # The bulk path builds documents from the values in hand; a rebuild reads the tables.
    agent = people["agent"]
    padma = CompanyFactory(owner=agent, name="Padma Traders")
    row = {
        "display_name": "রহিম উদ্দিন",
        "latin_name": "Rahim Uddin",
        "email": "rahim@padma.com.bd",
        "emails": ["rahim.home@example.com"],
        "phone": "01711-000001",
        "phones": ["+91 98765 43210"],
        "country": "BD",
        "tags": ["VIP", "trader"],
        "addresses": [{"label": "home", "city": "চট্টগ্রাম", "country": "BD"}],
    }
    written: list[Document] = []
    index_new_contacts = search.index_new_contacts

    def keep(documents: list[Document]) -> None:
        written.extend(documents)
        index_new_contacts(documents)

    monkeypatch.setattr(search, "index_new_contacts", keep)
    [rahim] = create_contacts(by=agent, rows=[row], companies_of=lambda ats: {0: (padma, "")})
    assert isinstance(rahim, Contact)
    [from_tables] = contact_documents([rahim.pk])
    assert [_comparable(d) for d in written] == [_comparable(from_tables)]
    for typed in ("চট্টগ", "Rahim", "vip", "98765", "rahim.home@example.com"):
        assert [hit.title for hit in search.search(agent, typed)] == ["রহিম উদ্দিন"], typed


def _comparable(document: Document) -> Document:
    # Tags come in the row's order or by name: the order of the other words ranks nothing.
    return dataclasses.replace(document, other=tuple(sorted(document.other)))
