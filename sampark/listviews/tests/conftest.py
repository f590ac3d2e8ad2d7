"""Contacts of both desks to list (three in Dhaka, two of them leads; a lead in Mumbai), and a
way to read which a list page shows."""

from __future__ import annotations

import pytest

from sampark.contacts.tests.factories import ContactFactory


@pytest.fixture
def clients(people, teams):  # type: ignore[no-untyped-def]
    dhaka, mumbai = teams
    agent, outsider = people["agent"], people["outsider"]
    return {
        "Anika": ContactFactory(
            owner=agent, team=dhaka, display_name="Anika", lifecycle_stage="lead", country="BD"
        ),
        "Bishal": ContactFactory(
            owner=agent, team=dhaka, display_name="Bishal", lifecycle_stage="customer"
        ),
        "Chitra": ContactFactory(
            owner=people["colleague"], team=dhaka, display_name="Chitra", lifecycle_stage="lead"
        ),
        "Dev": ContactFactory(
            owner=outsider, team=mumbai, display_name="Dev", lifecycle_stage="lead"
        ),
    }


@pytest.fixture
def names():  # type: ignore[no-untyped-def]
    """``names(response)``: the contacts a list page shows, in order."""
    return lambda response: [contact.display_name for contact in response.context["page"].items]
