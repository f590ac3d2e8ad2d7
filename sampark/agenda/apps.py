from __future__ import annotations

import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "sampark.agenda"
    label = "agenda"
    verbose_name = _("Agenda")

    def ready(self) -> None:
        from sampark.core import periodic

        periodic.register(
            "sampark.agenda.tasks.send_due_reminders", every=datetime.timedelta(minutes=1)
        )
