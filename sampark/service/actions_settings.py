"""Writes to the service desk's settings: categories, business hours and days off, SLA policies
with their targets, queues, and agents' profiles.

Admins make these in Settings → Service (views_settings.py); an agent sets their own
availability. Each write is audited (core/audited.py); SLA due times of unsolved tickets follow
a change of the hours or policies they were counted by (``sla.refresh_unsolved``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from sampark.core import audited
from sampark.core.models import Team, User
from sampark.core.roles import Role
from sampark.service import sla
from sampark.service.models import (
    AgentProfile,
    Availability,
    BusinessHours,
    Category,
    Holiday,
    Queue,
    SlaPolicy,
    SlaTarget,
)

# Who may change the service desk's settings.
MANAGE_SERVICE_SETTINGS = frozenset({Role.ADMIN})

CATEGORY_FIELDS = ("name", "description", "is_active")
HOURS_FIELDS = ("name", "time_zone", "country", "always_open", "week", "is_default")
HOLIDAY_FIELDS = ("hours_id", "date", "name")
POLICY_FIELDS = (
    "name",
    "position",
    "is_active",
    "company_id",
    "client_tag_id",
    "category_id",
    "warn_minutes",
    "raise_priority",
    "escalate_to_id",
)
TARGET_FIELDS = (
    "policy_id",
    "priority",
    "first_response_minutes",
    "next_response_minutes",
    "resolution_minutes",
)
QUEUE_FIELDS = ("team_id", "business_hours_id", "assignment")
PROFILE_FIELDS = ("user_id", "languages", "availability", "max_open_tickets", "max_chats")


def save_category(category: Category, *, by: User, values: Mapping[str, Any]) -> Category:
    if category.pk is None:
        for name, value in values.items():
            setattr(category, name, value)
        return audited.create(category, by=by, fields=CATEGORY_FIELDS)
    audited.update(category, by=by, values=dict(values), fields=CATEGORY_FIELDS)
    return category


def save_hours(hours: BusinessHours, *, by: User, values: Mapping[str, Any]) -> BusinessHours:
    """Create or change a calendar; the one made default stops any other being it."""
    with transaction.atomic():
        if values.get("is_default"):
            for other in BusinessHours.objects.filter(is_default=True).exclude(pk=hours.pk):
                audited.update(other, by=by, values={"is_default": False}, fields=HOURS_FIELDS)
        if hours.pk is None:
            for name, value in values.items():
                setattr(hours, name, value)
            audited.create(hours, by=by, fields=HOURS_FIELDS)
        else:
            audited.update(hours, by=by, values=dict(values), fields=HOURS_FIELDS)
        sla.refresh_unsolved()
    return hours


def add_day_off(hours: BusinessHours, *, by: User, date: Any, name: str) -> Holiday:
    with transaction.atomic():
        day = audited.create(
            Holiday(hours=hours, date=date, name=name), by=by, fields=HOLIDAY_FIELDS
        )
        sla.refresh_unsolved()
    return day


def remove_day_off(day: Holiday, *, by: User) -> None:
    with transaction.atomic():
        audited.delete(day, by=by, fields=HOLIDAY_FIELDS)
        sla.refresh_unsolved()


def save_policy(
    policy: SlaPolicy,
    *,
    by: User,
    values: Mapping[str, Any],
    targets: Sequence[Mapping[str, Any]],
) -> SlaPolicy:
    """Create or change a policy with its targets (one per priority; a priority with no minutes
    at all has no target)."""
    with transaction.atomic():
        if policy.pk is None:
            for name, value in values.items():
                setattr(policy, name, value)
            audited.create(policy, by=by, fields=POLICY_FIELDS)
        else:
            audited.update(policy, by=by, values=dict(values), fields=POLICY_FIELDS)
        for wanted in targets:
            _save_target(policy, wanted, by=by)
        sla.refresh_unsolved()
    return policy


def _save_target(policy: SlaPolicy, wanted: Mapping[str, Any], *, by: User) -> None:
    minutes = {k: wanted.get(k) for k in TARGET_FIELDS[2:]}
    current = SlaTarget.objects.filter(policy=policy, priority=wanted["priority"]).first()
    if not any(minutes.values()):
        if current is not None:
            audited.delete(current, by=by, fields=TARGET_FIELDS)
        return
    if current is None:
        target = SlaTarget(policy=policy, priority=wanted["priority"], **minutes)
        audited.create(target, by=by, fields=TARGET_FIELDS)
    else:
        audited.update(current, by=by, values=minutes, fields=TARGET_FIELDS)


def delete_policy(policy: SlaPolicy, *, by: User) -> None:
    with transaction.atomic():
        audited.delete(policy, by=by, fields=POLICY_FIELDS)
        sla.refresh_unsolved()


def save_queue(team: Team, *, by: User, values: Mapping[str, Any]) -> Queue:
    with transaction.atomic():
        queue = Queue.objects.filter(team=team).first()
        if queue is None:
            queue = audited.create(Queue(team=team, **values), by=by, fields=QUEUE_FIELDS)
        else:
            audited.update(queue, by=by, values=dict(values), fields=QUEUE_FIELDS)
        sla.refresh_unsolved()
    return queue


def save_profile(
    user: User, *, by: User, values: Mapping[str, Any], skills: Sequence[Category] | None = None
) -> AgentProfile:
    with transaction.atomic():
        profile = AgentProfile.objects.filter(user=user).first()
        if profile is None:
            profile = audited.create(
                AgentProfile(user=user, **values), by=by, fields=PROFILE_FIELDS
            )
        else:
            audited.update(profile, by=by, values=dict(values), fields=PROFILE_FIELDS)
        if skills is not None:
            profile.skills.set(skills)
    return profile


def set_availability(user: User, availability: str) -> AgentProfile:
    """An agent's own status (available, away, offline): what routing reads."""
    if availability not in Availability.values:
        raise ValueError(availability)
    return save_profile(user, by=user, values={"availability": availability})
