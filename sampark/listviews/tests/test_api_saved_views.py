"""Saved views over the API: the error shape, keyset pages, versions and who may do what."""

from __future__ import annotations

import pytest
from django.test import Client

from sampark.core.models import AuditEntry, TokenScope
from sampark.core.tests.api_client import API, api_client, if_match
from sampark.listviews.models import ListPreference, SavedView
from sampark.listviews.tests.factories import saved_view

pytestmark = pytest.mark.django_db

VIEWS = f"{API}/saved-views"


def test_a_view_is_saved_and_read_back(people, teams):  # type: ignore[no-untyped-def]
    client = api_client(people["agent"])

    created = client.post_json(
        VIEWS,
        {
            "list": "contacts",
            "name": "Dhaka leads",
            "query": "stage=lead&q=&sort=updated",
            "columns": ["email", "stage"],
            "visibility": "team",
            "team": teams[0].pk,
        },
    )

    assert created.status_code == 201
    body = created.json()
    assert body["query"] == "stage=lead&sort=updated"
    assert body["columns"] == ["email", "stage"]
    assert (body["visibility"], body["team"]) == ("team", teams[0].pk)
    assert (body["owner"], body["owner_username"]) == (people["agent"].pk, "agent")
    assert body["url"] == f"/contacts/?view={body['id']}"
    assert body["version"] == 1
    assert created["ETag"] == '"1"'
    assert created["Location"] == f"{VIEWS}/{body['id']}"
    assert client.get(f"{VIEWS}/{body['id']}").json() == body
    assert AuditEntry.objects.filter(model_label="listviews.savedview", action="create").exists()


def test_the_list_may_come_in_the_address_and_columns_default_to_the_users(people):  # type: ignore[no-untyped-def]
    ListPreference.objects.create(user=people["agent"], list_name="companies", columns=["domain"])
    client = api_client(people["agent"])

    created = client.post_json(f"{VIEWS}?list=companies", {"name": "Firms"})

    assert created.status_code == 201
    assert (created.json()["list"], created.json()["columns"]) == ("companies", ["domain"])


def test_the_list_is_by_name_in_keyset_pages_with_only_what_the_user_may_see(people, teams):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    mine = [saved_view(agent, f"View {n}") for n in range(4)]
    shared = saved_view(people["manager"], "Shared", visibility="everyone")
    saved_view(people["colleague"], "Colleague's own")
    saved_view(people["outsider"], "Mumbai", visibility="team", team=teams[1])
    saved_view(agent, "A company view", list_name="companies")
    client = api_client(agent)

    first = client.get(VIEWS, {"list": "contacts", "limit": 3}).json()
    rest = client.get(
        VIEWS, {"list": "contacts", "limit": 3, "cursor": first["next_cursor"]}
    ).json()

    names = [view["name"] for view in first["items"] + rest["items"]]
    assert names == ["Shared", *[view.name for view in mine]]
    assert rest["next_cursor"] is None
    assert shared.pk in {view["id"] for view in first["items"]}


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"name": ""}, "name", "Give the view a name."),
        ({"name": "  "}, "name", "Give the view a name."),
        ({"name": "x" * 101}, "name", "Keep the name to 100 characters; this has 101."),
        ({}, "name", "This field is required."),
        (
            {"name": "V", "query": "stage=lead&colour=red"},
            "query",
            "no filter or sort called colour",
        ),
        ({"name": "V", "query": "view=3"}, "query", "no filter or sort called view"),
        ({"name": "V", "columns": ["email", "shoe_size"]}, "columns", "no column called shoe_size"),
        ({"name": "V", "visibility": "friends"}, "visibility", "Choose private, team or everyone."),
        ({"name": "V", "visibility": "team"}, "team", "Choose the team"),
        ({"name": "V", "visibility": "team", "team": 999999}, "team", "There is no team"),
        ({"name": "V", "visibility": "everyone"}, "visibility", "Only admins and managers"),
        ({"name": "V", "owner": 1}, "owner", "not accepted"),
        ({"name": "V", "list": "deals"}, "list", "Use one of: companies, contacts, tickets."),
    ],
)
def test_bad_input_is_a_422_naming_the_field(people, payload, field, message):  # type: ignore[no-untyped-def]
    client = api_client(people["agent"])

    response = client.post_json(VIEWS, {"list": "contacts", **payload})

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert message in " ".join(error["fields"][field])
    assert not SavedView.objects.exists()


