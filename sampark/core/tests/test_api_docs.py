"""The OpenAPI schema and the docs page are served, the page within the site's strict CSP."""

from __future__ import annotations

import json
import re

from django.contrib.staticfiles import finders
from django.test import Client

from sampark.core.tests.api_client import API


def test_the_openapi_schema_is_valid_json_listing_the_contacts_operations(db):
    response = Client().get(f"{API}/openapi.json")

    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"][f"{API}/contacts"]) == {"get", "post"}
    assert set(schema["paths"][f"{API}/contacts/{{contact_id}}"]) == {"get", "patch", "delete"}
    assert set(schema["components"]["securitySchemes"]) == {"TokenAuth", "SessionAuth"}
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_the_schema_documents_the_error_shape_and_the_page_shape(db):
    schema = Client().get(f"{API}/openapi.json").json()
    components = schema["components"]["schemas"]

    assert set(components["ErrorOut"]["properties"]) == {"error"}
    assert {"items", "next_cursor"} <= set(components["PagedContactOut"]["properties"])
    patch = schema["paths"][f"{API}/contacts/{{contact_id}}"]["patch"]
    assert {"409", "428"} <= set(patch["responses"])


def test_the_docs_page_is_served_with_a_strict_csp(db):
    response = Client().get(f"{API}/docs")

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_the_docs_page_needs_nothing_the_csp_forbids(db):
    html = Client().get(f"{API}/docs").content.decode()

    # Every executable script is a same-origin file; the only inline one is a JSON data block,
    # which browsers do not run and CSP does not govern.
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts
    for attributes in scripts:
        src = re.search(r'src="([^"]+)"', attributes)
        assert (
            src and src.group(1).startswith("/static/")
        ) or 'type="application/json"' in attributes
    assert "<style" not in html
    assert " style=" not in html
    assert not re.search(r"\son[a-z]+\s*=", html, flags=re.I)  # no inline event handlers
    for asset in re.findall(r'(?:src|href)="/static/([^"]+)"', html):
        assert finders.find(asset), asset


def test_the_docs_page_carries_a_csrf_token_for_trying_the_api_when_signed_in(people):
    client = Client()
    client.force_login(people["agent"])

    html = client.get(f"{API}/docs").content.decode()

    assert re.search(r'data-csrf-token="[^"]{20,}"', html)
