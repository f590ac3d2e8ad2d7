"""The ways a condition becomes SQL, shared by every field that registers: a contact's own
column, an expression (a custom field), and counts, sums and values of related records.

Related records are always tested as ``pk IN (SELECT contact_id … )``: a grouped subquery
(``GROUP BY contact_id HAVING COUNT(*) >= n``) reads the related table's rows once, through its
index on the time window, where a correlated count would run once per contact (a million times).
"At most n" is written as "not at least n + 1", so contacts with no related record at all are in.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Count, Q, QuerySet, Sum
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


def related_count(rows: Related, *, link: str = "contact_id", when: str = "occurred_at") -> Build:
    """How many of ``rows`` (a queryset of related records) point to the contact through
    ``link``, counting only those of the last ``days`` by ``when`` when the condition says."""

    def build(condition: Condition) -> Q:
        def at_least(n: int) -> Q:
            selected = _window(_linked(rows(), link), when, condition)
            if n <= 1:
                return Q(pk__in=selected.values(link))
            grouped = selected.values(link).annotate(n=Count("pk")).filter(n__gte=n)
            return Q(pk__in=grouped.values(link))

        op, n = condition.op, condition.value
        if op is Op.AT_LEAST:
            return at_least(n) if n > 0 else Q()
        if op is Op.NONE:
            return ~at_least(1)
        if op is Op.AT_MOST:
            return ~at_least(n + 1)
        return (at_least(n) if n > 0 else Q()) & ~at_least(n + 1)  # EXACTLY

    return build


def related_total(
    rows: Related, *, amount: str = "amount", link: str = "contact_id", when: str = "occurred_at"
) -> Build:
    """The sum of ``amount`` over ``rows`` in the condition's currency (the firm's base currency
    when it names none): amounts in different currencies are never added together."""

    def build(condition: Condition) -> Q:
        currency = condition.currency or settings.SAMPARK_BASE_CURRENCY
        selected = _window(_linked(rows(), link), when, condition).filter(currency=currency)
        grouped = selected.values(link).annotate(total=Sum(amount))
        wanted = as_decimal(condition.value)
        if condition.op is Op.AT_LEAST:
            if wanted <= 0:
                return Q()
            return Q(pk__in=grouped.filter(total__gte=wanted).values(link))
        # At most: everyone but those above it, including contacts with nothing at all.
        return ~Q(pk__in=grouped.filter(total__gt=wanted).values(link))

    return build


def related_value(
    rows: Related, target: str, kind: Kind, *, link: str = "contact_id", when: str = ""
) -> Build:
    """A value on related records: the contact has one whose ``target`` passes ("a CSAT rating
    of at most 2", "a trade in GP"), within the last ``days`` by ``when`` if given. The negative
    comparisons read as "has none that …", and "is empty" as "has none with a value"."""

    def build(condition: Condition) -> Q:
        selected = _linked(rows(), link)
        if when:
            selected = _window(selected, when, condition)
        op = condition.op
        negative = {Op.IS_NOT: Op.IS, Op.NOT_CONTAINS: Op.CONTAINS, Op.IS_EMPTY: Op.IS_SET}
        if op in negative:
            positive = Condition(**{**condition.__dict__, "op": negative[op]})
            return ~Q(pk__in=selected.filter(value_q(target, kind, positive)).values(link))
        return Q(pk__in=selected.filter(value_q(target, kind, condition)).values(link))

    return build


def _linked(rows: QuerySet[Any], link: str) -> QuerySet[Any]:
    # A NULL among the ids would make "NOT IN" keep no one at all (SQL's three-valued logic).
    return rows.filter(**{f"{link}__isnull": False})


def _window(rows: QuerySet[Any], when: str, condition: Condition) -> QuerySet[Any]:
    since = condition.since()
    return rows if since is None else rows.filter(**{f"{when}__gte": since})


def expression(make: Callable[[], models.Expression], kind: Kind) -> Build:
    """A condition on a computed value of the contact (a custom field's JSON value, compared
    through the expression its index is built on); JSON holds no blank strings, so only NULL is
    empty."""
    return lambda condition: value_q(make(), kind, condition, blank=None)
