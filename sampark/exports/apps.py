from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "sampark.exports"
    label = "exports"
    verbose_name = _("Exports")

    def ready(self) -> None:
        from sampark.exports.permissions import grant_by_default

        # After every app's migrations, as core's role groups are: the permissions to export
        # exist only once Django has created this app's, at its turn.
        post_migrate.connect(grant_by_default, dispatch_uid="sampark.exports.grant_by_default")
