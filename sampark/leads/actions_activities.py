"""Logging calls, meetings and notes with a lead: by anyone who may see the lead and whose role
logs interactions (a colleague may log a call with a teammate's lead, as on a contact); removed
by their author or by whoever may change the lead. Each write is audited and rescores the lead;
a call or meeting logged by someone who may change a new lead marks it contacted."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sampark.contacts.models import Activity, ActivityKind
from sampark.core import audited
from sampark.core.models import User
from sampark.core.records import can, can_add
from sampark.core.roles import Action
from sampark.leads import scores
from sampark.leads.actions import update_lead
from sampark.leads.models import Lead, LeadActivity, LeadStatus

FIELDS = ("lead_id", "kind", "direction", "subject", "body", "occurred_at")


def log_lead_activity(
    lead: Lead,
    *,
    by: User,
    kind: str,
    subject: str = "",
    body: str = "",
    direction: str = "",
    occurred_at: datetime.datetime | None = None,
) -> LeadActivity:
    if not (can(by, Action.VIEW, lead) and can_add(by, Activity)):
        raise PermissionDenied(_("Your role does not allow logging interactions."))
    activity = LeadActivity(
        lead=lead,
        kind=kind,
        subject=subject.strip(),
        body=body.strip(),
        occurred_at=occurred_at or timezone.now(),
        author=by,
        **({"direction": direction} if direction else {}),
    )
    with transaction.atomic():
        audited.create(activity, by=by, fields=FIELDS)
        # Spoken to, not just written about: a new lead has been contacted.
        if (
            activity.kind != ActivityKind.NOTE
            and lead.status == LeadStatus.NEW
            and can(by, Action.CHANGE, lead)
        ):
            update_lead(lead, by=by, values={"status": LeadStatus.CONTACTED})
        else:
            scores.written(lead)
    return activity


def may_remove(activity: LeadActivity, user: User) -> bool:
    return activity.author_id == user.pk or can(user, Action.CHANGE, activity.lead)


def delete_lead_activity(activity: LeadActivity, *, by: User) -> None:
    if not may_remove(activity, by):
        raise PermissionDenied(_("Only its author or the lead's owner may remove this."))
    lead = activity.lead
    with transaction.atomic():
        audited.delete(activity, by=by, fields=FIELDS)
        scores.written(lead)
