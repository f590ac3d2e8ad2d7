"""Test data builders for people, teams and roles. Other apps' factories build on these."""

from __future__ import annotations

from typing import Any

import factory
from django.contrib.auth.models import Group

from sampark.core.models import Team, User
from sampark.core.roles import Role, group_name

PASSWORD = "correct horse battery staple"


class TeamFactory(factory.django.DjangoModelFactory[Team]):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    first_name = factory.Faker("first_name")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def role(self, create: bool, extracted: Role | None, **_: Any) -> None:
        """``UserFactory(role=Role.AGENT)`` puts the user in that role's group."""
        if create and extracted:
            group, _created = Group.objects.get_or_create(name=group_name(extracted))
            self.groups.add(group)

    @factory.post_generation
    def teams(self, create: bool, extracted: list[Team] | None, **_: Any) -> None:
        if create and extracted:
            self.teams.add(*extracted)


def make_user(role: Role, *teams: Team, **kwargs: Any) -> User:
    return UserFactory(role=role, teams=list(teams), **kwargs)
