"""Opens, clicks and unsubscribes of campaign mail, counted per recipient.

Each recipient's mail carries their random token: the open pixel names it, each link is the
address it led to signed together with the token under the site's key (so a click address only
ever leads to a link that was in that mail — no open redirect — and an altered one is refused),
and the unsubscribe link carries it so the campaign learns who left because of it. None of these
needs a sign-in: they are followed from the client's mail program. Opens are approximate (some
mail programs fetch images ahead of the reader, others block them); a click also counts as an
open.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from sampark.contacts.models import Contact
from sampark.core.reversing import quick_reverse
from sampark.mail.tracking import PIXEL, damaged, followed, signed_link
from sampark.marketing import links
from sampark.marketing.models import Channel, Recipient
from sampark.marketing.models.campaigns import CampaignEvent

_SALT = "sampark.marketing.click"
TOKEN_PARAMETER = "r"  # noqa: S105 - the query parameter naming the mail


@dataclass(frozen=True)
class RecipientTracking:
    """The tracked addresses of one recipient's mail (``compose.Tracking``)."""

    token: str
    unsubscribe: str
    preferences: str
    pixel: str

    @classmethod
    def of(cls, token: str, contact: Contact) -> RecipientTracking:
        signed = links.contact_token(contact)
        unsubscribe = links.unsubscribe_url(contact, Channel.EMAIL, signed)
        return cls(
            token=token,
            unsubscribe=f"{unsubscribe}?{urlencode({TOKEN_PARAMETER: token})}",
            preferences=links.preferences_url(contact, signed),
            pixel=settings.SAMPARK_SITE_URL + quick_reverse("marketing_track:open", token),
        )

    def link(self, url: str) -> str:
        signed = signed_link(self.token, url, _SALT)
        return settings.SAMPARK_SITE_URL + quick_reverse("marketing_track:click", signed)


def _note(token: str, kind: str, url: str = "") -> None:
    """The event, the recipient's counts, and when they first opened or clicked."""
    recipient = Recipient.objects.filter(token=token).only("pk").first()
    if recipient is None:  # a mail of a deleted campaign: nothing to count
        return
    now = timezone.now()
    changes: dict[str, object] = {"opened_at": Coalesce(F("opened_at"), now)}
    if kind == CampaignEvent.Kind.OPEN:
        changes["opens"] = F("opens") + 1
    else:
        changes["clicks"] = F("clicks") + 1
        changes["clicked_at"] = Coalesce(F("clicked_at"), now)
    with transaction.atomic():
        CampaignEvent.objects.create(recipient=recipient, kind=kind, url=url, at=now)
        Recipient.objects.filter(pk=recipient.pk).update(**changes)


def note_unsubscribe(token: str, contact: Contact) -> None:
    """The campaign whose mail ``contact`` left from, when the link named it."""
    Recipient.objects.filter(token=token, contact=contact, unsubscribed_at__isnull=True).update(
        unsubscribed_at=timezone.now()
    )


@require_GET
@never_cache
def opened(request: HttpRequest, token: str) -> HttpResponse:
    _note(token, CampaignEvent.Kind.OPEN)
    return HttpResponse(PIXEL, content_type="image/gif")


@require_GET
def clicked(request: HttpRequest, signed: str) -> HttpResponse:
    found = followed(signed, _SALT)
    if found is None:
        return damaged()
    token, url = found
    _note(token, CampaignEvent.Kind.CLICK, url[:2000])
    return redirect(url)
