"""Mail with clients, read from a mailbox, onto the clients' timelines.

A user's own mailbox (``sampark.mail``, purpose "My mail") is read for the conversations with
clients they can see: a client's message lands on the client's timeline as an inbound email; a
message the user sent to clients (read from their Sent folder) as an outbound email on each
client's. A client who answers from an address Sampark does not know is still found: by the
mail their answer is to (In-Reply-To, References), when that is on a client's timeline. Anything
else — colleagues, newsletters, strangers — is left alone, as are addresses the mailbox excludes
(mail/intake.py). A sales mailbox's client mail goes the same way
(``log_client_mail``, called by leads/inbound.py).

Each email keeps its Message-ID, so the same message read twice (two colleagues both copied)
is logged once.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from sampark.collab.models import NotificationKind
from sampark.collab.notifications import notify_after_commit
from sampark.contacts.actions import log_activity
from sampark.contacts.models import Activity, ActivityKind, Contact, ContactEmail, Direction
from sampark.core import audit
from sampark.core.models import Channel, User
from sampark.mail.handlers import Taken
from sampark.mail.models import Mailbox, Outcome
from sampark.mail.parse import ParsedMail


def contact_with_email(email: str, user: User) -> Contact | None:
    """The oldest contact ``user`` can see with this email address."""
    visible = Contact.objects.visible_to(user).values("pk")
    row = (
        ContactEmail.objects.with_address(email)
        .filter(contact__in=visible)
        .select_related("contact")
        .order_by("contact_id")
        .first()
    )
    return row.contact if row is not None else None


def contact_replied_to(mail: ParsedMail, user: User) -> Contact | None:
    """The client ``user`` can see whose timeline holds the email ``mail`` answers."""
    earlier = [key[:255] for key in (mail.in_reply_to, *mail.references) if key]
    if not earlier:
        return None
    visible = Contact.objects.visible_to(user).values("pk")
    found = (
        Activity.objects.filter(message_id__in=earlier, contact__in=visible)
        .select_related("contact")
        .order_by("-occurred_at", "-id")
        .first()
    )
    return found.contact if found is not None else None


def log_client_mail(
    mail: ParsedMail, contact: Contact, *, owner: User, direction: str, message_id: str
) -> Activity:
    """The message as an email on the client's timeline, logged by ``owner`` (the mailbox's)."""
    return log_activity(
        by=owner,
        kind=ActivityKind.EMAIL,
        contact=contact,
        direction=direction,
        subject=mail.subject,
        body=mail.text,
        occurred_at=mail.sent_at or timezone.now(),
        from_address=mail.from_address,
        to_addresses=list(mail.to),
        message_id=message_id[:255],
    )


def take_mail(mail: ParsedMail, mailbox: Mailbox) -> Taken:
    owner = mailbox.owner
    sent = mail.from_address == mailbox.address.lower()
    addresses = mail.to if sent else (mail.from_address,)
    clients: dict[int, Contact] = {}
    for address in addresses:
        found = contact_with_email(address, owner)
        if found is not None:
            clients.setdefault(found.pk, found)
    if not clients and not sent and (thread := contact_replied_to(mail, owner)) is not None:
        clients[thread.pk] = thread
    if not clients:
        return Taken(Outcome.UNRELATED, None)
    if Activity.objects.filter(message_id=mail.message_id[:255]).exclude(message_id="").exists():
        return Taken(Outcome.DUPLICATE, None)  # logged when it was sent from Sampark
    # Written by the system on the owner's behalf: nobody signed in made this change.
    with audit.via(Channel.SYSTEM):
        logged = [
            log_client_mail(
                mail,
                client,
                owner=owner,
                direction=Direction.OUTBOUND if sent else Direction.INBOUND,
                # One Message-ID names one activity: the first client's.
                message_id=mail.message_id if n == 0 else "",
            )
            for n, client in enumerate(clients.values())
        ]
    if not sent:
        notify_after_commit(
            owner,
            kind=NotificationKind.FOLLOWED,
            message=format_lazy(
                _("Email from {name}: {subject}"), name=logged[0].contact, subject=mail.subject
            ),
            url=logged[0].get_absolute_url(),
        )
    return Taken(Outcome.ADDED, logged[0])
