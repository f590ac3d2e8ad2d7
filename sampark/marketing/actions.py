"""Every write to segments: build, change, delete (checked, versioned, audited), and the
members of fixed lists."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sampark.contacts.conditions import EVERYONE, RuleError, check
from sampark.contacts.models import Contact
from sampark.core import audit, cached
from sampark.core.models import AuditAction, User
from sampark.core.records import delete_versioned, update_versioned
from sampark.marketing import access
from sampark.marketing.membership import CACHE, loop_through, members_q
from sampark.marketing.models import Segment, SegmentKind, SegmentMember
from sampark.marketing.models.segments import NAME_MAX_LENGTH

EDITABLE = ("name", "description", "kind", "rules")
# Members added to a fixed list at once: enough for any segment's "copy as a list", in batches.
BATCH = 5000


def _snapshot(segment: Segment) -> dict[str, Any]:
    return {name: audit.jsonable(getattr(segment, name)) for name in EDITABLE}


def _checked(segment: Segment, values: Mapping[str, Any]) -> dict[str, Any]:
    """The values to write, or ValidationError by field ("rules.conditions.0.value" for a
    problem inside the rules)."""
    problems: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    if "name" in values:
        name = str(values["name"] or "").strip()
        if not name:
            problems["name"] = [_("Give the segment a name.")]
        elif len(name) > NAME_MAX_LENGTH:
            problems["name"] = [_("At most %(n)d characters.") % {"n": NAME_MAX_LENGTH}]
        elif Segment.objects.filter(name__iexact=name).exclude(pk=segment.pk).exists():
            problems["name"] = [_("Another segment already has this name.")]
        cleaned["name"] = name
    if "description" in values:
        cleaned["description"] = str(values["description"] or "").strip()
    if "kind" in values:
        if values["kind"] not in SegmentKind.values:
            problems["kind"] = [_("Choose rules or a fixed list.")]
        elif segment.pk and values["kind"] != segment.kind:
            problems["kind"] = [_("A segment cannot change between rules and a fixed list.")]
        cleaned["kind"] = values["kind"]
    if "rules" in values:
        try:
            rules = check(values["rules"])
        except RuleError as error:
            problems.update(rule_problems(error))
        else:
            if loop_through(segment.pk, rules):
                problems["rules"] = [_("A segment cannot include itself, even through another.")]
            cleaned["rules"] = rules
    if problems:
        raise ValidationError(problems)
    return cleaned


def rule_problems(error: RuleError) -> dict[str, list[str]]:
    """The rule engine's problems as a segment's fields: ``rules.conditions.0.value``, and
    ``rules`` for the rule as a whole."""
    return {
        "rules" if path == "rule" else f"rules.{path}": messages
        for path, messages in error.problems.items()
    }


def create_segment(
    *,
    by: User,
    name: str,
    rules: Any = None,
    kind: str = SegmentKind.DYNAMIC,
    description: str = "",
) -> Segment:
    if not access.may_add(by):
        raise PermissionDenied(_("Read-only users cannot build segments."))
    segment = Segment(owner=by)
    values = {"name": name, "description": description, "kind": kind, "rules": rules or EVERYONE}
    for field, value in _checked(segment, values).items():
        setattr(segment, field, value)
    if segment.is_static:
        segment.rules = dict(EVERYONE)
    with transaction.atomic():
        segment.save(force_insert=True)
        changes = {k: [None, v] for k, v in _snapshot(segment).items() if v not in (None, "")}
        audit.record(AuditAction.CREATE, segment, by=by, changes=changes)
    cached.invalidate(CACHE)
    return segment


def update_segment(
    segment: Segment, *, by: User, values: Mapping[str, Any], expected_version: int | None = None
) -> Segment:
    """Rename, describe, or change the rules; refused with ``StaleVersion`` if someone changed
    the segment since ``expected_version``."""
    if not access.may_change(by, segment):
        raise PermissionDenied(_("Only whoever built this segment, or a manager, may change it."))
    cleaned = _checked(segment, {k: v for k, v in values.items() if k in EDITABLE})
    if segment.is_static:
        cleaned.pop("rules", None)
    changed = update_versioned(
        segment, cleaned, by=by, snapshot=_snapshot, expected_version=expected_version
    )
    if changed:
        cached.invalidate(CACHE)
    return segment


def delete_segment(segment: Segment, *, by: User, expected_version: int | None = None) -> None:
    if not access.may_change(by, segment):
        raise PermissionDenied(_("Only whoever built this segment, or a manager, may change it."))
    if named_by := _segments_naming(segment):
        raise ValidationError(
            _("Other segments use this one: %(names)s. Change them first.")
            % {"names": ", ".join(named_by)}
        )
    changes = {k: [v, None] for k, v in _snapshot(segment).items() if v not in (None, "")}
    delete_versioned(segment, by=by, expected_version=expected_version, changes=changes)
    cached.invalidate(CACHE)


def _segments_naming(segment: Segment) -> list[str]:
    from sampark.marketing.membership import segments_named

    return [
        other.name
        for other in Segment.objects.dynamic().exclude(pk=segment.pk)
        if segment.pk in segments_named(other.rules)
    ]


def add_members(segment: Segment, contacts: Iterable[int], *, by: User) -> int:
    """Put the contacts (ids) ``by`` may see on the fixed list ``segment``; ids they may not see
    are ignored, as are those already on it. Returns how many were added."""
    _check_list(segment, by)
    wanted = Contact.objects.visible_to(by).filter(pk__in=list(contacts))
    return _add(segment, wanted.values_list("pk", flat=True), by=by)


def remove_members(segment: Segment, contacts: Iterable[int], *, by: User) -> int:
    """Take the contacts (ids) ``by`` may see off the fixed list. Returns how many."""
    _check_list(segment, by)
    visible = Contact.objects.visible_to(by).filter(pk__in=list(contacts)).values("pk")
    with transaction.atomic():
        removed, _counts = SegmentMember.objects.filter(
            segment=segment, contact_id__in=visible
        ).delete()
        if removed:
            audit.record(AuditAction.UPDATE, segment, by=by, changes={"removed": [removed, 0]})
    return removed


def copy_as_list(segment: Segment, *, by: User, name: str) -> Segment:
    """A fixed list holding the members of ``segment`` that ``by`` may see, as they are now."""
    copy = create_segment(
        by=by,
        name=name,
        kind=SegmentKind.STATIC,
        description=_("Members of “%(name)s” on %(date)s.")
        % {"name": segment.name, "date": timezone.localdate().isoformat()},
    )
    ids = Contact.objects.visible_to(by).filter(members_q(segment)).values_list("pk", flat=True)
    _add(copy, ids.iterator(chunk_size=BATCH), by=by)
    return copy


def _check_list(segment: Segment, by: User) -> None:
    if not segment.is_static:
        raise ValidationError(_("Members of a segment by rules follow its rules."))
    if not access.may_change(by, segment):
        raise PermissionDenied(_("Only whoever built this segment, or a manager, may change it."))


def _add(segment: Segment, ids: Iterable[int], *, by: User) -> int:
    added = 0
    batch: list[SegmentMember] = []
    now = timezone.now()
    with transaction.atomic():
        for pk in ids:
            batch.append(SegmentMember(segment=segment, contact_id=pk, added_at=now, added_by=by))
            if len(batch) == BATCH:
                added += _insert(batch)
                batch = []
        added += _insert(batch)
        if added:
            audit.record(AuditAction.UPDATE, segment, by=by, changes={"added": [0, added]})
    return added


def _insert(batch: list[SegmentMember]) -> int:
    if not batch:
        return 0
    segment_id = batch[0].segment_id
    there = set(
        SegmentMember.objects.filter(
            segment_id=segment_id, contact_id__in=[m.contact_id for m in batch]
        ).values_list("contact_id", flat=True)
    )
    fresh = [m for m in batch if m.contact_id not in there]
    SegmentMember.objects.bulk_create(fresh)
    return len(fresh)
