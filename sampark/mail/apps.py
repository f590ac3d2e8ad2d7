from __future__ import annotations

import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    name = "sampark.mail"
    label = "mail"
    verbose_name = _("Mail")

    def ready(self) -> None:
        from sampark.mail import conditions

        # Segment rules can test opens and clicks of tracked mail.
        conditions.register_all()

        from sampark.core import periodic

        periodic.register("sampark.mail.tasks.check_mailboxes", every=datetime.timedelta(minutes=1))
