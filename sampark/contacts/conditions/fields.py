"""What a segment rule may look at, and which comparisons each kind of value allows.

A ``ConditionField`` is one thing a rule can test about a contact: a column ("Country"), a custom
field, the tags, or what the contact did ("Trades", "CSAT rating"). Each field turns a checked
condition into a ``Q`` over ``Contact``. Conditions on related records are written as
``pk IN (subquery)``, never as joins, so no condition can repeat a contact and every count stays
a plain ``COUNT(*)``.

Contacts registers its own fields; higher domains (service, leads, mail, marketing) register
theirs in their ``AppConfig.ready``, so the rule engine can test tickets or campaigns without
the contacts app importing them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Kind(StrEnum):
    TEXT = "text"
    CHOICE = "choice"  # one of known codes
    NUMBER = "number"
    DATE = "date"
    BOOLEAN = "boolean"
    TAGS = "tags"  # several labels on the contact
    COUNT = "count"  # how many related records, optionally within the last N days
    TOTAL = "total"  # the sum of related amounts in one currency, optionally within N days


class Op(StrEnum):
    IS = "is"
    IS_NOT = "is_not"
    CONTAINS = "contains"
    NOT_CONTAINS = "not_contains"
    STARTS_WITH = "starts_with"
    IS_SET = "is_set"
    IS_EMPTY = "is_empty"
    EQUALS = "equals"
    ABOVE = "above"
    BELOW = "below"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    BETWEEN = "between"
    AFTER = "after"
    BEFORE = "before"
    WITHIN_LAST = "within_last"
    MORE_THAN_AGO = "more_than_ago"
    IS_TRUE = "is_true"
    IS_FALSE = "is_false"
    HAS_ANY = "has_any"
    HAS_ALL = "has_all"
    HAS_NONE = "has_none"
    EXACTLY = "exactly"
    NONE = "none"


OP_LABELS: dict[Op, Promise] = {
    Op.IS: _("is"),
    Op.IS_NOT: _("is not"),
    Op.CONTAINS: _("contains"),
    Op.NOT_CONTAINS: _("does not contain"),
    Op.STARTS_WITH: _("starts with"),
    Op.IS_SET: _("is given"),
    Op.IS_EMPTY: _("is empty"),
    Op.EQUALS: _("equals"),
    Op.ABOVE: _("is above"),
    Op.BELOW: _("is below"),
    Op.AT_LEAST: _("at least"),
    Op.AT_MOST: _("at most"),
    Op.BETWEEN: _("between"),
    Op.AFTER: _("after"),
    Op.BEFORE: _("before"),
    Op.WITHIN_LAST: _("in the last … days"),
    Op.MORE_THAN_AGO: _("more than … days ago"),
    Op.IS_TRUE: _("yes"),
    Op.IS_FALSE: _("no"),
    Op.HAS_ANY: _("has any of"),
    Op.HAS_ALL: _("has all of"),
    Op.HAS_NONE: _("has none of"),
    Op.EXACTLY: _("exactly"),
    Op.NONE: _("none"),
}

# The comparisons each kind allows, in the order a rule builder offers them.
OPERATORS: dict[Kind, tuple[Op, ...]] = {
    Kind.TEXT: (Op.IS, Op.IS_NOT, Op.CONTAINS, Op.NOT_CONTAINS, Op.STARTS_WITH, Op.IS_SET,
                Op.IS_EMPTY),
    Kind.CHOICE: (Op.IS, Op.IS_NOT, Op.IS_SET, Op.IS_EMPTY),
    Kind.NUMBER: (Op.ABOVE, Op.AT_LEAST, Op.BELOW, Op.AT_MOST, Op.EQUALS, Op.BETWEEN, Op.IS_SET,
                  Op.IS_EMPTY),
    Kind.DATE: (Op.WITHIN_LAST, Op.MORE_THAN_AGO, Op.AFTER, Op.BEFORE, Op.IS_SET, Op.IS_EMPTY),
    Kind.BOOLEAN: (Op.IS_TRUE, Op.IS_FALSE),
    Kind.TAGS: (Op.HAS_ANY, Op.HAS_ALL, Op.HAS_NONE),
    Kind.COUNT: (Op.AT_LEAST, Op.AT_MOST, Op.EXACTLY, Op.NONE),
    Kind.TOTAL: (Op.AT_LEAST, Op.AT_MOST),
}  # fmt: skip

# Comparisons that take no value.
NO_VALUE = frozenset({Op.IS_SET, Op.IS_EMPTY, Op.IS_TRUE, Op.IS_FALSE, Op.NONE})
# Comparisons whose value is a number of days back from now.
IN_DAYS = frozenset({Op.WITHIN_LAST, Op.MORE_THAN_AGO})
# Kinds that may be limited to the last N days ("10 trades in the last 30 days").
WINDOWED = frozenset({Kind.COUNT, Kind.TOTAL})

MAX_DAYS = 36_500  # a century: anything longer is a typing slip


@dataclass(frozen=True)
class Condition:
    """One checked condition: values are already of the kind's Python type (see ``tree``)."""

    field: str
    op: Op
    value: Any = None  # str, list[str], Decimal, int, datetime.date, (low, high)
    days: int | None = None  # COUNT and TOTAL: only the last N days count
    currency: str = ""  # TOTAL: which currency's amounts are added up
    now: datetime.datetime | None = None  # when "the last N days" ends (set when compiled)

    def since(self) -> datetime.datetime | None:
        if self.days is None:
            return None
        assert self.now is not None
        return self.now - datetime.timedelta(days=self.days)


Build = Callable[[Condition], Q]


@dataclass(frozen=True)
class ConditionField:
    key: str  # "country", "trades", "custom.risk_profile"
    label: str | Promise
    group: str | Promise  # where a rule builder lists it: "Contact", "Trading", "Service"
    kind: Kind
    build: Build
    # CHOICE: (code, label) pairs; TAGS: the labels on offer (None: any text).
    choices: Callable[[], list[tuple[str, str]]] | None = None
    help_text: str | Promise = ""
    ops: tuple[Op, ...] = field(default=())  # a narrower set than the kind's, when given
    # Whether "in the last N days" applies (related records with a time); counts and totals
    # always take it.
    windowed: bool = False

    @property
    def operators(self) -> tuple[Op, ...]:
        return self.ops or OPERATORS[self.kind]

    @property
    def takes_days(self) -> bool:
        return self.windowed or self.kind in WINDOWED


_FIELDS: dict[str, ConditionField] = {}
# Fields that depend on the workspace's definitions (custom fields), asked each time.
_PROVIDERS: list[Callable[[], Iterable[ConditionField]]] = []


def register(*fields: ConditionField) -> None:
    for condition_field in fields:
        _FIELDS[condition_field.key] = condition_field


def register_provider(provider: Callable[[], Iterable[ConditionField]]) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def available() -> dict[str, ConditionField]:
    """Every field a rule may test now, by key, in registration order."""
    fields = dict(_FIELDS)
    for provider in _PROVIDERS:
        fields.update((f.key, f) for f in provider())
    return fields


def as_decimal(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))
