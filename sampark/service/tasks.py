"""The worker's side of the service desk."""

from __future__ import annotations

from django.tasks import task

from sampark.service import mailing, sla
from sampark.service.models import Ticket


@task
def acknowledge_ticket(ticket_id: int) -> bool:
    """Send a new ticket's acknowledgement (after its intake committed); whether it went."""
    ticket = Ticket.objects.select_related("requester", "mailbox").filter(pk=ticket_id).first()
    if ticket is None:
        return False
    mail = mailing.acknowledge(ticket)
    return mail is not None and mail.sent_at is not None


@task
def check_slas() -> dict[str, int]:
    """Warn about SLA targets soon due and escalate missed ones (each once); run every minute."""
    warned, escalated = sla.check()
    return {"warned": warned, "escalated": escalated}


@task
def refresh_slas() -> int:
    """Recount the due times of every unsolved ticket (business hours or policies changed)."""
    return sla.refresh_all_unsolved()


@task
def send_satisfaction_survey(ticket_id: int) -> bool:
    """Ask the client of a just-solved ticket how it went (service/csat.py); whether it went.
    Asking again for the same solving, or once it is rated, sends nothing."""
    from sampark.service import csat

    ticket = Ticket.objects.select_related("requester", "mailbox").filter(pk=ticket_id).first()
    if ticket is None:
        return False
    mail = csat.ask_for_rating(ticket)
    return mail is not None and mail.sent_at is not None


@task
def send_portal_link(contact_id: int, address: str) -> bool:
    """Mail a customer portal sign-in link (service/portal.py) to one of a contact's addresses;
    sent by the worker so that asking for a known address takes as long as for an unknown one."""
    from sampark.contacts.models import Contact
    from sampark.service import portal

    contact = Contact.objects.filter(pk=contact_id).first()
    if contact is None:
        return False
    return portal.send_link(contact, address)
