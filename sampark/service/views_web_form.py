"""The public ticket form: ``/support/new/`` (its own page, and where the copy embedded in the
firm's website posts), ``/support/new/stamp/`` (a fresh stamp for the embed script), and, for
admins, the HTML to paste into the website (``/service/web-form/``).

Nobody signs in here and posts may come from the firm's website, so CSRF protection is replaced
by the guards of ``core/public_forms`` (checked in order: size, rate, honeypot, stamp, then the
fields). The answer tells nothing about anyone else's tickets: a thank-you with the sender's own
ticket number, or their entries back with what to correct. HTML for browsers; JSON for
``Accept: application/json`` (201 with the number, 422 with the errors by field).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    ValidationError,
)
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from sampark.core import public_forms
from sampark.core.api.errors import error_body
from sampark.core.forms import add_action_error
from sampark.core.http import AuthenticatedRequest
from sampark.core.public_forms import HONEYPOT_FIELD, STAMP_FIELD
from sampark.core.roles import Role
from sampark.service import public_intake
from sampark.service.forms_portal import TicketWebForm
from sampark.service.models import Ticket


def _page(request: HttpRequest, entry: TicketWebForm, status: int = 200) -> HttpResponse:
    context = {
        "form": entry,
        "stamp": public_intake.issue_stamp(),
        "honeypot": HONEYPOT_FIELD,
        "stamp_field": STAMP_FIELD,
    }
    return render(request, "service/portal/web_form.html", context, status=status)


def _refusal(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
    if public_forms.wants_json(request):
        return JsonResponse(error_body(code, message), status=status)
    return render(request, "service/portal/refused.html", {"message": message}, status=status)


def _too_large(request: HttpRequest) -> HttpResponse:
    return _refusal(request, 413, "too_large", _("What was sent is larger than we accept."))


def _invalid(request: HttpRequest, entry: TicketWebForm) -> HttpResponse:
    if public_forms.wants_json(request):
        fields = {name: [str(e) for e in errors] for name, errors in entry.errors.items()}
        body = error_body("invalid", _("Some values are not valid; see fields."), fields)
        return JsonResponse(body, status=422)
    return _page(request, entry, status=400)


def _thanks(request: HttpRequest, ticket: Ticket | None) -> HttpResponse:
    message = _("Thank you. We have received your request and will answer by email.")
    if public_forms.wants_json(request):
        number = ticket.number if ticket is not None else None
        return JsonResponse({"message": message, "ticket": number}, status=201)
    return render(request, "service/portal/web_form_thanks.html", {"ticket": ticket})


def _stamp_problem(problem: str) -> str:
    if problem == public_forms.Stamp.TOO_FAST:
        return _("That was quicker than people type. Check your entries and send the form again.")
    return _("Please check your entries and send the form again (attach your files again, if any).")


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def ticket_form(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        language = translation.get_language()
        return _page(request, TicketWebForm(initial={"language": language}))
    return _submit(request)


def _submit(request: HttpRequest) -> HttpResponse:
    if public_forms.too_big(request, public_intake.MAX_BODY_BYTES):
        return _too_large(request)
    if public_intake.over_limit(request):
        response = _refusal(
            request, 429, "too_many_requests", _("Too many sent at once. Try again in a while.")
        )
        response["Retry-After"] = str(public_intake.PER_ADDRESS.seconds)
        return response
    try:
        data, files = request.POST, request.FILES
    except RequestDataTooBig:
        return _too_large(request)
    except (SuspiciousOperation, MultiPartParserError):
        return _refusal(request, 400, "bad_request", _("What was sent could not be read."))
    if data.get(HONEYPOT_FIELD):
        return _thanks(request, None)  # a bot: tell it nothing, keep nothing
    entry = TicketWebForm(data, files)
    entry.is_valid()
    problem = public_intake.check_stamp(data.get(STAMP_FIELD, ""))
    if problem is not None:
        entry.add_error(None, _stamp_problem(problem))
    if not entry.is_valid():
        return _invalid(request, entry)
    desk = public_intake.the_desk()
    if desk is None:
        message = _("We cannot take requests here yet. Please write to us by email.")
        return _refusal(request, 503, "unavailable", message)
    values = entry.cleaned_data
    try:
        ticket = public_intake.take_web_form(desk, **values)
    except ValidationError as error:
        add_action_error(entry, error)
        return _invalid(request, entry)
    with translation.override(ticket.language):
        return _thanks(request, ticket)


@require_GET
@never_cache
def ticket_form_stamp(request: HttpRequest) -> JsonResponse:
    """A fresh stamp for the embed script on the firm's website (any website may read it: a
    stamp only says when a form was shown)."""
    response = JsonResponse({"stamp": public_intake.issue_stamp()})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def snippet(request: HttpRequest) -> str:
    """The form's HTML for another website, in the active language: it works without script
    (the first send then comes back once to be confirmed on our page); the script line fetches
    a stamp when the page loads, so the first send is taken."""
    action = request.build_absolute_uri(reverse("portal:new_ticket_form"))
    return render_to_string(
        "service/portal/snippet.html",
        {
            "form": TicketWebForm(initial={"language": translation.get_language()}, suggest=False),
            "action": action,
            "stamp_url": request.build_absolute_uri(reverse("portal:new_ticket_form_stamp")),
            "script_url": request.build_absolute_uri(static("service/ticket-form-embed.js")),
            "stamp": "",
            "honeypot": HONEYPOT_FIELD,
            "stamp_field": STAMP_FIELD,
        },
    ).strip()


@login_required
def embed_page(request: AuthenticatedRequest) -> HttpResponse:
    """For admins: the public form's and the portal's addresses, and the code to embed."""
    if request.user.role != Role.ADMIN:
        raise PermissionDenied(_("Only admins set up the public ticket form."))
    context = {
        "snippet": snippet(request),
        "form_url": request.build_absolute_uri(reverse("portal:new_ticket_form")),
        "portal_url": request.build_absolute_uri(reverse("portal:home")),
        "desk": public_intake.the_desk(),
    }
    return render(request, "service/web_form_embed.html", context)
