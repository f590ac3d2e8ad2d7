"""Importing interactions: rows into ``log_activity``/``update_activity``, each on the contact
it names (see on_contact.py).

An interaction has no key of another system's, so a row finds the one already logged by the
email's message ID where it has one, else by its contact, kind and time (``SAME_MOMENT``):
importing the same file again logs nothing twice. An update changes only what the row says.

A duration is a call's length; for a meeting it is the meeting's span from its start. A call
outcome is read for calls only: other systems put a task's state there ("Completed").
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sampark.contacts import actions
from sampark.contacts.models import Activity, ActivityKind, CallOutcome, Direction
from sampark.core.audit import jsonable
from sampark.core.models import User
from sampark.core.records import OwnedRecord
from sampark.imports import values
from sampark.imports.cells import clean_block
from sampark.imports.models import MatchOn
from sampark.imports.objects import Cells, Change, Context
from sampark.imports.objects.common import first
from sampark.imports.objects.on_contact import (
    ContactRef,
    contact_of,
    labels,
    moment,
    read_choice,
    read_ref,
    row_errors,
)
from sampark.lib import richtext

# What a row may set, as ``log_activity`` names it, besides its contact.
_FIELDS = (
    "kind",
    "occurred_at",
    "direction",
    "subject",
    "body",
    "duration_seconds",
    "outcome",
    "message_id",
    "location",
    "starts_at",
    "ends_at",
)
# The model's fields that a row's targets fill under other names.
_TARGET_OF = {"duration_seconds": "duration", "starts_at": "duration", "ends_at": "duration"}


class ActivityImport:
    label = "contacts.activity"

    def match_key(self, cells: Cells, ctx: Context) -> str:
        if ctx.match_on != MatchOn.SAME_MOMENT:
            return ""
        try:
            row = _read(cells, ctx)
        except ValidationError:
            return ""  # ``prepare`` says what is wrong
        if row["message_id"]:
            return json.dumps(["message", row["message_id"]], ensure_ascii=False)
        when = row["occurred_at"].astimezone(datetime.UTC).isoformat()
        return json.dumps(["moment", row["ref"].key(), row["kind"], when], ensure_ascii=False)

    def existing(self, keys: Sequence[str], ctx: Context) -> dict[str, OwnedRecord]:
        """The interactions already logged under these keys: by message ID in one query, by
        contact and time in another (after the batch's contacts, in a few)."""
        ctx.contacts.look_up(ctx)  # the batch's rows noted theirs in ``prepare``
        parsed = {key: json.loads(key) for key in keys}
        found: dict[str, OwnedRecord] = {}
        if message_ids := {data[1] for data in parsed.values() if data[0] == "message"}:
            logged = Activity.objects.filter(message_id__in=message_ids)
            by_message = {activity.message_id: activity for activity in logged}
            for key, data in parsed.items():
                if data[0] == "message" and data[1] in by_message:
                    found[key] = by_message[data[1]]
        moments: dict[str, tuple[int, str, datetime.datetime]] = {}
        for key, data in parsed.items():
            if data[0] == "moment":
                contact = ctx.contacts.find(ContactRef.from_key(data[1]), ctx)
                if contact is not None:
                    moments[key] = (contact.pk, data[2], datetime.datetime.fromisoformat(data[3]))
        if moments:
            logged = Activity.objects.filter(
                contact_id__in={m[0] for m in moments.values()},
                occurred_at__in={m[2] for m in moments.values()},
            ).order_by("id")
            by_moment: dict[tuple[int, str, datetime.datetime], Activity] = {}
            for activity in logged:
                assert activity.contact_id is not None
                same = (activity.contact_id, activity.kind, activity.occurred_at)
                by_moment.setdefault(same, activity)
            for key, same in moments.items():
                if same in by_moment:
                    found[key] = by_moment[same]
        return found

    def prepare(self, cells: Cells, ctx: Context) -> dict[str, Any]:
        row = _read(cells, ctx)
        ctx.contacts.note(row["ref"])
        return row

    def create(self, values: dict[str, Any], ctx: Context) -> Change:
        contact = contact_of(values["ref"], ctx)
        given = {key: values[key] for key in _FIELDS if values.get(key) not in ("", None)}
        with row_errors(_TARGET_OF):
            activity = actions.log_activity(by=ctx.by, contact=contact, **given)
        return Change(activity, True, {})

    def update(self, record: OwnedRecord, values: dict[str, Any], ctx: Context) -> Change | None:
        assert isinstance(record, Activity)
        changes: dict[str, Any] = {}
        for key in _FIELDS:
            value = values.get(key)
            if key == "body" and value:
                value = richtext.to_safe_html(value)  # as stored, or every body would differ
            if value not in ("", None) and value != getattr(record, key):
                changes[key] = value
        if not changes:
            return None
        before = {key: jsonable(getattr(record, key)) for key in changes}
        with row_errors(_TARGET_OF):
            actions.update_activity(record, by=ctx.by, values=changes)
        return Change(record, False, before)

    def undo(
        self, model: str, record_id: int, created: bool, before: dict[str, Any], by: User
    ) -> None:
        activity = Activity.objects.filter(pk=record_id).first()
        if activity is None:
            return
        if created:
            actions.delete_activity(activity, by=by)
        else:
            actions.update_activity(activity, by=by, values=before)


def _read(cells: Cells, ctx: Context) -> dict[str, Any]:
    """The row as ``log_activity`` takes it, with its contact's reference as ``ref``; every
    problem at once, by target."""
    errors: dict[str, list[str]] = {}
    row: dict[str, Any] = {}
    try:
        row["ref"] = read_ref(cells, ctx)
    except ValidationError as error:
        errors.update(error.message_dict)
    row["kind"] = read_choice(cells, "kind", "activity_kind", ActivityKind, errors)
    if not first(cells, "kind"):
        errors["kind"] = [
            _("Give the kind: one of %(options)s.") % {"options": labels(ActivityKind)}
        ]
    row["occurred_at"] = moment(cells, ctx, errors)
    row["direction"] = read_choice(cells, "direction", "direction", Direction, errors)
    row["subject"] = first(cells, "subject")
    row["body"] = clean_block("\n".join(cells.get("body", ())))
    row["message_id"] = first(cells, "message_id")
    row["location"] = first(cells, "location")
    if row["kind"] == ActivityKind.CALL:
        row["outcome"] = read_choice(cells, "outcome", "call_outcome", CallOutcome, errors)
    if text := first(cells, "duration"):
        try:
            length = values.seconds(text)
        except ValidationError as error:
            errors["duration"] = error.messages
        else:
            if row["kind"] != ActivityKind.MEETING:
                row["duration_seconds"] = length
            elif row["occurred_at"] is not None:
                row["starts_at"] = row["occurred_at"]
                row["ends_at"] = row["occurred_at"] + datetime.timedelta(seconds=length)
    if errors:
        raise ValidationError(errors)
    return row


ACTIVITIES = ActivityImport()
