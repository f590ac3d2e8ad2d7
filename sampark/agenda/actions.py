"""Every write to tasks goes through here: checked, validated, audited, and the assignee told.

Who may give a task to whom follows the roles' reach: an agent only to themselves, a manager to
members of their teams, an admin to anyone. A task may be on a contact and/or a company the
writer can see; one they cannot see is refused with the words used for a missing one, so the
refusal says nothing about records of other teams.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy

from sampark.agenda.models import Recurrence, Task, TaskPriority, TaskStatus
from sampark.agenda.recurrence import next_due
from sampark.collab.models import NotificationKind
from sampark.collab.notifications import notify
from sampark.contacts.actions import assignable_owners
from sampark.contacts.models import Company, Contact
from sampark.core import audit
from sampark.core.models import Channel, User
from sampark.core.records import (
    StaleVersion,
    can,
    can_add,
    create_record,
    delete_record,
    update_record,
)
from sampark.core.roles import Action, Reach, reach

# Set by the actions from their arguments or by the record itself, never by the caller's values.
_FIXED = frozenset(
    {"id", "pk", "team", "team_id", "version", "created_at", "updated_at"}
    | {"previous", "previous_id", "reminded_at", "completed_at"}
)
# The same words as for a record that does not exist: see the module's docstring.
NOT_VISIBLE = gettext_lazy("No such record, or you may not see it.")


def assignable_users(user: User) -> models.QuerySet[User]:
    """Whom ``user`` may give a task to: themselves, and as far as their role reaches."""
    scope = reach(user, Action.ADD)
    if scope is Reach.NONE:
        return User.objects.none()
    if scope is Reach.OWN:
        return User.objects.filter(pk=user.pk, is_active=True)
    others = assignable_owners(user).values("pk")
    return User.objects.filter(Q(pk__in=others) | Q(pk=user.pk), is_active=True)


def visible_or_error[T: (Contact, Company)](
    user: User, model: type[T], pk: int | str, field: str
) -> T:
    """The record with id ``pk`` if ``user`` may see it; else a field error on ``field``."""
    try:
        return model.objects.visible_to(user).get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError):
        raise ValidationError({field: NOT_VISIBLE}) from None


def _may_give_to(by: User, owner: User) -> list[str]:
    if assignable_users(by).filter(pk=owner.pk).exists():
        return []
    if not owner.is_active:
        return [gettext("%(name)s is no longer active.") % {"name": owner}]
    return [gettext("You may not give tasks to %(name)s.") % {"name": owner}]


def _check(by: User, values: Mapping[str, Any], task: Task | None = None) -> dict[str, list[str]]:
    """What is wrong with the assignee and the linked records, as field errors."""
    errors: dict[str, list[str]] = {}
    owner = values.get("owner")
    if isinstance(owner, User) and (task is None or owner.pk != task.owner_id):
        errors["owner"] = _may_give_to(by, owner)
    for name in ("contact", "company"):
        record = values.get(name)
        current = getattr(task, f"{name}_id", None) if task else None
        if record is not None and record.pk != current and not can(by, Action.VIEW, record):
            errors[name] = [str(NOT_VISIBLE)]
    return {name: problems for name, problems in errors.items() if problems}


def _with_model_errors(errors: dict[str, list[str]], draft: Task) -> ValidationError:
    """``errors`` plus whatever the model finds wrong, so every bad field is reported at once."""
    try:
        draft.full_clean(exclude=["owner", "team", *errors], validate_unique=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    return ValidationError(errors)


def _team_for(owner: User, by: User, *records: Contact | Company | None) -> int | None:
    """The team that sees the task with its assignee: the linked record's when the assignee is
    in it, else one the assignee shares with the writer (so a manager keeps sight of what they
    hand out), else the assignee's first."""
    theirs = owner.team_ids()
    for record in records:
        if record is not None and record.team_id in theirs:
            return record.team_id
    shared = [team for team in theirs if team in by.team_ids()]
    return next(iter(shared or theirs), None)


def _status_values(values: dict[str, Any], task: Task | None, now: datetime.datetime) -> None:
    """Keep ``completed_at`` (and progress) in step with a change of status."""
    status = values.get("status")
    was_done = task is not None and task.status == TaskStatus.DONE
    if status == TaskStatus.DONE and not was_done:
        values["completed_at"] = now
        values["progress"] = 100
    elif status is not None and status != TaskStatus.DONE and was_done:
        values["completed_at"] = None


def _task_url(task: Task) -> str:
    return reverse("agenda:task", args=[task.pk])


def _tell_assignee(task: Task, *, by: User) -> None:
    if task.owner_id == by.pk:
        return
    notify(
        task.owner,
        kind=NotificationKind.ASSIGNED,
        message=format_lazy(
            gettext_lazy("{name} gave you a task: {title}"), name=str(by), title=task.title
        ),
        url=_task_url(task),
    )


def open_follow_up(owner: User, *, title: str, notes: str, contact: Contact | None) -> Task | None:
    """A follow-up the system opens for ``owner`` after an unhappy answer (a ticket's rating, a
    survey's score): due tomorrow, high priority, recorded as the system's doing (nobody signed
    in made it). None when their role may not have tasks or the task is refused."""
    with audit.via(Channel.SYSTEM):
        try:
            with transaction.atomic():
                return create_task(
                    by=owner,
                    owner=owner,
                    title=title[:200],
                    notes=notes,
                    contact=contact,
                    due_at=timezone.now() + datetime.timedelta(days=1),
                    priority=TaskPriority.HIGH,
                )
        except (PermissionDenied, ValidationError):
            return None


