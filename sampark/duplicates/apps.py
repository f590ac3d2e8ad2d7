from __future__ import annotations

import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DuplicatesConfig(AppConfig):
    name = "sampark.duplicates"
    label = "duplicates"
    verbose_name = _("Duplicates")

    def ready(self) -> None:
        from sampark.agenda.models import Task
        from sampark.collab.models import Comment, Follow
        from sampark.contacts import actions
        from sampark.contacts.models import Activity, Affiliation, Company, Contact, Transaction
        from sampark.core import periodic
        from sampark.duplicates import hooks
        from sampark.duplicates.references import Clash, register, register_generic

        if hooks.written not in actions.WRITE_HOOKS:
            actions.WRITE_HOOKS.append(hooks.written)
        # What a merge moves to the winner. Deals and tickets register theirs in their own apps.
        register(Activity, "contact")
        register(Activity, "company")
        register(
            Transaction,
            "contact",
            unique_with=("external_id",),
            clash=Clash.CLEAR,
            clear_field="external_id",
        )
        register(Task, "contact")
        register(Task, "company")
        register(Contact, "referred_by")
        register(Company, "parent")
        # The winner keeps its own primary company; a link it already has is not made twice.
        register(Affiliation, "contact", unique_with=("company_id",), reset={"is_primary": False})
        register(Affiliation, "company", unique_with=("contact_id",))
        for model in (Contact, Company):
            register_generic(Comment, target=model)
            register_generic(Follow, target=model, unique_with=("user_id",))
        periodic.register("sampark.duplicates.tasks.scan_changes", every=datetime.timedelta(days=1))
