"""Transactions (purchases and trading) over the REST API.

Mounted at the API's root, so its operations are:

- ``GET/POST /transactions`` — list (filters ``contact``, ``kind``; keyset pages, newest first)
  and record one;
- ``PUT /transactions/by-external-id/{contact_id}/{external_id}`` — create (201) or bring up to
  date (200) the contact's transaction with that external ID: sending the same body twice leaves
  one transaction and one audit entry. ``If-Match`` is optional here: the other system is the
  source of truth, but may pin the version it last wrote;
- ``GET/DELETE /transactions/{id}`` — DELETE needs ``If-Match``;
- ``GET /contacts/{id}/figures`` — the contact's key figures, from the transactions you may see.

Money is sent and returned as decimal strings ("1250.50"), never as floats, with a currency code.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from sampark.contacts.actions_transactions import (
    delete_transaction,
    record_transaction,
    upsert_transaction,
)
from sampark.contacts.figures import client_figures
from sampark.contacts.models import Contact, Transaction, TransactionKind, TransactionQuerySet
from sampark.core.api.auth import current_user
from sampark.core.api.errors import ApiError, documented
from sampark.core.api.pagination import KeysetPagination
from sampark.core.api.versions import expected_version, set_etag
from sampark.core.records import access_record
from sampark.core.roles import Action

router = Router(tags=["transactions"])

KINDS = ", ".join(TransactionKind.values)


class TransactionOut(Schema):
    id: int
    contact: int = Field(description="The contact's id.")
    kind: str = Field(description=f"One of {KINDS}.")
    occurred_at: datetime
    product: str = Field(description="The product or asset, such as GP or Sanchayapatra.")
    quantity: Decimal | None
    amount: Decimal = Field(description="Never negative: the kind says which way it went.")
    currency: str = Field(description="ISO 4217 code, such as BDT.")
    profit: Decimal | None = Field(description="Trades only.")
    external_id: str = Field(description="The ID in the system it came from; unique per contact.")
    notes: str
    owner: int = Field(description="Who recorded it.")
    team: int | None = Field(description="The contact's team when it was recorded.")
    created_at: datetime
    updated_at: datetime
    version: int = Field(description="Send back as If-Match to delete the transaction.")

    @staticmethod
    def resolve_contact(record: Transaction) -> int:
        return record.contact_id

    @staticmethod
    def resolve_owner(record: Transaction) -> int:
        return record.owner_id

    @staticmethod
    def resolve_team(record: Transaction) -> int | None:
        return record.team_id


class TransactionValues(Schema):
    """What a transaction says; checked by the same rules as the web form (the model's)."""

    model_config = ConfigDict(extra="forbid")

    kind: str = Field(description=f"One of {KINDS}.")
    occurred_at: datetime = Field(description="With a time zone; without, yours.")
    product: str = ""
    quantity: Decimal | None = None
    amount: Decimal = Field(description="Up to two decimal places; not negative.")
    currency: str = Field(description="ISO 4217 code, such as BDT.")
    profit: Decimal | None = Field(None, description="Trades only; a loss is negative.")
    notes: str = ""


class TransactionIn(TransactionValues):
    contact: int = Field(description="The contact's id.")
    occurred_at: datetime | None = Field(None, description="Now, when left out.")  # type: ignore[assignment]
    external_id: str = Field("", description="Optional; unique per contact when given.")


class ContactFiguresOut(Schema):
    lifetime_value: dict[str, Decimal] = Field(
        description="Purchases and trades less refunds, per currency."
    )
    first_purchase_at: datetime | None
    last_purchase_at: datetime | None
    purchase_count: int
    purchase_frequency: Decimal | None = Field(
        description="Purchases per 30 days between the first and last; null with fewer than 2."
    )
    net_deposits: dict[str, Decimal] = Field(description="Deposits less withdrawals, per currency.")
    trade_count: int
    trade_profit: dict[str, Decimal] = Field(description="The trades' profit, per currency.")
    preferred_assets: list[str] = Field(description="The most bought or traded products, top 3.")


def _invalid_kind() -> ApiError:
    return ApiError(
        422,
        "invalid",
        _("Some values are not valid; see fields."),
        fields={"kind": [_("Use one of: %(kinds)s.") % {"kinds": KINDS}]},
    )


@router.get("/transactions", response={200: list[TransactionOut], **documented(401, 422)})
@paginate(KeysetPagination)
def list_transactions(
    request: HttpRequest, contact: int | None = None, kind: str | None = None
) -> TransactionQuerySet:
    """The transactions you may see, newest first."""
    transactions = Transaction.objects.visible_to(current_user(request))
    if contact is not None:
        transactions = transactions.filter(contact_id=contact)
    if kind is not None:
        if kind not in TransactionKind.values:
            raise _invalid_kind()
        transactions = transactions.filter(kind=kind)
    return transactions


@router.post("/transactions", response={201: TransactionOut, **documented(401, 403, 404, 422)})
def create_transaction(
    request: HttpRequest, payload: TransactionIn, response: HttpResponse
) -> Status[Transaction]:
    """Record a transaction on a contact you can see."""
    user = current_user(request)
    values: dict[str, Any] = payload.model_dump()
    contact = access_record(user, Contact, values.pop("contact"))
    if values["occurred_at"] is None:
        del values["occurred_at"]
    record = record_transaction(by=user, contact=contact, **values)
    set_etag(response, record)
    response["Location"] = f"{request.path.rstrip('/')}/{record.pk}"
    return Status(201, record)


@router.put(
    "/transactions/by-external-id/{int:contact_id}/{external_id}",
    response={200: TransactionOut, 201: TransactionOut, **documented(401, 403, 404, 409, 422)},
)
def upsert_by_external_id(
    request: HttpRequest,
    contact_id: int,
    external_id: str,
    payload: TransactionValues,
    response: HttpResponse,
) -> Status[Transaction]:
    """Create or replace the contact's transaction with this external ID (201 or 200).

    Every field is replaced: one left out takes its default, as on creation."""
    user = current_user(request)
    contact = access_record(user, Contact, contact_id)
    version = expected_version(request) if "If-Match" in request.headers else None
    record, created = upsert_transaction(
        by=user,
        contact=contact,
        external_id=external_id,
        expected_version=version,
        **payload.model_dump(),
    )
    set_etag(response, record)
    return Status(201 if created else 200, record)


@router.get(
    "/transactions/{int:transaction_id}", response={200: TransactionOut, **documented(401, 404)}
)
def get_transaction(
    request: HttpRequest, transaction_id: int, response: HttpResponse
) -> Transaction:
    record = access_record(current_user(request), Transaction, transaction_id)
    set_etag(response, record)
    return record


@router.delete(
    "/transactions/{int:transaction_id}",
    response={204: None, **documented(401, 403, 404, 409, 422, 428)},
)
def delete_transaction_view(request: HttpRequest, transaction_id: int) -> Status[None]:
    """Delete the transaction; needs If-Match with the version you read."""
    user = current_user(request)
    record = access_record(user, Transaction, transaction_id, Action.DELETE)
    version = expected_version(request)
    delete_transaction(record, by=user, expected_version=version)
    return Status(204, None)


@router.get(
    "/contacts/{int:contact_id}/figures",
    response={200: ContactFiguresOut, **documented(401, 404)},
)
def contact_figures(request: HttpRequest, contact_id: int) -> Any:
    """The contact's key figures, from the transactions you may see."""
    user = current_user(request)
    contact = access_record(user, Contact, contact_id)
    return client_figures(contact, user=user)
