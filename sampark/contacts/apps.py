from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "sampark.contacts"
    label = "contacts"
    verbose_name = _("Contacts")

    def ready(self) -> None:
        from sampark.contacts.lists import COMPANIES, CONTACTS
        from sampark.listviews import lists

        # Column choice and saved views on the contact and company lists.
        lists.register(CONTACTS)
        lists.register(COMPANIES)

        from sampark.contacts.conditions import contact_fields

        # What segment rules can test about a contact (other domains add theirs).
        contact_fields.register_all()

        from sampark.mail.handlers import register
        from sampark.mail.models import Purpose

        # A user's own mailbox: their conversations with clients, on the clients' timelines.
        register(Purpose.PERSONAL, "sampark.contacts.mail_in.take_mail")
