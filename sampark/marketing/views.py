"""Segments in the web UI: the list, a segment's page, the rule builder with its live count, and
fixed lists' members. Thin: permissions in ``access``, writes in ``actions``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sampark.contacts.conditions import Rule, available
from sampark.contacts.conditions.describe import Describer, describe
from sampark.core.http import AuthenticatedRequest
from sampark.core.keyset import InvalidCursor, keyset_page, page_url
from sampark.core.records import StaleVersion
from sampark.core.roles import Action
from sampark.marketing import access, actions, builder
from sampark.marketing.forms import CopyForm, SegmentForm
from sampark.marketing.membership import count_matching, members
from sampark.marketing.models import Segment

PAGE_SIZE = 50
# What a new segment's builder starts with: one condition to fill in.
FIRST_CONDITION: Rule = {"match": "all", "conditions": [{"field": "", "op": ""}]}


@login_required
def segment_list(request: AuthenticatedRequest) -> HttpResponse:
    if not access.may_view(request.user):
        raise Http404
    words = Describer(available())
    segments = [
        (segment, "" if segment.is_static else words(segment.rules))
        for segment in Segment.objects.all()
    ]
    context = {"segments": segments, "can_add": access.may_add(request.user)}
    return render(request, "marketing/segments.html", context)


@login_required
def segment_count(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    segment = access.access_segment(request.user, pk)
    count = members(segment, request.user).count()
    return render(request, "marketing/_count.html", {"count": count})


@login_required
def segment_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    segment = access.access_segment(request.user, pk)
    contacts = members(segment, request.user).order_by("display_name", "id")
    try:
        page = keyset_page(contacts, cursor=request.GET.get("cursor"), limit=PAGE_SIZE)
    except InvalidCursor:
        page = keyset_page(contacts, cursor=None, limit=PAGE_SIZE)
    context = {
        "segment": segment,
        "rule_text": "" if segment.is_static else describe(segment.rules, available()),
        "page": page,
        "next_url": page_url(request, page.next_cursor) if page.next_cursor else None,
        "can_change": access.may_change(request.user, segment),
        "can_add": access.may_add(request.user),
        "copy_form": CopyForm(initial={"name": _("%(name)s (list)") % {"name": segment.label}}),
        "other_segments": Segment.objects.exclude(pk=segment.pk),
    }
    return render(request, "marketing/segment.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def segment_new(request: AuthenticatedRequest) -> HttpResponse:
    if not access.may_add(request.user):
        raise PermissionDenied(_("Read-only users cannot build segments."))
    return _edit(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def segment_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _edit(request, access.access_segment(request.user, pk, Action.CHANGE))


def _edit(request: AuthenticatedRequest, segment: Segment | None) -> HttpResponse:
    posted = request.method == "POST"
    form = SegmentForm(request.POST if posted else None, segment=segment)
    rule = builder.read(request.POST) if posted else (segment.rules if segment else FIRST_CONDITION)
    problems: dict[str, dict[str, list[str]]] = {}
    if posted and request.POST.get("act"):
        # A builder button pressed without htmx: draw the form again with its change.
        rule = builder.apply(rule, request.POST["act"])
    elif posted and form.is_valid():
        try:
            saved = _save(request, segment, form.cleaned_data, rule)
        except ValidationError as error:
            problems = _place(form, error)
        except StaleVersion:
            form.add_error(
                None, _("Someone changed this segment since you opened it. Open it again.")
            )
        else:
            messages.success(request, _("Segment “%(name)s” saved.") % {"name": saved.label})
            return redirect("marketing:segment", saved.pk)
    context = {"form": form, "segment": segment, **_builder_context(request, rule, problems)}
    return render(request, "marketing/segment_form.html", context)


def _save(
    request: AuthenticatedRequest, segment: Segment | None, data: dict[str, Any], rule: Rule
) -> Segment:
    if segment is None:
        return actions.create_segment(
            by=request.user,
            name=data["name"],
            description=data["description"],
            kind=data["kind"],
            rules=rule,
        )
    values = {"name": data["name"], "description": data["description"], "rules": rule}
    version = request.POST.get("version", "")
    return actions.update_segment(
        segment,
        by=request.user,
        values=values,
        expected_version=int(version) if version.isdigit() else None,
    )


def _place(form: SegmentForm, error: ValidationError) -> dict[str, dict[str, list[str]]]:
    """Put the action's problems beside their inputs: the form's fields, or the builder's."""
    rule_problems: dict[str, list[str]] = {}
    for key, messages_ in error.message_dict.items():
        if key == "rules" or key.startswith("rules."):
            rule_problems[key.removeprefix("rules").removeprefix(".")] = messages_
        else:
            form.add_error(key if key in form.fields else None, messages_)
    return builder.problems_by_path(rule_problems)


