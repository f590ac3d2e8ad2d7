from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceConfig(AppConfig):
    name = "sampark.service"
    label = "service"
    verbose_name = _("Service")

    def ready(self) -> None:
        from sampark.service import conditions

        # Segment rules can test tickets and CSAT ratings.
        conditions.register_all()

        import datetime

        from sampark.core import periodic

        periodic.register("sampark.service.tasks.check_slas", every=datetime.timedelta(minutes=1))

        from sampark.contacts import search, timeline_sources
        from sampark.mail import handlers
        from sampark.mail.models import Purpose
        from sampark.service.search_documents import SOURCE
        from sampark.service.timeline import SOURCE as TIMELINE_SOURCE

        # Mail to a service mailbox becomes tickets, or joins the ticket it answers.
        handlers.register(Purpose.TICKETS, "sampark.service.inbound.take_mail")
        # Tickets are found by subject, number and client in the header search and the API.
        search.register(SOURCE)
        # A client's tickets show on their timeline and their company's.
        timeline_sources.register(TIMELINE_SOURCE)

        from sampark.listviews import lists
        from sampark.service.lists import TICKETS

        # Column choice and saved views (per queue, shared with a team) on the ticket list.
        lists.register(TICKETS)

        from sampark.service.search_knowledge import SOURCE as ARTICLE_SOURCE

        # Knowledge base articles are found by title and text in the header search, and the
        # help centre and the suggestions read the same index.
        search.register(ARTICLE_SOURCE)
