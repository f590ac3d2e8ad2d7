"""The page that emails a client (contacts/emails.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sampark.contacts.emails import ContactEmailForm, email_contact
from sampark.contacts.models import Activity, Contact
from sampark.core.forms import add_action_error
from sampark.core.http import AuthenticatedRequest
from sampark.core.records import access_record, can_add
from sampark.mail.smtp import own_sender


@login_required
@require_http_methods(["GET", "POST"])
def contact_email(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    contact = access_record(request.user, Contact, pk)
    if not can_add(request.user, Activity):
        raise PermissionDenied(_("Your role does not allow emailing clients."))
    form = ContactEmailForm(contact, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mail, _activity = email_contact(contact, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            if mail.sent_at is None:
                messages.error(
                    request, _("The email could not be sent: %(error)s") % {"error": mail.error}
                )
            else:
                messages.success(
                    request, _("Email sent to %(address)s.") % {"address": mail.to_address}
                )
                return redirect("contacts:detail", contact.pk)
    own = own_sender(request.user)
    context = {
        "contact": contact,
        "form": form,
        "sender": own.address if own else request.user.email,
        "through_own_server": own is not None,
    }
    return render(request, "contacts/email.html", context)
