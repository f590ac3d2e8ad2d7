"""Deals and pipelines over the REST API.

Mounted at the API's root, so its operations are:

- ``GET/POST /deals`` — list (the deal list's filters; keyset pages) and create;
- ``GET/PATCH/DELETE /deals/{id}`` — PATCH and DELETE need ``If-Match`` (or ``version``);
- ``POST /deals/{id}/move`` (a stage of its pipeline), ``/win``, ``/lose`` (a reason), ``/reopen``
  — each needs the version too, as a move on stale data would undo a colleague's;
- ``GET /pipelines``, ``GET /pipelines/{id}`` — pipelines with their stages, read-only.

Deals are fetched through ``access_record``/``visible_to`` as in the web UI: another team's deal
is "not found". A contact or company named in a body that the caller may not see is a field
error (422). Money is sent and returned as decimal strings, with a currency code.
"""

# Not ``from __future__ import annotations``: ninja's ``paginate`` resolves the list operation's
# annotations in its own module, where this module's names (``date``, ``Query``) are unknown.

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from sampark.contacts.models import Company, Contact
from sampark.core.api.auth import current_user
from sampark.core.api.errors import documented
from sampark.core.api.pagination import KeysetPagination
from sampark.core.api.versions import expected_version, set_etag
from sampark.core.models import User
from sampark.core.records import access_record, can_add
from sampark.core.roles import Action
from sampark.sales import actions
from sampark.sales.lists import ANY_STATUS, DEAL_SORTS, MINE, TEAM, DealFilters, filtered_deals
from sampark.sales.models import Deal, DealQuerySet, DealStatus, ForecastCategory, Pipeline, Stage

router = Router(tags=["deals"])

STATUSES = ", ".join(DealStatus.values)
CATEGORIES = ", ".join(ForecastCategory.values)


class DealOut(Schema):
    id: int
    name: str
    pipeline: int = Field(description="The pipeline's id.")
    stage: int = Field(description="The stage's id; a won or lost deal keeps the one it closed in.")
    status: str = Field(description=f"One of {STATUSES}.")
    amount: Decimal = Field(description="In the deal's currency.")
    currency: str = Field(description="ISO 4217 code, such as BDT.")
    amount_base: Decimal | None = Field(
        description="The amount in the base currency at the rate of the expected close date; "
        "null while the currency has no rate."
    )
    expected_close: date | None
    contact: int | None = Field(description="The main person's contact id.")
    company: int | None = Field(description="The company's id.")
    source: str
    next_step: str
    description: str
    forecast_category: str = Field(description=f"One of {CATEGORIES}.")
    stage_entered_at: datetime = Field(description="When it entered its stage.")
    closed_at: datetime | None
    lost_reason: str
    owner: int = Field(description="The owning user's id.")
    team: int | None = Field(description="The team's id, or null.")
    created_at: datetime
    updated_at: datetime
    version: int = Field(description="Send back as If-Match to change, move or delete the deal.")

    @staticmethod
    def resolve_pipeline(deal: Deal) -> int:
        return deal.pipeline_id

    @staticmethod
    def resolve_stage(deal: Deal) -> int:
        return deal.stage_id

    @staticmethod
    def resolve_contact(deal: Deal) -> int | None:
        return deal.contact_id

    @staticmethod
    def resolve_company(deal: Deal) -> int | None:
        return deal.company_id

    @staticmethod
    def resolve_owner(deal: Deal) -> int:
        return deal.owner_id

    @staticmethod
    def resolve_team(deal: Deal) -> int | None:
        return deal.team_id


class DealIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(max_length=200)
    pipeline: int = Field(description="An active pipeline's id.")
    stage: int | None = Field(None, description="A stage of the pipeline; its first when left out.")
    amount: Decimal = Field(Decimal(0), ge=0, max_digits=18, decimal_places=2)
    currency: str = Field("", description="ISO 4217 code; the base currency when left out.")
    expected_close: date | None = None
    contact: int | None = Field(None, description="A contact you may see.")
    company: int | None = Field(None, description="A company you may see.")
    source: str = Field("", max_length=100)
    next_step: str = Field("", max_length=200)
    description: str = ""
    forecast_category: str = Field(ForecastCategory.PIPELINE, description=f"One of {CATEGORIES}.")


class DealPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, max_length=200)
    pipeline: int | None = Field(
        None,
        description="Moving to another pipeline starts at its first stage unless `stage` is given.",
    )
    stage: int | None = Field(None, description="A stage of the deal's pipeline: a move.")
    amount: Decimal | None = Field(None, ge=0, max_digits=18, decimal_places=2)
    currency: str | None = None
    expected_close: date | None = None
    contact: int | None = Field(None, description="A contact you may see; null for none.")
    company: int | None = Field(None, description="A company you may see; null for none.")
    source: str | None = Field(None, max_length=100)
    next_step: str | None = Field(None, max_length=200)
    description: str | None = None
    forecast_category: str | None = None
    version: int | None = Field(None, description="The version you read; or send If-Match.")


