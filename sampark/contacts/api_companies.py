"""Companies over the REST API, and the people who work at them.

Records are fetched through ``access_record``/``visible_to`` as in the web UI: another team's
company is "not found". A contact named in a request body that the caller may not see is a
field error (422) on ``contact_id``; one named in the path is a 404, as a company would be.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from sampark.contacts import actions, search
from sampark.contacts.addresses import clean_addresses
from sampark.contacts.api_addresses import ADDRESSES_IN, ADDRESSES_REPLACE, AddressIn, AddressOut
from sampark.contacts.forms_companies import check_parent, clean_domain, parent_choices
from sampark.contacts.models import Address, Affiliation, Company, CompanyQuerySet, Contact
from sampark.core.api.auth import current_user
from sampark.core.api.errors import documented
from sampark.core.api.pagination import KeysetPagination
from sampark.core.api.versions import expected_version, set_etag
from sampark.core.models import User
from sampark.core.records import access_record, can_add
from sampark.core.roles import Action
from sampark.customfields import api as custom_api
from sampark.customfields.models import CustomObject
from sampark.lib.countries import validate_country

router = Router(tags=["companies"])


class CompanyOut(Schema):
    id: int
    name: str
    domain: str = Field(description="The bare web domain, such as example.com, or empty.")
    industry: str
    size: str = Field(description="One of 1, 2-10, 11-50, 51-250, 251-1000, 1000+, or empty.")
    country: str = Field(description="ISO 3166 two-letter code, or empty.")
    external_id: str = Field(description="The ID in the system the company came from, or empty.")
    addresses: list[AddressOut] = Field(description="Postal addresses, the primary one first.")
    parent: int | None = Field(description="The parent company's id, or null.")
    tags: list[str]
    custom: dict[str, Any] = Field(
        description="Custom field values by key; see /api/v1/custom-fields."
    )
    owner: int = Field(description="The owning user's id.")
    team: int | None = Field(description="The team's id, or null.")
    created_at: datetime
    updated_at: datetime
    version: int = Field(description="Send back as If-Match to change or delete the company.")

    @staticmethod
    def resolve_parent(company: Company) -> int | None:
        return company.parent_id

    @staticmethod
    def resolve_owner(company: Company) -> int:
        return company.owner_id

    @staticmethod
    def resolve_team(company: Company) -> int | None:
        return company.team_id

    @staticmethod
    def resolve_tags(company: Company) -> list[str]:
        return [t.name for t in company.tags.all()]

    @staticmethod
    def resolve_addresses(company: Company) -> list[Address]:
        return list(company.addresses.all())


class CompanyIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str
    domain: str = Field("", description="A domain or web address; stored as the bare domain.")
    industry: str = ""
    size: str = Field("", description="One of 1, 2-10, 11-50, 51-250, 251-1000, 1000+.")
    country: str = Field("", description="ISO 3166 two-letter code, such as BD or IN.")
    external_id: str = Field("", description="The ID in the system it came from; unique.")
    addresses: list[AddressIn] = Field([], description=ADDRESSES_IN)
    parent: int | None = Field(None, description="The parent company's id.")
    tags: list[str] = Field(
        [], description="Tag names; new ones are created, case-insensitive repeats dropped."
    )
    custom: dict[str, Any] = Field(
        {}, description="Custom field values by key; required custom fields must be given."
    )


class CompanyPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    domain: str | None = None
    industry: str | None = None
    size: str | None = None
    country: str | None = None
    external_id: str | None = None
    addresses: list[AddressIn] | None = Field(None, description=ADDRESSES_REPLACE)
    parent: int | None = Field(None, description="The parent company's id; null for none.")
    tags: list[str] | None = Field(None, description="Replaces the company's tags.")
    custom: dict[str, Any] | None = Field(
        None, description="Custom values to change, by key; null clears one, others are kept."
    )
    version: int | None = Field(
        None, description="The version you read; or send it as If-Match instead."
    )


class PersonOut(Schema):
    contact_id: int
    display_name: str = Field(description="The contact's name.")
    title: str
    role: str
    is_primary: bool = Field(description="Whether this is the contact's main company.")

    @staticmethod
    def resolve_display_name(affiliation: Affiliation) -> str:
        return affiliation.contact.display_name


class PersonIn(Schema):
    model_config = ConfigDict(extra="forbid")

    contact_id: int = Field(description="A contact you may see.")
    title: str = Field("", max_length=120)
    role: str = Field("", max_length=120, description="Such as decision maker or billing.")
    is_primary: bool = Field(False, description="Make this the contact's main company.")


def _company_values(user: User, company: Company | None, values: dict[str, Any]) -> dict[str, Any]:
    """Domain normalised, country, parent and addresses checked; every bad field reported at
    once."""
    errors: dict[str, list[str]] = {}
    if values.get("domain"):
        try:
            values["domain"] = clean_domain(values["domain"])
        except ValidationError as error:
            errors["domain"] = error.messages
    if values.get("country"):
        values["country"] = values["country"].upper()
        try:
            validate_country(values["country"])
        except ValidationError as error:
            errors["country"] = error.messages
    if values.get("parent") is not None:
        parent = parent_choices(user, company).filter(pk=values["parent"]).first()
        if parent is None:
            errors["parent"] = [_("No such company, or you may not see it.")]
        else:
            try:
                check_parent(company, parent)
            except ValidationError as error:
                errors.update(error.message_dict)
        values["parent"] = parent
    if values.get("addresses") is not None:
        # Checked again by the actions; here so that they are reported with the fields above.
        country = values.get("country", company.country if company else "") or ""
        try:
            clean_addresses(values["addresses"], owner=Company, country=country)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return values


@router.get(
    "",
    response={200: list[CompanyOut], **documented(401, 422)},
    description="The companies you may see, by name; `q` matches the name or the web domain."
    + custom_api.FILTER_HELP,
)
@paginate(KeysetPagination)
def list_companies(request: HttpRequest, q: str = "", sort: str = "") -> CompanyQuerySet:
    companies = search.narrow(Company.objects.visible_to(current_user(request)), q)
    return custom_api.filtered(request, companies, CustomObject.COMPANY, sort).prefetch_related(
        "tags", "addresses"
    )


@router.post("", response={201: CompanyOut, **documented(401, 403, 422)})
def create_company(
    request: HttpRequest, payload: CompanyIn, response: HttpResponse
) -> Status[Company]:
    user = current_user(request)
    if not can_add(user, Company):
        raise PermissionDenied(_("Your role does not allow adding companies."))
    values = _company_values(user, None, payload.model_dump(exclude_unset=True))
    company = actions.create_company(by=user, **values)
    set_etag(response, company)
    response["Location"] = f"{request.path.rstrip('/')}/{company.pk}"
    return Status(201, company)


@router.get("/{int:company_id}", response={200: CompanyOut, **documented(401, 404)})
def get_company(request: HttpRequest, company_id: int, response: HttpResponse) -> Company:
    """One company, with its version as the ETag."""
    company = access_record(current_user(request), Company, company_id)
    set_etag(response, company)
    return company


@router.patch(
    "/{int:company_id}",
    response={200: CompanyOut, **documented(401, 403, 404, 409, 422, 428)},
)
def update_company(
    request: HttpRequest, company_id: int, payload: CompanyPatch, response: HttpResponse
) -> Company:
    """Change the fields sent; needs If-Match (or `version`) with the version you read."""
    user = current_user(request)
    company = access_record(user, Company, company_id, Action.CHANGE)
    values: dict[str, Any] = payload.model_dump(exclude_unset=True)
    version = expected_version(request, values.pop("version", None))
    values = _company_values(user, company, values)
    actions.update_company(company, by=user, values=values, expected_version=version)
    set_etag(response, company)
    return company


@router.delete(
    "/{int:company_id}", response={204: None, **documented(401, 403, 404, 409, 422, 428)}
)
def delete_company(request: HttpRequest, company_id: int) -> Status[None]:
    """Delete the company (its people stay, unlinked); needs If-Match with the version you read."""
    user = current_user(request)
    company = access_record(user, Company, company_id, Action.DELETE)
    version = expected_version(request)
    actions.delete_company(company, by=user, expected_version=version)
    return Status(204, None)


def _people(user: User, company: Company) -> QuerySet[Affiliation]:
    """The company's people whom ``user`` may see."""
    visible = Contact.objects.visible_to(user).values("pk")
    return company.affiliations.filter(contact__in=visible).select_related("contact")


