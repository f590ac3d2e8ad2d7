"""The pipeline and lost reasons a new workspace starts with, so the first deal can be added at
once: after ``migrate`` (``post_migrate``, see apps.py) on a database that has no pipeline yet.
A workspace that has any pipeline is left as it is, whatever its admins made of it.

The names are written in the site's language (``LANGUAGE_CODE``), as admins would type them;
they are data from then on, renamed in Settings → Sales.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from sampark.core.models import User
from sampark.sales import actions_settings
from sampark.sales.models import LostReason, Pipeline

PIPELINE = gettext_noop("Sales")
# name, win probability (%)
STAGES = (
    (gettext_noop("Qualified"), 10),
    (gettext_noop("Needs analysis"), 25),
    (gettext_noop("Proposal"), 50),
    (gettext_noop("Negotiation"), 75),
    (gettext_noop("Commitment"), 90),
)
ROTTING_DAYS = 14
LOST_REASONS = (
    gettext_noop("Price"),
    gettext_noop("Timing"),
    gettext_noop("Competitor"),
    gettext_noop("No decision"),
    gettext_noop("Not a fit"),
)


def ensure_default_pipeline(*, by: User | None = None) -> Pipeline:
    """The first pipeline there is; with none at all, the default one (and the default lost
    reasons, if there are none either) made now."""
    existing = Pipeline.objects.order_by("position", "id").first()
    if existing is not None:
        return existing
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        pipeline = actions_settings.create_pipeline(by=by, name=_(PIPELINE))
        for name, probability in STAGES:
            actions_settings.add_stage(
                pipeline,
                by=by,
                name=_(name),
                probability=probability,
                rotting_days=ROTTING_DAYS,
            )
        if not LostReason.objects.exists():
            for reason in LOST_REASONS:
                actions_settings.add_lost_reason(by=by, name=_(reason))
    return pipeline


def create_after_migrate(using: str = DEFAULT_DB_ALIAS, **_kwargs: Any) -> None:
    """``post_migrate`` handler: the default pipeline, if the workspace has none."""
    if not settings.SAMPARK_DEFAULT_PIPELINE or using != DEFAULT_DB_ALIAS:
        return
    if Pipeline._meta.db_table not in connections[using].introspection.table_names():
        return  # migrated only up to before the sales app
    ensure_default_pipeline()
