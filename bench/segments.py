"""Segment membership at scale: how many contacts a segment keeps, as an admin (every contact)
and an agent (their team's) would see it, beside a hand-written ``COUNT(*)`` of the same.

The issue's target: membership is computed in SQL, not Python loops; a count over a million
contacts takes at most a second. Measured for each starter segment (the rules of
sampark/marketing/starters.py, as the migration ships them) and for a nested rule built here.

The generator dates contacts and transactions back from the moment it ran, so every "last N
days" window ends then (``generated_at``), not at today's date: the windows hold the same rows
on every run, however old the workspace, and the ORM and the raw SQL see the same bounds.
Before any timing, each count is checked once against its raw SQL: they must agree.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from django.db import connection

from bench.generate import Workspace
from bench.workloads import Work, Workload, raw_sql
from sampark.contacts.conditions import Rule, check
from sampark.contacts.models import Contact
from sampark.core.models import User
from sampark.marketing.membership import members
from sampark.marketing.models import Segment

# Each count reads up to millions of rows: a few runs tell its time (p95 is then the slowest).
SEGMENT_RUNS = 5

# The tag the nested rule asks for. The generator tags no one, so this part keeps no one; it is
# still compiled and run, as a rule naming a tag would be.
TAG = "VIP"

# A nested rule as a marketer builds one: clients in Bangladesh or India who traded three times
# in 90 days, or are tagged, or have a high risk profile (the generator's custom field "risk").
NESTED: Rule = {
    "match": "all",
    "conditions": [
        {"field": "country", "op": "is", "value": ["BD", "IN"]},
        {
            "match": "any",
            "conditions": [
                {"field": "trades", "op": "at_least", "value": 3, "days": 90},
                {"field": "tags", "op": "has_any", "value": [TAG]},
                {"field": "custom.risk", "op": "is", "value": ["high"]},
            ],
        },
    ],
}


def generated_at() -> datetime.datetime:
    """When the generator ran: its first contact was made then, and everything it dated
    (contacts, interactions, transactions) lies before it."""
    first = Contact.objects.order_by("pk").values_list("created_at", flat=True).first()
    assert first is not None, "no workspace: generate one first"
    return first


def segment_workloads(space: Workspace) -> Iterator[Workload]:
    now = generated_at()

    def ago(days: int) -> datetime.datetime:
        return now - timedelta(days=days)

    risk = (
        "json_extract(c.custom, '$.risk')"
        if connection.vendor == "sqlite"
        else "(c.custom ->> 'risk')"
    )
    # Each segment's rule as a hand-written condition on the contact ``c``: conditions on the
    # same table read it in one pass, grouped by contact, the way one would write it by hand.
    by_hand: dict[str, tuple[str, list[Any]]] = {
        "new_clients": (
            "c.lifecycle_stage = 'customer' AND c.created_at >= %s",
            [ago(90)],
        ),
        "experienced_traders": (
            "c.created_at < %s AND c.id IN (SELECT contact_id FROM contacts_transaction "
            "WHERE kind = 'trade' AND occurred_at >= %s GROUP BY contact_id "
            "HAVING COUNT(*) >= 24)",
            [ago(365), ago(365)],
        ),
        "high_risk": (
            "c.id IN (SELECT contact_id FROM contacts_transaction "
            "WHERE kind = 'trade' AND occurred_at >= %s GROUP BY contact_id "
            "HAVING COUNT(*) FILTER (WHERE profit < 0) >= 3 "
            "OR COUNT(*) FILTER (WHERE occurred_at >= %s) >= 20)",
            [ago(90), ago(30)],
        ),
        "low_risk": (
            "c.lifecycle_stage = 'customer' AND c.id IN (SELECT contact_id "
            "FROM contacts_transaction WHERE occurred_at >= %s GROUP BY contact_id "
            "HAVING COUNT(*) FILTER (WHERE kind = 'trade' AND occurred_at >= %s) <= 2 "
            "AND COUNT(*) FILTER (WHERE kind = 'trade' AND profit < 0) = 0)",
            [ago(365), ago(90)],
        ),
        "dormant": (
            "c.id IN (SELECT contact_id FROM contacts_transaction GROUP BY contact_id "
            "HAVING MAX(occurred_at) < %s)",
            [ago(90)],
        ),
        "vip": (
            "c.id IN (SELECT contact_id FROM contacts_transaction WHERE occurred_at >= %s "
            "GROUP BY contact_id HAVING MAX(occurred_at) >= %s AND COUNT(*) >= 12 "
            "AND SUM(amount) FILTER (WHERE currency = 'BDT') >= %s)",
            [ago(365), ago(30), 1_000_000],
        ),
        "nested": (
            "c.country IN ('BD', 'IN') AND (c.id IN (SELECT contact_id "
            "FROM contacts_transaction WHERE kind = 'trade' AND occurred_at >= %s "
            "GROUP BY contact_id HAVING COUNT(*) >= 3) "
            "OR c.id IN (SELECT ct.contact_id FROM contacts_contact_tags ct "
            "JOIN contacts_tag t ON t.id = ct.tag_id WHERE t.name = %s) "
            f"OR {risk} = %s)",
            [ago(90), TAG, "high"],
        ),
    }
    segments = [
        *Segment.objects.filter(starter__in=list(by_hand)).order_by("id"),
        # Not saved: a rule as the builder holds it before anyone names it.
        Segment(name="Nested rule", starter="nested", rules=check(NESTED)),
    ]
    missing = set(by_hand) - {segment.starter for segment in segments}
    if missing:
        raise RuntimeError(f"starter segments missing (migrate adds them): {sorted(missing)}")

    reach = (
        "(c.owner_id = %s OR c.team_id IN "
        "(SELECT team_id FROM core_team_members WHERE user_id = %s))"
    )
    for segment in segments:
        where, params = by_hand[segment.starter]
        for role, user, limit, limited in (
            ("admin", space.admin, "", []),
            ("agent", space.agent, f"{reach} AND ", [space.agent.pk, space.agent.pk]),
        ):
            sql = f"SELECT COUNT(*) FROM contacts_contact c WHERE {limit}{where}"
            name = f"segment: {segment.name}, {role}"
            yield Workload(
                name,
                _checked(name, _counter(segment, user, now), sql, [*limited, *params]),
                raw_sql((sql, [*limited, *params])),
                through_views=False,
                repeat=SEGMENT_RUNS,
            )


def _counter(segment: Segment, user: User, now: datetime.datetime) -> Work:
    """``membership.members(segment, user).count()``, with the rules' windows ending at ``now``
    (the moment the workspace was generated)."""
    return lambda: members(segment, user, now=now).count()


def _checked(name: str, count: Work, sql: str, params: list[Any]) -> Work:
    """``count``, which on its first run (the warm-up, before any timing) must find what the
    hand-written ``sql`` finds: the rule engine's correctness at scale."""
    done = False

    def run() -> Any:
        nonlocal done
        found = count()
        if not done:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                expected = cursor.fetchone()[0]
            if found != expected:
                raise RuntimeError(f"{name}: the ORM counts {found:,}, the raw SQL {expected:,}")
            print(f"{name}: {found:,} members (the raw SQL counts the same)")
            done = True
        return found

    return run
