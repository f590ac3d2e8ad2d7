"""Keeping a ticket's SLA: which policy applies, when each target is due, what it shows, and
what happens as a target nears or is missed.

Three targets, each from the ticket's policy for its priority, each counted in business time
(service/sla_clock.py) of its queue's hours, the clock standing still while the ticket waits on
the client:
- the first answer: from when the ticket was opened to the first public reply;
- each next answer: from the client's message that nobody has answered yet;
- the solution: from when it was opened to solved.

``refresh`` recomputes the due times from what happened (the actions call it after every change
that moves them) and stores them on the ticket with the soonest one still running,
``sla_due_at``, which lists sort and filter by and the worker watches (``check``). Due times are
bookkeeping, outside the audit trail and the version: the thread and the status say what
happened.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from sampark.collab.models import NotificationKind
from sampark.collab.notifications import notify_after_commit
from sampark.core.models import Team, User
from sampark.core.roles import Role, group_name
from sampark.service import sla_clock
from sampark.service.models import (
    UNSOLVED,
    BusinessHours,
    MessageKind,
    Priority,
    Queue,
    SlaPause,
    SlaPolicy,
    SlaTarget,
    Ticket,
    TicketStatus,
)

FIRST_RESPONSE, NEXT_RESPONSE, RESOLUTION = "first_response", "next_response", "resolution"
TARGETS = {
    FIRST_RESPONSE: _("First answer"),
    NEXT_RESPONSE: _("Next answer"),
    RESOLUTION: _("Solution"),
}
# Public holidays are known a few years ahead: enough for any due time.
_YEARS_AHEAD = 2


def week_of(value: Any) -> sla_clock.Week:
    """Stored working hours (``{"0": [["09:00", "17:00"]], …}``, 0 is Monday) as a ``Week``;
    ValueError saying what is wrong."""
    if not isinstance(value, Mapping):
        raise ValueError(_("Working hours are a mapping of weekdays to intervals."))
    days: dict[int, list[sla_clock.Interval]] = {}
    for day, intervals in value.items():
        if str(day) not in {str(n) for n in range(7)}:
            raise ValueError(_("Weekdays are 0 (Monday) to 6 (Sunday)."))
        days[int(day)] = [
            (datetime.time.fromisoformat(start), _end(end)) for start, end in intervals
        ]
    week = sla_clock.weekly_hours(days)
    sla_clock.BusinessCalendar("UTC", week)  # checks order and overlaps
    return week


def _end(text: str) -> datetime.time:
    # "24:00" is how people write the end of a day; ``time`` says it with midnight.
    return datetime.time(0) if text == "24:00" else datetime.time.fromisoformat(text)


def calendar_of(
    hours: BusinessHours | None, around: datetime.datetime
) -> sla_clock.BusinessCalendar:
    """The clock's calendar for ``hours`` (None: around the clock), with holidays from the
    year of ``around`` on."""
    if hours is None or hours.always_open:
        return sla_clock.BusinessCalendar(
            hours.time_zone if hours else "UTC", (), frozenset(), always_open=True
        )
    return _calendar(hours.pk, hours.time_zone, hours.country, around.year, _stamp(hours))


def _stamp(hours: BusinessHours) -> tuple[Any, ...]:
    days_off = tuple(hours.days_off.values_list("date", flat=True))
    return (tuple(sorted((str(k), tuple(map(tuple, v))) for k, v in hours.week.items())), days_off)


@functools.lru_cache(maxsize=64)
def _calendar(
    pk: int, zone: str, country: str, year: int, stamp: tuple[Any, ...]
) -> sla_clock.BusinessCalendar:
    # Building holidays costs milliseconds; the stamp makes an edited calendar a new key.
    week = week_of(dict(stamp[0]))
    days_off = frozenset(stamp[1])
    years = range(year, year + _YEARS_AHEAD + 1)
    if country:
        return sla_clock.BusinessCalendar.for_country(
            country, years=years, hours=week, extra_holidays=days_off, zone=zone
        )
    return sla_clock.BusinessCalendar(zone, week, days_off)


def hours_for(ticket: Ticket) -> BusinessHours | None:
    if ticket.team_id is not None:
        queue = Queue.objects.filter(team_id=ticket.team_id).select_related("business_hours")
        found = queue.first()
        if found is not None and found.business_hours is not None:
            return found.business_hours
    return BusinessHours.objects.filter(is_default=True).first()


def policy_for(ticket: Ticket) -> SlaPolicy | None:
    """The first active policy, by position, whose conditions the ticket meets."""
    client = ticket.requester
    tags = list(client.tags.values_list("pk", flat=True)) if client is not None else []
    applies = (
        (Q(company__isnull=True) | Q(company_id=ticket.company_id))
        & (Q(client_tag__isnull=True) | Q(client_tag_id__in=tags))
        & (Q(category__isnull=True) | Q(category_id=ticket.category_id))
    )
    return SlaPolicy.objects.filter(applies, is_active=True).order_by("position", "id").first()


def _pauses(ticket: Ticket) -> list[sla_clock.Pause]:
    return list(SlaPause.objects.filter(ticket=ticket).values_list("started_at", "ended_at"))


def _unanswered_since(ticket: Ticket) -> datetime.datetime | None:
    """When the client wrote the oldest message nobody has answered since; None when the last
    word is the desk's (or nobody answered at all: the first answer's target covers that)."""
    if ticket.first_response_at is None:
        return None
    last_reply = (
        ticket.messages.filter(kind=MessageKind.REPLY)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    waiting = ticket.messages.filter(kind=MessageKind.CLIENT)
    if last_reply is not None:
        waiting = waiting.filter(created_at__gt=last_reply)
    return waiting.order_by("created_at").values_list("created_at", flat=True).first()


def track_pause(ticket: Ticket, before: str, after: str, at: datetime.datetime) -> None:
    """Start the clock's pause when a ticket goes to pending; end it when it leaves."""
    if after == TicketStatus.PENDING and before != TicketStatus.PENDING:
        SlaPause.objects.create(ticket=ticket, started_at=at)
    elif before == TicketStatus.PENDING and after != TicketStatus.PENDING:
        SlaPause.objects.filter(ticket=ticket, ended_at__isnull=True).update(ended_at=at)


