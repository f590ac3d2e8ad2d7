"""Email campaigns in the web UI: the list, planning one, its page with its figures and
recipients, and the buttons that launch, pause, resume, cancel and test it.

Thin: who may do what is ``access`` and ``actions_campaigns.may_change``; every write is an
action of ``actions_campaigns``, whose ``ValidationError`` (by field) is shown beside its input.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sampark.core.http import AuthenticatedRequest
from sampark.core.keyset import InvalidCursor, Page, keyset_page, page_url
from sampark.core.models import User
from sampark.core.records import StaleVersion
from sampark.core.roles import Action
from sampark.lib import locale_format
from sampark.marketing import abtest, access, actions_campaigns, campaign_results
from sampark.marketing.models import (
    Arm,
    Campaign,
    CampaignStatus,
    EmailTemplate,
    Metric,
    RecipientState,
    Segment,
    Sender,
)
from sampark.marketing.models.campaigns import WENT_OUT

PAGE_SIZE = 50
DETAIL = "marketing:campaign"
# The form's inputs a problem may be shown beside; any other problem goes above the form.
FORM_FIELDS = frozenset(
    {
        "name",
        "segment",
        "template",
        "sender",
        "send_at",
        "per_hour",
        "test_percent",
        "test_hours",
        "test_metric",
    }
)
DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


def access_campaign(user: User, pk: int | str, action: Action = Action.VIEW) -> Campaign:
    """The campaign for ``action``: 404 if there is none (or ``user`` has no role), 403 if they
    may see it but not change it (as ``access.access_segment`` does for segments)."""
    if not access.may_view(user):
        raise Http404(_("No such campaign."))
    try:
        campaign = Campaign.objects.select_related(
            "segment", "template", "sender", "owner", "launched_by"
        ).get(pk=pk)
    except (Campaign.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such campaign.")) from None
    if action in (Action.CHANGE, Action.DELETE) and not actions_campaigns.may_change(
        user, campaign
    ):
        raise PermissionDenied(_("Only whoever wrote this campaign, or a manager, may change it."))
    return campaign


# The list


@dataclass(frozen=True)
class Row:
    campaign: Campaign
    went_out: int
    opened: int
    clicked: int

    @property
    def open_rate(self) -> float:
        return campaign_results.rate(self.opened, self.went_out)

    @property
    def click_rate(self) -> float:
        return campaign_results.rate(self.clicked, self.went_out)


@login_required
def campaign_list(request: AuthenticatedRequest) -> HttpResponse:
    if not access.may_view(request.user):
        raise Http404
    went_out = Q(recipients__state__in=WENT_OUT)
    # The figures are counted in the same query as the campaigns, not once per row.
    campaigns = Campaign.objects.select_related("segment").annotate(
        went_out=Count("recipients", filter=went_out),
        opened=Count("recipients", filter=went_out & Q(recipients__opened_at__isnull=False)),
        clicked=Count("recipients", filter=went_out & Q(recipients__clicked_at__isnull=False)),
    )
    page = _page(request, campaigns)
    context = {
        "rows": [Row(c, c.went_out, c.opened, c.clicked) for c in page.items],
        "next_url": page_url(request, page.next_cursor) if page.next_cursor else None,
        "can_add": access.may_add(request.user),
    }
    return render(request, "marketing/campaigns/list.html", context)


def _page(request: AuthenticatedRequest, rows: QuerySet[Any]) -> Page:
    try:
        return keyset_page(rows, cursor=request.GET.get("cursor"), limit=PAGE_SIZE)
    except InvalidCursor:  # a cursor from another list or an old link: start over
        return keyset_page(rows, cursor=None, limit=PAGE_SIZE)


# Planning: the form


@login_required
@require_http_methods(["GET", "POST"])
def campaign_new(request: AuthenticatedRequest) -> HttpResponse:
    if not access.may_view(request.user):
        raise Http404
    if not access.may_add(request.user):
        raise PermissionDenied(_("Read-only users cannot write campaigns."))
    return _edit(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    campaign = access_campaign(request.user, pk, Action.CHANGE)
    if not campaign.editable:
        messages.error(request, _("A campaign that has gone out cannot be changed."))
        return redirect(DETAIL, campaign.pk)
    return _edit(request, campaign)


def _edit(request: AuthenticatedRequest, campaign: Campaign | None) -> HttpResponse:
    # A campaign's hour keeps the zone it was chosen in: a colleague elsewhere who edits it
    # sees and writes that zone's clock, so saving does not move "10:00" to their own 10:00.
    zone = (campaign.zone if campaign else "") or request.user.time_zone
    values = _posted(request) if request.method == "POST" else _stored(request, campaign, zone)
    problems: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            saved = _save(request, campaign, values, zone)
        except ValidationError as error:
            problems = _by_field(error)
        except StaleVersion:
            problems = {"__all__": [_("Someone changed this campaign since you opened it.")]}
        else:
            messages.success(request, _("Campaign “%(name)s” saved.") % {"name": saved.name})
            return redirect(DETAIL, saved.pk)
    context = {
        "campaign": campaign,
        "values": values,
        "problems": problems,
        "zone": zone,
        "form_errors": [
            message
            for key, found in problems.items()
            if key not in FORM_FIELDS and not key.startswith("subject_b.")
            for message in found
        ],
        "subject_rows": [
            {
                "code": code,
                "name": name,
                "subject": values["subject_b"].get(code, ""),
                "errors": problems.get(f"subject_b.{code}", []),
            }
            for code, name in settings.LANGUAGES
        ],
        "segments": Segment.objects.all(),
        "templates": EmailTemplate.objects.all(),
        "senders": Sender.objects.all(),
        "metrics": Metric.choices,
    }
    return render(request, "marketing/campaigns/form.html", context)


def _posted(request: AuthenticatedRequest) -> dict[str, Any]:
    data = request.POST
    return {
        "name": data.get("name", ""),
        "segment": data.get("segment", ""),
        "template": data.get("template", ""),
        "sender": data.get("sender", ""),
        "send_at": data.get("send_at", "").strip(),
        "local_time": bool(data.get("local_time")),
        "skip_holidays": bool(data.get("skip_holidays")),
        "per_hour": data.get("per_hour", "").strip(),
        "subject_b": {
            code: data.get(f"subject_b.{code}", "") for code, _name in settings.LANGUAGES
        },
        "test_percent": data.get("test_percent", "").strip(),
        "test_hours": data.get("test_hours", "").strip(),
        "test_metric": data.get("test_metric", ""),
        "version": data.get("version", ""),
    }


def _stored(request: AuthenticatedRequest, campaign: Campaign | None, zone: str) -> dict[str, Any]:
    """The form's first values: the campaign as stored (its hour on ``zone``'s clock), else the
    model's defaults (with the segment a link may have chosen)."""
    if campaign is None:
        campaign = Campaign(segment_id=_pk_or_none(request.GET.get("segment")))
        version = ""
    else:
        version = str(campaign.version)
    send_at = ""
    if campaign.send_at is not None:
        send_at = campaign_results.wall_time(campaign.send_at, zone).strftime(DATETIME_LOCAL)
    return {
        "name": campaign.name,
        "segment": str(campaign.segment_id or ""),
        "template": str(campaign.template_id or ""),
        "sender": str(campaign.sender_id or ""),
        "send_at": send_at,
        "local_time": campaign.local_time,
        "skip_holidays": campaign.skip_holidays,
        "per_hour": "" if campaign.per_hour is None else str(campaign.per_hour),
        "subject_b": dict(campaign.subject_b),
        "test_percent": str(campaign.test_percent),
        "test_hours": str(campaign.test_hours),
        "test_metric": campaign.test_metric,
        "version": version,
    }


