from __future__ import annotations

import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollabConfig(AppConfig):
    name = "sampark.collab"
    label = "collab"
    verbose_name = _("Collaboration")

    def ready(self) -> None:
        from sampark.collab import receivers, targets
        from sampark.contacts.models import Company, Contact
        from sampark.core import periodic
        from sampark.core.records import record_changed

        # The first records people comment on and follow; other domains register their own.
        targets.register(
            "contact", Contact, url_name="contacts:detail", label=lambda c: c.display_name
        )
        targets.register(
            "company", Company, url_name="contacts:company_detail", label=lambda c: c.name
        )
        record_changed.connect(
            receivers.tell_followers_of_change, dispatch_uid="collab.tell_followers_of_change"
        )
        # Hourly: hourly digests go out each run, daily ones at the run after 08:00 local time.
        periodic.register(
            "sampark.collab.tasks.send_email_digests", every=datetime.timedelta(hours=1)
        )
