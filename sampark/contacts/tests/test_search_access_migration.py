"""Migration 0006 gives the search documents that already exist their access words, so search
keeps working for existing data without a reindex."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from sampark.contacts.search import index_contact, search
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_documents_indexed_before_the_migration_are_found_after_it(teams):  # type: ignore[no-untyped-def]
    agent = make_user(Role.AGENT, teams[0], username="migrating-agent")
    outsider = make_user(Role.AGENT, teams[1], username="migrating-outsider")
    contact = ContactFactory(owner=agent, team=teams[0], display_name="Anwesha Migration")
    index_contact(contact)

    call_command("migrate", "contacts", "0005", verbosity=0)
    # Forward again for every app: going back also took out the apps built on later contacts
    # migrations (their tables are gone until they are migrated again).
    call_command("migrate", verbosity=0)

    assert [hit.id for hit in search(agent, "Anwesha")] == [contact.pk]
    assert search(outsider, "Anwesha") == []
    # This contact's document: the search tables are the migrations' own, so documents that
    # earlier tests left behind may still be there.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT w.access FROM contacts_search_words w JOIN contacts_search_document d "
                "ON d.id = w.rowid WHERE d.kind = 'contact' AND d.record_id = %s",
                [contact.pk],
            )
            assert cursor.fetchone()[0] == f"owner{agent.pk} team{teams[0].pk}"
        else:
            cursor.execute(
                "SELECT access FROM contacts_search_document WHERE kind = 'contact' "
                "AND record_id = %s",
                [contact.pk],
            )
            assert cursor.fetchone()[0] == [f"owner{agent.pk}", f"team{teams[0].pk}"]
