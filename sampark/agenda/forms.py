"""The task form (add and edit), the task list's filters, and booking a suggested slot."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sampark.agenda.actions import assignable_users
from sampark.agenda.models import Recurrence, Task, TaskPriority, TaskStatus
from sampark.core.forms import LocalDateTimeInput
from sampark.core.models import User

# "Remind me": a time before the due time, or one of the user's choosing.
REMIND_NONE = ""
REMIND_CUSTOM = "custom"
REMIND_OFFSETS: dict[str, datetime.timedelta] = {
    "at_due": datetime.timedelta(0),
    "15m": datetime.timedelta(minutes=15),
    "1h": datetime.timedelta(hours=1),
    "1d": datetime.timedelta(days=1),
}
REMIND_CHOICES = [
    (REMIND_NONE, _("No reminder")),
    ("at_due", _("At the due time")),
    ("15m", _("15 minutes before")),
    ("1h", _("1 hour before")),
    ("1d", _("1 day before")),
    (REMIND_CUSTOM, _("At a time I choose")),
]


class AssigneeField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return str(obj)


class TaskForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    owner = AssigneeField(label=_("assigned to"), queryset=User.objects.none(), empty_label=None)
    due_at = forms.DateTimeField(
        label=_("due"),
        required=False,
        widget=LocalDateTimeInput(),
        help_text=_("In your time zone."),
    )
    priority = forms.ChoiceField(
        label=_("priority"), choices=TaskPriority.choices, initial=TaskPriority.NORMAL
    )
    remind = forms.ChoiceField(label=_("remind me"), choices=REMIND_CHOICES, required=False)
    remind_at = forms.DateTimeField(
        label=_("reminder time"),
        required=False,
        widget=LocalDateTimeInput(),
        help_text=_("When you choose “At a time I choose”; in your time zone."),
    )
    recurrence = forms.ChoiceField(
        label=_("repeats"), choices=Recurrence.choices, initial=Recurrence.NONE
    )
    notes = forms.CharField(
        label=_("notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        assert isinstance(field, AssigneeField)
        field.queryset = assignable_users(user).order_by("first_name", "username")
        if not self.is_bound and "owner" not in self.initial:
            self.initial["owner"] = user.pk

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        remind = cleaned.get("remind") or REMIND_NONE
        due_at = cleaned.get("due_at")
        if remind == REMIND_CUSTOM:
            if cleaned.get("remind_at") is None and "remind_at" not in self.errors:
                self.add_error("remind_at", _("Choose when to be reminded."))
        elif remind in REMIND_OFFSETS:
            if due_at is None and "due_at" not in self.errors:
                self.add_error("remind", _("A reminder before the due time needs a due time."))
            else:
                cleaned["remind_at"] = due_at - REMIND_OFFSETS[remind] if due_at else None
        else:
            cleaned["remind_at"] = None
        return cleaned

    def action_values(self) -> dict[str, Any]:
        """What the task actions take: the model's fields, without the form's helpers."""
        values = dict(self.cleaned_data)
        values.pop("remind", None)
        values.pop("version", None)
        return values

    def add_action_error(self, error: ValidationError) -> None:
        """The action's (the model's) errors, on the field they name when the form has it."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            self.add_error(name if name in self.fields else None, errors)


class TaskEditForm(TaskForm):
    status = forms.ChoiceField(label=_("status"), choices=TaskStatus.choices)
    progress = forms.IntegerField(label=_("progress (%)"), min_value=0, max_value=100, initial=0)
    # The version the user started editing from; a save from an older version is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    field_order = ["title", "owner", "due_at", "priority", "status", "progress"]

    @classmethod
    def for_task(cls, user: User, task: Task, data: Any = None) -> TaskEditForm:
        initial = {
            "title": task.title,
            "owner": task.owner_id,
            "due_at": task.due_at,
            "priority": task.priority,
            "status": task.status,
            "progress": task.progress,
            "recurrence": task.recurrence,
            "notes": task.notes,
            "remind": remind_choice(task),
            "remind_at": task.remind_at,
            "version": task.version,
        }
        return cls(user, data, initial=initial)


def remind_choice(task: Task) -> str:
    """The "remind me" choice that gives the task's reminder time."""
    if task.remind_at is None:
        return REMIND_NONE
    if task.due_at is not None:
        for choice, offset in REMIND_OFFSETS.items():
            if task.due_at - offset == task.remind_at:
                return choice
    return REMIND_CUSTOM


class TaskFilterForm(forms.Form):
    """The task list's filters; anything unknown falls back to the default rather than failing."""

    ASSIGNEES = [("me", _("Me")), ("team", _("My teams")), ("all", _("Anyone I may see"))]
    STATUSES = [("active", _("Open or in progress")), *TaskStatus.choices, ("any", _("Any"))]
    DUE = [
        ("", _("Any time")),
        ("overdue", _("Overdue")),
        ("today", _("Today")),
        ("week", _("This week")),
        ("none", _("No due date")),
    ]

    assignee = forms.ChoiceField(label=_("assigned to"), choices=ASSIGNEES, required=False)
    status = forms.ChoiceField(label=_("status"), choices=STATUSES, required=False)
    due = forms.ChoiceField(label=_("due"), choices=DUE, required=False)
    priority = forms.ChoiceField(
        label=_("priority"), choices=[("", _("Any")), *TaskPriority.choices], required=False
    )

    def values(self) -> dict[str, str]:
        defaults = {"assignee": "me", "status": "active", "due": "", "priority": ""}
        if not self.is_valid():
            return defaults
        return {name: self.cleaned_data.get(name) or default for name, default in defaults.items()}


class BookSlotForm(forms.Form):
    starts_at = forms.DateTimeField(widget=forms.HiddenInput)
    minutes = forms.IntegerField(widget=forms.HiddenInput, min_value=5, max_value=8 * 60)


class SlotQueryForm(forms.Form):
    """The slot suggester's choices; bad values fall back to the defaults."""

    LENGTHS = [
        (15, _("15 minutes")),
        (30, _("30 minutes")),
        (45, _("45 minutes")),
        (60, _("1 hour")),
        (90, _("1½ hours")),
    ]
    RANGES = [(7, _("the next 7 days")), (14, _("the next 14 days"))]

    minutes = forms.TypedChoiceField(
        label=_("meeting length"), choices=LENGTHS, coerce=int, initial=30, required=False
    )
    days = forms.TypedChoiceField(
        label=_("within"), choices=RANGES, coerce=int, initial=7, required=False
    )

    def values(self) -> tuple[int, int]:
        if not self.is_valid():
            return 30, 7
        return self.cleaned_data.get("minutes") or 30, self.cleaned_data.get("days") or 7
