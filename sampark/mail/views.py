"""Settings → Mailboxes, for admins: the mailboxes with how their reading goes, set-up forms
that try the server before saving, "Check now", and the mail each one took and what it became."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sampark.contacts.actions import assignable_owners
from sampark.core.forms import add_action_error
from sampark.core.http import AuthenticatedRequest
from sampark.core.models import Team
from sampark.core.records import StaleVersion
from sampark.core.views.workspace import readable_history, require_role, settings_page
from sampark.mail import actions
from sampark.mail.actions import MANAGE_MAILBOXES
from sampark.mail.forms import MailboxForm
from sampark.mail.models import InboundMail, Mailbox
from sampark.mail.tasks import check_mailbox

TAB = "mailboxes"
RECENT_MAIL = 50


def _page(request: AuthenticatedRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return settings_page(request, f"mail/{template}", TAB, context)


def _form(request: AuthenticatedRequest, instance: Mailbox | None = None) -> MailboxForm:
    initial = {"owner": request.user.pk} if instance is None else {"version": instance.version}
    return MailboxForm(
        request.POST or None,
        instance=instance,
        owners=assignable_owners(request.user),
        teams=Team.objects.all(),
        initial=initial,
    )


@login_required
def mailbox_list(request: AuthenticatedRequest) -> HttpResponse:
    require_role(request.user, MANAGE_MAILBOXES)
    mailboxes = Mailbox.objects.select_related("owner", "team")
    return _page(request, "list.html", {"mailboxes": mailboxes})


@login_required
@require_http_methods(["GET", "POST"])
def mailbox_create(request: AuthenticatedRequest) -> HttpResponse:
    require_role(request.user, MANAGE_MAILBOXES)
    form = _form(request)
    if request.method == "POST" and form.is_valid():
        try:
            mailbox = actions.create_mailbox(
                by=request.user, password=form.cleaned_data["password"], **form.action_values()
            )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(
                request,
                _("The mailbox %(name)s is connected: new mail is taken each minute.")
                % {"name": mailbox},
            )
            return redirect("mail:mailbox", mailbox.pk)
    return _page(request, "form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def mailbox_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require_role(request.user, MANAGE_MAILBOXES)
    mailbox = get_object_or_404(Mailbox.objects.select_related("owner"), pk=pk)
    form = _form(request, mailbox)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_mailbox(
                mailbox,
                by=request.user,
                values=form.action_values(),
                expected_version=form.cleaned_data["version"],
            )
            if form.cleaned_data["password"]:
                actions.set_password(mailbox, form.cleaned_data["password"], by=request.user)
        except ValidationError as error:
            add_action_error(form, error)
        except StaleVersion:
            form.add_error(
                None, _("Someone else changed this mailbox meanwhile. Reload the page, then edit.")
            )
        else:
            messages.success(request, _("The mailbox %(name)s was saved.") % {"name": mailbox})
            return redirect("mail:mailbox", mailbox.pk)
    saved = Mailbox.objects.get(pk=mailbox.pk)  # as stored, not as a rejected post left it
    mails = (
        InboundMail.objects.filter(mailbox=saved)
        .prefetch_related("record")
        .order_by("-received_at", "-id")[:RECENT_MAIL]
    )
    context = {
        "form": form,
        "mailbox": saved,
        "mails": mails,
        "history": readable_history(saved),
    }
    return _page(request, "form.html", context)


@login_required
@require_POST
def mailbox_check(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require_role(request.user, MANAGE_MAILBOXES)
    mailbox = get_object_or_404(Mailbox, pk=pk)
    check_mailbox.enqueue(mailbox.pk)
    messages.success(request, _("The mailbox %(name)s will be checked now.") % {"name": mailbox})
    return redirect("mail:mailbox", mailbox.pk)


@login_required
@require_http_methods(["GET", "POST"])
def mailbox_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require_role(request.user, MANAGE_MAILBOXES)
    mailbox = get_object_or_404(Mailbox, pk=pk)
    if request.method == "POST":
        actions.delete_mailbox(mailbox, by=request.user)
        messages.success(request, _("The mailbox %(name)s was removed.") % {"name": mailbox})
        return redirect("mail:mailboxes")
    return _page(request, "delete.html", {"mailbox": mailbox})
