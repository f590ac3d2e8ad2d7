"""What segment rules can test about a client's service history: tickets and CSAT ratings."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sampark.contacts.conditions import ConditionField, Kind, register
from sampark.contacts.conditions.builders import RelatedCount, related_value
from sampark.service.models import UNSOLVED, Satisfaction, Ticket

SERVICE = _("Service")


def register_all() -> None:
    """Called once, from the service app's ``ready``."""
    register(
        ConditionField(
            "tickets",
            _("Tickets"),
            SERVICE,
            Kind.COUNT,
            RelatedCount(Ticket, link="requester_id", when="created_at"),
        ),
        ConditionField(
            "unsolved_tickets",
            _("Unsolved tickets"),
            SERVICE,
            Kind.COUNT,
            RelatedCount(Ticket, Q(status__in=UNSOLVED), link="requester_id", when="created_at"),
        ),
        ConditionField(
            "csat",
            _("CSAT rating (1 to 5)"),
            SERVICE,
            Kind.NUMBER,
            related_value(
                Satisfaction.objects.all,
                "rating",
                Kind.NUMBER,
                link="ticket__requester_id",
                when="rated_at",
            ),
            windowed=True,
            help_text=_(
                "Any rating they gave: “at most 2” keeps clients who rated a ticket badly."
            ),
        ),
    )
