"""Settings → Custom fields: everyone may see what is defined; admins define and change them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from sampark.core.http import AuthenticatedRequest
from sampark.core.roles import Role
from sampark.core.views.workspace import has_role, readable_history, require_role, settings_page
from sampark.customfields import actions
from sampark.customfields.forms import CustomFieldForm
from sampark.customfields.models import CustomField, CustomObject

MANAGE_FIELDS = frozenset({Role.ADMIN})
TAB = "custom_fields"


@login_required
def field_list(request: AuthenticatedRequest) -> HttpResponse:
    fields = CustomField.objects.all()
    groups = [
        (label, [field for field in fields if field.object == obj])
        for obj, label in CustomObject.choices
    ]
    context = {"groups": groups, "can_manage": has_role(request.user, MANAGE_FIELDS)}
    return settings_page(request, "customfields/list.html", TAB, context)


@login_required
def field_create(request: AuthenticatedRequest) -> HttpResponse:
    require_role(request.user, MANAGE_FIELDS)
    initial = {"object": request.GET.get("object", CustomObject.CONTACT)}
    form = CustomFieldForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            field = actions.define_field(by=request.user, **form.action_values())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The field %(label)s was added.") % {"label": field})
            return redirect("customfields:list")
    return settings_page(request, "customfields/form.html", TAB, {"form": form})


@login_required
def field_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require_role(request.user, MANAGE_FIELDS)
    field = get_object_or_404(CustomField, pk=pk)
    title = str(field)
    form = CustomFieldForm(request.POST or None, instance=field)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_field(field, by=request.user, values=form.action_values())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The field %(label)s was saved.") % {"label": field})
            return redirect("customfields:list")
    context = {"form": form, "field": field, "title": title, "history": readable_history(field)}
    return settings_page(request, "customfields/form.html", TAB, context)


@login_required
def field_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require_role(request.user, MANAGE_FIELDS)
    field = get_object_or_404(CustomField, pk=pk)
    if request.method == "POST":
        actions.delete_field(field, by=request.user)
        messages.success(request, _("The field %(label)s was deleted.") % {"label": field})
        return redirect("customfields:list")
    return settings_page(request, "customfields/delete.html", TAB, {"field": field})


def _add_errors(form: CustomFieldForm, error: ValidationError) -> None:
    # The action speaks of the model's fields; the form shows options in a text box of its own.
    for name, messages_ in error.message_dict.items():
        name = "options_text" if name == "options" else name
        form.add_error(name if name in form.fields else None, messages_)
