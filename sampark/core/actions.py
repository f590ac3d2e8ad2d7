"""Writes to users, teams and API tokens. Each one is audited like a business record."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from sampark.core import audit
from sampark.core.models import AuditAction, User

PROFILE_FIELDS = frozenset({"first_name", "last_name", "email", "language", "time_zone"})


def update_profile(user: User, *, by: User, values: Mapping[str, Any]) -> User:
    changes = {
        name: [getattr(user, name), value]
        for name, value in values.items()
        if name in PROFILE_FIELDS and getattr(user, name) != value
    }
    if not changes:
        return user
    for name, (_old, new) in changes.items():
        setattr(user, name, new)
    user.full_clean(exclude=["password", "username"])
    with transaction.atomic():
        user.save(update_fields=list(changes))
        audit.record(AuditAction.UPDATE, user, by=by, changes=changes)
    return user
