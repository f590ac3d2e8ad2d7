"""The customer portal's rules: signing in by an emailed link, the portal session, and what a
signed-in client may read of their tickets.

Signing in: the client gives their email address; if a contact has it (any contact: the rule
of service/clients.py), a link is mailed to that address. The answer is the same either way, so
the form tells nobody which addresses we know. The link carries the contact's id and a random
nonce, signed with Django's signing (``SECRET_KEY``); it is good for ``LINK_MINUTES``, and once:
the nonce is kept in the shared cache until the link is used or expires, and using the link
deletes it. Opening the link shows a button that signs in, rather than signing in at once:
mail scanners open links in mail to check them, and would use up a one-time link otherwise.

The portal session is the site's own session with the contact's id under ``SESSION_KEY``: a
staff sign-in in the same browser is left as it is, and signing out of the portal removes only
the portal's keys. The portal speaks the contact's language (``Contact.language``), or the one
they picked in the portal for this session.

What a client sees: the tickets they asked (requester = them), each with its public messages
(theirs and the desk's replies) and those messages' files, never an internal note. Anything
else is "not found", exactly as something that does not exist.
"""

from __future__ import annotations

import secrets
import zoneinfo
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db.models import Case, Prefetch, QuerySet, Value, When
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from sampark.contacts.models import Contact
from sampark.core import public_forms
from sampark.core.public_forms import Limit
from sampark.mail.models import Mailbox, Purpose
from sampark.service.models import (
    UNSOLVED,
    MessageKind,
    Ticket,
    TicketAttachment,
    TicketMessage,
)
from sampark.service.threading import reopens

SESSION_KEY = "sampark_portal_contact"
LANGUAGE_KEY = "sampark_portal_language"
NEXT_KEY = "sampark_portal_next"
LINK_MINUTES = 30
_LINK_SALT = "sampark.service.portal-link"
# Links asked for one address, and from one network address: enough for a person who lost a
# mail, too few to flood someone's inbox or to probe many addresses.
LINKS_PER_ADDRESS = Limit(3, 15 * 60)
REQUESTS_PER_IP = Limit(10, 15 * 60)
# New tickets a signed-in client may open: a person asks a few things a day.
NEW_TICKETS_PER_CONTACT = Limit(10, 3600)


class LinkRefused(Exception):
    """A sign-in link that cannot be used: ``reason`` is one of the class's constants."""

    EXPIRED = "expired"
    USED = "used"
    BAD = "bad"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# --------------------------------------------------------------------------------------------
# Sign-in links


def _nonce_key(nonce: str) -> str:
    return f"sampark:portal-link:{nonce}"


def issue_link_token(contact: Contact) -> str:
    nonce = secrets.token_urlsafe(16)
    cache.set(_nonce_key(nonce), contact.pk, LINK_MINUTES * 60)
    return signing.dumps({"contact": contact.pk, "nonce": nonce}, salt=_LINK_SALT)


def _read(token: str) -> tuple[int, str]:
    try:
        payload = signing.loads(token, salt=_LINK_SALT, max_age=LINK_MINUTES * 60)
    except signing.SignatureExpired:
        raise LinkRefused(LinkRefused.EXPIRED) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise LinkRefused(LinkRefused.BAD) from None
    if not isinstance(payload, dict):
        raise LinkRefused(LinkRefused.BAD)
    contact, nonce = payload.get("contact"), payload.get("nonce")
    if not isinstance(contact, int) or not isinstance(nonce, str):
        raise LinkRefused(LinkRefused.BAD)
    return contact, nonce


def _contact(pk: int) -> Contact:
    found = Contact.objects.filter(pk=pk).first()
    if found is None:
        raise LinkRefused(LinkRefused.BAD)
    return found


def check_link(token: str) -> Contact:
    """The contact a link signs in, without using it up; ``LinkRefused`` if it cannot."""
    pk, nonce = _read(token)
    if cache.get(_nonce_key(nonce)) != pk:
        raise LinkRefused(LinkRefused.USED)
    return _contact(pk)


def redeem_link(token: str) -> Contact:
    """The contact a link signs in, using it up: a second use is refused."""
    pk, nonce = _read(token)
    # Deleting is the test: of two uses at once, only one deletes the nonce.
    if not cache.delete(_nonce_key(nonce)):
        raise LinkRefused(LinkRefused.USED)
    return _contact(pk)


