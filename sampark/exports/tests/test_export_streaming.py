"""A large export is streamed: CSV goes out while the rows are read, and the rows' emails,
phones, tags, addresses and companies are read a batch at a time — the number of queries grows
with the batches, never with the rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext

from sampark.contacts.models import (
    Address,
    Affiliation,
    Company,
    Contact,
    ContactEmail,
    ContactPhone,
    Tag,
)
from sampark.exports.lists import BATCH
from sampark.exports.tests.reading import body

pytestmark = pytest.mark.django_db

# What every batch reads beside its rows: emails, phones, tags, addresses, companies.
RELATED = 5


def _clients(count: int, owner, team) -> None:  # type: ignore[no-untyped-def]
    """``count`` contacts with an email, a phone, a tag, an address and a company each, written
    in bulk (a factory per row would take minutes)."""
    contacts = Contact.objects.bulk_create(
        Contact(display_name=f"Client {n:06}", owner=owner, team=team) for n in range(count)
    )
    ContactEmail.objects.bulk_create(
        ContactEmail(contact=c, address=f"client{c.pk}@example.com", is_primary=True)
        for c in contacts
    )
    ContactPhone.objects.bulk_create(
        ContactPhone(contact=c, number=f"+88017{c.pk:08}", is_primary=True) for c in contacts
    )
    Address.objects.bulk_create(
        Address(contact=c, city="সিলেট", country="BD", is_primary=True) for c in contacts
    )
    tag, _created = Tag.objects.get_or_create(name="vip")
    Contact.tags.through.objects.bulk_create(
        Contact.tags.through(contact=c, tag=tag) for c in contacts
    )
    company, _created = Company.objects.get_or_create(name="Padma Traders", owner=owner, team=team)
    Affiliation.objects.bulk_create(
        Affiliation(contact=c, company=company, title="Buyer") for c in contacts
    )


def _export(client, url) -> tuple[bytes, int]:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"format": "csv", "columns": "all"})
        assert isinstance(response, StreamingHttpResponse)
        data = body(response)
    return data, len(queries)


def test_a_csv_export_is_a_stream(client, people, clients, export_url):  # type: ignore[no-untyped-def]
    client.force_login(people["manager"])

    response = client.get(export_url("contacts"), {"format": "csv"})

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Disposition"].startswith('attachment; filename="contacts-')
    assert response["Cache-Control"] == "private, no-store"


def test_twenty_thousand_rows_cost_a_few_queries_per_batch_not_per_row(
    client, people, teams, export_url
):  # type: ignore[no-untyped-def]
    client.force_login(people["manager"])
    _clients(BATCH, people["agent"], teams[0])
    client.get(export_url("contacts"), {"format": "csv"})  # warm the session and caches
    _small, one_batch = _export(client, export_url("contacts"))

    _clients(10 * BATCH - BATCH, people["agent"], teams[0])
    data, ten_batches = _export(client, export_url("contacts"))

    lines = data.decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 10 * BATCH
    assert "Padma Traders" in lines[-1]
    assert "সিলেট" in lines[-1]
    assert ten_batches <= one_batch + 9 * RELATED
