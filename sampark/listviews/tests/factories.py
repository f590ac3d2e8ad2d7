"""Saved views made the way users make them (through the audited action)."""

from __future__ import annotations

from typing import Any

from sampark.core.models import User
from sampark.listviews.actions import create_view
from sampark.listviews.models import SavedView


def saved_view(owner: User, name: str = "My view", **values: Any) -> SavedView:
    """``saved_view(agent, query="stage=lead", visibility="team", team=dhaka)``."""
    values.setdefault("list_name", "contacts")
    return create_view(by=owner, name=name, **values)
