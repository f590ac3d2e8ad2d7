from __future__ import annotations

import factory

from sampark.contacts.models import Contact
from sampark.core.tests.factories import UserFactory


class ContactFactory(factory.django.DjangoModelFactory[Contact]):
    """A contact written straight to the table (no audit entry); use actions to test audit."""

    class Meta:
        model = Contact

    display_name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"client{n}@example.com")
    owner = factory.SubFactory(UserFactory)
    team = None
