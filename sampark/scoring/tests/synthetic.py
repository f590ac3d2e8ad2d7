"""A history whose true drivers are known: leads win when they came by referral and when their
job title names a director, and for no other reason. Country, phone, message, budget, the day
and hour they came: pure noise. A model that learns from this must find those two drivers."""

from __future__ import annotations

import datetime
import math
import random
from decimal import Decimal

from sampark.leads.models import Lead, LeadSource

SOURCES = [LeadSource.REFERRAL, LeadSource.WEB_FORM, LeadSource.EVENT, LeadSource.PHONE]
DIRECTORS = ["Sales Director", "Director of Operations", "IT Director"]
OTHERS = ["Accountant", "Engineer", "Sales Manager", "Analyst", "Teacher", ""]
COUNTRIES = ["BD", "IN", "NP", "LK"]


def synthetic_leads(n: int, seed: int = 7) -> tuple[list[Lead], list[int]]:
    """``n`` unsaved leads and whether each was won (1) or lost (0)."""
    rng = random.Random(seed)  # noqa: S311 -- made-up data, reproducible by its seed
    start = datetime.datetime(2026, 1, 5, 9, tzinfo=datetime.UTC)
    leads, labels = [], []
    for _ in range(n):
        referral = rng.random() < 0.3
        director = rng.random() < 0.3
        lead = Lead(
            name="Synthetic",
            source=LeadSource.REFERRAL if referral else rng.choice(SOURCES[1:]),
            job_title=rng.choice(DIRECTORS if director else OTHERS),
            country=rng.choice(COUNTRIES),
            phone="+8801711000001" if rng.random() < 0.5 else "",
            email=f"lead{rng.randrange(10**6)}@example.com" if rng.random() < 0.7 else "",
            message="x" * rng.randrange(0, 400),
            budget=Decimal(rng.randrange(1000, 100000)) if rng.random() < 0.5 else None,
            created_at=start + datetime.timedelta(hours=rng.randrange(24 * 60)),
        )
        logit = -2.0 + 3.0 * referral + 3.0 * director
        won = rng.random() < 1 / (1 + math.exp(-logit))
        leads.append(lead)
        labels.append(int(won))
    return leads, labels
