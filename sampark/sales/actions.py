"""Every write to deals: created, changed, moved between stages, won, lost, reopened, deleted,
and their line items. Each is audited (core.records) and keeps two things in step that lists,
boards and forecasts read without recomputing: the amount in the base currency, and the stage
history (``StageChange``, with the time spent in the stage left).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from sampark.contacts import search
from sampark.contacts.models import Company, Contact
from sampark.core import audit
from sampark.core.models import AuditAction, User
from sampark.core.records import (
    can,
    create_record,
    delete_record,
    update_record,
)
from sampark.core.roles import Action
from sampark.sales.currency import base_currency, to_base
from sampark.sales.models import Deal, DealLine, DealStatus, Pipeline, Stage, StageChange
from sampark.sales.search_documents import DEAL

# Changing any of these moves the amount in the base currency.
_MONEY_FIELDS = frozenset({"amount", "currency", "expected_close"})


def first_stage(pipeline: Pipeline) -> Stage:
    stage = pipeline.stages.order_by("position", "id").first()
    if stage is None:
        raise ValidationError({"pipeline": _("This pipeline has no stages yet.")})
    return stage


def _check_links(by: User, values: Mapping[str, Any]) -> None:
    """A deal names only people and firms its author may see: no id guessing into other
    teams' clients."""
    contact, company = values.get("contact"), values.get("company")
    errors = {}
    if isinstance(contact, Contact) and not Contact.objects.visible_to(by).filter(pk=contact.pk):
        errors["contact"] = _("Choose a contact you can see.")
    if isinstance(company, Company) and not Company.objects.visible_to(by).filter(pk=company.pk):
        errors["company"] = _("Choose a company you can see.")
    if errors:
        raise ValidationError(errors)


def _check_stage(pipeline: Pipeline, stage: Stage) -> None:
    if stage.pipeline_id != pipeline.pk:
        raise ValidationError({"stage": _("Choose a stage of the deal's pipeline.")})


def _base_amount(values: Mapping[str, Any]) -> Decimal | None:
    return to_base(values["amount"], values["currency"], values.get("expected_close"))


def create_deal(*, by: User, **values: Any) -> Deal:
    """A new open deal; in its pipeline's first stage unless ``stage`` is given, in the base
    currency unless ``currency`` is."""
    pipeline: Pipeline = values["pipeline"]
    values.setdefault("stage", first_stage(pipeline))
    _check_stage(pipeline, values["stage"])
    _check_links(by, values)
    values.setdefault("currency", base_currency())
    values.setdefault("amount", Decimal(0))
    values["amount_base"] = _base_amount(values)
    with transaction.atomic():
        deal = create_record(Deal, by=by, **values)
        StageChange.objects.create(
            deal=deal, to_stage=deal.stage, status=deal.status, at=deal.created_at, by=by
        )
        search.index_records(DEAL, [deal.pk])
    return deal


def update_deal(
    deal: Deal, *, by: User, values: Mapping[str, Any], expected_version: int | None = None
) -> Deal:
    """Change the deal's fields; a new stage is a move (``move_deal``'s history and clock)."""
    values = dict(values)
    _check_links(by, values)
    pipeline = values.get("pipeline", deal.pipeline)
    stage = values.get("stage", deal.stage)
    if pipeline != deal.pipeline and "stage" not in values:
        stage = values["stage"] = first_stage(pipeline)
    _check_stage(pipeline, stage)
    if _MONEY_FIELDS & values.keys():
        current = {name: getattr(deal, name) for name in _MONEY_FIELDS}
        values["amount_base"] = _base_amount({**current, **values})
    moved = stage.pk != deal.stage_id
    previous = deal.stage
    entered = deal.stage_entered_at
    if moved:
        values["stage_entered_at"] = timezone.now()
    with transaction.atomic():
        deal = update_record(deal, by=by, values=values, expected_version=expected_version)
        if moved:
            _record_move(deal, previous, entered, by)
        # Its name, stage (the hit's subtitle) or owner (who finds it) may have changed.
        search.index_records(DEAL, [deal.pk])
    return deal


def move_deal(deal: Deal, stage: Stage, *, by: User, expected_version: int | None = None) -> Deal:
    """Move the deal to ``stage`` of its pipeline (the board's drag and drop)."""
    if stage.pk == deal.stage_id:
        return deal
    return update_deal(deal, by=by, values={"stage": stage}, expected_version=expected_version)


