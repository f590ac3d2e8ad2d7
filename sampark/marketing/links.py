"""Signed links a contact follows from our mail: the preference centre, unsubscribe, and the
confirmation of a double opt-in. Each names the contact (and channel) under Django's signing
key with its own salt, so one cannot be turned into another or guessed."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

from sampark.contacts.models import Contact
from sampark.core.reversing import quick_reverse

_PREFERENCES = "sampark.marketing.preferences"
_CONFIRM = "sampark.marketing.confirm"
# A confirmation link works for a week; the preference centre's for as long as the mail lives.
CONFIRM_DAYS = 7


class BadLink(Exception):
    def __init__(self, expired: bool = False) -> None:
        super().__init__("expired" if expired else "bad signature")
        self.expired = expired


def contact_token(contact: Contact) -> str:
    """What the preference centre's and the unsubscribe links carry: the contact, signed."""
    return signing.dumps(contact.pk, salt=_PREFERENCES)


def preferences_url(contact: Contact, token: str = "") -> str:
    token = token or contact_token(contact)
    return settings.SAMPARK_SITE_URL + quick_reverse("marketing_public:preferences", token)


def unsubscribe_url(contact: Contact, channel: str, token: str = "") -> str:
    token = token or contact_token(contact)
    return settings.SAMPARK_SITE_URL + quick_reverse("marketing_public:unsubscribe", token, channel)


def contact_of(token: str) -> Contact:
    """The contact a preference or unsubscribe link names; ``BadLink`` if it was altered or the
    contact is gone."""
    try:
        pk = signing.loads(token, salt=_PREFERENCES)
        return Contact.objects.get(pk=pk)
    except (signing.BadSignature, Contact.DoesNotExist, ValueError, TypeError):
        raise BadLink from None


def confirm_url(contact: Contact, channel: str) -> str:
    token = signing.dumps([contact.pk, channel], salt=_CONFIRM)
    return settings.SAMPARK_SITE_URL + reverse("marketing_public:confirm", args=[token])


def confirmation_of(token: str) -> tuple[Contact, str]:
    """The contact and channel a confirmation link names; ``BadLink(expired=True)`` after
    ``CONFIRM_DAYS``."""
    try:
        pk, channel = signing.loads(
            token, salt=_CONFIRM, max_age=datetime.timedelta(days=CONFIRM_DAYS)
        )
        return Contact.objects.get(pk=pk), str(channel)
    except signing.SignatureExpired:
        raise BadLink(expired=True) from None
    except (signing.BadSignature, Contact.DoesNotExist, ValueError, TypeError):
        raise BadLink from None
