"""Filtering and sorting by a custom field walk the index made for it, on either database.

A list of a million contacts filtered or sorted by a custom field must not read every row; the
query plans prove that the expression in the query is the one the index was built on.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection
from django.http import QueryDict

from sampark.contacts.models import Contact
from sampark.contacts.tests.factories import ContactFactory
from sampark.customfields import listing, storage
from sampark.customfields.models import CustomField, FieldKind
from sampark.customfields.tests.factories import define

pytestmark = pytest.mark.django_db


@pytest.fixture
def fields() -> list[CustomField]:
    portfolio = define(FieldKind.MONEY, "portfolio", currency="BDT")
    risk = define(FieldKind.CHOICE, "risk", options=["low", "high"])
    interests = define(FieldKind.MULTI_CHOICE, "interests", options=["bonds", "equity"])
    for n in range(30):
        ContactFactory(
            custom={"portfolio": n * 1000, "risk": "low", "interests": ["bonds"]} if n % 2 else {}
        )
    return [portfolio, risk, interests]


@pytest.fixture(autouse=True)
def no_sequential_scans() -> Iterator[None]:
    """PostgreSQL reads a 30-row table whole, index or not; make it show the plan it would use
    on a big one."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
        yield
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = on")
    else:
        yield


def plan(queryset) -> str:  # type: ignore[no-untyped-def]
    return queryset.explain()


def filter_plan(queryset) -> str:  # type: ignore[no-untyped-def]
    """The plan of the filter alone: with the list's ORDER BY, a planner told never to scan a
    table may walk the name index instead and still prove nothing about the filter."""
    return plan(queryset.order_by())


def index_of(field: CustomField, option: str = "") -> str:
    return storage._index_name(field, option)


def filtered(fields: list[CustomField], **params: str):  # type: ignore[no-untyped-def]
    query = QueryDict(mutable=True)
    query.update(params)
    return listing.apply_filters(Contact.objects.all(), fields, query).queryset


def test_a_range_filter_uses_the_fields_index(fields):  # type: ignore[no-untyped-def]
    queryset = filtered(fields, cf_portfolio_min="5000", cf_portfolio_max="9000")

    assert sorted(c.custom["portfolio"] for c in queryset) == [5000, 7000, 9000]
    assert index_of(fields[0]) in filter_plan(queryset)


def test_a_choice_filter_uses_the_fields_index(fields):  # type: ignore[no-untyped-def]
    queryset = filtered(fields, cf_risk="low")

    assert queryset.count() == 15
    assert index_of(fields[1]) in filter_plan(queryset)


def test_a_several_choice_filter_uses_an_index(fields):  # type: ignore[no-untyped-def]
    queryset = filtered(fields, cf_interests="bonds")

    assert queryset.count() == 15
    assert filtered(fields, cf_interests="equity").count() == 0
    expected = (
        "contacts_contact_custom_gin"
        if connection.vendor == "postgresql"
        else index_of(fields[2], "bonds")
    )
    assert expected in filter_plan(queryset)


def test_sorting_by_a_field_reads_the_index_in_order_with_empty_values_last(fields):  # type: ignore[no-untyped-def]
    ordered = listing.order_by(Contact.objects.all(), fields, "cf_portfolio")
    assert ordered is not None

    values = [c.custom.get("portfolio") for c in ordered]
    assert values[:15] == sorted(n * 1000 for n in range(1, 30, 2))
    assert values[15:] == [None] * 15
    query_plan = plan(ordered.all()[:50])
    assert index_of(fields[0]) in query_plan
    assert "TEMP B-TREE" not in query_plan  # SQLite: no sort step after the index


def test_a_migration_that_rebuilt_the_table_gets_the_fields_indexes_back(fields):  # type: ignore[no-untyped-def]
    from django.apps import apps
    from django.db.models.signals import post_migrate

    portfolio = fields[0]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The test's own inserts are pending in this transaction, which PostgreSQL does
            # not build an index under (a real migrate has none).
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # What SQLite's table rebuild (ALTER TABLE in a migration) leaves: no custom indexes.
        cursor.execute(f'DROP INDEX "{index_of(portfolio)}"')
    queryset = filtered(fields, cf_portfolio_min="5000")
    assert index_of(portfolio) not in filter_plan(queryset)

    config = apps.get_app_config("customfields")
    post_migrate.send(
        sender=config,
        app_config=config,
        verbosity=0,
        interactive=False,
        using="default",
        apps=apps,
        plan=[],
    )

    assert index_of(portfolio) in filter_plan(queryset)
