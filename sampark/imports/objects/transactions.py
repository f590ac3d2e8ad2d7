"""Importing transactions: rows into ``record_transaction``/``upsert_transaction``, each on the
contact it names (see on_contact.py).

Matched by external ID, as ``upsert_transaction`` matches: the contact's transaction with that
ID, so the same ID on two contacts is two transactions. When matching by it, a row needs one:
without it a second run would add the row again. An update changes only what the row says.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sampark.contacts.actions_transactions import (
    delete_transaction,
    record_transaction,
    upsert_transaction,
)
from sampark.contacts.models import Transaction, TransactionKind
from sampark.contacts.models.transactions import validate_currency
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

# What a row may set, as the actions name it, besides its contact and external ID.
_FIELDS = ("occurred_at", "kind", "product", "quantity", "amount", "currency", "profit", "notes")


class TransactionImport:
    label = "contacts.transaction"

    def match_key(self, cells: Cells, ctx: Context) -> str:
        external_id = first(cells, "external_id")
        if ctx.match_on != MatchOn.EXTERNAL_ID or not external_id:
            return ""
        try:
            ref = read_ref(cells, ctx)
        except ValidationError:
            return ""  # ``prepare`` says what is wrong
        return json.dumps([ref.key(), external_id], ensure_ascii=False)

    def existing(self, keys: Sequence[str], ctx: Context) -> dict[str, OwnedRecord]:
        """The contacts' transactions with these external IDs, in one query (after the
        batch's contacts, in a few)."""
        ctx.contacts.look_up(ctx)  # the batch's rows noted theirs in ``prepare``
        parsed = {key: json.loads(key) for key in keys}
        wanted: dict[str, tuple[int, str]] = {}
        for key, (ref_key, external_id) in parsed.items():
            contact = ctx.contacts.find(ContactRef.from_key(ref_key), ctx)
            if contact is not None:
                wanted[key] = (contact.pk, external_id)
        if not wanted:
            return {}
        recorded = Transaction.objects.filter(
            contact_id__in={contact for contact, _id in wanted.values()},
            external_id__in={external_id for _contact, external_id in wanted.values()},
        ).select_related("contact")
        by_key = {(t.contact_id, t.external_id): t for t in recorded}
        return {key: by_key[pair] for key, pair in wanted.items() if pair in by_key}

    def prepare(self, cells: Cells, ctx: Context) -> dict[str, Any]:
        errors: dict[str, list[str]] = {}
        row: dict[str, Any] = {}
        try:
            row["ref"] = read_ref(cells, ctx)
        except ValidationError as error:
            errors.update(error.message_dict)
        row["external_id"] = first(cells, "external_id")
        if ctx.match_on == MatchOn.EXTERNAL_ID and not row["external_id"]:
            errors["external_id"] = [
                _("Give the transaction's external ID, or import without matching.")
            ]
        row["occurred_at"] = moment(cells, ctx, errors)
        row["kind"] = read_choice(cells, "kind", "transaction_kind", TransactionKind, errors)
        if not first(cells, "kind"):
            errors["kind"] = [
                _("Give the kind: one of %(options)s.") % {"options": labels(TransactionKind)}
            ]
        row["product"] = first(cells, "product")
        row["notes"] = clean_block("\n".join(cells.get("notes", ())))
        for key in ("amount", "quantity", "profit"):
            row[key] = _number(cells, key, errors)
        if row["amount"] is None and "amount" not in errors:
            errors["amount"] = [_("Give the amount.")]
        elif row["amount"] is not None and row["amount"] < 0:
            errors["amount"] = [_("An amount is never negative: the kind says which way it went.")]
        row["currency"] = _currency(first(cells, "currency"), errors)
        if errors:
            raise ValidationError(errors)
        ctx.contacts.note(row["ref"])
        return row

    def create(self, values: dict[str, Any], ctx: Context) -> Change:
        contact = contact_of(values["ref"], ctx)
        given = {key: values[key] for key in _FIELDS if values[key] not in ("", None)}
        with row_errors():
            record = record_transaction(
                by=ctx.by, contact=contact, external_id=values["external_id"], **given
            )
        return Change(record, True, {})

    def update(self, record: OwnedRecord, values: dict[str, Any], ctx: Context) -> Change | None:
        assert isinstance(record, Transaction)
        changes = {
            key: values[key]
            for key in _FIELDS
            if values[key] not in ("", None) and values[key] != getattr(record, key)
        }
        if not changes:
            return None
        before = {key: jsonable(getattr(record, key)) for key in changes}
        with row_errors():
            upsert_transaction(
                by=ctx.by, contact=record.contact, external_id=record.external_id, **changes
            )
        return Change(record, False, before)

    def undo(
        self, model: str, record_id: int, created: bool, before: dict[str, Any], by: User
    ) -> None:
        record = Transaction.objects.select_related("contact").filter(pk=record_id).first()
        if record is None:
            return
        if created:
            delete_transaction(record, by=by)
        else:
            upsert_transaction(
                by=by, contact=record.contact, external_id=record.external_id, **before
            )


def _number(cells: Cells, key: str, errors: dict[str, list[str]]) -> Decimal | None:
    text = first(cells, key)
    if not text:
        return None
    try:
        return values.number(text)
    except ValidationError as error:
        errors[key] = error.messages
        return None


def _currency(text: str, errors: dict[str, list[str]]) -> str:
    """An ISO 4217 code in any case: "bdt" is BDT."""
    if not text:
        errors["currency"] = [_("Give the currency, such as BDT, INR or USD.")]
        return ""
    code = text.upper()
    try:
        validate_currency(code)
    except ValidationError as error:
        errors["currency"] = error.messages
    return code


TRANSACTIONS = TransactionImport()