def refresh(ticket: Ticket) -> None:
    """Recompute and store the ticket's policy and due times."""
    policy = policy_for(ticket)
    target = (
        SlaTarget.objects.filter(policy=policy, priority=ticket.priority).first()
        if policy
        else None
    )
    due: dict[str, datetime.datetime | None] = dict.fromkeys(TARGETS)
    if target is not None:
        calendar = calendar_of(hours_for(ticket), ticket.created_at)
        pauses = _pauses(ticket)
        starts = {
            FIRST_RESPONSE: ticket.created_at,
            NEXT_RESPONSE: _unanswered_since(ticket),
            RESOLUTION: ticket.created_at,
        }
        for kind, start in starts.items():
            length = target.minutes(kind)
            if start is not None and length is not None:
                due[kind] = sla_clock.due_with_pauses(start, length, calendar, pauses)
    running = [
        when
        for kind, when in due.items()
        if when is not None
        and ticket.status in UNSOLVED
        and not (kind == FIRST_RESPONSE and ticket.first_response_at)
    ]
    values = {
        "sla_policy_id": policy.pk if policy else None,
        "first_response_due": due[FIRST_RESPONSE],
        "next_response_due": due[NEXT_RESPONSE],
        "resolution_due": due[RESOLUTION],
        "sla_due_at": min(running, default=None),
    }
    if all(getattr(ticket, name) == value for name, value in values.items()):
        return  # a new ticket without a policy, or nothing moved (ids compared, not loaded)
    Ticket.objects.filter(pk=ticket.pk).update(**values)
    for name, value in values.items():
        setattr(ticket, name, value)


def refresh_unsolved() -> None:
    """Recount every unsolved ticket's due times (their hours or policies changed), by the
    worker once the change commits: there may be many."""
    from sampark.service.tasks import refresh_slas

    transaction.on_commit(lambda: refresh_slas.enqueue())


def refresh_all_unsolved() -> int:
    count = 0
    unsolved = Ticket.objects.filter(status__in=UNSOLVED).select_related("requester")
    for ticket in unsolved.iterator(chunk_size=500):
        refresh(ticket)
        count += 1
    return count


@dataclass(frozen=True)
class TargetState:
    kind: str
    label: Any
    due: datetime.datetime | None
    done_at: datetime.datetime | None  # when it was met (or missed, late)
    paused: bool

    @property
    def breached(self) -> bool:
        if self.due is None:
            return False
        return (self.done_at or timezone.now()) > self.due

    @property
    def left(self) -> datetime.timedelta | None:
        if self.due is None or self.done_at is not None:
            return None
        return self.due - timezone.now()


