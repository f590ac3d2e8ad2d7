"""The interaction timeline on contact and company pages: thin views over the activity actions.

The record pages only include ``contacts/timeline/_section.html``, which loads the timeline from
here with htmx once the page is shown; so the record page itself runs no timeline queries, and
the timeline costs a fixed number of queries however many entries a page shows. Every view also
answers without htmx (a whole page, or a redirect), so nothing needs script to work.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sampark.contacts import actions, timeline
from sampark.contacts.attachments import access_attachment, download_response
from sampark.contacts.forms_timeline import DEFAULT_KIND, ActivityForm, typed_values
from sampark.contacts.models import Activity, Company, Contact
from sampark.core.http import AuthenticatedRequest, wants_fragment
from sampark.core.keyset import InvalidCursor
from sampark.core.records import StaleVersion, access_record, can, can_add
from sampark.core.roles import Action

PAGE_SIZE = 20

Record = Contact | Company


@dataclass(frozen=True)
class Entry:
    """One activity on the timeline, with what the viewer may do to it."""

    activity: Activity
    can_change: bool
    can_delete: bool

    # Each timeline entry names its template: other domains' events bring their own.
    template: ClassVar[str] = "contacts/timeline/_entry.html"


def _entry(request: AuthenticatedRequest, activity: Activity) -> Entry:
    return Entry(
        activity,
        can(request.user, Action.CHANGE, activity),
        can(request.user, Action.DELETE, activity),
    )


def _record(request: AuthenticatedRequest, model: type[Record], pk: int) -> Record:
    return access_record(request.user, model, pk)


def _urls(record: Record) -> dict[str, str]:
    if isinstance(record, Contact):
        return {
            "timeline_url": reverse("contacts:contact_timeline", args=[record.pk]),
            "log_url": reverse("contacts:contact_log_activity", args=[record.pk]),
            "record_url": reverse("contacts:detail", args=[record.pk]),
        }
    return {
        "timeline_url": reverse("contacts:company_timeline", args=[record.pk]),
        "log_url": reverse("contacts:company_log_activity", args=[record.pk]),
        "record_url": reverse("contacts:company_detail", args=[record.pk]),
    }


def _can_log(request: AuthenticatedRequest, record: Record) -> bool:
    return can_add(request.user, Activity) and can(request.user, Action.VIEW, record)


def _timeline_context(request: AuthenticatedRequest, record: Record) -> dict[str, Any]:
    kind = request.GET.get("kind", "")
    if not timeline.is_kind(kind):
        kind = ""
    activities = (
        timeline.record_activities(request.user, record)
        .select_related("owner", "contact", "company")
        .prefetch_related("attachments")
    )
    try:
        page = timeline.read_page(
            request.user,
            record,
            activities,
            kind=kind,
            cursor=request.GET.get("cursor"),
            limit=PAGE_SIZE,
        )
    except InvalidCursor:
        page = timeline.read_page(request.user, record, activities, kind=kind, limit=PAGE_SIZE)
    urls = _urls(record)
    older_url = None
    if page.next_cursor:
        params = {"cursor": page.next_cursor, **({"kind": kind} if kind else {})}
        older_url = f"{urls['timeline_url']}?{urlencode(params)}"
    can_log = _can_log(request, record)
    form = _log_form(ActivityForm(kind=DEFAULT_KIND), urls["log_url"]) if can_log else None
    return {
        "record": record,
        "on": "company" if isinstance(record, Company) else "contact",
        "entries": [
            _entry(request, item) if isinstance(item, Activity) else item for item in page.items
        ],
        "older_url": older_url,
        "kind": kind,
        "kinds": timeline.kinds(),
        "can_log": can_log,
        "form": form,
        **urls,
    }


def _timeline(request: AuthenticatedRequest, record: Record) -> HttpResponse:
    context = _timeline_context(request, record)
    if wants_fragment(request):
        if request.GET.get("cursor"):
            template = "contacts/timeline/_items.html"  # "Older": the next entries
        elif request.GET.get("part") == "entries":
            template = "contacts/timeline/_entries.html"  # the kind filter changed
        else:
            template = "contacts/timeline/_timeline.html"
    else:
        template = "contacts/timeline/page.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def contact_timeline(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _timeline(request, _record(request, Contact, pk))


@login_required
def company_timeline(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The company's own activities and those on the people who work there."""
    return _timeline(request, _record(request, Company, pk))


def _log_form(form: ActivityForm, log_url: str) -> ActivityForm:
    return form.switch_kinds_at(log_url, "#log-activity-form")


