"""Writes to the sales settings: pipelines, their stages, and the reasons deals are lost.

Admins make these in Settings (views_settings.py); the default pipeline (defaults.py) and the
demo use them too. Each write is audited (core/audited.py). A pipeline or stage that deals are in is
never deleted: the deals would lose their place, and reports their history.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sampark.core import audited
from sampark.core.models import User
from sampark.core.roles import Role
from sampark.lib.locale_format import format_number
from sampark.sales.models import Deal, LostReason, Pipeline, Stage

# Who may change the sales settings.
MANAGE_SALES_SETTINGS = frozenset({Role.ADMIN})

PIPELINE_FIELDS = ("name", "position", "is_active")
STAGE_FIELDS = ("pipeline_id", "name", "position", "probability", "rotting_days")
LOST_REASON_FIELDS = ("name", "position", "is_active")


def _next_position(rows: models.QuerySet[Any]) -> int:
    highest = rows.aggregate(highest=Max("position"))["highest"]
    return 0 if highest is None else highest + 1


# ---------- pipelines ----------


def create_pipeline(*, by: User | None, name: str, is_active: bool = True) -> Pipeline:
    pipeline = Pipeline(
        name=name.strip(), is_active=is_active, position=_next_position(Pipeline.objects.all())
    )
    return audited.create(pipeline, by=by, fields=PIPELINE_FIELDS)


def update_pipeline(pipeline: Pipeline, *, by: User, values: Mapping[str, Any]) -> Pipeline:
    """Rename, activate or deactivate (``name``, ``is_active``)."""
    values = {name: values[name] for name in ("name", "is_active") if name in values}
    if "name" in values:
        values["name"] = str(values["name"]).strip()
    audited.update(pipeline, by=by, values=values, fields=PIPELINE_FIELDS)
    return pipeline


def delete_pipeline(pipeline: Pipeline, *, by: User) -> None:
    """Delete the pipeline and its stages; refused while any deal is in it."""
    count = Deal.objects.filter(pipeline=pipeline).count()
    if count:
        raise ValidationError(
            ngettext(
                "%(count)s deal is in this pipeline (open, won or lost). Move it to another "
                "pipeline first, or deactivate this pipeline instead.",
                "%(count)s deals are in this pipeline (open, won or lost). Move them to another "
                "pipeline first, or deactivate this pipeline instead.",
                count,
            )
            % {"count": format_number(count)},
            code="pipeline_in_use",
        )
    audited.delete(pipeline, by=by, fields=PIPELINE_FIELDS)


# ---------- stages ----------


def _check_stage_name(stage: Stage) -> None:
    # The constraint would say so too, but as an error of the whole stage: say it on the name.
    taken = Stage.objects.filter(pipeline_id=stage.pipeline_id, name=stage.name)
    if taken.exclude(pk=stage.pk).exists():
        raise ValidationError({"name": _("This pipeline already has a stage with this name.")})


def add_stage(
    pipeline: Pipeline,
    *,
    by: User | None,
    name: str,
    probability: int,
    rotting_days: int | None = None,
) -> Stage:
    """A new stage at the end of the pipeline."""
    stage = Stage(
        pipeline=pipeline,
        name=name.strip(),
        probability=probability,
        rotting_days=rotting_days,
        position=_next_position(pipeline.stages.all()),
    )
    _check_stage_name(stage)
    return audited.create(stage, by=by, fields=STAGE_FIELDS)


def update_stage(stage: Stage, *, by: User, values: Mapping[str, Any]) -> Stage:
    """Rename, or set the win probability or the rotting days; not the pipeline or place."""
    values = {
        name: values[name] for name in ("name", "probability", "rotting_days") if name in values
    }
    if "name" in values:
        values["name"] = str(values["name"]).strip()
        stage.name = values["name"]
        _check_stage_name(stage)
    audited.update(stage, by=by, values=values, fields=STAGE_FIELDS)
    return stage


def move_stage(stage: Stage, step: int, *, by: User) -> bool:
    """One place up (``step=-1``) or down (``1``) in its pipeline; whether it moved."""
    siblings = Stage.objects.filter(pipeline_id=stage.pipeline_id).order_by("position", "id")
    return audited.reorder(siblings, stage, step, by=by)


def delete_stage(stage: Stage, *, by: User) -> None:
    """Delete the stage; refused while any deal is in it, saying how many."""
    count = Deal.objects.filter(stage=stage).count()
    if count:
        raise ValidationError(
            ngettext(
                "%(count)s deal is in the stage %(stage)s (open, won or lost). Move it to another "
                "stage first, then delete this one.",
                "%(count)s deals are in the stage %(stage)s (open, won or lost). Move them to "
                "another stage first, then delete this one.",
                count,
            )
            % {"count": format_number(count), "stage": stage.name},
            code="stage_in_use",
        )
    audited.delete(stage, by=by, fields=STAGE_FIELDS)


# ---------- lost reasons ----------


def add_lost_reason(*, by: User | None, name: str) -> LostReason:
    reason = LostReason(name=name.strip(), position=_next_position(LostReason.objects.all()))
    return audited.create(reason, by=by, fields=LOST_REASON_FIELDS)


def update_lost_reason(reason: LostReason, *, by: User, values: Mapping[str, Any]) -> LostReason:
    """Rename, activate or deactivate (``name``, ``is_active``). Deals lost for it keep the
    name they were lost with."""
    values = {name: values[name] for name in ("name", "is_active") if name in values}
    if "name" in values:
        values["name"] = str(values["name"]).strip()
    audited.update(reason, by=by, values=values, fields=LOST_REASON_FIELDS)
    return reason


def move_lost_reason(reason: LostReason, step: int, *, by: User) -> bool:
    return audited.reorder(LostReason.objects.order_by("position", "id"), reason, step, by=by)
