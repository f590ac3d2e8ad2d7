"""Importing leads: rows into ``create_lead``/``update_lead``, matched by email or phone.

A lead holds one email and one phone: the row's first of each is the lead's, and every one is
checked, so a mistyped second address is reported rather than dropped unseen. As for contacts,
an update only sets what the row says (an empty cell never blanks a value). A converted lead is
kept as it was: a row changing it is rejected with the action's reason, and undo leaves a lead
converted since the import alone (it has become a contact, whose history starts there).

Emails are matched case-blind, as people type them either way; leads are few next to contacts,
so that look-up (one query a batch) need not use the email index.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from sampark.contacts.actions import normalise_emails, normalise_phones
from sampark.core.audit import jsonable
from sampark.core.models import User
from sampark.core.records import OwnedRecord, can
from sampark.core.roles import Action
from sampark.imports import choices, values
from sampark.imports.cells import clean_block, split_emails, split_list
from sampark.imports.models import MatchOn
from sampark.imports.objects import Cells, Change, Context
from sampark.imports.objects.common import first, owner_called, restored, without_empty
from sampark.imports.objects.on_contact import read_choice, row_errors
from sampark.leads.actions import create_lead, delete_lead, update_lead
from sampark.leads.models import Lead, LeadSource, LeadStatus, Timeline

# What an update may set from a non-empty cell, as ``update_lead`` names it (and the model).
_FIELDS = (
    "name",
    "email",
    "phone",
    "company_name",
    "job_title",
    "country",
    "language",
    "source",
    "status",
    "budget",
    "budget_currency",
    "decision_maker",
    "need",
    "timeline",
    "message",
    "notes",
)
_TEXT = ("company_name", "job_title")
_BLOCKS = ("need", "message", "notes")


class LeadImport:
    label = "leads.lead"

    def match_key(self, cells: Cells, ctx: Context) -> str:
        if ctx.match_on == MatchOn.EMAIL:
            emails = _emails(cells)
            return emails[0].lower() if emails else ""
        if ctx.match_on == MatchOn.PHONE:
            phones = _phones(cells, _country(cells, ctx))
            return phones[0] if phones else ""
        return ""

    def existing(self, keys: Sequence[str], ctx: Context) -> dict[str, OwnedRecord]:
        """The leads holding these emails or phones, in one query; where several do, the
        oldest open one (a converted lead is kept as it was, so it is matched last)."""
        if not keys:
            return {}
        if ctx.match_on == MatchOn.EMAIL:
            leads = Lead.objects.annotate(folded=Lower("email")).filter(folded__in=keys)
        elif ctx.match_on == MatchOn.PHONE:
            leads = Lead.objects.filter(phone__in=keys)
        else:
            return {}
        found: dict[str, Lead] = {}
        for lead in leads.order_by("id"):
            key = lead.email.lower() if ctx.match_on == MatchOn.EMAIL else lead.phone
            held = found.get(key)
            if held is None or (held.is_converted and not lead.is_converted):
                found[key] = lead
        return dict(found.items())

    def prepare(self, cells: Cells, ctx: Context) -> dict[str, Any]:
        errors: dict[str, list[str]] = {}
        out: dict[str, Any] = {}
        country = _read_code(cells, "country", choices.country, errors)
        out["country"] = country
        out["email"] = _first_valid(lambda: _emails(cells), errors)
        out["phone"] = _first_valid(lambda: _phones(cells, country or ctx.default_country), errors)
        given, family = first(cells, "given_name"), first(cells, "family_name")
        name = first(cells, "name") or " ".join(filter(None, [given, family]))
        # As for contacts: a row with an email or a phone but no name (a sign-up list, say)
        # still makes a lead, shown by its email or phone until someone learns the name.
        out["name"] = name or out["email"] or out["phone"]
        out["named"] = bool(name)
        if not out["name"] and "email" not in errors and "phone" not in errors:
            errors["name"] = [_("A name is needed: a full name, or a given or family name.")]
        for key in _TEXT:
            out[key] = first(cells, key)
        for key in _BLOCKS:
            out[key] = clean_block("\n".join(cells.get(key, ())))
        out["language"] = _read_code(cells, "language", choices.language, errors)
        out["source"] = read_choice(cells, "source", "lead_source", LeadSource, errors)
        out["status"] = read_choice(cells, "status", "lead_status", LeadStatus, errors)
        out["timeline"] = read_choice(cells, "timeline", "timeline", Timeline, errors)
        out["budget"] = _typed(cells, "budget", values.number, errors)
        out["budget_currency"] = first(cells, "budget_currency").upper()
        out["decision_maker"] = _typed(cells, "decision_maker", values.boolean, errors)
        owner = first(cells, "owner")
        if owner:
            out["owner"] = owner_called(owner, ctx)
            if out["owner"] is None:
                errors["owner"] = [
                    _("“%(name)s” is not someone you may give leads to.") % {"name": owner}
                ]
        if errors:
            raise ValidationError(errors)
        return out

    def create(self, values: dict[str, Any], ctx: Context) -> Change:
        given = without_empty({key: value for key, value in values.items() if key != "named"})
        given.setdefault("source", LeadSource.IMPORT)
        if ctx.default_country and not given.get("phone"):
            # With a phone, the lead's country is the phone's (create_lead reads it from it).
            given.setdefault("country", ctx.default_country)
        with row_errors():
            lead = create_lead(by=ctx.by, **given)
        return Change(lead, True, {})

    def update(self, record: OwnedRecord, values: dict[str, Any], ctx: Context) -> Change | None:
        assert isinstance(record, Lead)
        lead = record
        changes: dict[str, Any] = {}
        for key in _FIELDS:
            value = values.get(key)
            if value in ("", None) or (key == "name" and not values["named"]):
                continue  # a name made up from an email never replaces a stored one
            if _differs(key, value, getattr(lead, key)):
                changes[key] = value
        owner = values.get("owner")
        if owner is not None and owner.pk != lead.owner_id:
            changes["owner"] = owner
        if not changes:
            return None
        # The action fills in what follows (a phone's country, the budget's currency): the
        # values before are taken of every field it may touch, so undo restores all of it.
        was = {key: getattr(lead, key) for key in _FIELDS}
        owner_id = lead.owner_id
        with row_errors():
            lead = update_lead(lead, by=ctx.by, values=changes)
        before = {key: jsonable(old) for key, old in was.items() if getattr(lead, key) != old}
        if lead.owner_id != owner_id:
            before["owner"] = owner_id
        return Change(lead, False, before)

    def undo(
        self, model: str, record_id: int, created: bool, before: dict[str, Any], by: User
    ) -> None:
        lead = Lead.objects.filter(pk=record_id).first()
        if lead is None or lead.is_converted:
            return
        if created:
            # Handed since to someone the importer may not delete for: theirs to keep.
            if can(by, Action.DELETE, lead):
                delete_lead(lead, by=by)
            return
        update_lead(lead, by=by, values=restored(before))


def _emails(cells: Cells) -> list[str]:
    raw = [e for cell in cells.get("email", ()) for e in split_emails(cell)]
    return normalise_emails(raw)


def _phones(cells: Cells, country: str) -> list[str]:
    raw = [p for cell in cells.get("phone", ()) for p in split_list(cell)]
    return normalise_phones(raw, country=country)


def _country(cells: Cells, ctx: Context) -> str:
    return choices.country(first(cells, "country")) or ctx.default_country


def _first_valid(read: Callable[[], list[str]], errors: dict[str, list[str]]) -> str:
    """The first of the row's emails or phones, normalised; "" with the errors if one is bad."""
    try:
        return next(iter(read()), "")
    except ValidationError as error:
        errors.update(error.message_dict)
        return ""


def _read_code(
    cells: Cells, key: str, read: Callable[[str], str | None], errors: dict[str, list[str]]
) -> str:
    """A country or language code from its code or name in any of Sampark's languages."""
    text = first(cells, key)
    if not text:
        return ""
    code = read(text)
    if code is None:
        errors[key] = [_("“%(text)s” is not known here.") % {"text": text}]
    return code or ""


def _typed[T](
    cells: Cells, key: str, read: Callable[[str], T], errors: dict[str, list[str]]
) -> T | None:
    """The cell read by ``read`` (a number, yes or no); None if empty or unreadable."""
    text = first(cells, key)
    if not text:
        return None
    try:
        return read(text)
    except ValidationError as error:
        errors[key] = error.messages
        return None


def _differs(key: str, value: Any, held: Any) -> bool:
    if key == "email":
        return bool(value.casefold() != held.casefold())
    return bool(value != held)


LEADS = LeadImport()
