"""Every write of the duplicates app: dismissing a pair, merging records, undoing a merge.

A merge, in one transaction: the rows that point at the losers move to the winner (see
``duplicates.references``), the winner gets the chosen values and the united lists through the
contact (or company) update action (audited, re-indexed for search, keys rebuilt), each loser is
deleted through the audited delete path with a note of what it was merged into, the winner's
audit gets a note of what was merged in, and a ``Merge`` row keeps everything undoing needs.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sampark.contacts import actions as contact_actions
from sampark.contacts import search
from sampark.contacts.addresses import FIELDS as ADDRESS_FIELDS
from sampark.contacts.addresses import MAX_ADDRESSES, stored_addresses
from sampark.contacts.models import Affiliation, Company, Contact
from sampark.core import audit
from sampark.core.models import AuditAction, User
from sampark.core.records import can, can_add, delete_versioned, snapshot
from sampark.core.roles import Action
from sampark.duplicates import fields, hooks, moves, references
from sampark.duplicates.models import Merge, Pair, PairStatus, RecordKind

# A merge can be undone for this long; after that too much has usually been built on it.
UNDO_DAYS = 30

Record = Contact | Company


class UndoRefused(Exception):
    """Undoing this merge now would lose or break something; the message says what."""


def dismiss_pair(pair: Pair, *, by: User) -> Pair:
    """ "Not a duplicate": the pair is never proposed again (scans leave dismissed pairs be)."""
    if pair.status == PairStatus.OPEN:
        Pair.objects.filter(pk=pair.pk).update(
            status=PairStatus.DISMISSED, decided_by=by, decided_at=timezone.now()
        )
        pair.refresh_from_db()
    return pair


def merge_contacts(
    winner: Contact, losers: Sequence[Contact], *, choices: Mapping[str, int], by: User
) -> Merge:
    """Merge ``losers`` into ``winner``. ``choices``: field -> id of the record whose value
    wins (see ``duplicates.fields``; the defaults for the rest). Needs CHANGE on the winner and
    DELETE on every loser."""
    return merge_records(RecordKind.CONTACT, winner, losers, choices=choices, by=by)


def merge_companies(
    winner: Company, losers: Sequence[Company], *, choices: Mapping[str, int], by: User
) -> Merge:
    return merge_records(RecordKind.COMPANY, winner, losers, choices=choices, by=by)


def _check_group(winner: Record, losers: Sequence[Record], by: User) -> None:
    ids = [winner.pk, *(loser.pk for loser in losers)]
    if not losers:
        raise ValidationError({"losers": _("Choose at least one record to merge into this one.")})
    if len(set(ids)) != len(ids):
        raise ValidationError(
            {"losers": _("A record can only be merged once, and not into itself.")}
        )
    if len(ids) > fields.MAX_RECORDS:
        raise ValidationError(
            {"losers": _("Merge at most %(max)d records at once.") % {"max": fields.MAX_RECORDS}}
        )
    if not can(by, Action.CHANGE, winner):
        raise PermissionDenied(_("Your role does not allow changing the record that is kept."))
    if not all(can(by, Action.DELETE, loser) for loser in losers):
        raise PermissionDenied(_("Your role does not allow deleting the records merged into it."))


def _lists(record: Record) -> dict[str, Any]:
    found: dict[str, Any] = {
        "tags": contact_actions.tag_names(record),
        "addresses": stored_addresses(record),
    }
    if isinstance(record, Contact):
        found["emails"] = [e.address for e in record.emails.all()]
        found["phones"] = [p.number for p in record.phones.all()]
    return found


def _united(records: Sequence[Record]) -> dict[str, Any]:
    """The winner's (``records[0]``) lists with what the others add, as the update actions
    take them."""
    lists = [_lists(r) for r in records]
    addresses = fields.united(
        [[{**a, "is_primary": False} for a in found["addresses"]] for found in lists],
        key=lambda a: tuple(str(a[name]).casefold() for name in ADDRESS_FIELDS),
    )
    if len(addresses) > MAX_ADDRESSES:
        raise ValidationError(
            {
                "addresses": _(
                    "Together these records have more than %(max)d addresses; remove some first."
                )
                % {"max": MAX_ADDRESSES}
            }
        )
    values: dict[str, Any] = {
        "tags": fields.united([found["tags"] for found in lists], key=str.casefold),
        "addresses": addresses,
    }
    if isinstance(records[0], Contact):
        for single, plural in (("email", "emails"), ("phone", "phones")):
            every = fields.united([found[plural] for found in lists], key=str.casefold)
            values[single], values[plural] = (every[0] if every else ""), every[1:]
    return values


def _lists_as_values(found: Mapping[str, Any]) -> dict[str, Any]:
    values = {"tags": found["tags"], "addresses": found["addresses"]}
    for single, plural in (("email", "emails"), ("phone", "phones")):
        if plural in found:
            values[single], values[plural] = (found[plural][:1] or [""])[0], found[plural][1:]
    return values


def _update(record: Record, *, by: User, values: Mapping[str, Any], version: int) -> None:
    if isinstance(record, Contact):
        contact_actions.update_contact(record, by=by, values=values, expected_version=version)
    else:
        contact_actions.update_company(record, by=by, values=values, expected_version=version)


def merge_records(
    kind: str,
    winner: Record,
    losers: Sequence[Record],
    *,
    choices: Mapping[str, int],
    by: User,
) -> Merge:
    _check_group(winner, losers, by)
    records = [winner, *losers]
    loser_ids = [loser.pk for loser in losers]
    chosen = fields.check(records, kind, choices)
    values = fields.changes(records, kind, chosen)
    lists = _united(records)
    before = _lists(winner)
    undo: dict[str, Any] = {
        "winner": {
            "values": {k: audit.jsonable(getattr(winner, k)) for k in values if k != "custom"},
            "custom": dict(winner.custom),
            **before,
        },
        "losers": [_loser_snapshot(loser) for loser in losers],
    }
    model = type(winner)
    with transaction.atomic():
        undo["references"] = [moves.move(ref, winner.pk, loser_ids) for ref in references.of(model)]
        if values.get("external_id"):
            # The winner takes a loser's external ID, which is unique: the loser lets go first.
            model.objects.filter(pk__in=loser_ids, external_id=values["external_id"]).update(
                external_id=""
            )
        _update(winner, by=by, values={**values, **lists}, version=winner.version)
        for loser in losers:
            _delete(loser, by=by, into=winner)
        moved = {
            references.named(model, e["ref"]).label: moves.count(e)  # type: ignore[union-attr]
            for e in undo["references"]
            if moves.count(e)
        }
        audit.record(
            AuditAction.UPDATE,
            winner,
            by=by,
            changes={"merged_from": [None, loser_ids], "moved": [None, moved]},
        )
        undo["pairs"] = _settle_pairs(kind, winner.pk, loser_ids, by)
        if kind == RecordKind.COMPANY:
            _reindex_people(undo["references"])
        merge = Merge.objects.create(
            kind=kind,
            winner_id=winner.pk,
            loser_ids=loser_ids,
            by=by,
            winner_version=model.objects.values_list("version", flat=True).get(pk=winner.pk),
            undo=undo,
        )
        hooks.check_later(kind, [winner.pk])
    return merge


def _loser_snapshot(loser: Record) -> dict[str, Any]:
    return {
        "id": loser.pk,
        "values": snapshot(loser),
        "created_at": audit.jsonable(loser.created_at),
        **_lists(loser),
    }


def _delete(loser: Record, *, by: User, into: Record) -> None:
    """The audited delete, its entry saying which record the loser was merged into."""
    changes: dict[str, Any] = {
        k: [v, None] for k, v in snapshot(loser).items() if v not in (None, "")
    }
    changes["merged_into"] = [None, into.pk]
    search.unindex(loser)
    delete_versioned(loser, by=by, changes=changes, expected_version=loser.version)


def _settle_pairs(kind: str, winner: int, losers: list[int], by: User) -> dict[str, Any]:
    """Pairs among the merged records are merged; a loser's "not a duplicate" decisions carry
    over to the winner (who now is that loser too)."""
    group = [winner, *losers]
    inside = Pair.objects.filter(kind=kind, a_id__in=group, b_id__in=group)
    previous = [[p.pk, p.status, p.decided_by_id, audit.jsonable(p.decided_at)] for p in inside]
    now = timezone.now()
    inside.update(status=PairStatus.MERGED, decided_by=by, decided_at=now)
    created = []
    dismissed = Pair.objects.filter(kind=kind, status=PairStatus.DISMISSED).filter(
        Q(a_id__in=losers) | Q(b_id__in=losers)
    )
    for pair in dismissed:
        other = pair.b_id if pair.a_id in losers else pair.a_id
        if other in group:
            continue
        a, b = sorted((winner, other))
        carried, made = Pair.objects.get_or_create(
            kind=kind,
            a_id=a,
            b_id=b,
            defaults={
                "score": pair.score,
                "reasons": pair.reasons,
                "status": PairStatus.DISMISSED,
                "decided_by": by,
                "decided_at": now,
            },
        )
        if made:
            created.append(carried.pk)
    return {"previous": previous, "created": created}


def _reindex_people(moved: list[dict[str, Any]]) -> None:
    """People who moved to the winning company: their search documents carry its name."""
    name = f"{Affiliation._meta.label_lower}.company_id"
    pks = [pk for e in moved if e["ref"] == name for ids in e["moved"].values() for pk in ids]
    people = list(Affiliation.objects.filter(pk__in=pks).values_list("contact_id", flat=True))
    for start in range(0, len(people), search.BATCH_SIZE):
        search.index_contacts(people[start : start + search.BATCH_SIZE])


def undo_refusal(merge: Merge) -> str | None:
    """Why this merge cannot be undone now, or None if it can."""
    model = _model(merge.kind)
    if merge.undone_at is not None:
        return _("This merge was already undone.")
    if timezone.now() - merge.at > datetime.timedelta(days=UNDO_DAYS):
        return ngettext(
            "A merge can only be undone within %(days)d day.",
            "A merge can only be undone within %(days)d days.",
            UNDO_DAYS,
        ) % {"days": UNDO_DAYS}
    version = model.objects.filter(pk=merge.winner_id).values_list("version", flat=True).first()
    if version is None:
        return _("The record the others were merged into has been deleted since.")
    if version != merge.winner_version:
        return _(
            "The merged record has been changed since the merge; undoing it would overwrite "
            "those changes. Change it back by hand instead."
        )
    if model.objects.filter(pk__in=merge.loser_ids).exists():
        return _("A merged record exists again.")
    return None


def undo_merge(merge: Merge, *, by: User) -> Merge:
    """Recreate the losers with their ids and values, move back exactly the rows the merge
    moved, and give the winner its previous values; audited. ``UndoRefused`` if unsafe."""
    model = _model(merge.kind)
    winner = model.objects.filter(pk=merge.winner_id).first()
    if winner is not None and (not can(by, Action.CHANGE, winner) or not can_add(by, model)):
        raise PermissionDenied(_("Your role does not allow undoing this merge."))
    refusal = undo_refusal(merge)
    if refusal:
        raise UndoRefused(refusal)
    assert winner is not None
    undo = merge.undo
    kept = undo["winner"]
    values: dict[str, Any] = dict(kept["values"])
    custom_before = kept["custom"]
    changed_custom = set(custom_before) ^ set(winner.custom) | {
        k for k in custom_before if custom_before.get(k) != winner.custom.get(k)
    }
    if changed_custom:
        values["custom"] = {k: custom_before.get(k) for k in changed_custom}
    with transaction.atomic():
        _update(
            winner, by=by, values={**values, **_lists_as_values(kept)}, version=merge.winner_version
        )
        later: dict[int, Any] = {}
        for loser in undo["losers"]:
            _recreate(model, loser, by=by, later=later)
        self_ref = "referred_by_id" if model is Contact else "parent_id"
        for pk, target in later.items():
            if model.objects.filter(pk=target).exists():
                model.objects.filter(pk=pk).update(**{self_ref: target})
        for entry in undo["references"]:
            ref = references.named(model, entry["ref"])
            if ref is not None:
                moves.move_back(ref, winner.pk, entry)
        for pk, status, decided_by, decided_at in undo["pairs"]["previous"]:
            Pair.objects.filter(pk=pk).update(
                status=status, decided_by_id=decided_by, decided_at=decided_at
            )
        Pair.objects.filter(pk__in=undo["pairs"]["created"]).delete()
        audit.record(
            AuditAction.UPDATE, winner, by=by, changes={"merged_from": [merge.loser_ids, None]}
        )
        if merge.kind == RecordKind.COMPANY:
            _reindex_people(undo["references"])
        Merge.objects.filter(pk=merge.pk).update(undone_at=timezone.now(), undone_by=by)
        hooks.check_later(merge.kind, [winner.pk])
    merge.refresh_from_db()
    return merge


def _recreate(
    model: type[Record], loser: Mapping[str, Any], *, by: User, later: dict[int, Any]
) -> None:
    values = dict(loser["values"])
    owner = User.objects.filter(pk=values.pop("owner_id")).first()
    if owner is None:
        raise UndoRefused(_("The owner of a merged record no longer exists."))
    self_ref = "referred_by_id" if model is Contact else "parent_id"
    target = values.pop(self_ref, None)
    if target is not None:
        later[loser["id"]] = target  # it may be another loser, not back yet
    values.update(id=loser["id"], owner=owner, created_at=loser["created_at"])
    if model is Contact:
        for name in ("email", "phone"):
            values.pop(name, None)
        values.update(_lists_as_values(loser))
        tags = values.pop("tags")
        contact_actions.create_contact(by=by, tags=tags, **values)
    else:
        values.update(_lists_as_values(loser))
        tags = values.pop("tags")
        contact_actions.create_company(by=by, tags=tags, **values)


def _model(kind: str) -> type[Record]:
    return Contact if kind == RecordKind.CONTACT else Company
