"""What segment rules can test about a contact's lead: the score it had."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sampark.contacts.conditions import ConditionField, Kind, register
from sampark.contacts.conditions.builders import related_value
from sampark.leads.models import Lead


def register_all() -> None:
    """Called once, from the leads app's ``ready``."""
    register(
        ConditionField(
            "lead_score",
            _("Lead score (0 to 100)"),
            _("Sales"),
            Kind.NUMBER,
            related_value(Lead.objects.all, "score", Kind.NUMBER, link="converted_contact_id"),
            help_text=_("The score of the lead the contact was converted from."),
        ),
    )
