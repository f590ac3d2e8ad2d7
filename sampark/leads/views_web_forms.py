"""Managing web forms (admins and managers): the list, the set-up form and the embed code."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sampark.contacts.actions import assignable_owners
from sampark.core.forms import add_action_error
from sampark.core.http import AuthenticatedRequest
from sampark.core.models import Team
from sampark.core.records import StaleVersion
from sampark.core.roles import Action, Reach, reach
from sampark.leads import embed
from sampark.leads.actions_web_forms import (
    create_web_form,
    manageable_forms,
    may_manage_forms,
    update_web_form,
)
from sampark.leads.forms_web_forms import WebFormForm
from sampark.leads.models import WebForm


def _require(request: AuthenticatedRequest) -> None:
    if not may_manage_forms(request.user):
        raise PermissionDenied(_("Only managers and admins manage web forms."))


def _teams(request: AuthenticatedRequest) -> QuerySet[Team]:
    if reach(request.user, Action.CHANGE) is Reach.ALL:
        return Team.objects.all()
    return Team.objects.filter(pk__in=request.user.team_ids())


def _form(request: AuthenticatedRequest, instance: WebForm | None = None) -> WebFormForm:
    initial = {"owner": request.user.pk} if instance is None else {"version": instance.version}
    return WebFormForm(
        request.POST or None,
        instance=instance,
        owners=assignable_owners(request.user),
        teams=_teams(request),
        initial=initial,
    )


@login_required
def web_form_list(request: AuthenticatedRequest) -> HttpResponse:
    _require(request)
    forms = manageable_forms(request.user).select_related("owner")
    return render(request, "leads/web_forms/list.html", {"forms": forms})


@login_required
@require_http_methods(["GET", "POST"])
def web_form_create(request: AuthenticatedRequest) -> HttpResponse:
    _require(request)
    form = _form(request)
    if request.method == "POST" and form.is_valid():
        try:
            web_form = create_web_form(by=request.user, **form.action_values())
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Web form created. Copy its code onto your website."))
            return redirect("leads:web_form", web_form.pk)
    return render(request, "leads/web_forms/form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def web_form_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request)
    web_form = manageable_forms(request.user, Action.CHANGE).filter(pk=pk).first()
    if web_form is None:
        raise Http404(_("No such record, or you may not see it."))
    form = _form(request, web_form)
    if request.method == "POST" and form.is_valid():
        try:
            update_web_form(
                web_form,
                by=request.user,
                values=form.action_values(),
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_action_error(form, error)
        except StaleVersion:
            form.add_error(
                None, _("Someone else changed this form meanwhile. Reload the page, then edit.")
            )
        else:
            messages.success(request, _("Web form saved."))
            return redirect("leads:web_form", web_form.pk)
    # The code as saved, not as the rejected post left the instance.
    saved = WebForm.objects.get(pk=web_form.pk)
    context = {
        "form": form,
        "web_form": saved,
        "snippet": embed.snippet(request, saved),
        "script": embed.script_tag(request),
        "page_url": embed.public_url(request, saved),
    }
    return render(request, "leads/web_forms/form.html", context)
