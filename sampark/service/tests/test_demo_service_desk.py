"""The demo workspace has a service desk to show: tickets in three scripts and several states
with SLA times running, desks' hours and a standard SLA, canned responses, help-centre
articles in three languages and a chat widget whose assistant answers from them."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from sampark.chat.models import ChatWidget
from sampark.demo import knowledge_base
from sampark.service.models import (
    Article,
    BusinessHours,
    CannedResponse,
    SlaPolicy,
    Ticket,
    TicketStatus,
)

pytestmark = pytest.mark.django_db


def test_the_demo_fills_the_service_desk():  # type: ignore[no-untyped-def]
    call_command("createadmin", "--no-input")
    call_command("demo")

    tickets = list(Ticket.objects.all())
    assert len(tickets) >= 5
    assert {t.language for t in tickets} >= {"bn", "hi"}
    assert {TicketStatus.NEW, TicketStatus.PENDING, TicketStatus.SOLVED} <= {
        t.status for t in tickets
    }
    assert any(t.sla_due_at is not None for t in tickets)
    assert BusinessHours.objects.filter(is_default=True).exists()
    assert SlaPolicy.objects.get().targets.count() == 3
    assert set(CannedResponse.objects.values_list("language", flat=True)) == {"en", "bn", "hi"}
    articles = Article.objects.filter(status="published", visibility="public")
    assert articles.count() == 3 * len(knowledge_base.TOPICS)
    assert set(articles.values_list("language", flat=True)) == {"en", "bn", "hi"}
    assert ChatWidget.objects.get().assistant
