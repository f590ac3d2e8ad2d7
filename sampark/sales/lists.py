"""Which deals a user sees, and how the board and the deal list read them.

``filtered_deals`` is the one rule from a list's filters to its rows: the deal list, the board
and the API share it. The board reads a pipeline in a fixed number of queries however many
deals it holds: its stages, every column's count and total in one aggregate (GROUP BY stage),
and the first cards of every column in one windowed query; a column's further cards come by
keyset, a page at a time.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q, Sum, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sampark.contacts import search
from sampark.core import cached
from sampark.core.keyset import encode_cursor, keyset_page, ordering_keys
from sampark.core.models import User
from sampark.core.records import can
from sampark.core.roles import Action
from sampark.sales.models import Deal, DealContact, DealQuerySet, DealStatus, Pipeline, Stage

# A board column shows this many cards, then "Show more" loads as many again.
CARDS_PER_COLUMN = 30
# Cards within a column: the soonest to close first, undated ones last.
CARD_ORDER = ("expected_close", "id")

# The deal list's sorts: value -> (label, ordering). Amounts compare in the base currency.
DEAL_SORTS: dict[str, tuple[str | Promise, tuple[str, ...]]] = {
    "close": (_("Expected close, soonest first"), CARD_ORDER),
    "amount": (_("Amount, largest first"), ("-amount_base", "-id")),
    "updated": (_("Recently updated first"), ("-updated_at", "-id")),
}
DEFAULT_SORT = "close"

# Whose deals: the user's own, their teams' (their own included), or all they may see.
MINE, TEAM = "mine", "team"
OWNER_SCOPES = ((MINE, _("My deals")), (TEAM, _("My team's deals")), ("", _("Everyone's deals")))
# "Any status" in the filters; an empty status means the default, open deals.
ANY_STATUS = "any"


@dataclass(frozen=True)
class DealFilters:
    """The filters of the board, the deal list and the API, already checked."""

    q: str = ""
    pipeline: int | None = None
    stage: int | None = None
    status: str = DealStatus.OPEN  # or ANY_STATUS
    owner: str = ""  # MINE, TEAM, or everyone visible
    close_from: datetime.date | None = None
    close_to: datetime.date | None = None
    contact: int | None = None  # deals naming this contact (main or other person)
    company: int | None = None
    sort: str = DEFAULT_SORT

    @property
    def narrowed(self) -> bool:
        """Whether anything beyond the default (open deals of everyone visible) is filtered."""
        return bool(
            self.q
            or self.stage
            or self.owner
            or self.close_from
            or self.close_to
            or self.contact
            or self.company
            or self.status != DealStatus.OPEN
        )


def filtered_deals(user: User, filters: DealFilters) -> DealQuerySet:
    """The deals ``user`` may see that pass ``filters``, in the filters' sort."""
    deals = search.narrow(Deal.objects.visible_to(user), filters.q)
    if filters.pipeline:
        deals = deals.filter(pipeline_id=filters.pipeline)
    if filters.stage:
        deals = deals.filter(stage_id=filters.stage)
    if filters.status != ANY_STATUS:
        deals = deals.filter(status=filters.status or DealStatus.OPEN)
    if filters.owner == MINE:
        deals = deals.filter(owner=user)
    elif filters.owner == TEAM:
        deals = deals.filter(Q(owner=user) | Q(team_id__in=user.team_ids()))
    if filters.close_from:
        deals = deals.filter(expected_close__gte=filters.close_from)
    if filters.close_to:
        deals = deals.filter(expected_close__lte=filters.close_to)
    if filters.contact:
        involved = DealContact.objects.filter(contact_id=filters.contact).values("deal_id")
        deals = deals.filter(Q(contact_id=filters.contact) | Q(pk__in=involved))
    if filters.company:
        deals = deals.filter(company_id=filters.company)
    _label, ordering = DEAL_SORTS.get(filters.sort, DEAL_SORTS[DEFAULT_SORT])
    return deals.order_by(*ordering)


def for_cards(deals: DealQuerySet, *, with_stage: bool = False) -> DealQuerySet:
    """Only what a card or a list row shows, with its contact's and company's names joined
    (and, ``with_stage``, its pipeline's and stage's)."""
    joined = ("pipeline", "stage") if with_stage else ()
    names = ("pipeline__name", "stage__name") if with_stage else ()
    return deals.select_related("contact", "company", *joined).only(
        *names,
        "name",
        "pipeline_id",
        "stage_id",
        "status",
        "amount",
        "currency",
        "amount_base",
        "expected_close",
        "stage_entered_at",
        "closed_at",
        "owner_id",
        "team_id",
        "version",
        "updated_at",
        "contact__display_name",
        "company__name",
    )


