from __future__ import annotations

from typing import Any

import factory

from sampark.contacts import search
from sampark.contacts.models import Company, Contact
from sampark.core.tests.factories import UserFactory


class ContactFactory(factory.django.DjangoModelFactory[Contact]):
    """A contact written straight to the table (no audit entry; use actions to test audit), and
    indexed for search as the actions would, since list filters read the search index."""

    class Meta:
        model = Contact
        skip_postgeneration_save = True

    display_name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"client{n}@example.com")
    owner = factory.SubFactory(UserFactory)
    team = None

    @factory.post_generation
    def indexed(self, create: bool, extracted: bool | None, **_: Any) -> None:
        if create and extracted is not False:
            search.index_contact(self)


class CompanyFactory(factory.django.DjangoModelFactory[Company]):
    """A company written straight to the table (no audit entry; use actions to test audit), and
    indexed for search as the actions would."""

    class Meta:
        model = Company
        skip_postgeneration_save = True

    name = factory.Faker("company")
    domain = factory.Sequence(lambda n: f"company{n}.example.com")
    owner = factory.SubFactory(UserFactory)
    team = None

    @factory.post_generation
    def indexed(self, create: bool, extracted: bool | None, **_: Any) -> None:
        if create and extracted is not False:
            search.index_companies([self.pk])
