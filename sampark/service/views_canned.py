"""Canned responses: the list an agent keeps (their team's responses), the form, and the text of
one filled in for a ticket, which the answer box inserts."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sampark.core.forms import add_action_error
from sampark.core.http import AuthenticatedRequest
from sampark.core.records import StaleVersion, access_record, can, can_add
from sampark.core.roles import Action
from sampark.service import canned
from sampark.service.models import CannedResponse, Ticket


class CannedForm(forms.ModelForm[CannedResponse]):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = CannedResponse
        fields = ["name", "language", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}

    def _post_clean(self) -> None:
        pass  # the actions check and write


@login_required
def canned_list(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    responses = CannedResponse.objects.visible_to(user).order_by("name", "language")
    changeable = {r.pk for r in responses if can(user, Action.CHANGE, r)}
    context = {
        "responses": responses,
        "changeable": changeable,
        "can_add": can_add(user, CannedResponse),
        "placeholders": [f"{{{name}}}" for name in canned.PLACEHOLDERS],
    }
    return render(request, "service/canned/list.html", context)


@login_required
def canned_create(request: AuthenticatedRequest) -> HttpResponse:
    if not can_add(request.user, CannedResponse):
        raise PermissionDenied(_("Your role does not allow adding canned responses."))
    form = CannedForm(request.POST or None, initial={"language": request.user.language})
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            canned.create_canned(by=request.user, **values)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Canned response saved."))
            return redirect("service:canned")
    return render(request, "service/canned/form.html", {"form": form})


@login_required
def canned_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    response = access_record(request.user, CannedResponse, pk, Action.CHANGE)
    form = CannedForm(
        request.POST or None, instance=response, initial={"version": response.version}
    )
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            canned.update_canned(
                response,
                by=request.user,
                values=values,
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_action_error(form, error)
        except StaleVersion:
            form.add_error(None, _("Someone else changed it meanwhile. Reload and edit again."))
        else:
            messages.success(request, _("Canned response saved."))
            return redirect("service:canned")
    return render(request, "service/canned/form.html", {"form": form, "response": response})


@login_required
def canned_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    response = access_record(request.user, CannedResponse, pk, Action.DELETE)
    if request.method == "POST":
        canned.delete_canned(response, by=request.user)
        messages.success(request, _("Canned response deleted."))
        return redirect("service:canned")
    return render(request, "service/canned/delete.html", {"response": response})


@login_required
@require_GET
def canned_filled(request: AuthenticatedRequest, pk: int, canned_pk: int) -> HttpResponse:
    """The response's text for this ticket, as plain text, for the answer box to insert."""
    ticket = access_record(request.user, Ticket, pk)
    response = access_record(request.user, CannedResponse, canned_pk)
    text = canned.filled(response, ticket, request.user)
    return HttpResponse(text, content_type="text/plain; charset=utf-8")