def _log(request: AuthenticatedRequest, record: Record) -> HttpResponse:
    if not _can_log(request, record):
        raise PermissionDenied(_("Your role does not allow logging interactions."))
    urls = _urls(record)
    context: dict[str, Any] = {"record": record, **urls}
    if request.method != "POST" or "switch_kind" in request.POST:
        # A blank form, or the form of another kind keeping what was typed (the kind select
        # posts switch_kind; nothing is saved then).
        data = request.POST if request.method == "POST" else request.GET
        form = ActivityForm(kind=data.get("kind", ""), initial=typed_values(data))
        context["form"] = _log_form(form, urls["log_url"])
        template = "contacts/timeline/_form.html" if request.htmx else "contacts/timeline/log.html"
        return render(request, template, context)
    form = ActivityForm(request.POST, request.FILES, kind=request.POST.get("kind", ""))
    context["form"] = _log_form(form, urls["log_url"])
    if form.is_valid():
        target = {"company": record} if isinstance(record, Company) else {"contact": record}
        try:
            actions.log_activity(
                by=request.user,
                kind=form.activity_kind,
                attachments=form.cleaned_data.get("attachments") or [],
                **target,
                **form.action_values(),
            )
        except ValidationError as error:
            form.add_action_error(error)
        else:
            if not request.htmx:
                messages.success(request, _("Interaction logged."))
                return redirect(urls["record_url"])
            context = _timeline_context(request, record)
            context["logged"] = True
            return render(request, "contacts/timeline/_timeline.html", context)
    if request.htmx:
        response = render(request, "contacts/timeline/_form.html", context)
        # The errors replace the form alone, not the timeline under it.
        response["HX-Retarget"] = "#log-activity-form"
        response["HX-Reswap"] = "outerHTML"
        return response
    return render(request, "contacts/timeline/log.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def contact_log_activity(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _log(request, _record(request, Contact, pk))


@login_required
@require_http_methods(["GET", "POST"])
def company_log_activity(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _log(request, _record(request, Company, pk))


def _activity(request: AuthenticatedRequest, pk: int, action: Action = Action.VIEW) -> Activity:
    activity = access_record(request.user, Activity, pk, action)
    # The same rows the timeline reads with each entry, for the entry template.
    return (
        Activity.objects.select_related("owner", "contact", "company")
        .prefetch_related("attachments")
        .get(pk=activity.pk)
    )


def _on(request: AuthenticatedRequest) -> str:
    """Which page an entry is shown on ("contact" or "company"): it then names only the other."""
    on = request.GET.get("on", "")
    return on if on in {"contact", "company"} else ""


def _record_url(activity: Activity) -> str:
    if activity.contact_id:
        return reverse("contacts:detail", args=[activity.contact_id])
    return reverse("contacts:company_detail", args=[activity.company_id])


@login_required
def activity_entry(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One entry, as on the timeline (what "Cancel" on an edit goes back to)."""
    activity = _activity(request, pk)
    if not request.htmx:
        return redirect(_record_url(activity))
    context = {"entry": _entry(request, activity), "on": _on(request)}
    return render(request, "contacts/timeline/_entry.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    activity = _activity(request, pk, Action.CHANGE)
    on = _on(request)
    edit_url = f"{reverse('contacts:activity_edit', args=[pk])}?{urlencode({'on': on})}"
    template = "contacts/timeline/_edit.html" if request.htmx else "contacts/timeline/edit.html"
    context: dict[str, Any] = {
        "activity": activity,
        "record_url": _record_url(activity),
        "edit_url": edit_url,
        "on": on,
    }
    if request.method != "POST" or "switch_kind" in request.POST:
        data = request.POST if request.method == "POST" else request.GET
        form = ActivityForm(
            kind=data.get("kind") or activity.kind, instance=activity, initial=typed_values(data)
        )
        context["form"] = form.switch_kinds_at(edit_url, f"#activity-{pk}")
        return render(request, template, context)
    form = ActivityForm(
        request.POST, request.FILES, kind=request.POST.get("kind", ""), instance=activity
    )
    context["form"] = form.switch_kinds_at(edit_url, f"#activity-{pk}")
    if form.is_valid():
        try:
            actions.update_activity(
                activity,
                by=request.user,
                values=form.action_values(),
                expected_version=form.cleaned_data.get("version") or activity.version,
                add_attachments=form.cleaned_data.get("attachments") or [],
                remove_attachments=form.cleaned_data.get("remove_attachments") or [],
            )
        except ValidationError as error:
            form.add_action_error(error)
        except StaleVersion:
            form.add_error(
                None,
                _(
                    "Someone else changed this interaction while you were editing. "
                    "Cancel to see their changes, then edit again."
                ),
            )
        else:
            if not request.htmx:
                messages.success(request, _("Interaction saved."))
                return redirect(_record_url(activity))
            entry = _entry(request, _activity(request, pk))
            return render(request, "contacts/timeline/_entry.html", {"entry": entry, "on": on})
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    activity = _activity(request, pk, Action.DELETE)
    if request.method != "POST":
        return render(
            request,
            "contacts/timeline/delete.html",
            {"activity": activity, "record_url": _record_url(activity)},
        )
    record_url = _record_url(activity)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = activity.version
    try:
        actions.delete_activity(activity, by=request.user, expected_version=version)
    except StaleVersion:
        if request.htmx:
            entry = _entry(request, _activity(request, pk))
            context = {"entry": entry, "stale": True, "on": _on(request)}
            return render(request, "contacts/timeline/_entry.html", context)
        messages.error(request, _("Someone else changed this interaction; it was not deleted."))
        return redirect(record_url)
    if request.htmx:
        return HttpResponse("")  # the entry is swapped for nothing
    messages.success(request, _("Interaction deleted."))
    return redirect(record_url)


@login_required
def attachment_download(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """An attachment, to whoever may see its activity: always a download, never shown inline."""
    return download_response(access_attachment(request.user, pk))
