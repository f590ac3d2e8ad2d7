"""Who may call the API: personal tokens, their scope, and the browser session."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from sampark.contacts.models import Contact
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.models import ApiToken, TokenScope
from sampark.core.tests.api_client import API, ApiClient, api_client, if_match, token_for
from sampark.core.tests.factories import PASSWORD
from sampark.core.tokens import revoke_token

CONTACTS = f"{API}/contacts"


def assert_error(response, status: int, code: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    assert body["error"]["fields"] == {}


def test_a_valid_token_authenticates_as_its_user(people):
    ContactFactory(owner=people["agent"], display_name="Mine")

    response = api_client(people["agent"]).get(CONTACTS)

    assert response.status_code == 200
    assert [item["display_name"] for item in response.json()["items"]] == ["Mine"]


def test_a_request_without_credentials_is_401_with_a_bearer_challenge(db):
    response = Client().get(CONTACTS)

    assert_error(response, 401, "unauthorized")
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("raw", ["spk_not-a-real-token", "nonsense", ""])
def test_a_wrong_token_is_401(people, raw):
    token_for(people["agent"])

    assert_error(ApiClient(raw).get(CONTACTS), 401, "unauthorized")


def test_a_revoked_token_is_401(people):
    raw = token_for(people["agent"])
    revoke_token(ApiToken.objects.get(user=people["agent"]), by=people["admin"])

    assert_error(ApiClient(raw).get(CONTACTS), 401, "unauthorized")


def test_a_token_of_an_inactive_user_is_401(people):
    raw = token_for(people["agent"])
    people["agent"].is_active = False
    people["agent"].save()

    assert_error(ApiClient(raw).get(CONTACTS), 401, "unauthorized")


def test_a_bad_token_is_refused_even_with_a_signed_in_session(people):
    client = ApiClient("spk_wrong")
    client.login(username="agent", password=PASSWORD)

    assert_error(client.get(CONTACTS), 401, "unauthorized")


def test_a_read_token_may_read(people):
    client = api_client(people["agent"], TokenScope.READ)

    assert client.get(CONTACTS).status_code == 200


def test_a_read_token_cannot_create(people):
    client = api_client(people["agent"], TokenScope.READ)

    response = client.post_json(CONTACTS, {"display_name": "Nope"})

    assert_error(response, 403, "forbidden")
    assert "insufficient_scope" in response["WWW-Authenticate"]
    assert not Contact.objects.exists()


def test_a_read_token_cannot_change_or_delete(people):
    contact = ContactFactory(owner=people["agent"], display_name="Kept")
    client = api_client(people["agent"], TokenScope.READ)
    url = f"{CONTACTS}/{contact.pk}"

    assert_error(
        client.patch_json(url, {"display_name": "Changed"}, headers=if_match(1)), 403, "forbidden"
    )
    assert_error(client.delete(url, headers=if_match(1)), 403, "forbidden")
    contact.refresh_from_db()
    assert contact.display_name == "Kept"


def test_using_a_token_records_when_it_was_last_used(people):
    raw = token_for(people["agent"])
    before = timezone.now()

    ApiClient(raw).get(CONTACTS)

    last_used = ApiToken.objects.get(user=people["agent"]).last_used_at
    assert last_used is not None
    assert last_used >= before


def test_a_signed_in_browser_session_may_read(people):
    client = Client()
    client.login(username="agent", password=PASSWORD)

    assert client.get(CONTACTS).status_code == 200


def test_a_session_write_without_the_csrf_token_is_403(people):
    client = Client(enforce_csrf_checks=True)
    client.login(username="agent", password=PASSWORD)

    response = client.post(CONTACTS, {"display_name": "X"}, content_type="application/json")

    assert_error(response, 403, "forbidden")
    assert not Contact.objects.exists()


def test_a_session_write_with_the_csrf_token_succeeds(people):
    client = Client(enforce_csrf_checks=True)
    client.login(username="agent", password=PASSWORD)
    client.get("/api/v1/docs")  # the docs page sets the CSRF cookie, as in a browser
    csrf = client.cookies["csrftoken"].value

    response = client.post(
        CONTACTS,
        {"display_name": "From the docs page"},
        content_type="application/json",
        headers={"X-CSRFToken": csrf},
    )

    assert response.status_code == 201
    assert Contact.objects.get().owner == people["agent"]
