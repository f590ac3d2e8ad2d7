"""Clients of both desks to export: two Dhaka contacts (one a lead) and a Mumbai one, and the
addresses of the export pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.tests.factories import ContactFactory
from sampark.customfields.models import CustomObject, FieldKind
from sampark.customfields.tests.factories import define


@pytest.fixture
def clients(people, teams):  # type: ignore[no-untyped-def]
    dhaka, mumbai = teams
    return {
        "Anika": ContactFactory(
            owner=people["agent"], team=dhaka, display_name="Anika", lifecycle_stage="lead"
        ),
        "Bishal": ContactFactory(
            owner=people["colleague"], team=dhaka, display_name="Bishal", lifecycle_stage="customer"
        ),
        "Dev": ContactFactory(
            owner=people["outsider"], team=mumbai, display_name="Dev", lifecycle_stage="lead"
        ),
    }


@pytest.fixture
def export_url():  # type: ignore[no-untyped-def]
    """``export_url("contacts")``: the web UI's export of that list."""
    return lambda kind: reverse(f"exports:{kind}")


# Custom fields are defined before any record is written: on PostgreSQL a field's index cannot
# be built in a transaction that has already written rows of its table (pending trigger events),
# so tests ask for these before `clients`.
@pytest.fixture
def branch(db):  # type: ignore[no-untyped-def]
    return define(FieldKind.TEXT, "branch", label="Branch")


@pytest.fixture
def score(db):  # type: ignore[no-untyped-def]
    return define(FieldKind.NUMBER, "score", label="Score")


@pytest.fixture
def sector(db):  # type: ignore[no-untyped-def]
    return define(FieldKind.TEXT, "sector", obj=CustomObject.COMPANY, label="Sector")