def states(ticket: Ticket) -> list[TargetState]:
    """Each target the ticket's policy sets for its priority, as the ticket page shows it."""
    target = SlaTarget.objects.filter(
        policy_id=ticket.sla_policy_id, priority=ticket.priority
    ).first()
    if target is None:
        return []
    paused = ticket.status == TicketStatus.PENDING
    solved = ticket.solved_at if ticket.status not in UNSOLVED else None
    found = []
    for kind, label in TARGETS.items():
        if target.minutes(kind) is None:
            continue
        due = getattr(ticket, f"{kind}_due")
        done = {FIRST_RESPONSE: ticket.first_response_at, RESOLUTION: solved}.get(kind)
        waiting = paused and done is None and (due is None or kind != FIRST_RESPONSE)
        if kind == NEXT_RESPONSE and due is None and not waiting:
            continue  # nothing of the client's waits for an answer
        found.append(TargetState(kind, label, due, done, waiting))
    return found


# --------------------------------------------------------------------------------------------
# The worker: warnings before a target is missed, escalation when it is.


def check(now: datetime.datetime | None = None) -> tuple[int, int]:
    """Warn about targets soon due and escalate missed ones, once each; (warned, escalated)."""
    now = now or timezone.now()
    warned = escalated = 0
    watched = Ticket.objects.filter(status__in=UNSOLVED, sla_due_at__isnull=False)
    missed = watched.filter(sla_due_at__lte=now).exclude(sla_escalated_for=F("sla_due_at"))
    for ticket in missed.select_related("sla_policy", "assignee", "owner", "team"):
        escalate(ticket)
        escalated += 1
    soon = watched.filter(sla_due_at__gt=now).exclude(sla_warned_for=F("sla_due_at"))
    for ticket in soon.select_related("sla_policy", "assignee", "owner"):
        policy = ticket.sla_policy
        if policy is None or ticket.sla_due_at is None:
            continue
        if ticket.sla_due_at - now > datetime.timedelta(minutes=policy.warn_minutes):
            continue
        _warn(ticket)
        warned += 1
    return warned, escalated


def _warn(ticket: Ticket) -> None:
    with transaction.atomic():
        Ticket.objects.filter(pk=ticket.pk).update(sla_warned_for=ticket.sla_due_at)
        for person in _people_on(ticket):
            notify_after_commit(
                person,
                kind=NotificationKind.REMINDER,
                message=format_lazy(
                    _("{number} is due soon: {subject}"),
                    number=ticket.number,
                    subject=ticket.subject,
                ),
                url=ticket.get_absolute_url(),
            )


def escalate(ticket: Ticket) -> None:
    """A target was missed: the assignee and the queue's managers are told, and the policy's
    steps taken (raise the priority, hand the ticket on). Written by the system."""
    from sampark.core import audit
    from sampark.core.models import Channel
    from sampark.service import actions

    policy = ticket.sla_policy
    with audit.via(Channel.SYSTEM), transaction.atomic():
        Ticket.objects.filter(pk=ticket.pk).update(sla_escalated_for=ticket.sla_due_at)
        system = policy.escalate_to if policy and policy.escalate_to else None
        if policy is not None and policy.raise_priority and ticket.priority < Priority.URGENT:
            actions.escalate_priority(ticket, by=system or ticket.owner)
        if system is not None and ticket.assignee_id != system.pk:
            actions.hand_to(ticket, system, by=system)
            actions.written(ticket)
        for person in {*_people_on(ticket), *_managers_of(ticket.team)}:
            notify_after_commit(
                person,
                kind=NotificationKind.REMINDER,
                message=format_lazy(
                    _("{number} missed its SLA: {subject}"),
                    number=ticket.number,
                    subject=ticket.subject,
                ),
                url=ticket.get_absolute_url(),
            )


def _people_on(ticket: Ticket) -> list[User]:
    return [ticket.assignee] if ticket.assignee is not None else [ticket.owner]


def _managers_of(team: Team | None) -> Iterable[User]:
    if team is None:
        return []
    return team.members.filter(is_active=True, groups__name=group_name(Role.MANAGER))
