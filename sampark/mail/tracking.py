"""When a tracked mail was opened and which of its links were followed.

The open address names the mail by its random token and answers with a one-pixel GIF; a click
address holds the link signed with the site's key, so it only ever sends the reader on to a
link that was in the mail (no open redirect), and a changed or made-up one is refused. Neither
needs a sign-in: they are followed from the recipient's mail program. Mail programs that fetch
images ahead of the reader (a proxy or a security scanner) make opens approximate; a click is a
person's, or a scanner's following every link, which is why clicks are counted per mail and
shown with their links.
"""

from __future__ import annotations

import base64

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from sampark.mail.handlers import after_tracking
from sampark.mail.models import MailEvent, MailEventKind, OutboundMail

_SALT = "sampark.mail.click"
# A transparent one-pixel GIF: the open address answers with it.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==")


def open_url(mail: OutboundMail) -> str:
    return settings.SAMPARK_SITE_URL + reverse("mail_open", args=[mail.token])


def click_url(mail: OutboundMail, url: str) -> str:
    return settings.SAMPARK_SITE_URL + reverse(
        "mail_click", args=[signed_link(mail.token, url, _SALT)]
    )


def _note(mail: OutboundMail, kind: str, url: str = "") -> None:
    """The event, and the mail's counts (read by lead scoring's behaviour, and shown)."""
    counter = "opens" if kind == MailEventKind.OPEN else "clicks"
    with transaction.atomic():
        MailEvent.objects.create(mail=mail, kind=kind, url=url)
        OutboundMail.objects.filter(pk=mail.pk).update(**{counter: F(counter) + 1})
        # A click shows the mail was opened, though its images may have stayed blocked.
        OutboundMail.objects.filter(pk=mail.pk, opened_at__isnull=True).update(
            opened_at=timezone.now()
        )
    after_tracking(mail)


@require_GET
@never_cache
def mail_open(request: HttpRequest, token: str) -> HttpResponse:
    mail = OutboundMail.objects.filter(token=token).first()
    if mail is not None:
        _note(mail, MailEventKind.OPEN)
    # The image either way: a mail program shows nothing broken for a deleted mail.
    return HttpResponse(PIXEL, content_type="image/gif")


def signed_link(token: str, url: str, salt: str) -> str:
    """A mail's token and one of its links, signed together (read back by ``followed``)."""
    return signing.dumps([token, url], salt=salt, compress=True)


def followed(signed: str, salt: str) -> tuple[str, str] | None:
    """The token and the web address a click address names; None if it was altered, made up,
    or names anything but an http(s) address (a ``javascript:`` link, say)."""
    try:
        token, url = signing.loads(signed, salt=salt)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        return None
    return str(token), url


def damaged() -> HttpResponse:
    return HttpResponseBadRequest(_("This link is damaged: open it from the email again."))


@require_GET
def mail_click(request: HttpRequest, signed: str) -> HttpResponse:
    found = followed(signed, _SALT)
    if found is None:
        return damaged()
    token, url = found
    mail = OutboundMail.objects.filter(token=token).first()
    if mail is not None:  # a deleted mail's link still leads where it led
        _note(mail, MailEventKind.CLICK, url[:2000])
    return redirect(url)