class Versioned(Schema):
    model_config = ConfigDict(extra="forbid")

    version: int | None = Field(None, description="The version you read; or send If-Match.")


class MoveIn(Versioned):
    stage: int = Field(description="A stage of the deal's pipeline.")


class LoseIn(Versioned):
    reason: str = Field(
        "", max_length=100, description="Why it was lost: a lost reason's name, or your own words."
    )


class StageOut(Schema):
    id: int
    name: str
    position: int
    probability: int = Field(description="The chance (%) that a deal in this stage is won.")
    rotting_days: int | None = Field(description="After how many days in it a deal is rotting.")


class PipelineOut(Schema):
    id: int
    name: str
    position: int
    is_active: bool = Field(description="Inactive pipelines take no new deals.")
    stages: list[StageOut] = Field(description="In order.")

    @staticmethod
    def resolve_stages(pipeline: Pipeline) -> list[Stage]:
        return list(pipeline.stages.all())


def _links(user: User, values: dict[str, Any], *, new: bool) -> dict[str, Any]:
    """Ids in the body turned into records, every unknown one reported at once."""
    errors: dict[str, list[str]] = {}
    if "pipeline" in values:
        pipelines = Pipeline.objects.filter(is_active=True) if new else Pipeline.objects.all()
        values["pipeline"] = pipelines.filter(pk=values["pipeline"]).first()
        if values["pipeline"] is None:
            errors["pipeline"] = [_("No such active pipeline.")]
    if values.get("stage") is not None:
        values["stage"] = Stage.objects.filter(pk=values["stage"]).first()
        if values["stage"] is None:
            errors["stage"] = [_("No such stage.")]
    elif "stage" in values:
        del values["stage"]  # left out, or null: the pipeline's first (or the deal's own)
    for name, model in (("contact", Contact), ("company", Company)):
        if values.get(name) is not None:
            values[name] = model.objects.visible_to(user).filter(pk=values[name]).first()
            if values[name] is None:
                errors[name] = [_("No such record, or you may not see it.")]
    if values.get("currency"):
        values["currency"] = values["currency"].strip().upper()
    elif "currency" in values:
        del values["currency"]  # the base currency (new), or the deal's own
    if errors:
        raise ValidationError(errors)
    return values


class DealQuery(Schema):
    q: str = Field("", description="Words the deal's name starts with, in any script.")
    pipeline: int | None = None
    stage: int | None = None
    status: str = Field("", description=f"One of {STATUSES}; any when left out.")
    owner: str = Field(
        "", description="`mine`, or `team` (yours and your teams'); all you may see if left out."
    )
    contact: int | None = Field(None, description="Deals naming this contact.")
    company: int | None = None
    close_from: date | None = Field(None, description="Expected to close on or after.")
    close_to: date | None = Field(None, description="Expected to close on or before.")
    sort: str = Field(
        "close",
        description="`close` (soonest first), `amount` (largest first, in the base currency) "
        "or `updated` (latest first).",
    )


@router.get("/deals", response={200: list[DealOut], **documented(401, 422)})
@paginate(KeysetPagination)
def list_deals(request: HttpRequest, query: Query[DealQuery]) -> DealQuerySet:
    """The deals you may see, filtered like the deal list."""
    errors: dict[str, list[str]] = {}
    if query.status and query.status not in DealStatus.values:
        errors["status"] = [_("Use one of: %(values)s.") % {"values": STATUSES}]
    if query.owner not in ("", MINE, TEAM):
        errors["owner"] = [_("Use “mine” or “team”, or leave it out.")]
    if query.sort not in DEAL_SORTS:
        errors["sort"] = [_("Use one of: %(values)s.") % {"values": ", ".join(DEAL_SORTS)}]
    if errors:
        raise ValidationError(errors)
    filters = DealFilters(**{**query.model_dump(), "status": query.status or ANY_STATUS})
    return filtered_deals(current_user(request), filters)


@router.post("/deals", response={201: DealOut, **documented(401, 403, 422)})
def create_deal(request: HttpRequest, payload: DealIn, response: HttpResponse) -> Status[Deal]:
    """A new open deal, owned by you; in the pipeline's first stage unless `stage` is given."""
    user = current_user(request)
    if not can_add(user, Deal):
        raise PermissionDenied(_("Your role does not allow adding deals."))
    values = _links(user, payload.model_dump(), new=True)
    deal = actions.create_deal(by=user, **values)
    set_etag(response, deal)
    response["Location"] = f"{request.path.rstrip('/')}/{deal.pk}"
    return Status(201, deal)


