"""Leads over the REST API, mounted at ``/leads``:

- ``GET/POST /leads`` — list (filters ``status``, ``source``, ``owner``, ``q``; keyset pages,
  newest first) and create (source ``api`` unless given);
- ``GET/PATCH/DELETE /leads/{id}`` — PATCH and DELETE need ``If-Match`` (or a ``version``);
- ``POST /leads/{id}/convert`` — into a contact, its company and optionally a deal; 409 if it
  was converted before.

A lead of another team is "not found", as in the web UI. Money is a decimal string.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from sampark.core.api.auth import current_user
from sampark.core.api.errors import ApiError, documented
from sampark.core.api.pagination import KeysetPagination
from sampark.core.api.versions import expected_version, set_etag
from sampark.core.records import access_record, can_add
from sampark.core.roles import Action
from sampark.leads import actions, scores
from sampark.leads.models import Lead, LeadQuerySet, LeadSource, LeadStatus, Timeline
from sampark.sales.models import Pipeline

router = Router(tags=["leads"])

STATUSES = ", ".join(LeadStatus.values)
SOURCES = ", ".join(LeadSource.values)
TIMELINES = ", ".join(Timeline.values)


class ScoreFactorOut(Schema):
    label: str = Field(description="In the reader's language, such as “Source: Referral”.")
    points: int = Field(description="What it adds to the score, or takes from it when negative.")


class LeadOut(Schema):
    id: int
    name: str
    email: str
    phone: str = Field(description="In E.164.")
    company_name: str
    job_title: str
    country: str = Field(description="ISO 3166 two-letter code, or empty.")
    language: str
    source: str = Field(description=f"One of {SOURCES}.")
    status: str = Field(description=f"One of {STATUSES}.")
    unqualified_reason: str
    budget: Decimal | None
    budget_currency: str
    decision_maker: bool | None = Field(description="Null while not known.")
    need: str
    timeline: str = Field(description=f"One of {TIMELINES}, or empty.")
    message: str
    notes: str
    web_form: int | None = Field(description="The web form that captured it, or null.")
    utm_source: str
    utm_medium: str
    utm_campaign: str
    page_url: str
    consent: bool = Field(description="Agreed to be contacted.")
    consent_text: str = Field(description="The words they agreed to.")
    consent_at: datetime | None
    score: int | None = Field(description="0 to 100 from lead scoring; null until scored.")
    score_source: str | None = Field(
        description="Where the score came from: `model` (trained on your won and lost leads) "
        "or `rules` (your scoring rules); null until scored."
    )
    score_factors: list[ScoreFactorOut] = Field(
        description="What moved the score most, strongest first (up to 5)."
    )
    converted_at: datetime | None
    converted_contact: int | None
    converted_company: int | None
    converted_deal: int | None
    owner: int
    team: int | None
    created_at: datetime
    updated_at: datetime
    version: int = Field(description="Send back as If-Match to change or delete the lead.")

    @staticmethod
    def resolve_score_source(lead: Lead) -> str | None:
        explanation = scores.explain(lead)
        return explanation.source if explanation else None

    @staticmethod
    def resolve_score_factors(lead: Lead) -> list[scores.ScoreFactor]:
        explanation = scores.explain(lead)
        return explanation.factors if explanation else []

    @staticmethod
    def resolve_web_form(lead: Lead) -> int | None:
        return lead.web_form_id

    @staticmethod
    def resolve_converted_contact(lead: Lead) -> int | None:
        return lead.converted_contact_id

    @staticmethod
    def resolve_converted_company(lead: Lead) -> int | None:
        return lead.converted_company_id

    @staticmethod
    def resolve_converted_deal(lead: Lead) -> int | None:
        return lead.converted_deal_id

    @staticmethod
    def resolve_owner(lead: Lead) -> int:
        return lead.owner_id

    @staticmethod
    def resolve_team(lead: Lead) -> int | None:
        return lead.team_id


# Inputs carry only what a user may set; values are checked by the model's rules, as the form.
class LeadIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str
    email: str = ""
    phone: str = Field("", description="In any format; local numbers need `country`.")
    company_name: str = ""
    job_title: str = ""
    country: str = Field("", description="ISO 3166 two-letter code, such as BD or IN.")
    language: str | None = Field(None, description="A language code such as en, bn or hi.")
    source: str = Field(LeadSource.API, description=f"One of {SOURCES}.")
    status: str | None = Field(None, description="Not converted: convert the lead for that.")
    unqualified_reason: str = ""
    budget: Decimal | None = None
    budget_currency: str = Field("", description="ISO 4217; the base currency when empty.")
    decision_maker: bool | None = None
    need: str = ""
    timeline: str = Field("", description=f"One of {TIMELINES}, or empty.")
    message: str = ""
    notes: str = ""
    utm_source: str = ""
    utm_medium: str = ""
    utm_campaign: str = ""
    page_url: str = ""
    consent: bool = False
    consent_text: str = ""
    consent_at: datetime | None = Field(None, description="Now, when consent is given without.")


class LeadPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    company_name: str | None = None
    job_title: str | None = None
    country: str | None = None
    language: str | None = None
    source: str | None = None
    status: str | None = None
    unqualified_reason: str | None = None
    budget: Decimal | None = None
    budget_currency: str | None = None
    decision_maker: bool | None = None
    need: str | None = None
    timeline: str | None = None
    message: str | None = None
    notes: str | None = None
    consent: bool | None = None
    consent_text: str | None = None
    version: int | None = Field(
        None, description="The version you read; or send it as If-Match instead."
    )


class ConvertIn(Schema):
    model_config = ConfigDict(extra="forbid")

    create_deal: bool = Field(False, description="Also open a deal in the pipeline's first stage.")
    pipeline: int | None = Field(None, description="The pipeline's id; needed with create_deal.")
    deal_name: str = Field("", description="The company's (or contact's) name when empty.")
    amount: Decimal | None = None
    currency: str = Field("", description="ISO 4217; the lead's budget currency, else the base.")
    expected_close: date | None = None
    version: int | None = Field(
        None, description="Optional: the version you read (or If-Match); refused if it moved on."
    )


def _choice(name: str, value: str | None, allowed: list[str]) -> None:
    if value is not None and value not in allowed:
        raise ApiError(
            422,
            "invalid",
            _("Some values are not valid; see fields."),
            fields={name: [_("Use one of: %(values)s.") % {"values": ", ".join(allowed)}]},
        )


@router.get("", response={200: list[LeadOut], **documented(401, 422)})
@paginate(KeysetPagination)
def list_leads(
    request: HttpRequest,
    status: str | None = None,
    source: str | None = None,
    owner: int | None = None,
    q: str = "",
    min_score: int | None = Query(None, ge=0, le=100, description="Leads scored at least this."),
    sort: str | None = Query(None, description="`newest` (the default) or `score`, highest first."),
) -> LeadQuerySet:
    """The leads you may see, newest first; `q` matches name, email, company or phone."""
    _choice("status", status, LeadStatus.values)
    _choice("source", source, LeadSource.values)
    _choice("sort", sort, ["newest", "score"])
    leads = Lead.objects.visible_to(current_user(request)).matching(q)
    leads = scores.with_explanations(leads)
    if min_score is not None:
        leads = leads.filter(score__gte=min_score)
    if sort == "score":
        leads = leads.by_score()
    if status is not None:
        leads = leads.filter(status=status)
    if source is not None:
        leads = leads.filter(source=source)
    if owner is not None:
        leads = leads.filter(owner_id=owner)
    return leads


@router.post("", response={201: LeadOut, **documented(401, 403, 422)})
def create_lead(request: HttpRequest, payload: LeadIn, response: HttpResponse) -> Status[Lead]:
    user = current_user(request)
    if not can_add(user, Lead):
        raise PermissionDenied(_("Your role does not allow adding leads."))
    values: dict[str, Any] = payload.model_dump(exclude_none=True)
    lead = actions.create_lead(by=user, **values)
    set_etag(response, lead)
    response["Location"] = f"{request.path.rstrip('/')}/{lead.pk}"
    return Status(201, lead)


@router.get("/{int:lead_id}", response={200: LeadOut, **documented(401, 404)})
def get_lead(request: HttpRequest, lead_id: int, response: HttpResponse) -> Lead:
    lead = access_record(current_user(request), Lead, lead_id)
    set_etag(response, lead)
    return lead


@router.patch("/{int:lead_id}", response={200: LeadOut, **documented(401, 403, 404, 409, 422, 428)})
def update_lead(
    request: HttpRequest, lead_id: int, payload: LeadPatch, response: HttpResponse
) -> Lead:
    """Change the fields sent; needs If-Match (or `version`) with the version you read."""
    user = current_user(request)
    lead = access_record(user, Lead, lead_id, Action.CHANGE)
    values: dict[str, Any] = payload.model_dump(exclude_unset=True)
    version = expected_version(request, values.pop("version", None))
    if lead.is_converted:
        raise _already_converted()
    lead = actions.update_lead(lead, by=user, values=values, expected_version=version)
    set_etag(response, lead)
    return lead


@router.delete("/{int:lead_id}", response={204: None, **documented(401, 403, 404, 409, 422, 428)})
def delete_lead(request: HttpRequest, lead_id: int) -> Status[None]:
    """Delete the lead; needs If-Match with the version you read."""
    user = current_user(request)
    lead = access_record(user, Lead, lead_id, Action.DELETE)
    actions.delete_lead(lead, by=user, expected_version=expected_version(request))
    return Status(204, None)


def _already_converted() -> ApiError:
    return ApiError(
        409,
        "already_converted",
        _("This lead was already converted; open the contact it became instead."),
    )


@router.post(
    "/{int:lead_id}/convert",
    response={200: LeadOut, **documented(401, 403, 404, 409, 422)},
)
def convert_lead(
    request: HttpRequest, lead_id: int, payload: ConvertIn, response: HttpResponse
) -> Lead:
    """Convert the lead in one step: the contact with its email or phone that you can see (or a
    new one), the company it names (found by web domain or name, or new), and with
    `create_deal` a deal in the pipeline's first stage. The lead's message becomes a note on
    the contact. Answers with the converted lead, whose `converted_*` fields name them."""
    user = current_user(request)
    lead = access_record(user, Lead, lead_id, Action.CHANGE)
    values: dict[str, Any] = payload.model_dump()
    body_version = values.pop("version")
    version = (
        expected_version(request, body_version)
        if body_version is not None or "If-Match" in request.headers
        else None
    )
    pipeline = None
    if (pipeline_id := values.pop("pipeline")) is not None:
        pipeline = Pipeline.objects.filter(pk=pipeline_id, is_active=True).first()
        if pipeline is None:
            raise ApiError(
                422,
                "invalid",
                _("Some values are not valid; see fields."),
                fields={"pipeline": [_("Choose an active pipeline for the deal.")]},
            )
    values["currency"] = values["currency"].strip().upper()
    try:
        lead = actions.convert_lead(
            lead, by=user, pipeline=pipeline, expected_version=version, **values
        )
    except actions.AlreadyConverted:
        raise _already_converted() from None
    set_etag(response, lead)
    return lead
