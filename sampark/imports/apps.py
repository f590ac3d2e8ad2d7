from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "sampark.imports"
    label = "imports"
    verbose_name = _("Imports")

    def ready(self) -> None:
        import datetime

        from sampark.core import periodic

        periodic.register(
            "sampark.imports.tasks.resume_stalled_imports", every=datetime.timedelta(minutes=1)
        )
