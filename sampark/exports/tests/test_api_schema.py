"""The export endpoints are in the OpenAPI document: the list exports as files with their
parameters, the contact's data with its versioned schema."""

from __future__ import annotations

from django.test import Client

from sampark.core.tests.api_client import API
from sampark.exports.files import CSV_TYPE, XLSX_TYPE


def test_the_exports_are_documented(db):  # type: ignore[no-untyped-def]
    schema = Client().get(f"{API}/openapi.json").json()
    paths = schema["paths"]

    contacts = paths[f"{API}/contacts/export"]["get"]
    assert set(contacts["responses"]["200"]["content"]) == {CSV_TYPE, XLSX_TYPE}
    assert {"403", "404", "422"} <= set(contacts["responses"])
    assert {"format", "columns", "header", "view", "q", "stage", "tag", "sort"} <= {
        parameter["name"] for parameter in contacts["parameters"]
    }
    assert "get" in paths[f"{API}/companies/export"]
    data = paths[f"{API}/contacts/{{contact_id}}/export"]["get"]["responses"]["200"]
    assert data["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ContactDocument"
    }
    document = schema["components"]["schemas"]["ContactDocument"]
    assert document["properties"]["format"]["const"] == "sampark.contact/1"
