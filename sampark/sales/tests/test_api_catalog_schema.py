"""The OpenAPI schema documents the catalogue, rate and line-item operations and their errors."""

from __future__ import annotations

from django.test import Client

from sampark.core.tests.api_client import API


def test_the_schema_lists_the_operations_with_their_errors(db):  # type: ignore[no-untyped-def]
    schema = Client().get(f"{API}/openapi.json").json()
    paths = schema["paths"]

    assert set(paths[f"{API}/products"]) == {"get", "post"}
    assert set(paths[f"{API}/products/{{product_id}}"]) == {"get", "patch"}
    assert set(paths[f"{API}/exchange-rates"]) == {"get", "post"}
    assert set(paths[f"{API}/exchange-rates/{{rate_id}}"]) == {"delete"}
    lines = paths[f"{API}/deals/{{deal_id}}/lines"]
    assert set(lines) == {"get", "put"}
    assert {"403", "404", "409", "422", "428"} <= set(lines["put"]["responses"])
    assert {"200", "201", "403", "422"} <= set(paths[f"{API}/exchange-rates"]["post"]["responses"])
    components = schema["components"]["schemas"]
    assert {"items", "next_cursor"} <= set(components["PagedProductOut"]["properties"])
    assert "prices" in components["ProductOut"]["properties"]
    assert lines["put"]["tags"] == ["line items"]
