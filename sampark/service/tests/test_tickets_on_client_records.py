"""Tickets where people look for a client: the Tickets section and the timeline of the contact
and their company, and the header search (by subject in any script, and by number). Each shows
only the tickets the viewer may see."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts import search
from sampark.contacts.actions import link_company
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory
from sampark.service import actions
from sampark.service.models import TicketStatus
from sampark.service.tests.factories import make_ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_record(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["manager"], team=teams[0], display_name="রহিম উদ্দিন")


def test_the_client_s_tickets_section_puts_open_ones_first(client, people, client_record):  # type: ignore[no-untyped-def]
    old = make_ticket(people["manager"], requester=client_record, subject="Old statement")
    actions.update_ticket(old, by=people["manager"], values={"status": TicketStatus.SOLVED})
    make_ticket(people["manager"], requester=client_record, subject="কার্ড বন্ধ")
    make_ticket(people["outsider"], requester=client_record, subject="Mumbai's own")
    client.force_login(people["agent"])

    section = client.get(
        reverse("service:contact_tickets", args=[client_record.pk]), headers={"HX-Request": "true"}
    ).content.decode()

    assert section.index("কার্ড বন্ধ") < section.index("Old statement")
    assert "1 open ticket" in section
    assert "Mumbai" not in section
    page = client.get(reverse("contacts:detail", args=[client_record.pk])).content.decode()
    assert reverse("service:contact_tickets", args=[client_record.pk]) in page
    client.force_login(people["outsider"])
    hidden = client.get(reverse("service:contact_tickets", args=[client_record.pk]))
    assert hidden.status_code == 404


def test_a_company_s_page_lists_the_tickets_asked_for_it(client, people, client_record, teams):  # type: ignore[no-untyped-def]
    company = CompanyFactory(owner=people["manager"], team=teams[0], name="Padma Traders")
    link_company(client_record, company, by=people["manager"])
    make_ticket(people["manager"], requester=client_record, subject="Invoice copy")
    client.force_login(people["agent"])

    section = client.get(reverse("service:company_tickets", args=[company.pk])).content.decode()

    assert "Invoice copy" in section


def test_tickets_join_the_client_s_timeline(client, people, client_record):  # type: ignore[no-untyped-def]
    ticket = make_ticket(people["manager"], requester=client_record, subject="কার্ড বন্ধ")
    client.force_login(people["agent"])

    timeline = client.get(
        reverse("contacts:contact_timeline", args=[client_record.pk]), {"kind": "ticket"}
    ).content.decode()

    assert f"timeline-ticket-{ticket.pk}" in timeline
    assert "কার্ড বন্ধ" in timeline


def test_tickets_are_found_by_subject_and_number_by_those_who_see_them(people, client_record):  # type: ignore[no-untyped-def]
    ticket = make_ticket(people["manager"], requester=client_record, subject="কার্ড বন্ধ হয়ে গেছে")

    def found(user: str, query: str) -> list[int]:
        hits = search.search(people[user], query, kinds=["ticket"])
        return [hit.id for hit in hits]

    assert found("agent", "কার্ড") == [ticket.pk]
    assert found("agent", f"#{ticket.pk}") == [ticket.pk]
    assert found("agent", str(ticket.pk)) == [ticket.pk]
    assert found("outsider", "কার্ড") == []
    # The index follows changes, in the same transaction.
    actions.update_ticket(ticket, by=people["manager"], values={"subject": "ডেবিট কার্ড"})
    assert found("agent", "ডেবিট") == [ticket.pk]
    actions.delete_ticket(ticket, by=people["manager"])
    assert found("manager", "ডেবিট") == []
