"""What segment rules can test about the tracked mail a contact received: opens and clicks."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sampark.contacts.conditions import ConditionField, Kind, register
from sampark.contacts.conditions.builders import RelatedCount
from sampark.contacts.models import Contact
from sampark.mail.models import MailEvent, MailEventKind

EMAIL = _("Email")


def _events(kind: str) -> Callable[[], Q]:
    # The content type is looked up when a rule is compiled, not when the app starts.
    return lambda: Q(kind=kind, mail__record_type=ContentType.objects.get_for_model(Contact))


def register_all() -> None:
    """Called once, from the mail app's ``ready``."""
    register(
        ConditionField(
            "email_opens",
            _("Opens of emails sent to them"),
            EMAIL,
            Kind.COUNT,
            RelatedCount(MailEvent, _events(MailEventKind.OPEN), link="mail__record_id", when="at"),
        ),
        ConditionField(
            "email_clicks",
            _("Links followed in emails sent to them"),
            EMAIL,
            Kind.COUNT,
            RelatedCount(
                MailEvent, _events(MailEventKind.CLICK), link="mail__record_id", when="at"
            ),
        ),
    )
