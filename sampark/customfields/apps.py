from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomFieldsConfig(AppConfig):
    name = "sampark.customfields"
    label = "customfields"
    verbose_name = _("Custom fields")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(
            restore_indexes, sender=self, dispatch_uid="customfields.restore_indexes"
        )


def restore_indexes(**_: Any) -> None:
    """Create any missing index of the custom fields. Their indexes are not in the models (a
    field is defined at run time), so a migration that rebuilds the contact or company table
    (as SQLite's ALTER TABLE does) leaves them out; every migrate puts them back. Each
    statement is ``CREATE INDEX IF NOT EXISTS``: existing ones cost nothing."""
    from django.db import connection

    from sampark.customfields import storage
    from sampark.customfields.models import CustomField

    if CustomField._meta.db_table not in connection.introspection.table_names():
        return  # this app is not migrated yet
    for field in CustomField.objects.all():
        storage.create_indexes(field)
