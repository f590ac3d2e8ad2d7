"""What clients said of how their tickets were handled, counted for the staff: the CSAT score
(the share of ratings that are happy or very happy) and the number of ratings, overall and per
agent, queue and category, over a recent period; and the latest ratings with their comments.

Ratings are read through the permission layer: those of the tickets a user may see
(``Ticket.objects.visible_to``), so a manager counts their teams' tickets, an agent their
team's, an admin everyone's. Each rating is counted under the agent, queue and category it was
given for (kept on the rating), not where its ticket is now.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from sampark.core import cached
from sampark.core.models import User
from sampark.service.csat import GOOD
from sampark.service.models import Category, Satisfaction, Ticket

PERIODS = (30, 90, 365)
DEFAULT_PERIOD = 30
LATEST = 20


@dataclass(frozen=True)
class Score:
    """Ratings of one agent, queue or category (``key`` None: nobody / none)."""

    key: int | None
    name: str
    ratings: int
    good: int

    @property
    def csat(self) -> float | None:
        """The share of happy ratings in percent, one decimal; None without ratings."""
        return round(100 * self.good / self.ratings, 1) if self.ratings else None


@dataclass(frozen=True)
class Report:
    days: int
    since: datetime.datetime
    overall: Score
    agents: list[Score]
    teams: list[Score]
    categories: list[Score]


def visible_ratings(user: User) -> QuerySet[Satisfaction]:
    """The ratings of the tickets ``user`` may see."""
    tickets = Ticket.objects.visible_to(user).values("pk")
    return Satisfaction.objects.filter(ticket__in=tickets)


def period(value: object) -> int:
    """One of the offered periods in days; the default for anything else."""
    try:
        days = int(str(value))
    except ValueError:
        return DEFAULT_PERIOD
    return days if days in PERIODS else DEFAULT_PERIOD


def since(days: int, now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(days=days)


_COUNTS = {"ratings": Count("id"), "good": Count("id", filter=Q(rating__in=GOOD))}


def _scores(
    ratings: QuerySet[Satisfaction], column: str, names: Callable[[list[int]], dict[int, str]]
) -> list[Score]:
    rows = list(ratings.order_by().values(column).annotate(**_COUNTS))
    named = names([row[column] for row in rows if row[column] is not None])
    scores = [
        Score(
            row[column],
            named.get(row[column], "") if row[column] else "",
            row["ratings"],
            row["good"],
        )
        for row in rows
    ]
    # Most rated first, then by name: who the score says most about leads.
    return sorted(scores, key=lambda s: (-s.ratings, s.key is None, s.name.casefold()))


def _user_names(ids: list[int]) -> dict[int, str]:
    names = cached.user_names()
    return {pk: names.get(pk, "") for pk in ids}


def _team_names(ids: list[int]) -> dict[int, str]:
    names = cached.team_names()
    return {pk: names.get(pk, "") for pk in ids}


def _category_names(ids: list[int]) -> dict[int, str]:
    return dict(Category.objects.filter(pk__in=ids).values_list("pk", "name"))


def summary(
    ratings: QuerySet[Satisfaction], days: int, now: datetime.datetime | None = None
) -> Report:
    """The scores of ``ratings`` given within the last ``days``."""
    start = since(days, now)
    recent = ratings.filter(rated_at__gte=start)
    overall = recent.order_by().aggregate(**_COUNTS)
    return Report(
        days=days,
        since=start,
        overall=Score(None, "", overall["ratings"] or 0, overall["good"] or 0),
        agents=_scores(recent, "agent_id", _user_names),
        teams=_scores(recent, "team_id", _team_names),
        categories=_scores(recent, "category_id", _category_names),
    )


def latest(ratings: QuerySet[Satisfaction], days: int) -> list[Satisfaction]:
    """The newest ratings of the period, with their comments."""
    recent = ratings.filter(rated_at__gte=since(days)).select_related(
        "ticket", "agent", "team", "category"
    )
    return list(recent.order_by("-rated_at", "-id")[:LATEST])