@login_required
@require_POST
def rule_builder(request: AuthenticatedRequest) -> HttpResponse:
    """The builder drawn again after a change (htmx), with its live count."""
    if not access.may_view(request.user):
        raise Http404
    rule = builder.read(request.POST)
    if act := request.POST.get("act", ""):
        rule = builder.apply(rule, act)
    return render(request, "marketing/_builder.html", _builder_context(request, rule, {}))


@login_required
@require_POST
def rule_count(request: AuthenticatedRequest) -> HttpResponse:
    """The live count alone, as a value is typed (the builder is not drawn again, so nothing
    the user is typing elsewhere is lost)."""
    if not access.may_view(request.user):
        raise Http404
    context = _count_context(request, builder.read(request.POST))
    return render(request, "marketing/_rule_count.html", context)


def _builder_context(
    request: AuthenticatedRequest, rule: Rule, problems: dict[str, dict[str, list[str]]]
) -> dict[str, Any]:
    return {
        "root": builder.layout(rule, problems),
        "field_groups": builder.field_groups(),
        "base_currency": settings.SAMPARK_BASE_CURRENCY,
        **_count_context(request, rule),
    }


def _count_context(request: AuthenticatedRequest, rule: Rule) -> dict[str, Any]:
    counted, left_out = builder.countable(rule)
    return {
        "count": count_matching(counted, request.user),
        "unfinished": builder.unfinished_note(left_out),
    }


@login_required
@require_http_methods(["GET", "POST"])
def segment_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    segment = access.access_segment(request.user, pk, Action.DELETE)
    problem = ""
    if request.method == "POST":
        try:
            actions.delete_segment(segment, by=request.user)
        except ValidationError as error:
            problem = " ".join(error.messages)
        except StaleVersion:
            problem = _("Someone changed this segment since you opened it. Open it again.")
        else:
            messages.success(request, _("Segment “%(name)s” deleted.") % {"name": segment.label})
            return redirect("marketing:home")
    return render(request, "marketing/delete.html", {"segment": segment, "problem": problem})


@login_required
@require_POST
def segment_copy(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    segment = access.access_segment(request.user, pk)
    form = CopyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the list a name."))
        return redirect("marketing:segment", segment.pk)
    try:
        copy = actions.copy_as_list(segment, by=request.user, name=form.cleaned_data["name"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("marketing:segment", segment.pk)
    messages.success(request, _("Fixed list “%(name)s” made.") % {"name": copy.label})
    return redirect("marketing:segment", copy.pk)


@login_required
@require_POST
def list_add_segment(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Put the members of another segment on a fixed list."""
    segment = access.access_segment(request.user, pk, Action.CHANGE)
    source = access.access_segment(request.user, request.POST.get("source", ""))
    ids = members(source, request.user).values_list("pk", flat=True)
    try:
        added = actions.add_members(segment, ids.iterator(), by=request.user)
    except ValidationError as error:  # a segment by rules: its rules decide who is in it
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(n)s added to the list.") % {"n": added})
    return redirect("marketing:segment", segment.pk)


@login_required
@require_POST
def list_remove(request: AuthenticatedRequest, pk: int, contact: int) -> HttpResponse:
    segment = access.access_segment(request.user, pk, Action.CHANGE)
    try:
        actions.remove_members(segment, [contact], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("marketing:segment", segment.pk)
