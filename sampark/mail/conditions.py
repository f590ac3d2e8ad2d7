"""What segment rules can test about the tracked mail a contact received: opens and clicks."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sampark.contacts.conditions import ConditionField, Kind, register
from sampark.contacts.conditions.builders import related_count
from sampark.contacts.models import Contact
from sampark.mail.models import MailEvent, MailEventKind

EMAIL = _("Email")


def _events(kind: str) -> QuerySet[Any]:
    contact = ContentType.objects.get_for_model(Contact)
    return MailEvent.objects.filter(kind=kind, mail__record_type=contact)


def register_all() -> None:
    """Called once, from the mail app's ``ready``."""
    register(
        ConditionField(
            "email_opens",
            _("Opens of emails sent to them"),
            EMAIL,
            Kind.COUNT,
            related_count(lambda: _events(MailEventKind.OPEN), link="mail__record_id", when="at"),
        ),
        ConditionField(
            "email_clicks",
            _("Links followed in emails sent to them"),
            EMAIL,
            Kind.COUNT,
            related_count(lambda: _events(MailEventKind.CLICK), link="mail__record_id", when="at"),
        ),
    )
