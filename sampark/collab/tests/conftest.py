"""Records to comment on: a contact and a company of the Dhaka desk, owned by its agent."""

from __future__ import annotations

import pytest

from sampark.contacts.tests.factories import CompanyFactory, ContactFactory


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0], display_name="Meera Nair")


@pytest.fixture
def company(people, teams):  # type: ignore[no-untyped-def]
    return CompanyFactory(owner=people["agent"], team=teams[0], name="Padma Traders")
