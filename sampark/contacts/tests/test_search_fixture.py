"""The search fixture is what the search tests claim: 100+ records in three scripts, all indexed."""

from __future__ import annotations

import pytest
from django.db import connection

from sampark.contacts.models import Contact
from sampark.contacts.tests import search_fixture

pytestmark = pytest.mark.django_db
catalogue = search_fixture.catalogue


def test_the_catalogue_has_a_hundred_records_in_bengali_hindi_and_english(catalogue):
    assert catalogue.size >= 100
    names = " ".join(Contact.objects.values_list("display_name", flat=True))
    for first, last in [("\u0980", "\u09ff"), ("\u0900", "\u097f"), ("A", "z")]:
        assert sum(first <= ch <= last for ch in names) > 100


def test_every_record_of_the_catalogue_is_indexed(catalogue):
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM contacts_search_document")
        assert cursor.fetchone()[0] == catalogue.size
