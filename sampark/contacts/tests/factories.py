from __future__ import annotations

import factory

from sampark.contacts.models import Company, Contact
from sampark.core.tests.factories import UserFactory


class ContactFactory(factory.django.DjangoModelFactory[Contact]):
    """A contact written straight to the table (no audit entry); use actions to test audit."""

    class Meta:
        model = Contact

    display_name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"client{n}@example.com")
    owner = factory.SubFactory(UserFactory)
    team = None


class CompanyFactory(factory.django.DjangoModelFactory[Company]):
    """A company written straight to the table (no audit entry); use actions to test audit."""

    class Meta:
        model = Company

    name = factory.Faker("company")
    domain = factory.Sequence(lambda n: f"company{n}.example.com")
    owner = factory.SubFactory(UserFactory)
    team = None
