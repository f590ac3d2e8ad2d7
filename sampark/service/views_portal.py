"""The customer portal at /support/: signing in by emailed link, the client's tickets with their
public conversation, answering, a new ticket, files, the portal's language, signing out.

Thin views over ``service.portal`` (who is signed in, what they may read) and the ticket
actions. Portal pages speak the client's language in their time zone, whoever else is signed in
to Sampark in the same browser, and are never cached.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.middleware import HtmxDetails

from sampark.contacts.attachments import download_response
from sampark.contacts.models import Contact
from sampark.core import audit, public_forms
from sampark.core.forms import add_action_error
from sampark.core.http import next_url
from sampark.core.models import Channel
from sampark.service import actions, csat, portal, public_intake
from sampark.service.clients import contact_with_address
from sampark.service.forms_portal import (
    PortalAnswerForm,
    PortalTicketForm,
    RatingForm,
    SignInForm,
)
from sampark.service.models import TicketChannel

View = Callable[..., HttpResponseBase]


class PortalRequest(HttpRequest):
    contact: Contact  # set by ``portal_page``: the signed-in client
    htmx: HtmxDetails


def portal_page(view: View) -> View:
    """For a signed-in client only (else to the sign-in page, and back afterwards), in their
    language and time zone, never cached."""

    @wraps(view)
    def wrapper(request: PortalRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        contact = portal.signed_in(request)
        if contact is None:
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('portal:sign_in')}?{query}")
        request.contact = contact
        language = portal.language_of(request, contact)
        with translation.override(language), timezone.override(portal.time_zone_of(contact)):
            response = view(request, *args, **kwargs)
        response["Content-Language"] = language
        add_never_cache_headers(response)
        return response

    return wrapper


# --------------------------------------------------------------------------------------------
# Signing in and out


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    """Ask for a link by email. The answer is the same whether the address is known or not."""
    if portal.signed_in(request) is not None:
        return redirect("portal:home")
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        address = form.cleaned_data["email"]
        ip_allowed, address_allowed = portal.links_allowed(request, address)
        if not ip_allowed:
            response = render(
                request,
                "service/portal/refused.html",
                {"message": _("Too many requests at once. Try again in a while.")},
                status=429,
            )
            response["Retry-After"] = str(portal.REQUESTS_PER_IP.seconds)
            return response
        # Where to go once signed in, if the link is opened in this browser.
        request.session[portal.NEXT_KEY] = _next(request)
        contact = contact_with_address(address) if address_allowed else None
        if contact is not None:
            from sampark.service.tasks import send_portal_link

            found = contact.pk
            transaction.on_commit(lambda: send_portal_link.enqueue(found, address))
        return redirect("portal:sign_in_sent")
    return render(request, "service/portal/sign_in.html", {"form": form, "next": _next(request)})


def _next(request: HttpRequest) -> str:
    wanted = request.GET.get("next", "") or request.POST.get("next", "")
    home = reverse("portal:home")
    return next_url(request, home, url=wanted) if wanted.startswith(home) else home


@never_cache
def sign_in_sent(request: HttpRequest) -> HttpResponse:
    context = {"minutes": portal.LINK_MINUTES}
    return render(request, "service/portal/sign_in_sent.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_link(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed link: a button to sign in (a POST, which uses the link up), or why the link
    no longer works."""
    try:
        contact = (
            portal.redeem_link(token) if request.method == "POST" else portal.check_link(token)
        )
    except portal.LinkRefused as refused:
        context = {"reason": refused.reason, "minutes": portal.LINK_MINUTES}
        return render(request, "service/portal/link_refused.html", context, status=410)
    if request.method == "GET":
        with translation.override(contact.language):
            return render(request, "service/portal/sign_in_confirm.html", {"token": token})
    portal.sign_in(request, contact)
    return redirect(request.session.pop(portal.NEXT_KEY, None) or "portal:home")


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    portal.sign_out(request)
    return redirect("portal:sign_in")


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The portal's language: for this portal session (a client's record is the desk's to
    change), and for the pages before signing in (the language cookie)."""
    language = request.POST.get("language", "")
    response = redirect(_next(request))
    if language not in dict(settings.LANGUAGES):
        return response
    if portal.signed_in(request) is not None:
        request.session[portal.LANGUAGE_KEY] = language
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
    )
    return response


# --------------------------------------------------------------------------------------------
# The client's tickets


@portal_page
def home(request: PortalRequest) -> HttpResponse:
    tickets = portal.tickets_of(request.contact)[:200]
    return render(request, "service/portal/tickets.html", {"tickets": tickets})


def _ticket_page(
    request: PortalRequest,
    ticket: Any,
    answer_form: PortalAnswerForm | None = None,
    rating_form: RatingForm | None = None,
    status: int = 200,
) -> HttpResponse:
    rating = csat.rating_of(ticket)
    given = {"rating": rating.rating, "comment": rating.comment} if rating else {}
    context = {
        "ticket": ticket,
        "thread": portal.public_thread(ticket),
        "answer_form": (answer_form or PortalAnswerForm()) if portal.may_answer(ticket) else None,
        "rating": rating,
        "rating_form": (rating_form or RatingForm(initial=given))
        if csat.may_rate(ticket)
        else None,
    }
    return render(request, "service/portal/ticket.html", context, status=status)


@portal_page
def ticket_page(request: PortalRequest, pk: int) -> HttpResponse:
    ticket = portal.ticket_of(request.contact, pk)
    return _ticket_page(request, ticket)


@portal_page
@require_POST
def answer(request: PortalRequest, pk: int) -> HttpResponse:
    contact = request.contact
    ticket = portal.ticket_of(contact, pk)
    if not portal.may_answer(ticket):
        messages.error(request, _("This request is closed. Please open a new one."))
        return redirect("portal:ticket", ticket.pk)
    form = PortalAnswerForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            with audit.via(Channel.SYSTEM):
                actions.client_wrote(
                    ticket,
                    by=ticket.owner,
                    body=form.cleaned_data["body"],
                    contact=contact,
                    channel=TicketChannel.PORTAL,
                    mail=actions.Mail(from_name=contact.display_name, from_address=contact.email),
                    attachments=form.cleaned_data["attachments"],
                )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Your answer was sent."))
            return redirect("portal:ticket", ticket.pk)
    return _ticket_page(request, ticket, answer_form=form, status=422)


@portal_page
@require_http_methods(["GET", "POST"])
def new_ticket(request: PortalRequest) -> HttpResponse:
    contact = request.contact
    form = PortalTicketForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        desk = public_intake.the_desk()
        key = f"sampark:portal-new-ticket:{contact.pk}"
        if desk is None or public_forms.over_limit((key, portal.NEW_TICKETS_PER_CONTACT)):
            form.add_error(None, _("We cannot take more requests now. Try again later."))
        else:
            data = form.cleaned_data
            try:
                ticket = public_intake.open_for_client(
                    desk,
                    contact,
                    subject=data["subject"],
                    body=data["body"],
                    language=translation.get_language() or contact.language,
                    channel=TicketChannel.PORTAL,
                    attachments=data["attachments"],
                )
            except ValidationError as error:
                add_action_error(form, error)
            else:
                messages.success(
                    request,
                    _("Thank you. Your request is number %(number)s.") % {"number": ticket.number},
                )
                return redirect("portal:ticket", ticket.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "service/portal/new_ticket.html", {"form": form}, status=status)


@portal_page
def attachment(request: PortalRequest, pk: int) -> FileResponse:
    """A file of a public message of the client's own ticket; anything else is 404."""
    return download_response(portal.attachment_of(request.contact, pk))


@portal_page
@require_POST
def rate_ticket(request: PortalRequest, pk: int) -> HttpResponse:
    ticket = portal.ticket_of(request.contact, pk)
    form = RatingForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            csat.rate(ticket, data["rating"], data["comment"])
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Thank you for your rating."))
            return redirect("portal:ticket", ticket.pk)
    return _ticket_page(request, ticket, rating_form=form, status=422)
