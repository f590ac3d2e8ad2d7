"""GET /api/v1/search: ranked, typed, permission-filtered hits, and the API's one error shape."""

from __future__ import annotations

import pytest
from django.test import Client

from sampark.contacts.tests import search_fixture
from sampark.core.models import TokenScope
from sampark.core.tests.api_client import API, api_client

pytestmark = pytest.mark.django_db
catalogue = search_fixture.catalogue

SEARCH = f"{API}/search"


def test_hits_come_typed_and_best_first(catalogue):
    prabir, padma = catalogue.contacts["prabir"], catalogue.companies["padma"]
    response = api_client(catalogue.people["agent"]).get(SEARCH, {"q": "Padma Traders"})
    assert response.status_code == 200
    items = response.json()["items"]
    assert [(i["kind"], i["id"]) for i in items] == [("company", padma.pk), ("contact", prabir.pk)]
    assert items[0] == {
        "kind": "company",
        "id": padma.pk,
        "title": "Padma Traders",
        "subtitle": "padmatraders.com · Jute",
        "url": f"/companies/{padma.pk}/",
        "score": items[0]["score"],
    }
    assert items[0]["score"] > items[1]["score"]


def test_kind_and_limit_narrow_the_answer(catalogue):
    client = api_client(catalogue.people["admin"])
    companies = client.get(SEARCH, {"q": "Padma", "kind": "company"}).json()["items"]
    assert {i["kind"] for i in companies} == {"company"}
    assert len(client.get(SEARCH, {"q": "Rahman", "limit": 2}).json()["items"]) == 2


def test_a_phone_number_in_the_query_string_is_read_as_typed(catalogue):
    client = api_client(catalogue.people["agent"])
    items = client.get(SEARCH, {"q": "+880 1711-000001"}).json()["items"]
    assert [i["title"] for i in items] == ["প্রবীর মুখোপাধ্যায়"]


def test_an_outsider_gets_none_of_dhakas_records(catalogue):
    client = api_client(catalogue.people["outsider"])
    assert client.get(SEARCH, {"q": "প্রবীর"}).json() == {"items": []}
    assert [i["title"] for i in client.get(SEARCH, {"q": "Prabir"}).json()["items"]] == [
        "Prabir Sen"
    ]


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}])
def test_an_empty_query_is_a_422_naming_q(catalogue, params):
    response = api_client(catalogue.people["agent"]).get(SEARCH, params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert list(error["fields"]) == ["q"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "x", "kind": "invoice"}, "kind"),  # no domain registers invoices
        ({"q": "x", "limit": 0}, "limit"),
        ({"q": "x", "limit": 101}, "limit"),
        ({"q": "x", "limit": "many"}, "limit"),
    ],
)
def test_a_bad_kind_or_limit_is_a_422_naming_it(catalogue, params, field):
    response = api_client(catalogue.people["agent"]).get(SEARCH, params)
    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == [field]


def test_awkward_queries_are_answered_not_refused(catalogue):
    client = api_client(catalogue.people["agent"])
    for query in ['"', "NEAR(a b)", "*", "-", "a:b", "((", "'x':*"]:
        response = client.get(SEARCH, {"q": query})
        assert response.status_code == 200, query
        assert "items" in response.json()


def test_without_credentials_the_answer_is_401(catalogue):
    response = Client().get(SEARCH, {"q": "Prabir"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_a_read_only_token_may_search(catalogue):
    client = api_client(catalogue.people["reader"], TokenScope.READ)
    assert client.get(SEARCH, {"q": "Prabir"}).status_code == 200


def test_a_signed_in_browser_may_search_with_its_session(catalogue):
    client = Client()
    client.force_login(catalogue.people["agent"])
    assert client.get(SEARCH, {"q": "Prabir"}).json()["items"][0]["title"] == "প্রবীর মুখোপাধ্যায়"
