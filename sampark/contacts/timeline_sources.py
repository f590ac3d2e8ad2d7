"""What other domains add to the contact and company timelines (sales: deals; later tickets and
campaigns), without contacts importing them.

A domain registers a ``TimelineSource`` in its ``AppConfig.ready``. Asked for a record, a viewer,
a position and a limit, the source answers at most ``limit`` ``TimelineEvent``s strictly after
that position, newest first, from one query over what the viewer may see (``visible_to``): the
timeline (``sampark.contacts.timeline``) merges them with the activities and pages the lot.

Every entry of the timeline has a ``Position`` — when it happened, the key of its source, its id
— and the timeline is ordered by it, newest first. The source's key breaks ties between entries
of the same instant, so a cursor made of one position resumes exactly where a page stopped,
whichever source the last entry came from.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.functional import Promise

from sampark.contacts.models import ActivityKind, Company, Contact
from sampark.core.models import User

Record = Contact | Company

# The key of the contacts app's own entries in positions and cursors.
ACTIVITY = "activity"


@dataclass(frozen=True, order=True)
class Position:
    """Where an entry stands on the timeline; greater is newer."""

    occurred_at: datetime.datetime
    source: str
    id: int


@dataclass(frozen=True)
class TimelineEvent:
    """One entry a source adds: plain values, rendered by the source's own template and
    returned as they are by the API."""

    kind: str  # the source's key: "deal"
    id: int  # unique within the source
    occurred_at: datetime.datetime
    event: str  # what happened, in the source's terms: "created", "won", "lost"
    label: str  # the badge: "Deal won"
    title: str
    summary: str  # one line
    url: str
    by: str  # who did it; empty when unknown
    template: str

    @property
    def position(self) -> Position:
        return Position(self.occurred_at, self.kind, self.id)


# (viewer, record, after=position or None, limit) -> at most limit events, newest first.
Events = Callable[[User, Record, Position | None, int], list[TimelineEvent]]


@dataclass(frozen=True)
class TimelineSource:
    kind: str  # its key, also the value of the timeline's kind filter
    label: str | Promise  # the kind filter's option: "Deals"
    events: Events


_SOURCES: dict[str, TimelineSource] = {}


def register(source: TimelineSource) -> None:
    if source.kind == ACTIVITY or source.kind in ActivityKind.values:
        raise ValueError(f"Timeline kind {source.kind!r} is the contacts app's own.")
    _SOURCES[source.kind] = source


def sources() -> list[TimelineSource]:
    """The sources other domains registered, in the order they did."""
    return list(_SOURCES.values())


def after(position: Position | None, source: str, *, at: str, pk: str = "id") -> Q:
    """The rows of ``source`` strictly older than ``position`` on the timeline, for a source's
    query: ``at`` and ``pk`` name its time and id columns."""
    if position is None:
        return Q()
    if source < position.source:
        return Q(**{f"{at}__lte": position.occurred_at})
    if source > position.source:
        return Q(**{f"{at}__lt": position.occurred_at})
    return Q(**{f"{at}__lt": position.occurred_at}) | Q(
        **{at: position.occurred_at, f"{pk}__lt": position.id}
    )