@router.get(
    "/{int:company_id}/people", response={200: list[PersonOut], **documented(401, 404, 422)}
)
@paginate(KeysetPagination)
def list_people(request: HttpRequest, company_id: int) -> QuerySet[Affiliation]:
    """The people at the company whom you may see, by name."""
    user = current_user(request)
    company = access_record(user, Company, company_id)
    return _people(user, company).order_by("contact__display_name", "contact_id")


@router.post(
    "/{int:company_id}/people",
    response={200: PersonOut, 201: PersonOut, **documented(401, 403, 404, 422)},
)
def add_person(request: HttpRequest, company_id: int, payload: PersonIn) -> Status[Affiliation]:
    """Link a contact to the company, or change their title and role there (then 200, not 201).

    Needs permission to change the company, and a contact you may see.
    """
    user = current_user(request)
    company = access_record(user, Company, company_id, Action.CHANGE)
    contact = Contact.objects.visible_to(user).filter(pk=payload.contact_id).first()
    if contact is None:
        raise ValidationError({"contact_id": [_("No such contact, or you may not see it.")]})
    existed = Affiliation.objects.filter(company=company, contact=contact).exists()
    values = payload.model_dump(exclude={"contact_id"})
    affiliation = actions.link_company(contact, company, by=user, **values)
    return Status(200 if existed else 201, affiliation)


@router.delete(
    "/{int:company_id}/people/{int:contact_id}",
    response={204: None, **documented(401, 403, 404)},
)
def remove_person(request: HttpRequest, company_id: int, contact_id: int) -> Status[None]:
    """Unlink a contact from the company (the contact stays)."""
    user = current_user(request)
    company = access_record(user, Company, company_id, Action.CHANGE)
    contact = access_record(user, Contact, contact_id)
    if not Affiliation.objects.filter(company=company, contact=contact).exists():
        raise Http404
    actions.unlink_company(contact, company, by=user)
    return Status(204, None)
