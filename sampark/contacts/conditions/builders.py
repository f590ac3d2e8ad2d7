"""The ways a condition becomes SQL, shared by every field that registers: a contact's own
column, an expression (a custom field), and counts, sums and values of related records.

Related records are tested with a correlated ``EXISTS (SELECT … WHERE contact_id = contact.id
…)``, grouped with ``HAVING COUNT(*) >= n`` for counts: PostgreSQL runs it as a semi-join (or,
negated, an anti-join) and SQLite as one probe of the related table's index per contact, and no
condition repeats a contact. Only a pass grouping the whole table (totals, merged counts) is
``pk IN (…)``, read once. Never ``NOT IN (subquery)``: once its list outgrows ``work_mem``,
PostgreSQL checks every contact against the whole list (more than 30 s at a million clients,
where NOT EXISTS takes 0.4 s). "At most n" is "not at least n + 1", so contacts with no related
record at all are in.
"""

from __future__ import annotations

import datetime
import functools
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from sampark.contacts.conditions.fields import Build, Condition, Kind, Op, as_decimal

# Text comparisons ignore case; "is not" and "does not contain" keep contacts with no value.
_TEXT_LOOKUPS = {
    Op.IS: "iexact",
    Op.CONTAINS: "icontains",
    Op.STARTS_WITH: "istartswith",
}
_NUMBER_LOOKUPS = {
    Op.EQUALS: "exact",
    Op.ABOVE: "gt",
    Op.AT_LEAST: "gte",
    Op.BELOW: "lt",
    Op.AT_MOST: "lte",
}


# A column or lookup path ("country", "requester__country"), or an expression (a custom field).
Target = str | models.Expression


def on(target: Target, lookup: str, value: Any) -> Q:
    if isinstance(target, str):
        return Q(**{f"{target}__{lookup}": value})
    make = target.get_lookup(lookup)
    assert make is not None, lookup
    return Q(make(target, value))


def value_q(target: Target, kind: Kind, condition: Condition, *, blank: Any = "") -> Q:
    """``condition`` on the value of ``target``.

    ``blank``: what "no value" is stored as besides NULL ("" for text columns, None where only
    NULL is empty, as in JSON values).
    """
    op, value = condition.op, condition.value
    empty = on(target, "isnull", True)
    if blank is not None:
        empty |= on(target, "exact", blank)
    if op is Op.IS_SET:
        return ~empty
    if op is Op.IS_EMPTY:
        return empty
    if kind is Kind.TEXT:
        if op in (Op.IS_NOT, Op.NOT_CONTAINS):
            positive = Op.IS if op is Op.IS_NOT else Op.CONTAINS
            return ~on(target, _TEXT_LOOKUPS[positive], value) | empty
        return on(target, _TEXT_LOOKUPS[op], value)
    if kind is Kind.CHOICE:
        chosen = on(target, "in", value)
        return chosen if op is Op.IS else ~chosen | empty
    if kind is Kind.BOOLEAN:
        return on(target, "exact", op is Op.IS_TRUE)
    if kind is Kind.NUMBER:
        if op is Op.BETWEEN:
            low, high = value
            return on(target, "gte", low) & on(target, "lte", high)
        return on(target, _NUMBER_LOOKUPS[op], value)
    if kind is Kind.DATE:
        return _date_q(target, condition)
    raise ValueError(f"{kind} is not a value kind")


def _date_q(target: Target, condition: Condition) -> Q:
    op, value = condition.op, condition.value
    assert condition.now is not None
    if op is Op.WITHIN_LAST:
        return on(target, "gte", condition.now - datetime.timedelta(days=value))
    if op is Op.MORE_THAN_AGO:
        return on(target, "lt", condition.now - datetime.timedelta(days=value))
    # A calendar date is a day in the firm's time zone: "after 1 March" starts at midnight of
    # 2 March there. Bounds on the stored instant keep the column's index usable.
    if op is Op.AFTER:
        return on(target, "gte", _start_of(value + datetime.timedelta(days=1)))
    return on(target, "lt", _start_of(value))  # BEFORE


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def column(name: str, kind: Kind, *, blank: Any = "") -> Build:
    """A condition on the contact's own column ``name``."""
    return lambda condition: value_q(name, kind, condition, blank=blank)


Related = Callable[[], QuerySet[Any]]
Where = Q | Callable[[], Q]


@dataclass(frozen=True)
class RelatedCount:
    """How many rows of ``model`` that pass ``where`` point to the contact through ``link``,
    counting only those of the last ``days`` by ``when`` when the condition says.

    Several counts over the same table in one group ("a transaction this year, at most two
    trades in 90 days, no losing trade") are read in one grouped pass: see ``merged_counts``.
    """

    model: type[models.Model]
    where: Where = field(default_factory=Q)
    link: str = "contact_id"
    when: str = "occurred_at"

    @property
    def merge_key(self) -> tuple[type[models.Model], str]:
        return (self.model, self.link)

    def rows_q(self, condition: Condition) -> Q:
        """The related rows this condition counts."""
        where = self.where() if callable(self.where) else self.where
        return where & _since(self.when, condition)

    def __call__(self, condition: Condition) -> Q:
        def at_least(n: int) -> Q:
            selected = self.model._default_manager.filter(self.rows_q(condition))
            if n > 1:
                selected = selected.values(self.link).annotate(n=Count("pk")).filter(n__gte=n)
            return has(selected, self.link)

        low, high = bounds(condition)
        kept = at_least(low) if low else Q()
        return kept if high is None else kept & ~at_least(high + 1)


