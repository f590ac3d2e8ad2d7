"""SLA policies and business hours over the REST API:

- ``GET/POST /sla-policies``, ``GET/PATCH/DELETE /sla-policies/{id}``: a policy with its
  conditions, escalation and a target per priority (minutes of business time);
- ``GET /business-hours``.

Everyone signed in reads them (they say how fast each ticket is due); only admins change them,
through the same actions as Settings → Service, so a change recounts the open tickets' due
times the same way.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from sampark.core.api.auth import current_user
from sampark.core.api.errors import documented
from sampark.core.views.workspace import require_role
from sampark.service import actions_settings
from sampark.service.actions_settings import MANAGE_SERVICE_SETTINGS
from sampark.service.models import BusinessHours, Priority, SlaPolicy

router = Router(tags=["SLA"])
PRIORITIES = ", ".join(f"{value} ({label})" for value, label in Priority.choices)


class TargetSchema(Schema):
    priority: int = Field(description=f"One of {PRIORITIES}.")
    first_response_minutes: int | None = Field(None, ge=1)
    next_response_minutes: int | None = Field(None, ge=1)
    resolution_minutes: int | None = Field(None, ge=1)


class PolicyOut(Schema):
    id: int
    name: str
    position: int
    is_active: bool
    company: int | None = Field(description="Applies to this company's tickets only.")
    client_tag: int | None = Field(description="Applies to the tickets of clients so tagged.")
    category: int | None
    warn_minutes: int
    raise_priority: bool
    escalate_to: int | None
    targets: list[TargetSchema]

    @staticmethod
    def resolve_company(policy: SlaPolicy) -> int | None:
        return policy.company_id

    @staticmethod
    def resolve_client_tag(policy: SlaPolicy) -> int | None:
        return policy.client_tag_id

    @staticmethod
    def resolve_category(policy: SlaPolicy) -> int | None:
        return policy.category_id

    @staticmethod
    def resolve_escalate_to(policy: SlaPolicy) -> int | None:
        return policy.escalate_to_id

    @staticmethod
    def resolve_targets(policy: SlaPolicy) -> list[Any]:
        return list(policy.targets.all())


class PolicyIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str
    position: int = Field(0, ge=0)
    is_active: bool = True
    company: int | None = None
    client_tag: int | None = None
    category: int | None = None
    warn_minutes: int = Field(30, ge=0)
    raise_priority: bool = False
    escalate_to: int | None = None
    targets: list[TargetSchema] = Field(
        default_factory=list, description="A priority left out keeps (or has) no target."
    )


class HoursOut(Schema):
    id: int
    name: str
    time_zone: str
    country: str
    always_open: bool
    is_default: bool
    week: dict[str, list[list[str]]] = Field(
        description='Weekday (0 is Monday) to its open intervals: {"0": [["09:00", "17:00"]]}.'
    )
    days_off: list[str]

    @staticmethod
    def resolve_days_off(hours: BusinessHours) -> list[str]:
        return [day.date.isoformat() for day in hours.days_off.all()]


def _values(payload: PolicyIn) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    data = payload.model_dump()
    targets = data.pop("targets")
    for name in ("company", "client_tag", "category", "escalate_to"):
        data[f"{name}_id"] = data.pop(name)
    return data, targets


@router.get("/sla-policies", response={200: list[PolicyOut], **documented(401)})
def list_policies(request: HttpRequest) -> list[SlaPolicy]:
    """Every policy, in the order they are tried."""
    current_user(request)
    return list(SlaPolicy.objects.prefetch_related("targets"))


@router.post("/sla-policies", response={201: PolicyOut, **documented(401, 403, 422)})
def create_policy(request: HttpRequest, payload: PolicyIn) -> Status[SlaPolicy]:
    user = current_user(request)
    require_role(user, MANAGE_SERVICE_SETTINGS)
    values, targets = _values(payload)
    policy = actions_settings.save_policy(SlaPolicy(), by=user, values=values, targets=targets)
    return Status(201, policy)


@router.get("/sla-policies/{int:policy_id}", response={200: PolicyOut, **documented(401, 404)})
def get_policy(request: HttpRequest, policy_id: int) -> SlaPolicy:
    current_user(request)
    return get_object_or_404(SlaPolicy, pk=policy_id)


@router.patch(
    "/sla-policies/{int:policy_id}", response={200: PolicyOut, **documented(401, 403, 404, 422)}
)
def update_policy(request: HttpRequest, policy_id: int, payload: PolicyIn) -> SlaPolicy:
    """Replace the policy's fields and the targets sent (send every field, as read)."""
    user = current_user(request)
    require_role(user, MANAGE_SERVICE_SETTINGS)
    policy = get_object_or_404(SlaPolicy, pk=policy_id)
    values, targets = _values(payload)
    return actions_settings.save_policy(policy, by=user, values=values, targets=targets)


@router.delete("/sla-policies/{int:policy_id}", response={204: None, **documented(401, 403, 404)})
def delete_policy(request: HttpRequest, policy_id: int) -> Status[None]:
    user = current_user(request)
    require_role(user, MANAGE_SERVICE_SETTINGS)
    actions_settings.delete_policy(get_object_or_404(SlaPolicy, pk=policy_id), by=user)
    return Status(204, None)


@router.get("/business-hours", response={200: list[HoursOut], **documented(401)})
def list_hours(request: HttpRequest) -> list[BusinessHours]:
    current_user(request)
    return list(BusinessHours.objects.prefetch_related("days_off"))
