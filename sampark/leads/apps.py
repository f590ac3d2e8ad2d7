from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeadsConfig(AppConfig):
    name = "sampark.leads"
    label = "leads"
    verbose_name = _("Leads")

    def ready(self) -> None:
        from sampark.leads import conditions

        # Segment rules can test the score of a contact's lead.
        conditions.register_all()

        from sampark.leads.emails import rescore_after_tracking
        from sampark.mail.handlers import on_tracking, register
        from sampark.mail.models import Purpose

        register(Purpose.LEADS, "sampark.leads.inbound.take_mail")
        on_tracking(rescore_after_tracking)
