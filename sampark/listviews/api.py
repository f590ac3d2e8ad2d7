"""Saved views over the REST API (``/api/v1/saved-views``).

- ``GET /saved-views?list=contacts`` — the views of that list you may see, by name (keyset
  pages);
- ``POST /saved-views`` — save one: ``{"list": "contacts", "name": "…", "query": "stage=lead",
  "columns": ["stage", "email"], "visibility": "team", "team": 3}``;
- ``GET/PATCH/DELETE /saved-views/{id}`` — PATCH and DELETE need ``If-Match`` (or, for PATCH, a
  ``version`` field); only the owner changes a view, the owner or an admin (for shared views)
  deletes it.

``query`` is the list page's own query string; its parameter names are checked against the list
(an unknown one is a 422 on ``query``). A view you may not see is a 404.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from sampark.core.api.auth import current_user
from sampark.core.api.errors import documented
from sampark.core.api.pagination import KeysetPagination
from sampark.core.api.versions import etag, expected_version
from sampark.core.models import Team
from sampark.core.roles import Action
from sampark.listviews import actions
from sampark.listviews.access import access_view
from sampark.listviews.models import SavedView, SavedViewQuerySet, Visibility
from sampark.listviews.state import columns_for

router = Router(tags=["saved views"])

# The schemas have a field called "list", which hides the built-in inside their class bodies.
Keys = list[str]

LIST = "The list: contacts or companies."
QUERY = "The list page's filters and sort as a query string, such as stage=lead&sort=updated."
COLUMNS = "Column keys shown after the name, in order (custom fields as cf_<key>)."
VISIBILITY = f"Who sees the view: one of {', '.join(Visibility.values)}."


class SavedViewOut(Schema):
    id: int
    list: str = Field(description=LIST)
    name: str
    query: str = Field(description=QUERY)
    columns: Keys = Field(description=COLUMNS)
    visibility: str = Field(description=VISIBILITY)
    team: int | None = Field(description="For team views: the team's id.")
    owner: int = Field(description="The owner's user id.")
    owner_username: str
    url: str = Field(description="The list with this view applied, in the web UI.")
    created_at: datetime
    updated_at: datetime
    version: int = Field(description="Send back as If-Match to change or delete the view.")

    @staticmethod
    def resolve_list(view: SavedView) -> str:
        return view.list_name

    @staticmethod
    def resolve_team(view: SavedView) -> int | None:
        return view.team_id

    @staticmethod
    def resolve_owner(view: SavedView) -> int:
        return view.owner_id

    @staticmethod
    def resolve_owner_username(view: SavedView) -> str:
        return view.owner.username

    @staticmethod
    def resolve_url(view: SavedView) -> str:
        return f"{actions.record_list(view.list_name).url}?view={view.pk}"


class SavedViewIn(Schema):
    model_config = ConfigDict(extra="forbid")

    list: str | None = Field(None, description=f"{LIST} Or send it as ?list=.")
    name: str
    query: str = Field("", description=QUERY)
    columns: Keys | None = Field(
        None, description=f"{COLUMNS} Left out: the columns you show in the list now."
    )
    visibility: str = Field(Visibility.PRIVATE.value, description=VISIBILITY)
    team: int | None = Field(None, description="For visibility team: the team's id.")


class SavedViewChange(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    query: str | None = Field(None, description=QUERY)
    columns: Keys | None = Field(None, description=COLUMNS)
    visibility: str | None = Field(None, description=VISIBILITY)
    team: int | None = Field(None, description="For visibility team: the team's id.")
    version: int | None = Field(None, description="The version you read, if not in If-Match.")


def _team(pk: int | None) -> Team | None:
    if pk is None:
        return None
    team = Team.objects.filter(pk=pk).first()
    if team is None:
        raise ValidationError({"team": _("There is no team with this id.")})
    return team


def _views() -> SavedViewQuerySet:
    return SavedView.objects.select_related("owner")


def _with_etag(response: HttpResponse, view: SavedView) -> SavedView:
    response["ETag"] = etag(view.version)
    return view


@router.get("/saved-views", response={200: list[SavedViewOut], **documented(401, 422)})
@paginate(KeysetPagination)
def list_saved_views(
    request: HttpRequest, list: str = Query(..., description=LIST)
) -> QuerySet[SavedView]:
    """The views of one list you may see: your own, your teams', and everyone's."""
    found = actions.record_list(list)
    return _views().visible_to(current_user(request)).for_list(found.name)


@router.post("/saved-views", response={201: SavedViewOut, **documented(401, 422)})
def create_saved_view(
    request: HttpRequest,
    payload: SavedViewIn,
    response: HttpResponse,
    list: str = Query("", description=f"{LIST} Or send it as list in the body."),
) -> Status[SavedView]:
    """Save a view of a list; sharing with everyone is for admins and managers."""
    user = current_user(request)
    if payload.list and list and payload.list != list:
        raise ValidationError({"list": _("The list in the body and in the address differ.")})
    found = actions.record_list(payload.list or list)
    columns = payload.columns
    if columns is None:
        columns = [column.key for column in columns_for(user, found, None)]
    view = actions.create_view(
        by=user,
        list_name=found.name,
        name=payload.name,
        query=payload.query,
        columns=columns,
        visibility=payload.visibility,
        team=_team(payload.team),
    )
    response["Location"] = f"{request.path.rstrip('/')}/{view.pk}"
    return Status(201, _with_etag(response, _views().get(pk=view.pk)))


@router.get("/saved-views/{int:view_id}", response={200: SavedViewOut, **documented(401, 404)})
def get_saved_view(request: HttpRequest, view_id: int, response: HttpResponse) -> SavedView:
    return _with_etag(response, access_view(current_user(request), view_id))


@router.patch(
    "/saved-views/{int:view_id}",
    response={200: SavedViewOut, **documented(401, 403, 404, 409, 422, 428)},
)
def change_saved_view(
    request: HttpRequest, view_id: int, payload: SavedViewChange, response: HttpResponse
) -> SavedView:
    """Rename, re-share or overwrite your own view; needs If-Match (or version)."""
    user = current_user(request)
    view = access_view(user, view_id, Action.CHANGE)
    version = expected_version(request, payload.version)
    values: dict[str, Any] = payload.model_dump(exclude_unset=True, exclude={"version"})
    if "team" in values:
        values["team"] = _team(values["team"])
    actions.update_view(view, by=user, values=values, expected_version=version)
    return _with_etag(response, _views().get(pk=view.pk))


@router.delete(
    "/saved-views/{int:view_id}",
    response={204: None, **documented(401, 403, 404, 409, 422, 428)},
)
def delete_saved_view(request: HttpRequest, view_id: int) -> Status[None]:
    """Delete your view (an admin may delete any shared one); needs If-Match."""
    user = current_user(request)
    view = access_view(user, view_id, Action.DELETE)
    actions.delete_view(view, by=user, expected_version=expected_version(request))
    return Status(204, None)
