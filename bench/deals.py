"""Deals for the sales workloads: a board pipeline holding ``board`` open deals, and ``total``
deals in all with won and lost ones over two years and open ones closing over the next year,
for the forecast. Added to a workspace that has none, so an earlier 1M-contact workspace can be
reused; the deals belong to the workspace's agents and teams."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from sampark.sales.models import Deal, Pipeline, Stage

STAGES = [("Qualified", 10), ("Needs analysis", 25), ("Proposal", 50), ("Negotiation", 75)]
CURRENCIES = ["BDT"] * 6 + ["INR"] * 3 + ["USD"]
# Base units (BDT) per unit, for amount_base.
RATES = {"BDT": Decimal(1), "INR": Decimal("1.45"), "USD": Decimal("122.5")}
BATCH = 20_000


def ensure_deals(*, board: int = 10_000, total: int = 100_000, seed: int = 7) -> Pipeline:
    """The board pipeline, with the deals made if the workspace has none yet."""
    found = Pipeline.objects.filter(name="Bench board").first()
    if found is not None and Deal.objects.filter(pipeline=found).exists():
        return found
    rng = random.Random(seed)
    board_pipeline = _pipeline("Bench board")
    other = _pipeline("Bench renewals")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT u.id, m.team_id FROM core_user u JOIN core_team_members m ON m.user_id = u.id"
        )
        owners = cursor.fetchall()
        cursor.execute("SELECT MIN(id), MAX(id) FROM contacts_contact")
        first_contact, last_contact = cursor.fetchone()
    now = timezone.now()
    stages = {p.pk: list(p.stages.order_by("position")) for p in (board_pipeline, other)}

    def rows() -> Iterator[tuple[Any, ...]]:
        for n in range(total):
            owner, team = owners[n % len(owners)]
            pipeline = board_pipeline if n < board else other
            stage = rng.choice(stages[pipeline.pk])
            currency = rng.choice(CURRENCIES)
            amount = Decimal(rng.randrange(10_000, 5_000_000)) / (100 if currency == "USD" else 1)
            created = now - timedelta(days=rng.randrange(30, 760))
            if n < board or n % 3 == 0:
                status, closed, close = (
                    "open",
                    None,
                    now.date() + timedelta(rng.randrange(-20, 365)),
                )
            else:
                status = "won" if n % 3 == 1 else "lost"
                closed = now - timedelta(days=rng.randrange(1, 730))
                created = min(created, closed - timedelta(days=1))
                close = closed.date()
            entered = created + timedelta(days=rng.randrange(0, 20))
            yield (
                f"Deal {n}",
                pipeline.pk,
                stage.pk,
                status,
                amount,
                currency,
                (amount * RATES[currency]).quantize(Decimal("0.01")),
                close,
                first_contact + rng.randrange(last_contact - first_contact + 1),
                rng.choice(["pipeline", "pipeline", "best_case", "commit"]),
                entered,
                closed,
                "",
                owner,
                team,
                created,
                created,
                1,
            )

    columns = [
        "name",
        "pipeline_id",
        "stage_id",
        "status",
        "amount",
        "currency",
        "amount_base",
        "expected_close",
        "contact_id",
        "forecast_category",
        "stage_entered_at",
        "closed_at",
        "lost_reason",
        "owner_id",
        "team_id",
        "created_at",
        "updated_at",
        "version",
    ]
    defaults = {"source": "", "next_step": "", "description": ""}
    sql = (
        f"INSERT INTO sales_deal ({', '.join([*columns, *defaults])}) "
        f"VALUES ({', '.join(['%s'] * (len(columns) + len(defaults)))})"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        made = rows()
        while chunk := list(itertools.islice(made, BATCH)):
            cursor.executemany(sql, [(*row, *defaults.values()) for row in chunk])
        # Each deal's history: made in its stage, and closed there if it is.
        cursor.execute(
            "INSERT INTO sales_stagechange (deal_id, to_stage_id, status, at) "
            "SELECT id, stage_id, 'open', created_at FROM sales_deal"
        )
        cursor.execute(
            "INSERT INTO sales_stagechange (deal_id, from_stage_id, to_stage_id, status, at) "
            "SELECT id, stage_id, stage_id, status, closed_at FROM sales_deal "
            "WHERE status <> 'open'"
        )
    return board_pipeline


def _pipeline(name: str) -> Pipeline:
    pipeline, made = Pipeline.objects.get_or_create(name=name)
    if not made:
        return pipeline  # from a run stopped before its deals were written
    for position, (stage, probability) in enumerate(STAGES):
        Stage.objects.create(
            pipeline=pipeline,
            name=stage,
            position=position,
            probability=probability,
            rotting_days=14,
        )
    return pipeline