def create_task(
    *,
    by: User,
    title: str,
    owner: User | None = None,
    contact: Contact | None = None,
    company: Company | None = None,
    **values: Any,
) -> Task:
    """A task for ``owner`` (the writer, unless given), on a contact and/or company or alone."""
    if not can_add(by, Task):
        raise PermissionDenied(gettext("Your role does not allow adding tasks."))
    if fixed := _FIXED & values.keys():
        raise ValueError(f"Not settable on a task: {', '.join(sorted(fixed))}")
    owner = owner or by
    values.update(title=title, owner=owner, contact=contact, company=company)
    if errors := _check(by, values):
        raise _with_model_errors(errors, Task(**values))
    _status_values(values, None, timezone.now())
    with transaction.atomic():
        task = create_record(Task, by=by, team_id=_team_for(owner, by, contact, company), **values)
        _tell_assignee(task, by=by)
    return task


def update_task(
    task: Task, *, by: User, values: Mapping[str, Any], expected_version: int | None = None
) -> Task:
    """Change the fields given. A new assignee is checked and told; a new due or reminder time
    re-arms the reminder; marking it done stamps ``completed_at`` and, for a recurring task,
    brings the next occurrence (once)."""
    if not can(by, Action.CHANGE, task):
        raise PermissionDenied(gettext("Your role does not allow this on this record."))
    changes = dict(values)
    if fixed := _FIXED & changes.keys():
        raise ValidationError({name: gettext("This cannot be changed.") for name in fixed})
    if errors := _check(by, changes, task):
        draft = copy.copy(task)
        for name, value in changes.items():
            setattr(draft, name, value)
        raise _with_model_errors(errors, draft)
    new_owner = "owner" in changes and changes["owner"].pk != task.owner_id
    if new_owner:
        owner: User = changes["owner"]
        records = (changes.get("contact", task.contact), changes.get("company", task.company))
        changes["team_id"] = _team_for(owner, by, *records)
    now = timezone.now()
    _status_values(changes, task, now)
    before = (task.due_at, task.remind_at, task.status)
    with transaction.atomic():
        task = update_record(task, by=by, values=changes, expected_version=expected_version)
        if (task.due_at, task.remind_at) != before[:2]:
            _rearm_reminder(task)
        if task.status == TaskStatus.DONE and before[2] != TaskStatus.DONE:
            _bring_next_occurrence(task, by=by, now=now)
        if new_owner:
            _tell_assignee(task, by=by)
    return task


def _rearm_reminder(task: Task) -> None:
    # Not through update_record: reminded_at is the reminder task's bookkeeping (see the model).
    Task.objects.filter(pk=task.pk).update(reminded_at=None)
    task.reminded_at = None


def complete_task(task: Task, *, by: User, expected_version: int | None = None) -> Task:
    """Mark the task done; doing it again (a double click, a retried request) changes nothing."""
    if task.status == TaskStatus.DONE:
        if not can(by, Action.CHANGE, task):
            raise PermissionDenied(gettext("Your role does not allow this on this record."))
        return task
    try:
        return update_task(
            task, by=by, values={"status": TaskStatus.DONE}, expected_version=expected_version
        )
    except StaleVersion:
        if expected_version is not None:
            raise
        # Someone (or our own earlier request) changed it meanwhile: done already is fine.
        fresh = Task.objects.get(pk=task.pk)
        if fresh.status != TaskStatus.DONE:
            raise
        return fresh


def reopen_task(task: Task, *, by: User, expected_version: int | None = None) -> Task:
    if task.status in (TaskStatus.OPEN, TaskStatus.IN_PROGRESS):
        if not can(by, Action.CHANGE, task):
            raise PermissionDenied(gettext("Your role does not allow this on this record."))
        return task
    return update_task(
        task, by=by, values={"status": TaskStatus.OPEN}, expected_version=expected_version
    )


def _bring_next_occurrence(task: Task, *, by: User, now: datetime.datetime) -> Task | None:
    """The recurring task's next occurrence, made once: ``previous`` is unique."""
    if task.recurrence == Recurrence.NONE or task.due_at is None:
        return None
    existing = Task.objects.filter(previous=task).first()
    if existing is not None:
        return existing  # completed, reopened and completed again: one next occurrence
    due = next_due(task.due_at, task.recurrence, zone=task.owner.time_zone, after=now)
    remind = due - (task.due_at - task.remind_at) if task.remind_at else None
    try:
        with transaction.atomic():
            return create_record(
                Task,
                by=by,
                owner=task.owner,
                team_id=task.team_id,
                title=task.title,
                notes=task.notes,
                contact=task.contact,
                company=task.company,
                priority=task.priority,
                recurrence=task.recurrence,
                due_at=due,
                remind_at=remind,
                previous=task,
            )
    except (IntegrityError, ValidationError):
        # A concurrent completion made it first.
        return Task.objects.filter(previous=task).first()


def delete_task(task: Task, *, by: User, expected_version: int | None = None) -> None:
    if not can(by, Action.DELETE, task):
        raise PermissionDenied(gettext("Your role does not allow this on this record."))
    delete_record(task, by=by, expected_version=expected_version)
