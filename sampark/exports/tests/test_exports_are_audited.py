"""Every export is written down before its first row: who, which list with which filters and
view, in what format, which columns, how many rows — in the export log and the hash-chained
audit trail."""

from __future__ import annotations

import pytest

from sampark.core import audit
from sampark.core.models import AuditEntry, Channel
from sampark.core.tests.api_client import API, api_client
from sampark.exports.models import Export
from sampark.listviews.tests.factories import saved_view

pytestmark = pytest.mark.django_db


def test_a_list_export_is_logged_and_audited_with_its_filters_and_rows(
    client, people, clients, export_url
):  # type: ignore[no-untyped-def]
    manager = people["manager"]
    view = saved_view(manager, "Everything")
    client.force_login(manager)

    client.get(
        export_url("contacts"),
        {"view": view.pk, "stage": "lead", "q": "", "format": "xlsx", "header": "keys"},
    )

    export = Export.objects.get()
    assert (export.by, export.kind, export.file_format) == (manager, "contacts", "xlsx")
    assert (export.query, export.saved_view, export.rows) == ("stage=lead", view.pk, 1)
    entry = AuditEntry.objects.for_record(export).get()
    assert (entry.actor, entry.action, entry.channel) == (manager, "create", Channel.UI)
    assert entry.changes["rows"] == [None, 1]
    assert entry.changes["query"] == [None, "stage=lead"]
    assert entry.changes["columns"][1][0] == "display_name"
    assert audit.verify() == []


def test_an_export_of_nothing_is_audited_too(client, people, export_url):  # type: ignore[no-untyped-def]
    client.force_login(people["manager"])

    client.get(export_url("companies"), {"format": "csv"})

    assert AuditEntry.objects.for_record(Export.objects.get()).get().changes["rows"] == [None, 0]


def test_an_api_export_is_audited_as_coming_through_the_api(people, clients):  # type: ignore[no-untyped-def]
    api_client(people["admin"]).get(f"{API}/companies/export", {"q": "Padma"})

    entry = AuditEntry.objects.get(model_label="exports.export")
    assert entry.channel == Channel.API
    assert entry.changes["query"] == [None, "q=Padma"]


def test_a_contacts_data_export_names_the_contact(client, people, clients):  # type: ignore[no-untyped-def]
    from django.urls import reverse

    anika = clients["Anika"]
    client.force_login(people["manager"])

    client.get(reverse("exports:contact_data", args=[anika.pk]))

    export = Export.objects.get()
    assert (export.kind, export.file_format, export.record) == ("contact", "json", anika.pk)
    assert AuditEntry.objects.for_record(export).get().changes["record"] == [None, anika.pk]


def test_a_refused_export_leaves_no_trace(client, people, clients, export_url):  # type: ignore[no-untyped-def]
    from django.urls import reverse

    client.force_login(people["agent"])

    client.get(export_url("contacts"), {"format": "csv"})
    client.get(reverse("exports:contact_data", args=[clients["Anika"].pk]))

    assert not Export.objects.exists()
    assert not AuditEntry.objects.filter(model_label="exports.export").exists()
