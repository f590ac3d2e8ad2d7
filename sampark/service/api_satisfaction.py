"""Client satisfaction over the REST API:

- ``GET /satisfaction`` — the ratings of the tickets you may see, newest first (filters
  ``days``, ``agent``, ``team``, ``category``; keyset pages);
- ``GET /satisfaction/summary`` — the CSAT score (the share of happy and very happy ratings)
  and the number of ratings, overall and per agent, queue and category, over ``days``.

The same permission layer as the report page: a ticket's rating is visible to whoever may see
the ticket (service/satisfaction_report.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from sampark.core.api.auth import current_user
from sampark.core.api.errors import documented
from sampark.core.api.pagination import KeysetPagination
from sampark.service import satisfaction_report as report
from sampark.service.models import Rating, Satisfaction

router = Router(tags=["satisfaction"])

RATINGS = ", ".join(f"{value} ({label})" for value, label in Rating.choices)
MAX_DAYS = 3650
DAYS = Query(report.DEFAULT_PERIOD, ge=1, le=MAX_DAYS, description="The last n days.")


class RatingOut(Schema):
    ticket: int
    rating: int = Field(description=f"One of {RATINGS}.")
    comment: str
    agent: int | None = Field(description="Who was on the ticket when it was rated.")
    team: int | None = Field(description="Its queue when it was rated.")
    category: int | None
    rated_at: datetime

    @staticmethod
    def resolve_ticket(satisfaction: Satisfaction) -> int:
        return satisfaction.ticket_id

    @staticmethod
    def resolve_agent(satisfaction: Satisfaction) -> int | None:
        return satisfaction.agent_id

    @staticmethod
    def resolve_team(satisfaction: Satisfaction) -> int | None:
        return satisfaction.team_id

    @staticmethod
    def resolve_category(satisfaction: Satisfaction) -> int | None:
        return satisfaction.category_id


class ScoreOut(Schema):
    id: int | None = Field(description="The agent, queue or category; null: none.")
    name: str
    ratings: int
    good: int = Field(description="Ratings of 4 (happy) or 5 (very happy).")
    csat: float | None = Field(description="good / ratings in percent; null without ratings.")


class SummaryOut(Schema):
    days: int
    since: datetime
    overall: ScoreOut
    agents: list[ScoreOut]
    teams: list[ScoreOut]
    categories: list[ScoreOut]


def _score(score: report.Score) -> dict[str, Any]:
    return {
        "id": score.key,
        "name": score.name,
        "ratings": score.ratings,
        "good": score.good,
        "csat": score.csat,
    }


@router.get("/satisfaction", response={200: list[RatingOut], **documented(401, 422)})
@paginate(KeysetPagination)
def list_ratings(
    request: HttpRequest,
    days: int = DAYS,
    agent: int | None = None,
    team: int | None = None,
    category: int | None = None,
) -> Any:
    """The ratings of the tickets you may see, newest first; ``agent``, ``team`` (queue) and
    ``category``: ids, as the ratings keep them."""
    ratings = report.visible_ratings(current_user(request)).filter(rated_at__gte=report.since(days))
    for name, value in (("agent", agent), ("team", team), ("category", category)):
        if value is not None:
            ratings = ratings.filter(**{f"{name}_id": value})
    return ratings.order_by("-rated_at", "-id")


@router.get("/satisfaction/summary", response={200: SummaryOut, **documented(401, 422)})
def ratings_summary(request: HttpRequest, days: int = DAYS) -> dict[str, Any]:
    """CSAT and the number of ratings, overall and per agent, queue and category."""
    summary = report.summary(report.visible_ratings(current_user(request)), days)
    return {
        "days": summary.days,
        "since": summary.since,
        "overall": _score(summary.overall),
        "agents": [_score(s) for s in summary.agents],
        "teams": [_score(s) for s in summary.teams],
        "categories": [_score(s) for s in summary.categories],
    }
