from __future__ import annotations

import datetime

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sampark.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from sampark.core import access, periodic
        from sampark.core.roles import sync_role_groups

        access.connect_signals()
        periodic.register("sampark.core.tasks.optimize_database", every=datetime.timedelta(days=1))

        # Like Django's own permission creation: after every migrate the four role groups exist
        # and hold the permissions of every business model, including ones added since. It runs
        # after each app's migrations, since an app's permissions appear only at its turn.
        post_migrate.connect(sync_role_groups, dispatch_uid="sampark.sync_role_groups")

        from django.utils.module_loading import autodiscover_modules

        # Every app's tasks are built now, by the configured task backend: a task is made by its
        # backend's task class, and a tasks module first imported later, while another backend
        # is configured (a test of the RQ worker), would keep tasks the database backend refuses
        # to run. Importing them here, after every model is loaded, makes that impossible.
        autodiscover_modules("tasks")
