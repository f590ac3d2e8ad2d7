"""What the widget script asks before it shows: its texts in the visitor's language (so every
word goes through the same catalogs as the rest of Sampark), the languages on offer and where
its socket is. Asked from the firm's own site, so answered with CORS for that site only."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sampark.chat.models import ChatWidget
from sampark.chat.sockets import visitor_socket_url


def _strings() -> dict[str, str]:
    return {
        "open": _("Chat with us"),
        "close": _("Close the chat"),
        "title": _("Chat with us"),
        "intro": _("Ask us anything: someone from our team answers here."),
        "name": _("Your name"),
        "email": _("Email"),
        "email_optional": _("optional: for a copy and our answer if you leave"),
        "language": _("Language"),
        "start": _("Start the chat"),
        "message": _("Message"),
        "send": _("Send"),
        "typing": _("Typing…"),
        "waiting": _("An agent will be with you shortly."),
        "ended": _("This chat has ended."),
        "leave": _("End the chat"),
        "person": _("Talk to a person"),
        "reconnecting": _("Reconnecting…"),
        "error": _("Something went wrong. Please try again."),
        "slow_down": _("You are sending messages too fast; wait a moment."),
        "new_chat": _("Start a new chat"),
    }


@require_GET
def widget_config(request: HttpRequest, key: str) -> JsonResponse:
    widget = ChatWidget.objects.filter(key=key, is_active=True).first()
    origin = request.headers.get("Origin", "")
    if widget is None or not widget.allows(origin):
        return JsonResponse({"error": "refused"}, status=403)
    language = request.GET.get("lang", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        strings = _strings()
    languages = [
        (code, translation.get_language_info(code)["name_local"]) for code, _n in settings.LANGUAGES
    ]
    response = JsonResponse(
        {
            "title": widget.name,
            "strings": strings,
            "languages": languages,
            "socket": visitor_socket_url(request, widget),
        },
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = origin
    response["Cache-Control"] = "private, max-age=300"
    patch_vary_headers(response, ["Origin"])
    return response
