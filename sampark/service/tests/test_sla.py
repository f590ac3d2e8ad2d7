"""A ticket's SLA kept by the desk: the policy that applies, due times in business time of its
queue's hours (weekends, public and own holidays, the clock paused while pending), warnings
before a target is missed and escalation when it is.

The hand-computed fixture: the Dhaka desk works Sunday to Thursday, 09:00 to 17:00 Dhaka time
(Friday and Saturday are the weekend); Wednesday 16 December 2026 is Victory Day, a public
holiday. A high-priority ticket must be answered within 2 business hours, each next answer
within 4, and solved within 16 (two working days).
"""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.utils import timezone
from freezegun import freeze_time

from sampark.collab.models import Notification
from sampark.contacts.actions import set_tags
from sampark.service import actions, sla
from sampark.service.models import (
    BusinessHours,
    Priority,
    Queue,
    SlaPolicy,
    SlaTarget,
    Ticket,
    TicketStatus,
)
from sampark.service.tests.factories import make_ticket

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _api_built_before_time_freezes() -> None:
    # The API's schemas are built when the URLconf loads; built under freezegun, they would
    # meet its fake datetime class, which pydantic cannot describe.
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - loading is the point


DHAKA = zoneinfo.ZoneInfo("Asia/Dhaka")
SUNDAY_TO_THURSDAY = {str(day): [["09:00", "17:00"]] for day in (6, 0, 1, 2, 3)}


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A time in December 2026, Dhaka time."""
    return datetime.datetime(2026, 12, day, hour, minute, tzinfo=DHAKA)


@pytest.fixture
def policy(teams):  # type: ignore[no-untyped-def]
    hours = BusinessHours.objects.create(
        name="Dhaka office", time_zone="Asia/Dhaka", country="BD", week=SUNDAY_TO_THURSDAY
    )
    Queue.objects.create(team=teams[0], business_hours=hours)
    policy = SlaPolicy.objects.create(name="Standard", position=1)
    SlaTarget.objects.create(
        policy=policy,
        priority=Priority.HIGH,
        first_response_minutes=120,
        next_response_minutes=240,
        resolution_minutes=16 * 60,
    )
    return policy


def test_due_times_count_business_hours_weekends_holidays_and_pauses(policy, people):  # type: ignore[no-untyped-def]
    manager = people["manager"]
    # Tuesday 15 December, 15:00.
    with freeze_time(at(15, 15)):
        ticket = make_ticket(manager, priority=Priority.HIGH)
    assert ticket.sla_policy == policy
    # First answer: two hours on Tuesday, 15:00 to 17:00.
    assert ticket.first_response_due == at(15, 17)
    # Solution, 16 hours: Tuesday 2 (15-17), Wednesday is Victory Day, Thursday 8 (10),
    # Friday and Saturday are the weekend, Sunday 20th 6 more (9-15).
    assert ticket.resolution_due == at(20, 15)
    assert ticket.sla_due_at == at(15, 17)

    # Answered at 16:00 on Tuesday, and left waiting on the client.
    with freeze_time(at(15, 16)):
        actions.assign(ticket, to=people["agent"], by=manager)
        ticket.refresh_from_db()
        actions.reply(ticket, by=people["agent"], body="Which card?", status=TicketStatus.PENDING)
    ticket.refresh_from_db()
    assert ticket.first_response_at == at(15, 16)
    assert ticket.resolution_due is None  # the clock stands still while pending
    assert ticket.sla_due_at is None

    # The client answers on Sunday at 10:00: the clock runs again.
    with freeze_time(at(20, 10)):
        actions.client_wrote(
            ticket, by=manager, body="The debit card.", contact=ticket.requester, channel="email"
        )
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.OPEN
    # Paused from Tuesday 16:00 to Sunday 10:00: one hour had run (15-16); 15 are left from
    # Sunday 10:00: Sunday 7 (10-17), Monday 8 → Monday 21st, 17:00.
    assert ticket.resolution_due == at(21, 17)
    # The client's message waits for an answer: 4 hours from Sunday 10:00.
    assert ticket.next_response_due == at(20, 14)
    assert ticket.sla_due_at == at(20, 14)

    with freeze_time(at(20, 11)):
        actions.reply(ticket, by=people["agent"], body="Unblocked.", status=TicketStatus.SOLVED)
    ticket.refresh_from_db()
    assert (ticket.next_response_due, ticket.sla_due_at) == (None, None)
    states = {state.kind: state for state in sla.states(ticket)}
    assert not states[sla.FIRST_RESPONSE].breached
    assert not states[sla.RESOLUTION].breached


def test_a_firm_s_own_day_off_is_closed_too(policy, people):  # type: ignore[no-untyped-def]
    policy_hours = Queue.objects.get().business_hours
    policy_hours.days_off.create(date=datetime.date(2026, 12, 17), name="Annual retreat")
    with freeze_time(at(15, 15)):
        ticket = make_ticket(people["manager"], priority=Priority.HIGH)
    # Tuesday 2 hours, Wednesday a holiday, Thursday the firm's day off, then Sunday 8 and
    # Monday 6: Monday 21st at 15:00.
    assert ticket.resolution_due == at(21, 15)


def test_the_first_policy_whose_conditions_hold_applies(policy, people, teams):  # type: ignore[no-untyped-def]
    vip = SlaPolicy.objects.create(name="VIP", position=0)
    vip_tag_ticket_client = make_ticket(people["manager"], priority=Priority.HIGH).requester
    set_tags(vip_tag_ticket_client, ["VIP"], by=people["manager"])
    vip.client_tag = vip_tag_ticket_client.tags.get()
    vip.save()
    SlaTarget.objects.create(policy=vip, priority=Priority.HIGH, first_response_minutes=30)

    with freeze_time(at(15, 10)):
        for_vip = make_ticket(people["manager"], requester=vip_tag_ticket_client, priority=3)
        other = make_ticket(people["manager"], priority=Priority.HIGH)
        low = make_ticket(people["manager"], priority=Priority.LOW)

    assert (for_vip.sla_policy, for_vip.first_response_due) == (vip, at(15, 10, 30))
    assert (other.sla_policy, other.first_response_due) == (policy, at(15, 12))
    # The policy applies, but sets no target for low priority.
    assert (low.sla_policy, low.sla_due_at) == (policy, None)
    # A change of priority moves the targets.
    with freeze_time(at(15, 10, 5)):
        actions.update_ticket(low, by=people["manager"], values={"priority": Priority.HIGH})
    low.refresh_from_db()
    assert low.first_response_due == at(15, 12)


def test_the_worker_warns_once_and_escalates_once(  # type: ignore[no-untyped-def]
    policy, people, django_capture_on_commit_callbacks
):
    policy.raise_priority = True
    policy.escalate_to = people["colleague"]
    policy.save()
    with freeze_time(at(15, 15)):
        ticket = make_ticket(people["manager"], priority=Priority.HIGH)
        actions.assign(ticket, to=people["agent"], by=people["manager"])
    Notification.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        assert sla.check(at(15, 16, 20)) == (0, 0)  # 40 minutes left: not yet
        assert sla.check(at(15, 16, 31)) == (1, 0)
        assert sla.check(at(15, 16, 45)) == (0, 0)  # warned already
    assert [n.recipient for n in Notification.objects.all()] == [people["agent"]]

    with django_capture_on_commit_callbacks(execute=True):
        assert sla.check(at(15, 17, 1)) == (0, 1)
        assert sla.check(at(15, 17, 30)) == (0, 0)  # escalated already
    ticket.refresh_from_db()
    assert ticket.priority == Priority.URGENT
    assert ticket.assignee == people["colleague"]
    told = {n.recipient for n in Notification.objects.filter(message__contains="missed")}
    assert told == {people["colleague"], people["manager"]}


def test_lists_show_filter_and_sort_by_what_is_due(client, policy, people):  # type: ignore[no-untyped-def]
    with freeze_time(at(15, 9)):
        late = make_ticket(people["manager"], priority=Priority.HIGH, subject="Late one")
    with freeze_time(at(15, 15)):
        soon = make_ticket(people["manager"], priority=Priority.HIGH, subject="Soon one")
        make_ticket(people["manager"], priority=Priority.LOW, subject="No target")

    with freeze_time(at(15, 16, 45)):
        client.force_login(people["manager"])
        breached = client.get("/service/", {"sla": "breached"}).content.decode()
        due_soon = client.get("/service/", {"sla": "soon"}).content.decode()
        by_due = client.get("/service/", {"sort": "due"}).content.decode()

    assert "Late one" in breached
    assert "Soon one" not in breached
    assert "Soon one" in due_soon
    assert "Late one" not in due_soon
    assert by_due.index("Late one") < by_due.index("Soon one")
    assert "No target" not in by_due  # nothing of it is due
    assert "late by" in breached
    assert late.sla_due_at < soon.sla_due_at
    assert Ticket.objects.count() == 3


def test_working_hours_are_checked(policy):  # type: ignore[no-untyped-def]
    from django.core.exceptions import ValidationError

    hours = BusinessHours(name="Broken", week={"0": [["17:00", "09:00"]]})
    with pytest.raises(ValidationError):
        hours.full_clean()
    hours.week = {"8": [["09:00", "17:00"]]}
    with pytest.raises(ValidationError):
        hours.full_clean()
    hours.week = {"0": [["09:00", "13:00"], ["14:00", "24:00"]]}
    hours.full_clean()
    assert timezone.is_aware(at(1, 0))