@router.get("/deals/{int:deal_id}", response={200: DealOut, **documented(401, 404)})
def get_deal(request: HttpRequest, deal_id: int, response: HttpResponse) -> Deal:
    deal = access_record(current_user(request), Deal, deal_id)
    set_etag(response, deal)
    return deal


@router.patch(
    "/deals/{int:deal_id}", response={200: DealOut, **documented(401, 403, 404, 409, 422, 428)}
)
def update_deal(
    request: HttpRequest, deal_id: int, payload: DealPatch, response: HttpResponse
) -> Deal:
    """Change the fields sent; a new `stage` is a move. Needs If-Match (or `version`)."""
    user = current_user(request)
    deal = access_record(user, Deal, deal_id, Action.CHANGE)
    values: dict[str, Any] = payload.model_dump(exclude_unset=True)
    version = expected_version(request, values.pop("version", None))
    values = _links(user, values, new=False)
    for required in ("name", "amount", "forecast_category"):
        if required in values and values[required] is None:
            raise ValidationError({required: [_("This field cannot be null.")]})
    deal = actions.update_deal(deal, by=user, values=values, expected_version=version)
    set_etag(response, deal)
    return deal


@router.delete(
    "/deals/{int:deal_id}", response={204: None, **documented(401, 403, 404, 409, 422, 428)}
)
def delete_deal(request: HttpRequest, deal_id: int) -> Status[None]:
    """Delete the deal; needs If-Match with the version you read."""
    user = current_user(request)
    deal = access_record(user, Deal, deal_id, Action.DELETE)
    actions.delete_deal(deal, by=user, expected_version=expected_version(request))
    return Status(204, None)


def _changing(request: HttpRequest, deal_id: int, body: Versioned) -> tuple[User, Deal, int]:
    user = current_user(request)
    deal = access_record(user, Deal, deal_id, Action.CHANGE)
    return user, deal, expected_version(request, body.version)


STATE_CHANGE = {200: DealOut, **documented(401, 403, 404, 409, 422, 428)}


@router.post("/deals/{int:deal_id}/move", response=STATE_CHANGE)
def move_deal(request: HttpRequest, deal_id: int, payload: MoveIn, response: HttpResponse) -> Deal:
    """Move the deal to another stage of its pipeline (the board's drag and drop)."""
    user, deal, version = _changing(request, deal_id, payload)
    stage = Stage.objects.filter(pk=payload.stage).first()
    if stage is None:
        raise ValidationError({"stage": [_("No such stage.")]})
    deal = actions.move_deal(deal, stage, by=user, expected_version=version)
    set_etag(response, deal)
    return deal


@router.post("/deals/{int:deal_id}/win", response=STATE_CHANGE)
def win_deal(
    request: HttpRequest, deal_id: int, payload: Versioned, response: HttpResponse
) -> Deal:
    """Mark an open deal as won."""
    user, deal, version = _changing(request, deal_id, payload)
    deal = actions.win_deal(deal, by=user, expected_version=version)
    set_etag(response, deal)
    return deal


@router.post("/deals/{int:deal_id}/lose", response=STATE_CHANGE)
def lose_deal(request: HttpRequest, deal_id: int, payload: LoseIn, response: HttpResponse) -> Deal:
    """Mark an open deal as lost, saying why."""
    user, deal, version = _changing(request, deal_id, payload)
    if not payload.reason.strip():
        raise ValidationError({"reason": [_("Say why the deal was lost.")]})
    deal = actions.lose_deal(deal, by=user, reason=payload.reason, expected_version=version)
    set_etag(response, deal)
    return deal


@router.post("/deals/{int:deal_id}/reopen", response=STATE_CHANGE)
def reopen_deal(
    request: HttpRequest, deal_id: int, payload: Versioned, response: HttpResponse
) -> Deal:
    """Open a won or lost deal again, in the stage it closed in."""
    user, deal, version = _changing(request, deal_id, payload)
    deal = actions.reopen_deal(deal, by=user, expected_version=version)
    set_etag(response, deal)
    return deal


@router.get("/pipelines", response={200: list[PipelineOut], **documented(401)})
def list_pipelines(request: HttpRequest) -> QuerySet[Pipeline]:
    """Every pipeline with its stages, in order (inactive ones too: their deals remain)."""
    current_user(request)
    return Pipeline.objects.prefetch_related("stages").order_by("position", "id")


@router.get("/pipelines/{int:pipeline_id}", response={200: PipelineOut, **documented(401, 404)})
def get_pipeline(request: HttpRequest, pipeline_id: int) -> Pipeline:
    current_user(request)
    return get_object_or_404(Pipeline.objects.prefetch_related("stages"), pk=pipeline_id)
