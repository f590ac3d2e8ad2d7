"""A contact's or company's timeline, one page at a time, for the pages and the API alike: its
activities and the events other domains add (``timeline_sources``), newest first.

A page costs one query per source (the activities being one), whatever its size: each source
reads at most a page and one more entry after the cursor; merged in Python and cut to the page,
the entry left over says whether there is an older page. The cursor is the last entry's
position (time, source, id), so it resumes exactly where the page stopped whichever source that
entry came from.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
from dataclasses import dataclass
from itertools import chain

from django.utils.functional import Promise

from sampark.contacts.models import Activity, ActivityKind, ActivityQuerySet, Company, Contact
from sampark.contacts.timeline_sources import (
    ACTIVITY,
    Position,
    Record,
    TimelineEvent,
    after,
    sources,
)
from sampark.core.keyset import InvalidCursor
from sampark.core.models import User

Item = Activity | TimelineEvent


@dataclass(frozen=True)
class TimelinePage:
    items: list[Item]
    next_cursor: str | None


def kinds() -> list[tuple[str, str | Promise]]:
    """What the timeline can be narrowed to: each kind of activity, then each source."""
    return [*ActivityKind.choices, *((source.kind, source.label) for source in sources())]


def is_kind(kind: str) -> bool:
    return any(kind == value for value, _label in kinds())


def record_activities(user: User, record: Record) -> ActivityQuerySet:
    """The activities of the record's timeline that ``user`` may see."""
    activities = Activity.objects.visible_to(user)
    if isinstance(record, Contact):
        return activities.on_contact(record)
    assert isinstance(record, Company)
    return activities.on_company(record)


def read_page(
    user: User,
    record: Record,
    activities: ActivityQuerySet,
    *,
    kind: str = "",
    cursor: str | None = None,
    limit: int,
) -> TimelinePage:
    """The page after ``cursor`` (raises ``InvalidCursor`` for one not made here).

    ``activities`` are ``record_activities`` with whatever the caller shows of them joined;
    ``kind`` is "" for everything, a kind of activity (no source then), or a source's key (no
    activities then).
    """
    position = decode_cursor(cursor) if cursor else None
    streams: list[list[Item]] = []
    if kind == "" or kind in ActivityKind.values:
        if kind:
            activities = activities.filter(kind=kind)
        newest = activities.filter(after(position, ACTIVITY, at="occurred_at"))
        streams.append(list(newest.order_by("-occurred_at", "-id")[: limit + 1]))
    for source in sources():
        if kind in ("", source.kind):
            streams.append(list(source.events(user, record, position, limit + 1)))
    merged = sorted(chain.from_iterable(streams), key=position_of, reverse=True)
    items = merged[:limit]
    more = len(merged) > limit
    return TimelinePage(items, encode_cursor(position_of(items[-1])) if more and items else None)


def position_of(item: Item) -> Position:
    if isinstance(item, Activity):
        return Position(item.occurred_at, ACTIVITY, item.pk)
    return item.position


def encode_cursor(position: Position) -> str:
    raw = json.dumps([position.occurred_at.isoformat(), position.source, position.id])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> Position:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        when, source, pk = json.loads(raw)
        occurred_at = datetime.datetime.fromisoformat(when)
    except (binascii.Error, TypeError, ValueError) as error:
        raise InvalidCursor("not a timeline cursor") from error
    if occurred_at.tzinfo is None or not isinstance(source, str) or type(pk) is not int:
        raise InvalidCursor("not a timeline cursor")
    return Position(occurred_at, source, pk)