def _pk_or_none(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


def _save(
    request: AuthenticatedRequest, campaign: Campaign | None, values: dict[str, Any], zone: str
) -> Campaign:
    written = {
        **{name: values[name] for name in actions_campaigns.EDITABLE if name in values},
        "send_at": _send_at(values["send_at"], zone),
        "zone": zone,
    }
    if campaign is None:
        return actions_campaigns.create_campaign(by=request.user, values=written)
    version = values["version"]
    return actions_campaigns.update_campaign(
        campaign,
        by=request.user,
        values=written,
        expected_version=int(version) if version.isdigit() else None,
    )


def _send_at(raw: str, zone: str) -> datetime.datetime | str | None:
    """The datetime-local input read in ``zone``; what cannot be read is passed on as it is,
    for the action to refuse beside the input."""
    if not raw:
        return None
    try:
        wall = datetime.datetime.fromisoformat(raw)
    except ValueError:
        return raw
    if timezone.is_aware(wall):
        return wall
    return campaign_results.in_zone(wall, zone)


def _by_field(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return error.message_dict
    return {"__all__": error.messages}


# A campaign's page


@login_required
def campaign_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    campaign = access_campaign(request.user, pk)
    return render(request, "marketing/campaigns/detail.html", _detail(request, campaign))


def _detail(request: AuthenticatedRequest, campaign: Campaign, **extra: Any) -> dict[str, Any]:
    state = request.GET.get("state", "")
    if state not in RecipientState.values:
        state = ""
    rows = campaign_results.recipients(campaign, state or None, viewer=request.user)
    page = _page(request, rows)
    languages = dict(settings.LANGUAGES)
    can_change = actions_campaigns.may_change(request.user, campaign)
    is_draft = campaign.status == CampaignStatus.DRAFT
    context: dict[str, Any] = {
        "campaign": campaign,
        "timing": campaign_results.timing_in_words(campaign),
        "summary": campaign_results.summary(campaign),
        "launched": campaign.launched_at is not None,
        "ab": _ab(campaign) if campaign.ab_test else None,
        "subjects_b": [
            (languages.get(code, code), subject) for code, subject in campaign.subject_b.items()
        ],
        "recipients": [(r, languages.get(r.language, r.language)) for r in page.items],
        "next_url": _next_page(request, campaign, page.next_cursor),
        "states": RecipientState.choices,
        "state": state,
        "can_change": can_change,
        "problems": (
            _flat(actions_campaigns.ready_problems(campaign, timezone.now()))
            if can_change and is_draft
            else []
        ),
        "can_launch": can_change and is_draft,
        "can_pause": can_change and campaign.status == CampaignStatus.SENDING,
        "can_resume": can_change and campaign.status == CampaignStatus.PAUSED,
        "can_cancel": can_change
        and campaign.status
        in (CampaignStatus.SCHEDULED, CampaignStatus.SENDING, CampaignStatus.PAUSED),
        "can_edit": can_change and campaign.editable,
        "test_to": request.user.email,
        "test_errors": [],
    }
    context.update(extra)
    return context


def _next_page(request: AuthenticatedRequest, campaign: Campaign, cursor: str | None) -> str:
    """The recipients' next page: on the campaign's page even when a test form's POST drew it
    (whose own address only takes POSTs)."""
    if not cursor:
        return ""
    params = request.GET.copy()
    params["cursor"] = cursor
    return f"{reverse(DETAIL, args=[campaign.pk])}?{params.urlencode()}"


def _ab(campaign: Campaign) -> dict[str, Any]:
    figures = abtest.results(campaign)
    metric = campaign.test_metric
    return {
        "arms": [
            {
                "label": Arm(arm).label,
                "result": result,
                "open_rate": campaign_results.rate(result.opened, result.went_out),
                "click_rate": campaign_results.rate(result.clicked, result.went_out),
                "won": campaign.winner == arm,
            }
            for arm, result in figures.items()
        ],
        "metric": Metric(metric).label,
        "winner": Arm(campaign.winner).label if campaign.winner else "",
    }


def _flat(problems: dict[str, list[str]]) -> list[str]:
    return [message for found in problems.values() for message in found]


# The buttons: each a POST, back to the campaign's page with what happened.


@login_required
@require_POST
def campaign_launch(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    campaign = access_campaign(request.user, pk, Action.CHANGE)
    try:
        actions_campaigns.launch(campaign, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if campaign.send_at is not None and campaign.send_at > timezone.now():
            when = locale_format.format_datetime(campaign.send_at, "short")
            text = _("Campaign “%(name)s” is scheduled for %(when)s.")
            messages.success(request, text % {"name": campaign.name, "when": when})
        else:
            text = _("Campaign “%(name)s” is going out now.")
            messages.success(request, text % {"name": campaign.name})
    return redirect(DETAIL, campaign.pk)


@login_required
@require_POST
def campaign_pause(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _move(
        request, pk, actions_campaigns.pause, _("Paused: no more mail goes out until resumed.")
    )


@login_required
@require_POST
def campaign_resume(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _move(request, pk, actions_campaigns.resume, _("Resumed: the mail goes out again."))


@login_required
@require_POST
def campaign_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _move(
        request, pk, actions_campaigns.cancel, _("Cancelled: no more mail goes out from it.")
    )


def _move(request: AuthenticatedRequest, pk: int, action: Any, done: str) -> HttpResponse:
    campaign = access_campaign(request.user, pk, Action.CHANGE)
    try:
        action(campaign, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(DETAIL, campaign.pk)


@login_required
@require_POST
def campaign_test(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Send the mail to one address; a problem is shown beside the address, which is kept."""
    campaign = access_campaign(request.user, pk, Action.CHANGE)
    to = request.POST.get("to", "").strip()
    try:
        subject = actions_campaigns.send_test(campaign, by=request.user, to=to)
    except ValidationError as error:
        errors = _flat(_by_field(error))
    except OSError:  # the mail server refused or could not be reached (smtplib's are OSErrors)
        errors = [_("The mail server did not take the test. Try again in a moment.")]
    else:
        text = _("Test “%(subject)s” sent to %(to)s.")
        messages.success(request, text % {"subject": subject, "to": to})
        return redirect(DETAIL, campaign.pk)
    context = _detail(request, campaign, test_to=to, test_errors=errors)
    return render(request, "marketing/campaigns/detail.html", context)
