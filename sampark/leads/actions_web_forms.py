"""Writes to web forms, and who may make them: admins (every form) and managers (their teams'
forms). A form hands its leads to its owner, so it is configuration the team lead decides."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from sampark.core.models import User
from sampark.core.records import create_record, delete_record, update_record
from sampark.core.roles import Action, Role, role_of
from sampark.leads.models import WebForm, WebFormQuerySet

MANAGING_ROLES = frozenset({Role.ADMIN, Role.MANAGER})


def may_manage_forms(user: User) -> bool:
    return role_of(user) in MANAGING_ROLES


def manageable_forms(user: User, action: Action = Action.VIEW) -> WebFormQuerySet:
    if not may_manage_forms(user):
        return WebForm.objects.none()
    return WebForm.objects.visible_to(user, action)


def _require(user: User) -> None:
    if not may_manage_forms(user):
        raise PermissionDenied(_("Only managers and admins manage web forms."))


def create_web_form(*, by: User, **values: Any) -> WebForm:
    _require(by)
    return create_record(WebForm, by=by, **values)


def update_web_form(
    form: WebForm, *, by: User, values: Mapping[str, Any], expected_version: int | None = None
) -> WebForm:
    _require(by)
    return update_record(form, by=by, values=values, expected_version=expected_version)


def delete_web_form(form: WebForm, *, by: User) -> None:
    """The form's leads stay; they only forget which form brought them."""
    _require(by)
    delete_record(form, by=by)
