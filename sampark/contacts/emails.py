"""Emailing a client from their page: sent from the writer's own address (the client's answer
comes back to the writer, and to Sampark when the writer's mailbox is connected), and kept as an
outbound email on the client's timeline with its Message-ID, so the answer is known by it.

Whoever may log interactions on a client they see may email them; tracking opens and clicks is
the writer's choice per mail.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sampark.contacts.actions import log_activity
from sampark.contacts.models import Activity, ActivityKind, Contact, Direction
from sampark.core.models import User
from sampark.mail import outbound
from sampark.mail.models import OutboundMail


class ContactEmailForm(forms.Form):
    to = forms.ChoiceField(label=_("to"))
    subject = forms.CharField(label=_("subject"), max_length=300)
    text = forms.CharField(
        label=_("message"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 8})
    )
    tracked = forms.BooleanField(
        label=_("see when it is opened and which links are followed"),
        required=False,
        initial=True,
    )

    def __init__(self, contact: Contact, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        to = self.fields["to"]
        assert isinstance(to, forms.ChoiceField)
        to.choices = [(e.address, e.address) for e in contact.emails.order_by("-is_primary", "id")]


def email_contact(
    contact: Contact, *, by: User, to: str, subject: str, text: str, tracked: bool = True
) -> tuple[OutboundMail, Activity | None]:
    """Send, and log it on the timeline once the mail server took it (a failed mail is kept
    with its error, and logs nothing: it did not happen)."""
    if not contact.emails.filter(address=to).exists():
        raise ValidationError({"to": gettext("Choose one of the client's addresses.")})
    mail = outbound.send(by=by, record=contact, to=to, subject=subject, text=text, tracked=tracked)
    if mail.sent_at is None:
        return mail, None
    activity = log_activity(
        by=by,
        kind=ActivityKind.EMAIL,
        contact=contact,
        direction=Direction.OUTBOUND,
        subject=subject,
        body=text,
        occurred_at=mail.sent_at or timezone.now(),
        from_address=mail.from_address,
        to_addresses=[to],
        message_id=mail.message_id,
    )
    return mail, activity
