"""`sampark reindex` rebuilds the index from the tables: after imports, restores, or drift."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from sampark.contacts.models import Contact
from sampark.contacts.search import search as find
from sampark.contacts.tests import search_fixture
from sampark.contacts.tests.factories import ContactFactory
from sampark.contacts.tests.search_fixture import titles

pytestmark = pytest.mark.django_db
catalogue = search_fixture.catalogue


def _reindex(*args: str) -> str:
    out = io.StringIO()
    call_command("reindex", *args, stdout=out)
    return out.getvalue()


def _document_count() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM contacts_search_document")
        return int(cursor.fetchone()[0])


def test_reindex_finds_records_written_straight_to_the_tables(catalogue):
    agent = catalogue.people["agent"]
    ContactFactory(
        owner=agent, team=catalogue.teams["dhaka"], display_name="Imported Rahela", indexed=False
    )
    assert find(agent, "Rahela") == []
    output = _reindex("--batch-size", "7")
    assert titles(find(agent, "Rahela")) == ["Imported Rahela"]
    assert output.startswith(f"Indexed {Contact.objects.count()} contacts and ")


def test_reindex_gives_the_same_answers_as_the_live_index(catalogue):
    admin = catalogue.people["admin"]
    queries = ["প্রবীর", "মুখো", "श्रीवा", "Ban", "Rahman", "1711000", "Padma", "ক্লায়েন্ট", "Banarjee"]
    before = {q: find(admin, q) for q in queries}
    documents = _document_count()
    _reindex()
    assert {q: find(admin, q) for q in queries} == before
    assert _document_count() == documents == catalogue.size


def test_reindex_drops_documents_of_records_that_are_gone(catalogue):
    catalogue.contact("rahmani").delete()  # straight to the table
    _reindex("--batch-size", "1000")
    assert _document_count() == catalogue.size
    assert "Sultana Rahmani" not in titles(find(catalogue.people["admin"], "Rahmani"))


def test_reindex_reports_each_batch_when_asked(catalogue):
    out = io.StringIO()
    call_command("reindex", "--batch-size", "50", verbosity=2, stdout=out)
    assert "contact: 50 indexed" in out.getvalue()


def test_a_batch_size_below_one_is_refused(catalogue):
    with pytest.raises(CommandError):
        _reindex("--batch-size", "0")