def test_listing_needs_a_known_list(people):  # type: ignore[no-untyped-def]
    client = api_client(people["agent"])

    assert client.get(VIEWS).status_code == 422
    assert "list" in client.get(VIEWS, {"list": "deals"}).json()["error"]["fields"]


def test_a_change_needs_the_version_and_refuses_a_stale_one(people, teams):  # type: ignore[no-untyped-def]
    view = saved_view(people["agent"], "Leads", query="stage=lead")
    client = api_client(people["agent"])
    url = f"{VIEWS}/{view.pk}"

    assert client.patch_json(url, {"name": "Hot"}).status_code == 428
    changed = client.patch_json(
        url,
        {"name": "Hot", "query": "stage=customer", "visibility": "team", "team": teams[0].pk},
        headers=if_match(1),
    )
    stale = client.patch_json(url, {"name": "Cold", "version": 1})

    assert changed.status_code == 200
    assert (changed.json()["name"], changed.json()["query"]) == ("Hot", "stage=customer")
    assert changed.json()["team"] == teams[0].pk
    assert changed["ETag"] == '"2"'
    assert stale.status_code == 409
    assert stale.json()["error"]["current_version"] == 2
    bad = client.patch_json(url, {"name": "", "query": "x=1"}, headers=if_match(2))
    assert bad.status_code == 422
    assert set(bad.json()["error"]["fields"]) == {"name", "query"}


def test_nulls_in_a_change_are_refused_or_cleared_never_a_500(people):  # type: ignore[no-untyped-def]
    view = saved_view(people["agent"], "Leads", query="stage=lead", columns=["email"])
    client = api_client(people["agent"])
    url = f"{VIEWS}/{view.pk}"

    refused = client.patch_json(url, {"name": None, "visibility": None}, headers=if_match(1))
    cleared = client.patch_json(url, {"query": None, "columns": None}, headers=if_match(1))

    assert refused.status_code == 422
    assert set(refused.json()["error"]["fields"]) == {"name", "visibility"}
    assert cleared.status_code == 200
    assert (cleared.json()["query"], cleared.json()["columns"]) == ("", [])


def test_a_delete_needs_the_version(people):  # type: ignore[no-untyped-def]
    view = saved_view(people["agent"], "Leads")
    client = api_client(people["agent"])
    url = f"{VIEWS}/{view.pk}"

    assert client.delete(url).status_code == 428
    assert client.delete(url, headers=if_match(7)).status_code == 409
    assert client.delete(url, headers=if_match(1)).status_code == 204
    assert not SavedView.objects.exists()


@pytest.mark.parametrize("persona", ["colleague", "manager", "admin", "outsider"])
def test_another_users_private_view_is_a_404_to_read_change_or_delete(people, persona):  # type: ignore[no-untyped-def]
    view = saved_view(people["agent"], "Mine")
    client = api_client(people[persona])
    url = f"{VIEWS}/{view.pk}"

    assert client.get(url).status_code == 404
    assert client.patch_json(url, {"name": "x"}, headers=if_match(1)).status_code == 404
    assert client.delete(url, headers=if_match(1)).status_code == 404
    assert client.get(VIEWS, {"list": "contacts"}).json()["items"] == []


def test_a_shared_view_is_changed_by_its_owner_only_and_deleted_by_an_admin(people, teams):  # type: ignore[no-untyped-def]
    view = saved_view(people["agent"], "Dhaka", visibility="team", team=teams[0])
    url = f"{VIEWS}/{view.pk}"

    colleague = api_client(people["colleague"])
    assert colleague.get(url).status_code == 200
    assert colleague.patch_json(url, {"name": "x"}, headers=if_match(1)).status_code == 403
    assert colleague.delete(url, headers=if_match(1)).status_code == 403
    assert api_client(people["outsider"]).get(url).status_code == 404
    admin = api_client(people["admin"])
    assert admin.patch_json(url, {"name": "x"}, headers=if_match(1)).status_code == 403
    assert admin.delete(url, headers=if_match(1)).status_code == 204


def test_a_read_token_may_list_but_not_save(people):  # type: ignore[no-untyped-def]
    client = api_client(people["agent"], TokenScope.READ)

    assert client.get(VIEWS, {"list": "contacts"}).status_code == 200
    assert client.post_json(VIEWS, {"list": "contacts", "name": "V"}).status_code == 403


def test_the_schema_documents_the_operations(db):  # type: ignore[no-untyped-def]
    paths = Client().get(f"{API}/openapi.json").json()["paths"]

    assert set(paths[VIEWS]) == {"get", "post"}
    assert set(paths[f"{VIEWS}/{{view_id}}"]) == {"get", "patch", "delete"}