def links_allowed(request: HttpRequest, address: str) -> tuple[bool, bool]:
    """Count this request; whether its network address, and whether the email address, may
    still ask for links."""
    by_ip = public_forms.over_limit(
        (f"sampark:portal-sign-in:ip:{public_forms.address_digest(request)}", REQUESTS_PER_IP)
    )
    by_address = public_forms.over_limit(
        (f"sampark:portal-sign-in:address:{public_forms.digest(address)}", LINKS_PER_ADDRESS)
    )
    return not by_ip, not by_address


def send_link(contact: Contact, address: str) -> bool:
    """Mail a sign-in link to ``address`` (one of the contact's), in their language; whether
    the mail server took it. Sent as it is, not kept: the link is a key to their tickets for
    half an hour, and a copy in the sent mail would be readable by staff."""
    # To the address as the contact's record spells it, not as it was typed in.
    stored = contact.emails.filter(address__iexact=address).values_list("address", flat=True)
    address = stored.first() or address
    token = issue_link_token(contact)
    link = settings.SAMPARK_SITE_URL + reverse("portal:sign_in_link", args=[token])
    with translation.override(contact.language):
        subject = _("Your link to sign in")
        text = _(
            "Hello %(name)s,\n\n"
            "Open this link within %(minutes)d minutes to see your requests and answer them:\n\n"
            "%(link)s\n\n"
            "The link works once. If you did not ask for it, ignore this email: nobody can sign "
            "in without it."
        ) % {"name": contact.display_name, "minutes": LINK_MINUTES, "link": link}
    message = EmailMessage(
        subject=subject,
        body=text,
        from_email=desk_sender(),
        to=[address],
        headers={"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"},
    )
    try:
        message.send()
    except (OSError, ValueError):
        return False
    return True


def desk_sender() -> str:
    """The desk's address (its first active service mailbox), else the site's."""
    found = Mailbox.objects.active().filter(purpose=Purpose.TICKETS).order_by("id").first()
    return found.address if found is not None else settings.DEFAULT_FROM_EMAIL


# --------------------------------------------------------------------------------------------
# The portal session


def sign_in(request: HttpRequest, contact: Contact) -> None:
    # A new session key: whoever knew the old one (fixation) is not signed in with it.
    request.session.cycle_key()
    request.session[SESSION_KEY] = contact.pk
    request.session.pop(LANGUAGE_KEY, None)


def sign_out(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.pop(LANGUAGE_KEY, None)
    request.session.cycle_key()


def signed_in(request: HttpRequest) -> Contact | None:
    pk = request.session.get(SESSION_KEY)
    if not isinstance(pk, int):
        return None
    return Contact.objects.filter(pk=pk).first()


def language_of(request: HttpRequest, contact: Contact) -> str:
    chosen = request.session.get(LANGUAGE_KEY)
    return chosen if chosen in dict(settings.LANGUAGES) else contact.language


def time_zone_of(contact: Contact) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(contact.time_zone or settings.TIME_ZONE)


# --------------------------------------------------------------------------------------------
# What a client sees


def tickets_of(contact: Contact) -> QuerySet[Ticket]:
    """The client's tickets, open ones first, then the most recently active. A ticket merged
    into another is left out: its conversation goes on there."""
    waiting = Case(When(status__in=UNSOLVED, then=Value(0)), default=Value(1))
    return (
        Ticket.objects.filter(requester=contact, merged_into__isnull=True)
        .alias(waiting=waiting)
        .order_by("waiting", "-updated_at", "-id")
    )


def ticket_of(contact: Contact, pk: Any) -> Ticket:
    """The client's own ticket, or 404 (another's, or none: the same answer)."""
    try:
        return Ticket.objects.get(pk=pk, requester=contact)
    except (Ticket.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such request.")) from None


def public_thread(ticket: Ticket) -> list[TicketMessage]:
    """The messages the client may read: theirs and the desk's replies, never a note."""
    files = TicketAttachment.objects.order_by("id")
    messages = (
        ticket.messages.exclude(kind=MessageKind.NOTE)
        .select_related("author", "contact")
        .prefetch_related(Prefetch("attachments", queryset=files))
    )
    return list(messages)


def attachment_of(contact: Contact, pk: Any) -> TicketAttachment:
    """A file of a public message of the client's own ticket, or 404."""
    try:
        return (
            TicketAttachment.objects.exclude(message__kind=MessageKind.NOTE)
            .filter(message__ticket__requester=contact)
            .get(pk=pk)
        )
    except (TicketAttachment.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such file.")) from None


def may_answer(ticket: Ticket) -> bool:
    """Whether the client's answer may still go onto this ticket (as a mail's would): not
    merged away, not closed, not solved longer ago than the reopening window."""
    return ticket.merged_into_id is None and reopens(ticket)
