"""Consent and the suppression list over the REST API (``/api/v1/consent``, ``/suppressions``).

- ``GET /consent/contacts/{id}`` — where a contact stands on every channel, and whether marketing
  may reach them there now (and if not, why: no address, suppressed, not agreed, not confirmed);
- ``POST /consent/contacts/{id}`` — record a change: ``{"channel": "email", "status":
  "granted", "wording": "Yes, send me the weekly report."}``; agreement needs the wording;
- ``GET /consent/contacts/{id}/history`` — every change as it happened, newest first (keyset
  pages): what a regulator asks to see;
- ``POST /consent/contacts/{id}/opt-in`` — double opt-in: the consent waits while a
  confirmation link goes to the contact's email address;
- ``GET/POST /suppressions`` and ``DELETE /suppressions/{id}`` — addresses no marketing may go
  to; anyone who builds segments adds one, only an admin or a manager lifts one.

Consent belongs to a contact, so it is read and written through the contacts' permission layer:
another team's contact is "not found", and changing consent needs the right to change the
contact. The handlers are thin: ``sampark.marketing.actions_consent`` checks, records the
evidence (source ``api``, who, from which address) and audits every write; its problems come
back as 422s by field.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from sampark.contacts.models import Contact
from sampark.core.api.auth import current_user
from sampark.core.api.errors import documented
from sampark.core.api.pagination import KeysetPagination
from sampark.core.models import User
from sampark.core.records import access_record
from sampark.core.roles import Action
from sampark.marketing import access, actions_consent
from sampark.marketing.models import (
    ConsentEvent,
    ConsentSource,
    Suppression,
    SuppressionReason,
)
from sampark.marketing.reachability import standing

router = Router(tags=["consent"])
suppressions = Router(tags=["suppressions"])

CHANNEL = "email, sms, whatsapp or phone."
STATUS = "granted (agreed), pending (waiting for confirmation) or withdrawn."
SOURCE = "Where it came from: form, preferences, confirmation, unsubscribe, agent, import or api."
WORDING = "What they agreed to, in their words or ours; needed to record agreement."


class ChannelConsentOut(Schema):
    channel: str = Field(description=CHANNEL)
    status: str | None = Field(description=f"{STATUS} Null: never asked.")
    source: str | None = Field(description=f"{SOURCE} Null: never asked.")
    wording: str = Field(description="What they agreed to, or ''.")
    changed_at: datetime | None
    confirmed_at: datetime | None = Field(description="When they confirmed a double opt-in.")
    reachable: bool = Field(description="Whether marketing may reach them on the channel now.")
    reason: str = Field(description="Why not, in words; '' when reachable.")


class ConsentIn(Schema):
    model_config = ConfigDict(extra="forbid")

    channel: str = Field(description=CHANNEL)
    status: str = Field(description=STATUS)
    wording: str = Field("", description=WORDING)


class OptInIn(Schema):
    model_config = ConfigDict(extra="forbid")

    wording: str = Field(description="What they are asked to confirm, shown with the consent.")


class ConsentEventOut(Schema):
    channel: str = Field(description=CHANNEL)
    status: str = Field(description=STATUS)
    source: str = Field(description=SOURCE)
    wording: str
    at: datetime
    by: int | None = Field(description="Who recorded it (user id); null when the contact did.")

    @staticmethod
    def resolve_by(event: ConsentEvent) -> int | None:
        return event.by_id


class SuppressionOut(Schema):
    id: int
    channel: str = Field(description=CHANNEL)
    address: str = Field(description="An email address in lower case, or a number in E.164.")
    reason: str = Field(description="unsubscribed, bounced, complained or manual.")
    detail: str
    created_at: datetime


class SuppressionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    channel: str = Field(description=CHANNEL)
    address: str = Field(description="An email address, or a number as +8801711000001.")
    detail: str = Field("", description="Why, for colleagues; at most 300 characters kept.")


def _member(request: HttpRequest) -> User:
    user = current_user(request)
    if not access.may_view(user):
        raise PermissionDenied(_("Your role does not allow this."))
    return user


def _ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def _standing(contact: Contact) -> list[ChannelConsentOut]:
    """Every channel, in order, with the consent on it (if any) and the reachability verdict."""
    rows = []
    for row in standing(contact):
        consent = row.consent
        rows.append(
            ChannelConsentOut(
                channel=row.channel,
                status=consent.status if consent else None,
                source=consent.source if consent else None,
                wording=consent.wording if consent else "",
                changed_at=consent.changed_at if consent else None,
                confirmed_at=consent.confirmed_at if consent else None,
                reachable=row.verdict.allowed,
                reason=row.verdict.reason,
            )
        )
    return rows


@router.get(
    "/contacts/{int:contact_id}",
    response={200: list[ChannelConsentOut], **documented(401, 404)},
)
def get_consent(request: HttpRequest, contact_id: int) -> list[ChannelConsentOut]:
    """Where the contact stands on every channel, and whether marketing may reach them there."""
    return _standing(access_record(current_user(request), Contact, contact_id))


@router.post(
    "/contacts/{int:contact_id}",
    response={200: list[ChannelConsentOut], **documented(401, 403, 404, 422)},
)
def record_consent(
    request: HttpRequest, contact_id: int, payload: ConsentIn
) -> list[ChannelConsentOut]:
    """Record a change of consent on one channel (source api); agreement needs the wording."""
    user = current_user(request)
    contact = access_record(user, Contact, contact_id, Action.CHANGE)
    actions_consent.record_consent(
        contact,
        payload.channel,
        payload.status,
        source=ConsentSource.API,
        wording=payload.wording,
        by=user,
        ip=_ip(request),
    )
    return _standing(contact)


@router.get(
    "/contacts/{int:contact_id}/history",
    response={200: list[ConsentEventOut], **documented(401, 404, 422)},
)
@paginate(KeysetPagination)
def consent_history(request: HttpRequest, contact_id: int) -> QuerySet[ConsentEvent]:
    """Every change of the contact's consent as it happened, newest first."""
    contact = access_record(current_user(request), Contact, contact_id)
    return ConsentEvent.objects.filter(contact=contact).order_by("-at", "-id")