@dataclass(frozen=True)
class Totals:
    count: int
    amount: Decimal  # in the base currency, of the deals that have a rate
    unrated: int  # deals whose currency has no rate: left out of ``amount``


def totals(deals: DealQuerySet) -> Totals:
    """How many deals and their amount in the base currency, in one aggregate query."""
    found = deals.order_by().aggregate(
        count=Count("id"),
        amount=Sum("amount_base"),
        unrated=Count("id", filter=Q(amount_base__isnull=True)),
    )
    return Totals(found["count"], found["amount"] or Decimal(0), found["unrated"])


def totals_by_stage(deals: DealQuerySet) -> dict[int, Totals]:
    """``totals`` of each stage, in one query grouped by stage."""
    rows = (
        deals.order_by()
        .values("stage_id")
        .annotate(
            count=Count("id"),
            amount=Sum("amount_base"),
            unrated=Count("id", filter=Q(amount_base__isnull=True)),
        )
    )
    return {
        row["stage_id"]: Totals(row["count"], row["amount"] or Decimal(0), row["unrated"])
        for row in rows
    }


EMPTY = Totals(0, Decimal(0), 0)


@dataclass
class Column:
    stage: Stage
    totals: Totals
    cards: list[Deal] = field(default_factory=list)
    next_cursor: str | None = None


def board_deals(user: User, pipeline: Pipeline, filters: DealFilters) -> DealQuerySet:
    """The open deals of ``pipeline`` the board shows ``user`` with its filters."""
    board_filters = DealFilters(q=filters.q, owner=filters.owner, pipeline=pipeline.pk)
    return filtered_deals(user, board_filters).order_by(*CARD_ORDER)


def board_stages(pipeline: Pipeline) -> list[Stage]:
    return list(pipeline.stages.order_by("position", "id"))


def board_columns(
    user: User, pipeline: Pipeline, filters: DealFilters, stages: Sequence[Stage]
) -> list[Column]:
    """Every stage's column: its totals and first cards, in two queries for the whole board."""
    deals = board_deals(user, pipeline, filters)
    by_stage = totals_by_stage(deals)
    columns = {stage.pk: Column(stage, by_stage.get(stage.pk, EMPTY)) for stage in stages}
    place = Window(
        RowNumber(),
        partition_by=[F("stage_id")],
        order_by=[F("expected_close").asc(nulls_last=True), F("id").asc()],
    )
    # One more card than shown tells whether the column has more.
    ranked = for_cards(deals).annotate(place=place).filter(place__lte=CARDS_PER_COLUMN + 1)
    for deal in ranked:
        if deal.stage_id in columns:
            columns[deal.stage_id].cards.append(deal)
    keys = ordering_keys(deals)
    for column in columns.values():
        if len(column.cards) > CARDS_PER_COLUMN:
            del column.cards[CARDS_PER_COLUMN:]
            column.next_cursor = encode_cursor(keys, column.cards[-1])
    return [columns[stage.pk] for stage in stages]


def column_page(
    user: User, pipeline: Pipeline, stage: Stage, filters: DealFilters, cursor: str | None
) -> Column:
    """The cards of one column after ``cursor`` ("Show more"); raises ``InvalidCursor``."""
    deals = for_cards(board_deals(user, pipeline, filters).filter(stage=stage))
    page = keyset_page(deals, cursor=cursor, limit=CARDS_PER_COLUMN)
    return Column(stage, EMPTY, page.items, page.next_cursor)


def column_totals(user: User, pipeline: Pipeline, filters: DealFilters) -> dict[int, Totals]:
    """Every column's count and total (after a move), in one query."""
    return totals_by_stage(board_deals(user, pipeline, filters))


def decorate(
    user: User, deals: Iterable[Deal], stages: Iterable[Stage], now: datetime.datetime | None = None
) -> None:
    """Give each deal what its card shows beyond its own fields, without a query: its owner's
    name, whether the user may move it, and whether it is rotting (in its stage longer than the
    stage allows)."""
    names = cached.user_names()
    limits = {stage.pk: stage.rotting_days for stage in stages}
    now = now or timezone.now()
    for deal in deals:
        deal.owner_name = names.get(deal.owner_id, "")  # type: ignore[attr-defined]
        deal.can_move = can(user, Action.CHANGE, deal)  # type: ignore[attr-defined]
        days = limits.get(deal.stage_id)
        deal.rotting = (  # type: ignore[attr-defined]
            deal.status == DealStatus.OPEN
            and days is not None
            and now - deal.stage_entered_at > datetime.timedelta(days=days)
        )
        deal.days_in_stage = (now - deal.stage_entered_at).days  # type: ignore[attr-defined]
