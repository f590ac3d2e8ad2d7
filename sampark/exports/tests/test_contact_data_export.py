"""One contact's data as JSON (``sampark.contact/1``): everything held about them that the
exporter may see, in the documented shape, streamed, and only for those who may export."""

from __future__ import annotations

import zoneinfo
from decimal import Decimal

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sampark.agenda.actions import create_task
from sampark.collab.actions import add_comment
from sampark.contacts import actions
from sampark.contacts.actions_transactions import record_transaction
from sampark.contacts.models import Activity, ActivityKind, Affiliation
from sampark.contacts.tests import activity_factories as files
from sampark.contacts.tests.activity_factories import ActivityFactory, upload
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory
from sampark.core.tests.api_client import API, api_client
from sampark.exports.contact_format import FORMAT, ContactDocument
from sampark.exports.tests.reading import json_document

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def rahim(people, teams):  # type: ignore[no-untyped-def]
    """A Dhaka client with a bit of everything, and traces of the Mumbai desk the Dhaka manager
    may not see: a company and an interaction."""
    agent, outsider = people["agent"], people["outsider"]
    contact = actions.create_contact(
        by=agent,
        display_name="রহিম উদ্দিন",
        latin_name="Rahim Uddin",
        emails=["rahim@example.com", "rahim@home.example"],
        phone="+8801711000001",
        country="BD",
        tags=["vip"],
        notes="সকালে ফোন করবেন",
        addresses=[{"line1": "12 Zindabazar", "city": "Sylhet", "postal_code": "3100"}],
    )
    actions.link_company(
        contact,
        CompanyFactory(owner=agent, team=teams[0], name="Padma Traders"),
        by=agent,
        title="Buyer",
    )
    hidden = CompanyFactory(owner=outsider, team=teams[1], name="Mumbai Metals")
    Affiliation.objects.create(contact=contact, company=hidden, title="Secret")
    actions.log_activity(
        by=agent,
        contact=contact,
        kind=ActivityKind.CALL,
        subject="Renewal",
        attachments=[upload("offer.pdf", files.PDF, "application/pdf")],
    )
    ActivityFactory(owner=outsider, team=teams[1], contact=contact, subject="Mumbai's own note")
    record_transaction(
        by=agent, contact=contact, kind="purchase", amount=Decimal("1250.50"), currency="BDT"
    )
    create_task(by=agent, title="Send the renewal papers", contact=contact)
    add_comment(contact, by=agent, body="Prefers Bengali")
    return contact


def _export(client, contact):  # type: ignore[no-untyped-def]
    return client.get(reverse("exports:contact_data", args=[contact.pk]))


def test_the_export_holds_everything_the_manager_may_see_in_the_documented_shape(
    client, people, rahim
):  # type: ignore[no-untyped-def]
    manager = people["manager"]
    manager.time_zone = "Asia/Kolkata"
    manager.save()
    client.force_login(manager)

    response = _export(client, rahim)

    assert isinstance(response, StreamingHttpResponse)
    today = timezone.localdate(timezone=zoneinfo.ZoneInfo("Asia/Kolkata"))
    assert response["Content-Disposition"] == (
        f'attachment; filename="contact-{rahim.pk}-{today.isoformat()}.json"'
    )
    document = json_document(response)
    ContactDocument.model_validate(document)  # unknown keys or wrong types would fail
    assert document["format"] == FORMAT
    person = document["contact"]
    assert person["display_name"] == "রহিম উদ্দিন"
    assert person["notes"] == "সকালে ফোন করবেন"
    assert [e["address"] for e in person["emails"]] == ["rahim@example.com", "rahim@home.example"]
    assert person["phones"][0]["number"] == "+8801711000001"
    assert person["addresses"][0]["city"] == "Sylhet"
    assert person["tags"] == ["vip"]
    assert person["owner"] == "agent"
    assert person["team"] == "Dhaka desk"
    assert person["created_at"].endswith("+05:30")  # the manager's zone, not the server's
    assert [(c["name"], c["title"]) for c in document["companies"]] == [("Padma Traders", "Buyer")]
    (call,) = document["activities"]
    assert call["subject"] == "Renewal"
    assert [(a["name"], a["size"], a["content_type"]) for a in call["attachments"]] == [
        ("offer.pdf", len(files.PDF), "application/pdf")
    ]
    assert [t["amount"] for t in document["transactions"]] == ["1250.50"]
    assert [t["title"] for t in document["tasks"]] == ["Send the renewal papers"]
    assert [c["body"] for c in document["comments"]] == ["Prefers Bengali"]
    assert document["history"][0]["action"] == "create"
    assert document["history"][0]["actor"] == "agent"


def test_an_admin_sees_the_other_desks_traces_too(client, people, rahim):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])

    document = json_document(_export(client, rahim))

    assert {c["name"] for c in document["companies"]} == {"Padma Traders", "Mumbai Metals"}
    assert {a["subject"] for a in document["activities"]} == {"Renewal", "Mumbai's own note"}


@pytest.mark.parametrize(
    ("role", "status"),
    [("admin", 200), ("manager", 200), ("agent", 403), ("reader", 403), ("outsider", 404)],
)
def test_who_may_export_a_contacts_data_in_the_ui_and_the_api(client, people, rahim, role, status):  # type: ignore[no-untyped-def]
    client.force_login(people[role])

    assert _export(client, rahim).status_code == status
    response = api_client(people[role]).get(f"{API}/contacts/{rahim.pk}/export")
    assert response.status_code == status


def test_another_teams_contact_is_exactly_as_missing_as_no_contact(client, people, rahim):  # type: ignore[no-untyped-def]
    client.force_login(people["outsider"])
    api = api_client(people["outsider"])

    hidden = api.get(f"{API}/contacts/{rahim.pk}/export")
    missing = api.get(f"{API}/contacts/{rahim.pk + 1000}/export")

    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()


def test_the_contact_page_offers_the_download_to_those_who_may_export(client, people, rahim):  # type: ignore[no-untyped-def]
    link = reverse("exports:contact_data", args=[rahim.pk])
    for role, shown in (("manager", True), ("agent", False), ("reader", False)):
        client.force_login(people[role])
        html = client.get(reverse("contacts:detail", args=[rahim.pk])).content.decode()
        assert (link in html) is shown, role


def test_many_interactions_are_read_a_batch_at_a_time(client, people, teams):  # type: ignore[no-untyped-def]
    contact = ContactFactory(owner=people["agent"], team=teams[0])
    client.force_login(people["manager"])

    def queries_with(count: int) -> int:
        Activity.objects.bulk_create(
            Activity(kind="note", owner=people["agent"], team=teams[0], contact=contact)
            for _n in range(count)
        )
        with CaptureQueriesContext(connection) as captured:
            document = json_document(_export(client, contact))
        assert len(document["activities"]) == Activity.objects.count()
        return len(captured)

    few = queries_with(10)
    many = queries_with(1490)  # three batches of 500

    assert many <= few + 2 * 2  # each further batch: its rows and their attachments
