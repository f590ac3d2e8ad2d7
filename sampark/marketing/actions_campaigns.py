"""Every write to campaigns: plan one (checked, versioned, audited), launch or schedule it,
pause, resume or cancel it, and send a test of it to oneself.

Who may: anyone who builds segments writes campaigns; a campaign is changed, launched or stopped
by whoever wrote it, or by an admin or a manager. Its audience is always the segment as the one
who launched it sees it (``audience.plan``).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from email.utils import formataddr
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sampark.contacts.models import Contact
from sampark.core import audit
from sampark.core.models import AuditAction, User
from sampark.core.records import update_versioned
from sampark.marketing import access, membership, personalise
from sampark.marketing.compose import compose
from sampark.marketing.models import (
    Campaign,
    CampaignStatus,
    EmailTemplate,
    Metric,
    Segment,
    Sender,
)
from sampark.marketing.models.campaigns import NAME_MAX_LENGTH
from sampark.marketing.models.templates import SUBJECT_MAX_LENGTH

EDITABLE = (
    "name",
    "segment",
    "template",
    "sender",
    "send_at",
    "zone",
    "local_time",
    "skip_holidays",
    "per_hour",
    "subject_b",
    "test_percent",
    "test_hours",
    "test_metric",
)
TEST_PERCENT = (2, 50)
TEST_HOURS = (1, 72)


def may_change(user: User, campaign: Campaign) -> bool:
    """Whoever wrote it, or an admin or a manager (the same rule as for segments)."""
    return access.may_change(user, campaign)


def _snapshot(campaign: Campaign) -> dict[str, Any]:
    return {
        name: audit.jsonable(getattr(campaign, f"{name}_id", None) or getattr(campaign, name))
        for name in EDITABLE
    }


def _checked(values: Mapping[str, Any]) -> dict[str, Any]:
    """The values to write, or ValidationError by field (``subject_b.bn`` for a subject B)."""
    problems: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    name = str(values.get("name") or "").strip()
    if not name:
        problems["name"] = [_("Give the campaign a name.")]
    elif len(name) > NAME_MAX_LENGTH:
        problems["name"] = [_("At most %(n)d characters.") % {"n": NAME_MAX_LENGTH}]
    cleaned["name"] = name
    for field, model, missing in (
        ("segment", Segment, _("Choose who it goes to.")),
        ("template", EmailTemplate, _("Choose the template to send.")),
        ("sender", Sender, _("Choose who it is from.")),
    ):
        found = model.objects.filter(pk=_pk(values.get(field))).first()
        if found is None:
            problems[field] = [missing]
        cleaned[field] = found
    send_at = values.get("send_at")
    if send_at is not None and not isinstance(send_at, datetime.datetime):
        problems["send_at"] = [_("Enter a date and time.")]
    cleaned["send_at"] = send_at
    cleaned["zone"] = str(values.get("zone") or settings.TIME_ZONE)
    cleaned["local_time"] = bool(values.get("local_time"))
    cleaned["skip_holidays"] = bool(values.get("skip_holidays"))
    cleaned["per_hour"] = _number(values, "per_hour", (1, 1_000_000), problems, optional=True)
    subjects = {
        language: str(subject or "").strip()
        for language, subject in dict(values.get("subject_b") or {}).items()
        if str(subject or "").strip()
    }
    languages = dict(settings.LANGUAGES)
    for language, subject in subjects.items():
        key = f"subject_b.{language}"
        if language not in languages:
            problems[key] = [_("Not a language of Sampark.")]
        elif len(subject) > SUBJECT_MAX_LENGTH:
            problems[key] = [_("At most %(n)d characters.") % {"n": SUBJECT_MAX_LENGTH}]
        elif found := personalise.check(subject):
            problems[key] = found
    cleaned["subject_b"] = subjects
    cleaned["test_percent"] = _number(values, "test_percent", TEST_PERCENT, problems, default=20)
    cleaned["test_hours"] = _number(values, "test_hours", TEST_HOURS, problems, default=4)
    metric = values.get("test_metric") or Metric.OPENS
    if metric not in Metric.values:
        problems["test_metric"] = [_("Choose opens or clicks.")]
    cleaned["test_metric"] = metric
    if problems:
        raise ValidationError(problems)
    return cleaned


def _pk(value: Any) -> int:
    pk = getattr(value, "pk", value)
    try:
        return int(pk)
    except (TypeError, ValueError):
        return 0


def _number(
    values: Mapping[str, Any],
    field: str,
    bounds: tuple[int, int],
    problems: dict[str, list[str]],
    *,
    default: int | None = None,
    optional: bool = False,
) -> int | None:
    raw = values.get(field)
    if raw in (None, ""):
        return None if optional else default
    low, high = bounds
    try:
        number = int(raw)
    except (TypeError, ValueError):
        number = low - 1
    if not low <= number <= high:
        problems[field] = [
            _("Enter a whole number from %(low)d to %(high)d.") % {"low": low, "high": high}
        ]
    return number


def create_campaign(*, by: User, values: Mapping[str, Any]) -> Campaign:
    if not access.may_add(by):
        raise PermissionDenied(_("Read-only users cannot write campaigns."))
    cleaned = _checked(values)
    with transaction.atomic():
        campaign = Campaign.objects.create(owner=by, **cleaned)
        audit.record(AuditAction.CREATE, campaign, by=by, changes={"name": [None, campaign.name]})
    return campaign


def update_campaign(
    campaign: Campaign,
    *,
    by: User,
    values: Mapping[str, Any],
    expected_version: int | None = None,
) -> Campaign:
    _may_change(by, campaign)
    if not campaign.editable:
        raise ValidationError(_("A campaign that has gone out cannot be changed."))
    update_versioned(
        campaign,
        _checked(values),
        by=by,
        snapshot=_snapshot,
        expected_version=expected_version,
    )
    return campaign


def _may_change(by: User, campaign: Campaign) -> None:
    if not may_change(by, campaign):
        raise PermissionDenied(_("Only whoever wrote this campaign, or a manager, may change it."))


def launch(campaign: Campaign, *, by: User, now: datetime.datetime | None = None) -> Campaign:
    """Send it at its time (now when it has none): the worker fixes the audience then, as
    ``by`` sees the segment, and sends. Scheduled campaigns can still be changed or cancelled
    until their time."""
    from sampark.marketing.tasks import launch_campaign

    _may_change(by, campaign)
    now = now or timezone.now()
    if campaign.status != CampaignStatus.DRAFT:
        raise ValidationError(_("This campaign has already been launched."))
    problems = ready_problems(campaign, now)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        updated = Campaign.objects.filter(pk=campaign.pk, status=CampaignStatus.DRAFT).update(
            status=CampaignStatus.SCHEDULED, launched_by=by, updated_at=now
        )
        if not updated:
            raise ValidationError(_("This campaign has already been launched."))
        campaign.status, campaign.launched_by = CampaignStatus.SCHEDULED, by
        audit.record(
            AuditAction.UPDATE,
            campaign,
            by=by,
            changes={"status": [CampaignStatus.DRAFT, CampaignStatus.SCHEDULED]},
        )
        if campaign.send_at is None or campaign.send_at <= now:
            pk = campaign.pk
            transaction.on_commit(lambda: launch_campaign.enqueue(pk))
    return campaign


def ready_problems(campaign: Campaign, now: datetime.datetime) -> dict[str, list[str]]:
    """What stops the campaign from going out, by field."""
    problems: dict[str, list[str]] = {}
    if campaign.segment is None:
        problems["segment"] = [_("Choose who it goes to.")]
    if not campaign.template.variants.exists():
        problems["template"] = [_("The template has no text yet.")]
    if campaign.send_at is not None and campaign.send_at < now - datetime.timedelta(minutes=5):
        problems["send_at"] = [_("This time has passed: choose a later one, or none to send now.")]
    return problems


def _move(campaign: Campaign, by: User, old: set[str], new: str, refusal: str) -> Campaign:
    _may_change(by, campaign)
    with transaction.atomic():
        updated = Campaign.objects.filter(pk=campaign.pk, status__in=old).update(
            status=new, updated_at=timezone.now()
        )
        if not updated:
            raise ValidationError(refusal)
        audit.record(
            AuditAction.UPDATE, campaign, by=by, changes={"status": [campaign.status, new]}
        )
        campaign.status = new
    return campaign


def pause(campaign: Campaign, *, by: User) -> Campaign:
    """Stop sending after the mail in hand; resuming goes on from there."""
    return _move(
        campaign,
        by,
        {CampaignStatus.SENDING},
        CampaignStatus.PAUSED,
        _("Only a campaign that is sending can be paused."),
    )


def resume(campaign: Campaign, *, by: User) -> Campaign:
    return _move(
        campaign,
        by,
        {CampaignStatus.PAUSED},
        CampaignStatus.SENDING,
        _("Only a paused campaign can be resumed."),
    )


def cancel(campaign: Campaign, *, by: User) -> Campaign:
    """No more mail from it; what went out stays recorded."""
    return _move(
        campaign,
        by,
        {CampaignStatus.SCHEDULED, CampaignStatus.SENDING, CampaignStatus.PAUSED},
        CampaignStatus.CANCELLED,
        _("This campaign can no longer be cancelled."),
    )


def send_test(campaign: Campaign, *, by: User, to: str, contact: Contact | None = None) -> str:
    """The campaign's mail as ``contact`` (else the first member ``by`` sees) would get it,
    sent to ``to`` with "[Test]" before its subject and no tracking; returns the subject."""
    try:
        validate_email(to)
    except ValidationError:
        raise ValidationError({"to": [_("Enter an email address.")]}) from None
    if contact is None and campaign.segment is not None:
        contact = membership.members(campaign.segment, by).order_by("pk").first()
    if contact is None:
        raise ValidationError({"to": [_("The segment has no one to show the mail as.")]})
    try:
        composed = compose(
            campaign.template,
            contact,
            campaign.sender,
            adviser_name=contact.owner.get_full_name() if contact.owner else "",
        )
    except personalise.TemplateProblem as problem:
        raise ValidationError({"template": [str(problem)]}) from None
    subject = _("[Test] %(subject)s") % {"subject": composed.subject}
    message = EmailMultiAlternatives(
        subject=subject,
        body=composed.text,
        from_email=formataddr((campaign.sender.name, campaign.sender.from_address)),
        to=[to],
    )
    message.attach_alternative(composed.html, "text/html")
    message.send()
    return subject
