"""My mail: each person connects their own mailbox on their profile, without an admin. Its
client conversations land on the clients' timelines, and with an SMTP server the mail they
write from Sampark goes out through it (smtp.py). They see how its reading goes, check it now,
pause it or remove it; nobody else's is reachable here."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sampark.core.forms import add_action_error
from sampark.core.http import AuthenticatedRequest
from sampark.core.records import StaleVersion
from sampark.mail import actions
from sampark.mail.forms import MyMailForm
from sampark.mail.models import InboundMail, Mailbox, Purpose
from sampark.mail.tasks import check_mailbox

RECENT_MAIL = 50


def _require_may_connect(request: AuthenticatedRequest) -> None:
    if not actions.may_connect_own_mail(request.user):
        raise PermissionDenied(_("Your role does not log conversations with clients."))


def _mine(request: AuthenticatedRequest) -> Mailbox:
    _require_may_connect(request)
    mailbox = Mailbox.objects.personal_of(request.user)
    if mailbox is None:
        raise Http404
    return mailbox


@login_required
@require_http_methods(["GET", "POST"])
def my_mail(request: AuthenticatedRequest) -> HttpResponse:
    _require_may_connect(request)
    user = request.user
    mailbox = Mailbox.objects.personal_of(user)
    if mailbox is None:
        form = MyMailForm(
            request.POST or None,
            instance=Mailbox(owner=user, purpose=Purpose.PERSONAL),
            initial={"address": user.email, "username": user.email},
        )
    else:
        form = MyMailForm(
            request.POST or None, instance=mailbox, initial={"version": mailbox.version}
        )
    if request.method == "POST" and form.is_valid() and _save(request, form, mailbox):
        return redirect("my_mail:settings")
    context: dict[str, Any] = {"form": form, "mailbox": None, "mails": []}
    if mailbox is not None:
        saved = Mailbox.objects.get(pk=mailbox.pk)  # as stored, not as a rejected post left it
        context["mailbox"] = saved
        context["mails"] = (
            InboundMail.objects.filter(mailbox=saved)
            .prefetch_related("record")
            .order_by("-received_at", "-id")[:RECENT_MAIL]
        )
    return render(request, "mail/mine/settings.html", context)


def _save(request: AuthenticatedRequest, form: MyMailForm, mailbox: Mailbox | None) -> bool:
    user, values = request.user, form.action_values()
    values["name"] = values["address"]
    try:
        if mailbox is None:
            actions.create_mailbox(
                by=user,
                password=form.cleaned_data["password"],
                purpose=Purpose.PERSONAL,
                **values,
            )
            messages.success(request, _("Your mail is connected: new mail is read each minute."))
            return True
        actions.update_mailbox(
            mailbox, by=user, values=values, expected_version=form.cleaned_data["version"]
        )
        if form.cleaned_data["password"]:
            actions.set_password(mailbox, form.cleaned_data["password"], by=user)
    except ValidationError as error:
        add_action_error(form, error)
        return False
    except StaleVersion:
        form.add_error(None, _("These settings changed meanwhile. Reload the page, then edit."))
        return False
    messages.success(request, _("Your mail settings were saved."))
    return True


@login_required
@require_GET
def my_mail_summary(request: AuthenticatedRequest) -> HttpResponse:
    """The profile page's card: how the reading of one's mail goes, or the way to connect it."""
    user = request.user
    context = {
        "may_connect": actions.may_connect_own_mail(user),
        "mailbox": Mailbox.objects.personal_of(user),
    }
    return render(request, "mail/mine/_summary.html", context)


@login_required
@require_POST
def my_mail_check(request: AuthenticatedRequest) -> HttpResponse:
    mailbox = _mine(request)
    check_mailbox.enqueue(mailbox.pk)
    messages.success(request, _("Your mail will be checked now."))
    return redirect("my_mail:settings")


@login_required
@require_http_methods(["GET", "POST"])
def my_mail_delete(request: AuthenticatedRequest) -> HttpResponse:
    mailbox = _mine(request)
    if request.method == "POST":
        actions.delete_mailbox(mailbox, by=request.user)
        messages.success(request, _("Your mail is no longer read."))
        return redirect("profile")
    return render(request, "mail/mine/delete.html", {"mailbox": mailbox})