def bounds(condition: Condition) -> tuple[int, int | None]:
    """A count condition as (at least, at most): "none" is (0, 0), "at least 3" (3, None)."""
    n = condition.value
    if condition.op is Op.AT_LEAST:
        return n, None
    if condition.op is Op.AT_MOST:
        return 0, n
    if condition.op is Op.EXACTLY:
        return n, n
    return 0, 0  # NONE


def grouped(condition: Condition) -> bool:
    """Whether the count needs its rows counted, not just found: "at least 3", "at most 2"
    (where "at least 1" and "none" are an EXISTS and a NOT EXISTS)."""
    low, high = bounds(condition)
    return low > 1 or (high is not None and high > 0)


def mergeable(parts: list[tuple[RelatedCount, Condition]], *, every: bool) -> bool:
    """Whether ``merged_counts`` should read these together: when two or more need counting
    (existence tests are cheaper alone, as index probes); in an "any" group only when each
    needs at least one row (else a contact with no rows at all, who passes an "at most",
    would be missed)."""
    counting = sum(1 for _count, condition in parts if grouped(condition))
    return counting > 1 and (every or all(bounds(c)[0] > 0 for _count, c in parts))


def merged_counts(parts: list[tuple[RelatedCount, Condition]], *, every: bool) -> Q:
    """Several counts over one related table (same ``merge_key``), in one grouped pass:
    ``GROUP BY link HAVING COUNT(*) FILTER (WHERE …) >= …`` for each, where separately each
    would read the table again."""
    first = parts[0][0]
    filters = [count.rows_q(condition) for count, condition in parts]
    counted = {f"n{i}": Count("pk", filter=rows) for i, rows in enumerate(filters)}
    tests, needs_a_row = [], False
    for i, (_count, condition) in enumerate(parts):
        low, high = bounds(condition)
        test = Q(**{f"n{i}__gte": low}) if low else Q()
        if high is not None:
            test &= Q(**{f"n{i}__lte": high})
        needs_a_row = needs_a_row or low > 0
        tests.append(test)
    # The rows any of them counts (an empty Q, "every row", wins: Q() | q is just q).
    any_row = Q() if not all(filters) else functools.reduce(operator.or_, filters)
    grouped = first.model._default_manager.filter(any_row).values(first.link).annotate(**counted)
    combined = Q()
    for test in tests:
        combined = combined & test if every else combined | test
    if needs_a_row or not every:
        return Q(pk__in=grouped.filter(combined).values(first.link))
    # Only "at most"s: contacts with no such rows pass, so keep everyone but those who fail.
    return ~has(grouped.exclude(combined), first.link)


def related_total(
    rows: Related, *, amount: str = "amount", link: str = "contact_id", when: str = "occurred_at"
) -> Build:
    """The sum of ``amount`` over ``rows`` in the condition's currency (the firm's base currency
    when it names none): amounts in different currencies are never added together."""

    def build(condition: Condition) -> Q:
        currency = condition.currency or settings.SAMPARK_BASE_CURRENCY
        selected = rows().filter(_since(when, condition), currency=currency)
        grouped = selected.values(link).annotate(total=Sum(amount))
        wanted = as_decimal(condition.value)
        if condition.op is Op.AT_LEAST:
            if wanted <= 0:
                return Q()
            return Q(pk__in=grouped.filter(total__gte=wanted).values(link))
        # At most: everyone but those above it, including contacts with nothing at all.
        return ~has(grouped.filter(total__gt=wanted), link)

    return build


def related_value(
    rows: Related, target: str, kind: Kind, *, link: str = "contact_id", when: str = ""
) -> Build:
    """A value on related records: the contact has one whose ``target`` passes ("a CSAT rating
    of at most 2", "a trade in GP"), within the last ``days`` by ``when`` if given. The negative
    comparisons read as "has none that …", and "is empty" as "has none with a value"."""

    def build(condition: Condition) -> Q:
        selected = rows().filter(_since(when, condition)) if when else rows()
        op = condition.op
        negative = {Op.IS_NOT: Op.IS, Op.NOT_CONTAINS: Op.CONTAINS, Op.IS_EMPTY: Op.IS_SET}
        if op in negative:
            positive = Condition(**{**condition.__dict__, "op": negative[op]})
            return ~has(selected.filter(value_q(target, kind, positive)), link)
        return has(selected.filter(value_q(target, kind, condition)), link)

    return build


def has(rows: QuerySet[Any], link: str) -> Q:
    """Contacts with at least one of ``rows`` (whose ``link`` names the contact), as a
    correlated EXISTS; negate it for "none" (see the module's note on NOT IN)."""
    return Q(Exists(rows.filter(**{link: OuterRef("pk")})))


def _since(when: str, condition: Condition) -> Q:
    """The rows of the condition's window ("the last 30 days" by ``when``); all without one."""
    since = condition.since()
    return Q() if since is None else Q(**{f"{when}__gte": since})


def expression(make: Callable[[], models.Expression], kind: Kind) -> Build:
    """A condition on a computed value of the contact (a custom field's JSON value, compared
    through the expression its index is built on); JSON holds no blank strings, so only NULL is
    empty."""
    return lambda condition: value_q(make(), kind, condition, blank=None)
