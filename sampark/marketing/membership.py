"""Who is in a segment, in SQL: a dynamic segment's rules compiled by the rule engine, a fixed
list's members by a subquery; always read through the viewer's permission layer.

Segments may name other segments ("in Dormant but not in VIP"). ``SEGMENT`` is that condition,
registered with the rule engine, so the contact list, exports, campaigns and automation filter by
a segment through the same engine. A segment that (through others) names itself keeps no one
on that path rather than recursing for ever; saving such a loop is refused (``loop_through``).
"""

from __future__ import annotations

import contextvars
import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sampark.contacts.conditions import ConditionField, Kind, Op, Rule, to_q
from sampark.contacts.conditions.builders import has
from sampark.contacts.conditions.fields import Condition
from sampark.contacts.models import Contact, ContactQuerySet
from sampark.core import cached
from sampark.core.models import User
from sampark.marketing.models import Segment, SegmentMember
from sampark.marketing.starters import shown_name

_compiling: contextvars.ContextVar[frozenset[int]] = contextvars.ContextVar(
    "segments_compiling", default=frozenset()
)


def members_q(segment: Segment, *, now: datetime.datetime | None = None) -> Q:
    """The contacts in ``segment``, as one condition over ``Contact``."""
    if segment.is_static:
        return has(SegmentMember.objects.filter(segment_id=segment.pk), "contact_id")
    outer = _compiling.get()
    if segment.pk in outer:
        return Q(pk__in=[])
    token = _compiling.set(outer | {segment.pk})
    try:
        return to_q(segment.rules, now=now)
    finally:
        _compiling.reset(token)


def members(
    segment: Segment, user: User, *, now: datetime.datetime | None = None
) -> ContactQuerySet:
    """The contacts in ``segment`` that ``user`` may see (as of ``now``: the present)."""
    return Contact.objects.visible_to(user).filter(members_q(segment, now=now))


def count_matching(rule: Rule, user: User) -> int:
    """How many contacts ``user`` may see pass ``rule`` (checked): the live count of the rule
    builder."""
    return Contact.objects.visible_to(user).filter(to_q(rule)).count()


def segments_named(rule: Rule) -> set[int]:
    """The ids of the segments ``rule`` names, at any depth."""
    named: set[int] = set()
    for item in rule.get("conditions", []):
        if "match" in item:
            named |= segments_named(item)
        elif item.get("field") == "segment":
            named |= {int(pk) for pk in item.get("value", [])}
    return named


def loop_through(segment_pk: int | None, rule: Rule) -> bool:
    """Whether saving ``rule`` on the segment ``segment_pk`` would make it include itself,
    directly or through the segments it names."""
    if segment_pk is None:
        return False
    seen: set[int] = set()
    waiting = segments_named(rule)
    while waiting:
        pk = waiting.pop()
        if pk == segment_pk:
            return True
        if pk in seen:
            continue
        seen.add(pk)
        named = Segment.objects.filter(pk=pk).values_list("rules", flat=True).first()
        waiting |= segments_named(named or {})
    return False


# Every segment's id, name and starter key, cached: the contact list offers them on each view.
CACHE = "segments"


def _choices() -> list[tuple[str, str]]:
    def build() -> list[tuple[int, str, str]]:
        return list(Segment.objects.values_list("pk", "name", "starter"))

    named = cached.lookup(CACHE, "choices", build)
    return [(str(pk), shown_name(starter, name)) for pk, name, starter in named]


def _in_segments(condition: Condition) -> Q:
    chosen = Segment.objects.filter(pk__in=[int(pk) for pk in condition.value])
    anywhere = Q(pk__in=[])
    for segment in chosen:
        anywhere |= members_q(segment, now=condition.now)
    return anywhere if condition.op is Op.IS else ~anywhere


SEGMENT = ConditionField(
    "segment",
    _("Segment"),
    _("Marketing"),
    Kind.CHOICE,
    _in_segments,
    choices=_choices,
    ops=(Op.IS, Op.IS_NOT),
    help_text=_("Whether the client is in another segment (any of those chosen)."),
)
