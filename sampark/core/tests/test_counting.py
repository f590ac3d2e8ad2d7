"""Lists count up to a cap; PostgreSQL answers "more than the cap" from its planner's estimate
when that is far above it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sampark.contacts.models import Contact
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.counting import count_up_to, estimated_rows

pytestmark = pytest.mark.django_db


def test_rows_are_counted_exactly_up_to_the_cap(people):
    ContactFactory.create_batch(5, owner=people["agent"])
    assert count_up_to(Contact.objects.all(), 10) == 5
    assert count_up_to(Contact.objects.all(), 3) == 4  # "more than 3"
    assert count_up_to(Contact.objects.none(), 3) == 0


def test_far_more_rows_than_the_cap_are_not_counted_on_postgresql(people):
    ContactFactory.create_batch(60, owner=people["agent"])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE contacts_contact")
    with CaptureQueriesContext(connection) as queries:
        assert count_up_to(Contact.objects.all(), 5) == 6
    [query] = queries.captured_queries
    if connection.vendor == "postgresql":
        assert 40 <= estimated_rows(Contact.objects.all()) <= 80
        assert query["sql"].startswith("EXPLAIN")
    else:  # SQLite has no estimate to give: it counts
        assert query["sql"].startswith("SELECT COUNT")
