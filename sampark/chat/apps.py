from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatConfig(AppConfig):
    name = "sampark.chat"
    label = "chat"
    verbose_name = _("Live chat")

    def ready(self) -> None:
        from sampark.chat.search_chats import SOURCE
        from sampark.contacts import search

        # Chats are found by the visitor's name, their client's and what was said, in the
        # header search; a hit opens the transcript.
        search.register(SOURCE)
