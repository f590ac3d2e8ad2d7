"""Data generation and the measured workloads, each paired with its raw-SQL baseline."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from sampark.contacts.actions import update_contact
from sampark.contacts.models import Contact
from sampark.core.models import Team, User
from sampark.core.records import access_record
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user

GIVEN = ["রহিম", "ফাতেমা", "অরিজিৎ", "प्रिया", "राहुल", "कविता", "Meera", "James", "Ayesha", "Tanvir"]
FAMILY = ["উদ্দিন", "খাতুন", "সেন", "शर्मा", "वर्मा", "सिंह", "Nair", "Gomes", "Khan", "Hasan"]


@dataclass
class Context:
    agent: User
    team_ids: list[int]
    contact_ids: list[int]


def generate(count: int, teams: int = 10, per_team: int = 5) -> Context:
    team_rows = [Team.objects.create(name=f"Desk {n}") for n in range(teams)]
    users = [
        make_user(Role.AGENT, team, username=f"agent{t}-{n}")
        for t, team in enumerate(team_rows)
        for n in range(per_team)
    ]
    now = timezone.now()
    rows = []
    for n in range(count):
        owner = users[n % len(users)]
        rows.append(
            (
                f"{random.choice(GIVEN)} {random.choice(FAMILY)} {n}",
                f"client{n}@example.com",
                f"+88017{n:08d}",
                "bn",
                owner.pk,
                team_rows[(n % len(users)) // per_team].pk,
                now,
                now,
                1,
            )
        )
    # Raw executemany: the benchmark measures reads, not the speed of creating test data.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO contacts_contact (display_name, email, phone, language, owner_id, "
            "team_id, created_at, updated_at, version) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            rows,
        )
    agent = users[0]
    return Context(agent, agent.team_ids(), list(Contact.objects.values_list("id", flat=True)))


def workloads(ctx: Context) -> Iterator[tuple[str, Callable[[], Any], Callable[[], Any]]]:
    agent, placeholders = ctx.agent, ", ".join(["%s"] * len(ctx.team_ids))
    visible = Contact.objects.visible_to(agent)
    own_ids = list(visible.values_list("id", flat=True))

    def raw(sql: str, params: list[Any]) -> Callable[[], Any]:
        def run() -> Any:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()

        return run

    yield (
        "contact list: first 50 an agent may see",
        lambda: list(Contact.objects.visible_to(agent).order_by("display_name", "id")[:50]),
        raw(
            "SELECT * FROM contacts_contact WHERE owner_id = %s OR team_id IN "
            f"({placeholders}) ORDER BY display_name, id LIMIT 50",
            [agent.pk, *ctx.team_ids],
        ),
    )
    yield (
        "contact list: count an agent may see",
        lambda: Contact.objects.visible_to(agent).count(),
        raw(
            "SELECT COUNT(*) FROM contacts_contact WHERE owner_id = %s OR team_id IN "
            f"({placeholders})",
            [agent.pk, *ctx.team_ids],
        ),
    )
    yield (
        "open one contact by id, permission checked",
        lambda: access_record(agent, Contact, random.choice(own_ids)),
        lambda: raw("SELECT * FROM contacts_contact WHERE id = %s", [random.choice(own_ids)])(),
    )
    own = Contact.objects.filter(owner=agent)[:1].get()
    counter = iter(range(10**9))
    yield (
        "update one contact, audited and versioned",
        lambda: update_contact(own, by=agent, values={"phone": f"+8801{next(counter):09d}"}),
        raw(
            "UPDATE contacts_contact SET phone = %s, version = version + 1 WHERE id = %s",
            ["+880100000000", own.pk],
        ),
    )
