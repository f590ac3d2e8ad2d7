"""The pages a contact reaches from our mail, without signing in: the preference centre,
unsubscribe (also RFC 8058 one-click, which mail programs post without a page), and the
confirmation of a double opt-in. Each speaks the contact's language, and each is reached only by
a signed link; a state change needs a POST, because mail scanners open every link they see."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from sampark.contacts.models import Contact
from sampark.marketing import actions_consent, links, tracking
from sampark.marketing.models import Channel, Consent, ConsentSource, ConsentStatus


def _ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def _page(
    request: HttpRequest,
    contact: Contact,
    template: str,
    context: dict[str, object],
    status: int = 200,
) -> HttpResponse:
    response = render(request, template, {"contact": contact, **context}, status=status)
    # LocaleMiddleware would name the visitor's negotiated language, not the page's.
    response["Content-Language"] = contact.language
    return response


def _refused(request: HttpRequest, error: links.BadLink) -> HttpResponse:
    return render(
        request,
        "marketing/public/refused.html",
        {"expired": error.expired},
        status=410 if error.expired else 404,
    )


def _wording(channel: str) -> str:
    """What a contact agrees to on the preference centre, as the page says it."""
    return _("I agree to hear from you by %(channel)s: news, offers and events.") % {
        "channel": Channel(channel).label
    }


@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    try:
        contact = links.contact_of(token)
    except links.BadLink as error:
        return _refused(request, error)
    saved = False
    if request.method == "POST":
        language = request.POST.get("language", "")
        if language in dict(settings.LANGUAGES) and language != contact.language:
            Contact.objects.filter(pk=contact.pk).update(language=language)
            contact.language = language
        wanted = set() if request.POST.get("nothing") else set(request.POST.getlist("channels"))
        with translation.override(contact.language):
            _apply(contact, wanted, _ip(request))
        saved = True
    with translation.override(contact.language):
        agreed = set(
            Consent.objects.filter(contact=contact, status=ConsentStatus.GRANTED).values_list(
                "channel", flat=True
            )
        )
        channels = [(value, label, value in agreed) for value, label in Channel.choices]
        context = {"channels": channels, "languages": settings.LANGUAGES, "saved": saved}
        return _page(request, contact, "marketing/public/preferences.html", context)


def _apply(contact: Contact, wanted: set[str], ip: str | None) -> None:
    standing = dict(Consent.objects.filter(contact=contact).values_list("channel", "status"))
    for channel in Channel.values:
        agreed = standing.get(channel) == ConsentStatus.GRANTED
        if channel in wanted and not agreed:
            actions_consent.record_consent(
                contact,
                channel,
                ConsentStatus.GRANTED,
                source=ConsentSource.PREFERENCES,
                wording=_wording(channel),
                ip=ip,
            )
        elif channel not in wanted and standing.get(channel) in (
            ConsentStatus.GRANTED,
            ConsentStatus.PENDING,
        ):
            actions_consent.record_consent(
                contact, channel, ConsentStatus.WITHDRAWN, source=ConsentSource.PREFERENCES, ip=ip
            )


@never_cache
@csrf_exempt  # RFC 8058: mail programs post one-click unsubscribes with no page or cookie; the signed link is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str, channel: str) -> HttpResponse:
    if channel not in Channel.values:
        raise Http404
    try:
        contact = links.contact_of(token)
    except links.BadLink as error:
        return _refused(request, error)
    done = request.method == "POST"
    if done:
        actions_consent.unsubscribe(contact, channel, ip=_ip(request))
        if token_of_mail := request.GET.get(tracking.TOKEN_PARAMETER):
            tracking.note_unsubscribe(token_of_mail, contact)
    with translation.override(contact.language):
        context = {
            "done": done,
            "channel_label": Channel(channel).label,
            "preferences_url": links.preferences_url(contact),
        }
        return _page(request, contact, "marketing/public/unsubscribe.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        contact, channel = links.confirmation_of(token)
    except links.BadLink as error:
        return _refused(request, error)
    done = request.method == "POST"
    if done:
        try:
            actions_consent.confirm_opt_in(contact, channel, ip=_ip(request))
        except ValidationError:  # nothing waits for confirmation: the link is not one of ours
            return _refused(request, links.BadLink())
    with translation.override(contact.language):
        return _page(request, contact, "marketing/public/confirm.html", {"done": done})
