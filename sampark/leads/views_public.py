"""The public side of web forms: ``/f/<token>/``, where visitors of a firm's website send their
enquiries, and ``/f/<token>/stamp/``, which the optional embed script asks for a fresh stamp.

Nobody signs in here and posts come from other websites, so CSRF protection is replaced by the
guards of ``capture`` (checked in order: size, website, rate, honeypot, stamp, then the fields).
The answer never tells anything about other leads: a thank-you, or the sender's own entries
back with what to correct. HTML for browsers; JSON for ``Accept: application/json``.
"""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from sampark.core.api.errors import error_body
from sampark.core.forms import add_action_error
from sampark.core.public_forms import see_other, wants_json
from sampark.leads import capture
from sampark.leads.forms_capture import CaptureForm
from sampark.leads.models import WebForm, origin_of


def _active_form(token: str) -> WebForm:
    form = WebForm.objects.active().select_related("owner").filter(public_token=token).first()
    if form is None:
        raise Http404(_("This form is no longer taking enquiries."))
    return form


def _page(
    request: HttpRequest, form: WebForm, entry: CaptureForm, status: int = 200
) -> HttpResponse:
    context = {
        "web_form": form,
        "form": entry,
        "stamp": capture.issue_stamp(form),
        "honeypot": capture.HONEYPOT_FIELD,
        "stamp_field": capture.STAMP_FIELD,
    }
    return render(request, "leads/public/page.html", context, status=status)


def _refusal(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
    if wants_json(request):
        return JsonResponse(error_body(code, message), status=status)
    return render(request, "leads/public/refused.html", {"message": message}, status=status)


def _thanks(request: HttpRequest, form: WebForm) -> HttpResponse:
    message = form.thank_you_message or _("Thank you. We will be in touch soon.")
    if wants_json(request):
        return JsonResponse({"message": message, "redirect": form.redirect_url or None}, status=201)
    if form.redirect_url:
        return see_other(form.redirect_url)
    return render(request, "leads/public/thanks.html", {"web_form": form, "message": message})


def _invalid(request: HttpRequest, form: WebForm, entry: CaptureForm) -> HttpResponse:
    if wants_json(request):
        fields = {name: [str(e) for e in errors] for name, errors in entry.errors.items()}
        body = error_body("invalid", _("Some values are not valid; see fields."), fields)
        return JsonResponse(body, status=422)
    return _page(request, form, entry, status=400)


def _stamp_problem(problem: str) -> str:
    if problem == capture.Stamp.TOO_FAST:
        return _("That was quicker than people type. Check your entries and send the form again.")
    return _("Please check your entries and send the form again.")


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def web_form_page(request: HttpRequest, token: str) -> HttpResponse:
    form = _active_form(token)
    with translation.override(form.language):
        if request.method == "GET":
            return _page(request, form, CaptureForm(form))
        return _submit(request, form)


def _submit(request: HttpRequest, form: WebForm) -> HttpResponse:
    if capture.too_big(request):
        return _refusal(request, 413, "too_large", _("What was sent is larger than we accept."))
    if not capture.origin_allowed(form, request):
        return _refusal(request, 403, "forbidden", _("This form does not take posts from there."))
    if capture.over_limit(form, request):
        response = _refusal(
            request, 429, "too_many_requests", _("Too many sent at once. Try again in a minute.")
        )
        response["Retry-After"] = str(capture.PER_ADDRESS.seconds)
        return response
    try:
        data = request.POST
    except RequestDataTooBig:
        return _refusal(request, 413, "too_large", _("What was sent is larger than we accept."))
    except SuspiciousOperation:
        return _refusal(request, 400, "bad_request", _("What was sent could not be read."))
    if data.get(capture.HONEYPOT_FIELD):
        return _thanks(request, form)  # a bot: tell it nothing, keep nothing
    entry = CaptureForm(form, data)
    entry.is_valid()
    problem = capture.check_stamp(form, data.get(capture.STAMP_FIELD, ""))
    if problem is not None:
        entry.add_error(None, _stamp_problem(problem))
    if not entry.is_valid():
        return _invalid(request, form, entry)
    try:
        capture.capture_lead(form, entry.cleaned_data, referrer=request.headers.get("Referer", ""))
    except ValidationError as error:
        add_action_error(entry, error)
        return _invalid(request, form, entry)
    return _thanks(request, form)


@require_GET
@never_cache
def web_form_stamp(request: HttpRequest, token: str) -> HttpResponse:
    """A fresh stamp for the embed script, readable by the form's allowed websites; the
    script's page view is noted as a visit on the way (capture.record_visit)."""
    form = _active_form(token)
    capture.record_visit(form, request)
    response = JsonResponse({"stamp": capture.issue_stamp(form)})
    allowed = form.origins()
    origin = origin_of(request.headers.get("Origin", ""))
    if not allowed:
        response["Access-Control-Allow-Origin"] = "*"
    elif origin in allowed:
        response["Access-Control-Allow-Origin"] = origin
        patch_vary_headers(response, ["Origin"])
    return response
