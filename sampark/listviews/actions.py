"""Every write of listviews: a user's columns, and saved views (audited, like records).

What the list pages read on every view (a user's columns, the views they may pick) is cached
(see ``sampark.listviews.state``); each write here moves the matching cache generation on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from sampark.core import audit, cached
from sampark.core.models import AuditAction, Team, User
from sampark.core.records import delete_versioned, update_versioned
from sampark.lib.locale_format import format_number
from sampark.listviews import lists
from sampark.listviews.access import may_change, may_delete, sharing_problem
from sampark.listviews.lists import RecordList
from sampark.listviews.models import (
    NAME_MAX_LENGTH,
    QUERY_MAX_LENGTH,
    ListPreference,
    SavedView,
    Visibility,
)

# Cache generations: the views each user may pick, and one user's chosen columns.
VIEWS_CACHE = "saved-views"


def columns_cache(user_id: int) -> str:
    return f"list-columns:{user_id}"


def record_list(name: str) -> RecordList:
    """The registered list called ``name``; a ValidationError on ``list`` if there is none."""
    found = lists.find(name)
    if found is None:
        raise ValidationError(
            {"list": _("Use one of: %(names)s.") % {"names": ", ".join(lists.names())}}
        )
    return found


# ---------- checks ----------


def clean_columns(record_list: RecordList, keys: Iterable[str], *, strict: bool) -> list[str]:
    """The column keys as stored: known ones, in order, once each. ``strict`` reports unknown
    keys (the API); otherwise they are dropped (a form whose field was deleted meanwhile)."""
    keys = list(keys)
    if strict:
        known = {column.key for column in record_list.available()}
        unknown = [key for key in keys if key not in known]
        if unknown:
            raise ValidationError(
                {
                    "columns": _("This list has no column called %(keys)s.")
                    % {"keys": ", ".join(unknown)}
                }
            )
    return [column.key for column in record_list.pick(keys)]


def clean_query(record_list: RecordList, query: str) -> str:
    """The list's filters and sort as stored: only its own parameters, empty ones dropped."""
    query = (query or "").strip().removeprefix("?")
    if len(query) > QUERY_MAX_LENGTH:
        raise ValidationError(
            {
                "query": _("Keep the filters to %(limit)s characters; these have %(length)s.")
                % {"limit": format_number(QUERY_MAX_LENGTH), "length": format_number(len(query))}
            }
        )
    params = QueryDict(query)
    unknown = sorted(name for name in params if not record_list.accepts(name))
    if unknown:
        raise ValidationError(
            {
                "query": _("This list has no filter or sort called %(names)s.")
                % {"names": ", ".join(unknown)}
            }
        )
    return record_list.query_of(params)


def _clean_name(name: str, *, owner: User, list_name: str, exclude: int | None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Give the view a name.")}, code="required")
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(
            {
                "name": _("Keep the name to %(limit)s characters; this has %(length)s.")
                % {"limit": format_number(NAME_MAX_LENGTH), "length": format_number(len(name))}
            },
            code="max_length",
        )
    taken = SavedView.objects.filter(owner=owner, list_name=list_name, name=name)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise ValidationError(
            {"name": _("You already have a view called “%(name)s”.") % {"name": name}},
            code="unique",
        )
    return name


def _checked(view: SavedView, by: User, values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` (name, query, columns, visibility, team) as stored; every problem at once,
    as a ValidationError keyed by field."""
    found = record_list(view.list_name)
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    checks = {
        "name": lambda v: _clean_name(
            v, owner=view.owner, list_name=view.list_name, exclude=view.pk
        ),
        "query": lambda v: clean_query(found, v),
        "columns": lambda v: clean_columns(found, v or (), strict=True),
    }
    for name, check in checks.items():
        if name in values:
            try:
                cleaned[name] = check(values[name])
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    errors.setdefault(field, []).extend(messages)
    if "visibility" in values or "team" in values:
        visibility = values.get("visibility", view.visibility)
        team: Team | None = values.get("team", view.team) if visibility == Visibility.TEAM else None
        if visibility != view.visibility or team != view.team or view.pk is None:
            for field, message in sharing_problem(by, visibility, team).items():
                errors.setdefault(field, []).append(message)
        cleaned["visibility"], cleaned["team"] = visibility, team
    if errors:
        raise ValidationError(errors)
    return cleaned


def _snapshot(view: SavedView) -> dict[str, Any]:
    return {
        "list_name": view.list_name,
        "name": view.name,
        "query": view.query,
        "columns": list(view.columns),
        "visibility": view.visibility,
        "team": view.team_id,
    }


# ---------- columns ----------


def set_columns(user: User, record_list: RecordList, keys: Iterable[str]) -> list[str]:
    """Show these columns (unknown ones dropped) in this order in ``user``'s list."""
    columns = clean_columns(record_list, keys, strict=False)
    ListPreference.objects.update_or_create(
        user=user,
        list_name=record_list.name,
        defaults={"columns": columns, "updated_at": timezone.now()},
    )
    cached.invalidate(columns_cache(user.pk))
    return columns


def reset_columns(user: User, record_list: RecordList) -> None:
    """Back to the list's default columns."""
    ListPreference.objects.filter(user=user, list_name=record_list.name).delete()
    cached.invalidate(columns_cache(user.pk))


# ---------- saved views ----------


def create_view(
    *,
    by: User,
    list_name: str,
    name: str,
    query: str = "",
    columns: Iterable[str] = (),
    visibility: str = Visibility.PRIVATE,
    team: Team | None = None,
) -> SavedView:
    view = SavedView(owner=by, list_name=record_list(list_name).name)
    values = {
        "name": name,
        "query": query,
        "columns": list(columns),
        "visibility": visibility,
        "team": team,
    }
    for field, value in _checked(view, by, values).items():
        setattr(view, field, value)
    with transaction.atomic():
        view.save(force_insert=True)
        changes = {k: [None, v] for k, v in _snapshot(view).items() if v not in (None, "", [])}
        audit.record(AuditAction.CREATE, view, by=by, changes=changes)
    cached.invalidate(VIEWS_CACHE)
    return view


def update_view(
    view: SavedView, *, by: User, values: Mapping[str, Any], expected_version: int | None = None
) -> SavedView:
    """Rename, re-share, or overwrite the filters and columns of one's own view."""
    if not may_change(by, view):
        raise PermissionDenied(_("Only its owner may change this view."))
    cleaned = _checked(view, by, values)
    changed = update_versioned(
        view, cleaned, by=by, snapshot=_snapshot, expected_version=expected_version
    )
    if changed:
        cached.invalidate(VIEWS_CACHE)
    return view


def delete_view(view: SavedView, *, by: User, expected_version: int | None = None) -> None:
    """Delete a view: its owner may, and an admin may delete any shared one."""
    if not may_delete(by, view):
        raise PermissionDenied(_("Only its owner, or an admin, may delete this view."))
    changes = {k: [v, None] for k, v in _snapshot(view).items() if v not in (None, "", [])}
    delete_versioned(view, by=by, expected_version=expected_version, changes=changes)
    cached.invalidate(VIEWS_CACHE)
