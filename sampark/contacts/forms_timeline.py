"""The "Log an interaction" form: the fields every activity has, plus those of the chosen kind."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from sampark.contacts.models import KIND_FIELDS, Activity, ActivityKind, CallOutcome, Direction
from sampark.core.forms import LocalDateTimeInput

DEFAULT_KIND = ActivityKind.CALL
COMMON_FIELDS = ("kind", "direction", "occurred_at", "subject", "body")
# Form fields named differently from the model field they fill.
FORM_NAMES = {"duration_seconds": "duration"}
MODEL_NAMES = {form: model for model, form in FORM_NAMES.items()}
# Set by mail ingestion, not typed by people.
NOT_IN_FORM = frozenset({"message_id"})
LIST_FIELDS = ("to_addresses", "cc_addresses", "attendees")

# What a kind's field holds when it has nothing.
EMPTY: dict[str, Any] = {
    "duration_seconds": None,
    "outcome": "",
    "from_address": "",
    "to_addresses": [],
    "cc_addresses": [],
    "message_id": "",
    "starts_at": None,
    "ends_at": None,
    "location": "",
    "video_url": "",
    "attendees": [],
    "handle": "",
}

_DURATION = re.compile(r"^(?:(\d+):)?(\d+)(?::(\d{1,2}))?$")
_SEPARATORS = re.compile(r"[\n,;]+")


def kind_or_default(value: object) -> str:
    return value if isinstance(value, str) and value in ActivityKind.values else DEFAULT_KIND


def parse_duration(text: str) -> int | None:
    """Seconds from "25" (minutes), "4:30" (minutes:seconds) or "1:04:30"; None if empty."""
    text = text.strip()
    if not text:
        return None
    match = _DURATION.match(text)
    if not match:
        raise ValidationError(
            _("Give minutes, such as 25, or minutes and seconds, such as 4:30."), code="invalid"
        )
    first, second, third = match.groups()
    if first is None and third is None:
        return int(second) * 60
    if third is None:  # m:ss
        minutes, seconds, hours = int(first), int(second), 0
    else:  # h:mm:ss
        hours, minutes, seconds = int(first), int(second), int(third)
    if seconds >= 60 or (third is not None and minutes >= 60):
        raise ValidationError(_("Seconds and minutes go up to 59."), code="invalid")
    return hours * 3600 + minutes * 60 + seconds


def format_duration_input(seconds: int | None) -> str:
    if seconds is None:
        return ""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def split_list(text: str) -> list[str]:
    return [item.strip() for item in _SEPARATORS.split(text or "") if item.strip()]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ActivityForm(forms.Form):
    """Shows the common fields and those of ``kind``; the others are left out entirely."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=_("kind"), choices=ActivityKind.choices)
    direction = forms.ChoiceField(label=_("direction"), choices=Direction.choices)
    occurred_at = forms.DateTimeField(
        label=_("when"), widget=LocalDateTimeInput(), help_text=_("In your time zone.")
    )
    subject = forms.CharField(label=_("subject"), max_length=300, required=False)
    body = forms.CharField(
        label=_("details"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Plain text, or simple HTML: paragraphs, bold, italics, lists and links."),
    )
    # Calls
    duration = forms.CharField(
        label=_("duration"),
        required=False,
        max_length=12,
        help_text=_("Minutes, such as 25, or minutes and seconds, such as 4:30."),
    )
    outcome = forms.ChoiceField(
        label=_("outcome"), choices=[("", "—"), *CallOutcome.choices], required=False
    )
    # Emails
    from_address = forms.CharField(label=_("from"), max_length=254, required=False)
    to_addresses = forms.CharField(
        label=_("to"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One address per line, or separated by commas."),
    )
    cc_addresses = forms.CharField(
        label=_("cc"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One address per line, or separated by commas."),
    )
    # Meetings
    starts_at = forms.DateTimeField(label=_("starts"), required=False, widget=LocalDateTimeInput())
    ends_at = forms.DateTimeField(label=_("ends"), required=False, widget=LocalDateTimeInput())
    location = forms.CharField(label=_("location"), max_length=200, required=False)
    video_url = forms.URLField(
        label=_("video call link"), max_length=500, required=False, assume_scheme="https"
    )
    attendees = forms.CharField(
        label=_("attendees"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line, or separated by commas."),
    )
    # Chats, SMS and social media
    handle = forms.CharField(
        label=_("handle"),
        max_length=200,
        required=False,
        help_text=_("The number, username or channel it came through."),
    )
    attachments = MultipleFileField(
        label=_("attachments"),
        required=False,
    )
    remove_attachments = forms.TypedMultipleChoiceField(
        label=_("remove attachments"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        files: MultiValueDict[str, UploadedFile] | None = None,
        *,
        kind: str,
        instance: Activity | None = None,
        initial: Mapping[str, Any] | None = None,
    ) -> None:
        # Field ids are unique on the page, where the log form and edit forms can be open at once.
        auto_id = f"activity{instance.pk}_%s" if instance else "log_%s"
        self.activity_kind = kind_or_default(kind)
        self.instance = instance
        start: dict[str, Any] = (
            _initial_of(instance) if instance else {"occurred_at": timezone.now()}
        )
        start["kind"] = self.activity_kind
        if not instance:
            start["direction"] = (
                Direction.INTERNAL
                if self.activity_kind == ActivityKind.NOTE
                else Direction.OUTBOUND
            )
        super().__init__(data, files, auto_id=auto_id, initial={**start, **(initial or {})})
        wanted = {
            "version",
            *COMMON_FIELDS,
            *(FORM_NAMES.get(name, name) for name in KIND_FIELDS[self.activity_kind]),
            "attachments",
        } - NOT_IN_FORM
        existing = list(instance.attachments.all()) if instance else []
        if existing:
            wanted.add("remove_attachments")
            choices = [(a.pk, a.original_name) for a in existing]
            self.fields["remove_attachments"].choices = choices  # type: ignore[attr-defined]
        for name in list(self.fields):
            if name not in wanted:
                del self.fields[name]
        if instance is None:
            del self.fields["version"]
        self.fields["attachments"].help_text = _(
            "PDF, images, text, CSV, Word, Excel, PowerPoint or OpenDocument files, "
            "up to %(size)s MB each."
        ) % {"size": settings.SAMPARK_MAX_ATTACHMENT_MB}

    def switch_kinds_at(self, url: str, target: str) -> ActivityForm:
        """Make the kind select ask ``url`` for the form of the chosen kind (posting what was
        typed, with ``switch_kind`` so nothing is saved) and swap it in for ``target``."""
        self.fields["kind"].widget.attrs.update(
            {
                "hx-post": url,
                "hx-trigger": "change",
                "hx-target": target,
                "hx-swap": "outerHTML",
                "hx-vals": '{"switch_kind": "1"}',
                # A second choice while the first is on its way replaces it, so the fields
                # shown are always those of the kind chosen last (htmx would drop it otherwise).
                "hx-sync": "this:replace",
            }
        )
        return self

    def clean_duration(self) -> int | None:
        return parse_duration(self.cleaned_data.get("duration") or "")

    def action_values(self) -> dict[str, Any]:
        """The cleaned data as ``log_activity``/``update_activity`` take it."""
        values: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            if name in {"version", "kind", "attachments", "remove_attachments"}:
                continue
            model_name = MODEL_NAMES.get(name, name)
            values[model_name] = split_list(value) if model_name in LIST_FIELDS else value
        if self.instance is not None:
            values["kind"] = self.activity_kind
            if self.instance.kind != self.activity_kind:
                # Now another kind: what only the old kind had would be invisible but kept.
                for name in KIND_FIELDS[self.instance.kind]:
                    if name not in KIND_FIELDS[self.activity_kind]:
                        values[name] = EMPTY[name]
        return values

    def add_action_error(self, error: ValidationError) -> None:
        """Put an action's errors by their fields where the form shows them, else on top."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, messages in error.message_dict.items():
            field = FORM_NAMES.get(name, name)
            self.add_error(
                field if field in self.fields and field != NON_FIELD_ERRORS else None, messages
            )


def typed_values(data: Mapping[str, Any]) -> dict[str, Any]:
    """What was typed in a form being switched to another kind, to start the new one with."""
    skipped = {"csrfmiddlewaretoken", "kind", "switch_kind", "attachments", "remove_attachments"}
    return {k: v for k, v in data.items() if k not in skipped}


def _initial_of(activity: Activity) -> dict[str, Any]:
    values: dict[str, Any] = {
        "version": activity.version,
        "direction": activity.direction,
        "occurred_at": activity.occurred_at,
        "subject": activity.subject,
        "body": activity.body,
        "duration": format_duration_input(activity.duration_seconds),
        "outcome": activity.outcome,
        "from_address": activity.from_address,
        "starts_at": activity.starts_at,
        "ends_at": activity.ends_at,
        "location": activity.location,
        "video_url": activity.video_url,
        "handle": activity.handle,
    }
    for name in LIST_FIELDS:
        items: Sequence[str] = getattr(activity, name) or []
        values[name] = "\n".join(items)
    return values
