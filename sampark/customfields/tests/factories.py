"""Custom fields defined the way an admin does it, so their indexes exist as in production."""

from __future__ import annotations

from typing import Any

from sampark.core.models import User
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from sampark.customfields.actions import define_field
from sampark.customfields.models import CustomField, CustomObject, FieldKind


def _admin() -> User:
    existing = User.objects.filter(username="fields-admin").first()
    return existing or make_user(Role.ADMIN, username="fields-admin")


def define(
    kind: FieldKind, key: str, obj: CustomObject = CustomObject.CONTACT, **values: Any
) -> CustomField:
    """``define(FieldKind.CHOICE, "risk", options=["low", "high"])``: options may be plain keys."""
    options = [
        option if isinstance(option, dict) else {"key": option, "label": option.title()}
        for option in values.pop("options", [])
    ]
    values.setdefault("label", key.replace("_", " ").capitalize())
    return define_field(by=_admin(), object=obj, key=key, kind=kind, options=options, **values)
