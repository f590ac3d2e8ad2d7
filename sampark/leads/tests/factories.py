"""Builders for leads and web forms, through the actions (so they are audited as in life)."""

from __future__ import annotations

from typing import Any

from sampark.core.models import User
from sampark.leads import actions
from sampark.leads.actions_web_forms import create_web_form
from sampark.leads.models import Lead, WebForm


def make_lead(by: User, **values: Any) -> Lead:
    values.setdefault("name", "Rahima Khatun")
    values.setdefault("email", "rahima@example.com")
    return actions.create_lead(by=by, **values)


def make_web_form(by: User, **values: Any) -> WebForm:
    """A form by ``by`` (a manager or admin) whose leads go to ``owner`` (``by`` if not given)."""
    values.setdefault("name", "Contact us")
    values.setdefault("thank_you_message", "Thank you!")
    return create_web_form(by=by, **values)
