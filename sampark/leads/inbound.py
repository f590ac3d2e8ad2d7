"""Leads from a sales mailbox (``sampark.mail``, purpose "new leads").

What a message becomes depends on who wrote it, as the mailbox's owner can see:
- a client (a contact with that address): an inbound email on their timeline, not a lead;
- someone with an open lead already: their message is added to that lead;
- anyone else: a new lead, source "Email", in the language their message is written in.
The mailbox's owner is told in the app, as for a web form's lead.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from sampark.collab.models import NotificationKind
from sampark.collab.notifications import notify_after_commit
from sampark.contacts.mail_in import contact_with_email, log_client_mail
from sampark.contacts.models import Direction
from sampark.core import audit
from sampark.core.models import Channel
from sampark.leads import scores
from sampark.leads.actions import create_lead, update_lead
from sampark.leads.models import Lead, LeadSource
from sampark.lib.scripts import language_by_script
from sampark.mail.handlers import Taken
from sampark.mail.models import Mailbox, Outcome
from sampark.mail.parse import ParsedMail


def take_mail(mail: ParsedMail, mailbox: Mailbox) -> Taken:
    owner = mailbox.owner
    # Written by the system on the owner's behalf: nobody signed in made this change.
    with audit.via(Channel.SYSTEM):
        contact = contact_with_email(mail.from_address, owner)
        if contact is not None:
            activity = log_client_mail(
                mail, contact, owner=owner, direction=Direction.INBOUND, message_id=mail.message_id
            )
            notify_after_commit(
                owner,
                kind=NotificationKind.ASSIGNED,
                message=format_lazy(
                    _("Email from {name}: {subject}"), name=contact, subject=mail.subject
                ),
                url=activity.get_absolute_url(),
            )
            return Taken(Outcome.ADDED, activity)
        lead = Lead.objects.visible_to(owner).open().filter(email__iexact=mail.from_address)
        existing = lead.order_by("-created_at", "-id").first()
        if existing is not None:
            update_lead(existing, by=owner, values={"message": _added(existing, mail)})
            notify_after_commit(
                owner,
                kind=NotificationKind.ASSIGNED,
                message=format_lazy(
                    _("New email from the lead {name}: {subject}"),
                    name=existing.name,
                    subject=mail.subject,
                ),
                url=existing.get_absolute_url(),
            )
            return Taken(Outcome.ADDED, existing, then=lambda: scores.written(existing))
        created = create_lead(
            by=owner,
            owner=owner,
            team_id=mailbox.team_id,
            source=LeadSource.EMAIL,
            name=(mail.from_name.strip() or mail.from_address.split("@")[0])[:200],
            email=mail.from_address,
            language=language_by_script(mail.text or mail.subject) or settings.LANGUAGE_CODE,
            message=_written(mail),
        )
        notify_after_commit(
            owner,
            kind=NotificationKind.ASSIGNED,
            message=format_lazy(_("New lead by email: {name}"), name=created.name),
            url=created.get_absolute_url(),
        )
        return Taken(Outcome.CREATED, created, then=lambda: scores.written(created))


def _written(mail: ParsedMail) -> str:
    return "\n\n".join(part for part in (mail.subject, mail.text) if part)


def _added(lead: Lead, mail: ParsedMail) -> str:
    """The lead's message with the new one after it, dated, so the thread reads in order."""
    when = timezone.localtime(mail.sent_at or timezone.now()).strftime("%Y-%m-%d %H:%M")
    return f"{lead.message}\n\n— {when} —\n{_written(mail)}".strip()