@router.post(
    "/contacts/{int:contact_id}/opt-in",
    response={200: list[ChannelConsentOut], **documented(401, 403, 404, 422)},
)
def request_opt_in(
    request: HttpRequest, contact_id: int, payload: OptInIn
) -> list[ChannelConsentOut]:
    """Double opt-in: email consent waits while a confirmation link goes to the contact."""
    user = current_user(request)
    contact = access_record(user, Contact, contact_id, Action.CHANGE)
    actions_consent.request_opt_in(
        contact, wording=payload.wording, source=ConsentSource.API, by=user, ip=_ip(request)
    )
    return _standing(contact)


@suppressions.get("", response={200: list[SuppressionOut], **documented(401, 403, 422)})
@paginate(KeysetPagination)
def list_suppressions(
    request: HttpRequest,
    q: str = Query("", description="Only addresses containing this."),
) -> QuerySet[Suppression]:
    """The addresses no marketing may go to, newest first."""
    _member(request)
    found = Suppression.objects.order_by("-created_at", "-id")
    return found.filter(address__icontains=q.strip()) if q.strip() else found


@suppressions.post("", response={201: SuppressionOut, **documented(401, 403, 422)})
def add_suppression(request: HttpRequest, payload: SuppressionIn) -> Status[Suppression]:
    """Keep marketing away from an address; one already listed is answered as it is."""
    user = current_user(request)
    if not access.may_add(user):
        raise PermissionDenied(_("Your role does not allow this."))
    suppression = actions_consent.suppress(
        payload.channel,
        payload.address,
        SuppressionReason.MANUAL,
        by=user,
        detail=payload.detail,
    )
    return Status(201, suppression)


@suppressions.delete("/{int:suppression_id}", response={204: None, **documented(401, 403, 404)})
def lift_suppression(request: HttpRequest, suppression_id: int) -> Status[None]:
    """Let marketing reach the address again (the contact still has to agree); admins and
    managers only."""
    user = _member(request)
    suppression = Suppression.objects.filter(pk=suppression_id).first()
    if suppression is None:
        raise Http404(_("No such suppressed address."))
    actions_consent.lift_suppression(suppression, by=user)
    return Status(204, None)