def win_deal(deal: Deal, *, by: User, expected_version: int | None = None) -> Deal:
    return _close(deal, DealStatus.WON, "", by=by, expected_version=expected_version)


def lose_deal(
    deal: Deal, *, by: User, reason: str = "", expected_version: int | None = None
) -> Deal:
    return _close(deal, DealStatus.LOST, reason.strip(), by=by, expected_version=expected_version)


def reopen_deal(deal: Deal, *, by: User, expected_version: int | None = None) -> Deal:
    if deal.status == DealStatus.OPEN:
        return deal
    return _set_status(
        deal,
        {"status": DealStatus.OPEN, "closed_at": None, "lost_reason": ""},
        by=by,
        expected_version=expected_version,
    )


def _close(deal: Deal, status: str, reason: str, *, by: User, expected_version: int | None) -> Deal:
    if deal.status != DealStatus.OPEN:
        raise ValidationError(_("Only an open deal can be won or lost; reopen it first."))
    values: dict[str, Any] = {"status": status, "closed_at": timezone.now(), "lost_reason": reason}
    return _set_status(deal, values, by=by, expected_version=expected_version)


def _set_status(
    deal: Deal, values: dict[str, Any], *, by: User, expected_version: int | None
) -> Deal:
    entered = deal.stage_entered_at
    values["stage_entered_at"] = timezone.now()
    with transaction.atomic():
        deal = update_record(deal, by=by, values=values, expected_version=expected_version)
        _record_move(deal, deal.stage, entered, by)
    return deal


def _record_move(deal: Deal, previous: Stage | None, entered: Any, by: User) -> None:
    now = deal.stage_entered_at
    StageChange.objects.create(
        deal=deal,
        from_stage=previous,
        to_stage=deal.stage,
        status=deal.status,
        at=now,
        by=by,
        seconds_in_previous=max(0, int((now - entered).total_seconds())),
    )


def delete_deal(deal: Deal, *, by: User, expected_version: int | None = None) -> None:
    if not can(by, Action.DELETE, deal):
        raise PermissionDenied(_("Your role does not allow this on this record."))
    with transaction.atomic():
        delete_record(deal, by=by, expected_version=expected_version)
        search.unindex(deal)


def set_lines(
    deal: Deal,
    lines: Sequence[Mapping[str, Any]],
    *,
    by: User,
    expected_version: int | None = None,
) -> Deal:
    """Make ``lines`` (``product``, ``name``, ``quantity``, ``unit_price``,
    ``discount_percent``) the deal's line items; with any, the deal's amount is their total.

    The version is checked even when the amount stays; new lines are audited as one change of
    "lines" and move the version on, so an edit started before them is refused as stale."""
    made = [DealLine(deal=deal, position=n, **line) for n, line in enumerate(lines)]
    errors: dict[str, list[str]] = {}
    for n, line in enumerate(made):
        try:
            line.full_clean(exclude=["deal"])
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(f"lines.{n}.{field}", []).extend(messages)
    if errors:
        raise ValidationError(errors)
    before = [_line_summary(line) for line in deal.lines.all()]
    after = [_line_summary(line) for line in made]
    with transaction.atomic():
        version = deal.version
        values = {"amount": sum((line.total for line in made), Decimal(0))} if made else {}
        deal = update_deal(deal, by=by, values=values, expected_version=expected_version)
        if before != after:
            deal.lines.all().delete()
            DealLine.objects.bulk_create(made)
            audit.record(AuditAction.UPDATE, deal, by=by, changes={"lines": [before, after]})
            if deal.version == version:
                deal.updated_at = timezone.now()
                deal.version += 1
                Deal.objects.filter(pk=deal.pk).update(
                    updated_at=deal.updated_at, version=F("version") + 1
                )
    return deal


def _line_summary(line: DealLine) -> str:
    """One line item as the audit trail shows it: "Advisory (#4): 2 x 5000.00 less 10%"."""
    product = f" (#{line.product_id})" if line.product_id else ""
    text = f"{line.name}{product}: {_plain(line.quantity)} x {line.unit_price:.2f}"
    return f"{text} less {_plain(line.discount_percent)}%" if line.discount_percent else text


def _plain(number: Decimal) -> str:
    """2.5000 as 2.5 and 100 as 100 (not 1E+2): a stored and a typed value read alike."""
    return f"{Decimal(number).normalize():f}"
