"""Contacts over the REST API: thin operations over the permission layer and contact actions.

Every record is fetched through ``access_record``/``visible_to``, so the API answers exactly as
the web UI does: a contact of another team is "not found", not "forbidden".
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from sampark.contacts import actions, search
from sampark.contacts.api_addresses import ADDRESSES_IN, ADDRESSES_REPLACE, AddressIn, AddressOut
from sampark.contacts.models import Address, Affiliation, Company, Contact
from sampark.core.api.auth import current_user
from sampark.core.api.errors import documented
from sampark.core.api.pagination import KeysetPagination
from sampark.core.api.versions import expected_version, set_etag
from sampark.core.models import User
from sampark.core.records import access_record, can_add
from sampark.core.roles import Action
from sampark.customfields import api as custom_api
from sampark.customfields.models import CustomObject

router = Router(tags=["contacts"])


class CompanyLink(Schema):
    id: int = Field(description="The company's id.")
    name: str
    title: str
    role: str
    is_primary: bool


class ContactOut(Schema):
    id: int
    display_name: str
    given_name: str
    family_name: str
    latin_name: str
    email: str = Field(description="The primary email, also first in `emails`.")
    emails: list[str]
    phone: str = Field(description="The primary phone in E.164, also first in `phones`.")
    phones: list[str]
    addresses: list[AddressOut] = Field(description="Postal addresses, the primary one first.")
    country: str = Field(description="ISO 3166 two-letter code, or empty.")
    language: str
    preferred_channel: str
    time_zone: str
    lifecycle_stage: str
    source: str
    external_id: str = Field(description="The ID in the system the contact came from, or empty.")
    referred_by: int | None = Field(description="The referring contact's id, or null.")
    notes: str
    tags: list[str]
    companies: list[CompanyLink]
    custom: dict[str, Any] = Field(
        description="Custom field values by key; see /api/v1/custom-fields."
    )
    owner: int = Field(description="The owning user's id.")
    team: int | None = Field(description="The team's id, or null.")
    created_at: datetime
    updated_at: datetime
    version: int = Field(description="Send back as If-Match to change or delete the contact.")

    @staticmethod
    def resolve_owner(contact: Contact) -> int:
        return contact.owner_id

    @staticmethod
    def resolve_team(contact: Contact) -> int | None:
        return contact.team_id

    @staticmethod
    def resolve_referred_by(contact: Contact) -> int | None:
        return contact.referred_by_id

    @staticmethod
    def resolve_emails(contact: Contact) -> list[str]:
        return [e.address for e in contact.emails.all()]

    @staticmethod
    def resolve_phones(contact: Contact) -> list[str]:
        return [p.number for p in contact.phones.all()]

    @staticmethod
    def resolve_addresses(contact: Contact) -> list[Address]:
        return list(contact.addresses.all())

    @staticmethod
    def resolve_tags(contact: Contact) -> list[str]:
        return [t.name for t in contact.tags.all()]

    @staticmethod
    def resolve_companies(contact: Contact) -> list[CompanyLink]:
        return [
            CompanyLink(
                id=a.company_id,
                name=a.company.name,
                title=a.title,
                role=a.role,
                is_primary=a.is_primary,
            )
            for a in contact.affiliations.all()
        ]


# Inputs carry only what a user may set (owner, team and version bookkeeping are the server's);
# values are validated by the model's full_clean, the same rules as the web form.
class ContactIn(Schema):
    model_config = ConfigDict(extra="forbid")

    display_name: str
    given_name: str = ""
    family_name: str = ""
    latin_name: str = ""
    email: str = Field("", description="The primary email.")
    emails: list[str] = Field([], description="More emails, after the primary one.")
    phone: str = Field(
        "", description="The primary phone, in any format; local numbers need `country`."
    )
    phones: list[str] = Field([], description="More phones, after the primary one.")
    addresses: list[AddressIn] = Field([], description=ADDRESSES_IN)
    country: str = Field("", description="ISO 3166 two-letter code, such as BD or IN.")
    language: str | None = Field(None, description="A language code such as en, bn or hi.")
    preferred_channel: str | None = None
    time_zone: str = Field("", description="Worked out from country or phone when empty.")
    lifecycle_stage: str | None = None
    source: str = ""
    external_id: str = Field("", description="The ID in the system it came from; unique.")
    notes: str = ""
    tags: list[str] = Field(
        [], description="Tag names; new ones are created, case-insensitive repeats dropped."
    )
    custom: dict[str, Any] = Field(
        {}, description="Custom field values by key; required custom fields must be given."
    )


class ContactPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    display_name: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    latin_name: str | None = None
    email: str | None = None
    emails: list[str] | None = Field(None, description="Replaces the other emails.")
    phone: str | None = None
    phones: list[str] | None = Field(None, description="Replaces the other phones.")
    addresses: list[AddressIn] | None = Field(None, description=ADDRESSES_REPLACE)
    country: str | None = None
    language: str | None = None
    preferred_channel: str | None = None
    time_zone: str | None = None
    lifecycle_stage: str | None = None
    source: str | None = None
    external_id: str | None = None
    notes: str | None = None
    tags: list[str] | None = Field(None, description="Replaces the contact's tags.")
    custom: dict[str, Any] | None = Field(
        None, description="Custom values to change, by key; null clears one, others are kept."
    )
    version: int | None = Field(
        None, description="The version you read; or send it as If-Match instead."
    )


def with_related(contacts: QuerySet[Contact], user: User) -> QuerySet[Contact]:
    """What the output reads, fetched up front so a page costs a fixed few queries; companies
    are only those the user may see."""
    companies = Company.objects.visible_to(user).values("pk")
    affiliations = Affiliation.objects.filter(company__in=companies).select_related("company")
    return contacts.prefetch_related(
        "emails", "phones", "addresses", "tags", Prefetch("affiliations", queryset=affiliations)
    )


def _fresh(contact: Contact, user: User) -> Contact:
    return with_related(Contact.objects.filter(pk=contact.pk), user).get()


@router.get(
    "",
    response={200: list[ContactOut], **documented(401, 422)},
    description="The contacts you may see, by name; `q` matches name, email or phone."
    + custom_api.FILTER_HELP,
)
@paginate(KeysetPagination)
def list_contacts(request: HttpRequest, q: str = "", sort: str = "") -> QuerySet[Contact]:
    user = current_user(request)
    contacts = search.narrow(Contact.objects.visible_to(user), q)
    return with_related(custom_api.filtered(request, contacts, CustomObject.CONTACT, sort), user)


@router.post("", response={201: ContactOut, **documented(401, 403, 422)})
def create_contact(
    request: HttpRequest, payload: ContactIn, response: HttpResponse
) -> Status[Contact]:
    user = current_user(request)
    if not can_add(user, Contact):
        raise PermissionDenied(_("Your role does not allow adding contacts."))
    values: dict[str, Any] = payload.model_dump(exclude_unset=True)
    contact = actions.create_contact(by=user, **values)
    set_etag(response, contact)
    response["Location"] = f"{request.path.rstrip('/')}/{contact.pk}"
    return Status(201, _fresh(contact, user))


@router.get("/{int:contact_id}", response={200: ContactOut, **documented(401, 404)})
def get_contact(request: HttpRequest, contact_id: int, response: HttpResponse) -> Contact:
    """One contact, with its version as the ETag."""
    user = current_user(request)
    contact = access_record(user, Contact, contact_id)
    set_etag(response, contact)
    return _fresh(contact, user)


@router.patch(
    "/{int:contact_id}",
    response={200: ContactOut, **documented(401, 403, 404, 409, 422, 428)},
)
def update_contact(
    request: HttpRequest, contact_id: int, payload: ContactPatch, response: HttpResponse
) -> Contact:
    """Change the fields sent; needs If-Match (or `version`) with the version you read."""
    user = current_user(request)
    contact = access_record(user, Contact, contact_id, Action.CHANGE)
    values: dict[str, Any] = payload.model_dump(exclude_unset=True)
    version = expected_version(request, values.pop("version", None))
    actions.update_contact(contact, by=user, values=values, expected_version=version)
    set_etag(response, contact)
    return _fresh(contact, user)


@router.delete(
    "/{int:contact_id}", response={204: None, **documented(401, 403, 404, 409, 422, 428)}
)
def delete_contact(request: HttpRequest, contact_id: int) -> Status[None]:
    """Delete the contact; needs If-Match with the version you read."""
    user = current_user(request)
    contact = access_record(user, Contact, contact_id, Action.DELETE)
    version = expected_version(request)
    actions.delete_contact(contact, by=user, expected_version=version)
    return Status(204, None)
