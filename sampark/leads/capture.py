"""Web form submissions: the guards in front of the public endpoint, and the lead they make.

The endpoint takes posts from anyone's browser on another website, so it cannot use CSRF
tokens or sessions. What it has instead, without any third-party service (the generic guards
live in ``core/public_forms.py``, shared with the public ticket form):

- a signed stamp of when the form was shown, so a post faster than a person types (bots post at
  once) or replayed a day later is not taken;
- a honeypot field people never see and bots fill in;
- per-address and per-form rate limits in the shared cache;
- a cap on the body's size, and the form's allowed websites checked against Origin / Referer.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from sampark.collab.models import NotificationKind
from sampark.collab.notifications import notify_after_commit
from sampark.core import audit, public_forms
from sampark.core.models import Channel

# The guards' names, as the views, the embed code and the tests know them.
from sampark.core.public_forms import HONEYPOT_FIELD as HONEYPOT_FIELD
from sampark.core.public_forms import STAMP_FIELD as STAMP_FIELD
from sampark.core.public_forms import Limit as Limit
from sampark.core.public_forms import Stamp as Stamp
from sampark.leads import scores
from sampark.leads.actions import create_lead
from sampark.leads.models import VISITOR_ID, FormField, Lead, LeadSource, Visit, WebForm, origin_of

VISITOR_FIELD = "sampark_visitor"
UTM_FIELDS = ("utm_source", "utm_medium", "utm_campaign")
_SALT = "sampark.leads.web-form-stamp"
# Enough for a long message in any script (a Bengali letter takes 9 bytes once URL-encoded).
MAX_BODY_BYTES = 64 * 1024

PER_ADDRESS = Limit(10, 60)
PER_FORM = Limit(60, 60)
# Page loads noted per address: a person reading the site stays far below it.
VISITS_PER_ADDRESS = Limit(60, 60)
# The same page seen again within this is the same visit.
SAME_VISIT = timedelta(minutes=30)


def issue_stamp(form: WebForm) -> str:
    return public_forms.issue_stamp(form.public_token, salt=_SALT)


def check_stamp(form: WebForm, stamp: str) -> str | None:
    """None for a stamp this form issued between a day and a few seconds ago."""
    return public_forms.check_stamp(form.public_token, stamp, salt=_SALT)


def over_limit(form: WebForm, request: HttpRequest) -> bool:
    """Count this post; whether its address or its form has posted too often lately."""
    digest = public_forms.address_digest(request)
    return public_forms.over_limit(
        (f"sampark:web-form:address:{digest}", PER_ADDRESS),
        (f"sampark:web-form:form:{form.pk}", PER_FORM),
    )


def record_visit(form: WebForm, request: HttpRequest) -> Visit | None:
    """Note the visit the embed script reports with its stamp request (``visitor``, ``page``):
    only from the form's own websites, once per page per half hour, within a rate limit. A
    lead this visitor already became is scored again, its visits having changed."""
    visitor, page = request.GET.get("visitor", ""), request.GET.get("page", "")[:500]
    if not VISITOR_ID.match(visitor) or not _is_url(page):
        return None
    allowed = form.origins()
    if allowed and origin_of(request.headers.get("Origin", "")) not in allowed:
        return None
    key = f"sampark:web-form:visits:{public_forms.address_digest(request)}"
    if public_forms.count(key, VISITS_PER_ADDRESS) > VISITS_PER_ADDRESS.posts:
        return None
    since = timezone.now() - SAME_VISIT
    if Visit.objects.filter(visitor=visitor, page_url=page, at__gte=since).exists():
        return None
    with transaction.atomic():
        visit = Visit.objects.create(web_form=form, visitor=visitor, page_url=page)
        for lead in Lead.objects.open().filter(visitor=visitor):
            scores.written(lead)
    return visit


def too_big(request: HttpRequest) -> bool:
    return public_forms.too_big(request, MAX_BODY_BYTES)


def sending_origin(request: HttpRequest) -> str:
    """Where the post came from: the Origin header, else the Referer's origin."""
    origin = request.headers.get("Origin", "")
    if origin and origin != "null":
        return origin_of(origin)
    return origin_of(request.headers.get("Referer", ""))


def origin_allowed(form: WebForm, request: HttpRequest) -> bool:
    """With allowed websites set, only they (and this site's own form page) may post."""
    allowed = form.origins()
    if not allowed:
        return True
    own = origin_of(request.build_absolute_uri("/"))
    return sending_origin(request) in {*allowed, own}


def campaign_of(values: Mapping[str, str], referrer: str) -> dict[str, str]:
    """The UTM tags and the page: from the form's hidden fields, else the referring page's."""
    page = values.get("page_url", "") or referrer
    query = parse_qs(urlsplit(page).query) if page else {}
    found = {
        name: (values.get(name) or (query.get(name) or [""])[0]).strip()[:100]
        for name in UTM_FIELDS
    }
    found["page_url"] = page if len(page) <= 500 and _is_url(page) else ""
    return found


def _is_url(text: str) -> bool:
    # Only a web address the lead's field would take: a bad one, which the visitor cannot see
    # or correct, is dropped rather than refusing their enquiry.
    if not origin_of(text):
        return False
    try:
        URLValidator(schemes=["http", "https"])(text)
    except ValidationError:
        return False
    return True


def capture_lead(form: WebForm, values: Mapping[str, Any], *, referrer: str = "") -> Lead:
    """The lead a checked submission makes, owned by the form's owner in the form's team, and
    the owner told in the app once it is stored."""
    asked = {
        name: values.get(name) or ""
        for name in (FormField.EMAIL, FormField.PHONE, FormField.COMPANY_NAME, FormField.JOB_TITLE)
        if form.asks(name)
    }
    consent = bool(values.get(FormField.CONSENT)) and form.asks(FormField.CONSENT)
    # Written by the system on the owner's behalf: nobody signed in made this change.
    with audit.via(Channel.SYSTEM), transaction.atomic():
        lead = create_lead(
            by=form.owner,
            visitor=str(values.get(VISITOR_FIELD) or ""),
            owner=form.owner,
            team_id=form.team_id,
            web_form=form,
            source=LeadSource.WEB_FORM,
            language=form.language,
            name=" ".join(str(values["name"]).split()),
            country=(values.get(FormField.COUNTRY) if form.asks(FormField.COUNTRY) else "")
            or form.default_country,
            message=str(values.get(FormField.MESSAGE) or "").strip(),
            consent=consent,
            consent_text=form.consent_text if consent else "",
            **asked,
            **campaign_of(values, referrer),
        )
        message = format_lazy(
            _("New lead from the web form “{form}”: {name}"), form=form.name, name=lead.name
        )
        url = reverse("leads:detail", args=[lead.pk])
        owner = form.owner
        notify_after_commit(owner, kind=NotificationKind.ASSIGNED, message=message, url=url)
    return lead
