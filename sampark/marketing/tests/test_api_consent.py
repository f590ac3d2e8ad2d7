"""Consent and the suppression list over the API: recorded through the actions with the API as
source and the caller as witness, read back per channel with whether marketing may reach the
contact; another team's contacts stay out of sight; the history newest first; double opt-in
through a real SMTP server; suppressed addresses added by builders and lifted only by admins and
managers; every problem a 422 on its field."""

from __future__ import annotations

import pytest
from django.test import Client

from sampark.contacts.models import Contact
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.tests.api_client import API, api_client
from sampark.core.tests.factories import UserFactory
from sampark.marketing.models import (
    Channel,
    Consent,
    ConsentEvent,
    ConsentStatus,
    Suppression,
    SuppressionReason,
)

pytestmark = pytest.mark.django_db

CONSENT = f"{API}/consent/contacts"
SUPPRESSIONS = f"{API}/suppressions"
AGREED = "Yes, send me the weekly market report by email."


@pytest.fixture
def clients(people, teams):  # type: ignore[no-untyped-def]
    """A client of the Dhaka desk and one of the Mumbai desk."""
    dhaka, mumbai = teams
    return {
        "ours": ContactFactory(
            display_name="Anika Rahman",
            owner=people["agent"],
            team=dhaka,
            email="Anika@Example.com",
            phone="+8801711000001",
            language="bn",
        ),
        "theirs": ContactFactory(
            display_name="Babul Hossain",
            owner=people["outsider"],
            team=mumbai,
            email="babul@example.com",
        ),
    }


def by_channel(body: list[dict[str, object]]) -> dict[object, dict[str, object]]:
    return {row["channel"]: row for row in body}


def test_consent_recorded_through_the_api_is_read_back_as_reachable(people, clients):  # type: ignore[no-untyped-def]
    anika = clients["ours"]
    client = api_client(people["agent"])
    url = f"{CONSENT}/{anika.pk}"

    recorded = client.post_json(
        url, {"channel": "email", "status": "granted", "wording": AGREED}, REMOTE_ADDR="203.0.113.7"
    )
    read = client.get(url)

    assert recorded.status_code == 200
    assert read.status_code == 200
    assert read.json() == recorded.json()
    assert [row["channel"] for row in read.json()] == list(Channel.values)
    email = by_channel(read.json())["email"]
    assert (email["status"], email["source"], email["wording"]) == ("granted", "api", AGREED)
    assert email["changed_at"] is not None
    assert email["confirmed_at"] is None
    assert (email["reachable"], email["reason"]) == (True, "")
    sms = by_channel(read.json())["sms"]
    assert (sms["status"], sms["source"], sms["changed_at"], sms["reachable"]) == (
        None,
        None,
        None,
        False,
    )
    assert "not agreed" in str(sms["reason"])
    event = ConsentEvent.objects.get(contact=anika)
    assert (event.source, event.by_id, event.ip) == ("api", people["agent"].pk, "203.0.113.7")


def test_agreement_without_wording_is_a_422_on_wording(people, clients):  # type: ignore[no-untyped-def]
    response = api_client(people["agent"]).post_json(
        f"{CONSENT}/{clients['ours'].pk}", {"channel": "sms", "status": "granted"}
    )

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert list(error["fields"]) == ["wording"]
    assert not Consent.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"channel": "fax", "status": "withdrawn"}, "channel"),
        ({"channel": "sms", "status": "maybe"}, "status"),
        ({"status": "withdrawn"}, "channel"),
        ({"channel": "sms", "status": "withdrawn", "source": "form"}, "source"),
    ],
)
def test_a_bad_consent_is_a_422_naming_the_field(people, clients, payload, field):  # type: ignore[no-untyped-def]
    response = api_client(people["agent"]).post_json(f"{CONSENT}/{clients['ours'].pk}", payload)

    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]
    assert not ConsentEvent.objects.exists()


def test_another_teams_contact_is_not_found_for_reading_or_recording(people, clients):  # type: ignore[no-untyped-def]
    client = api_client(people["agent"])
    url = f"{CONSENT}/{clients['theirs'].pk}"

    read = client.get(url)
    recorded = client.post_json(url, {"channel": "email", "status": "granted", "wording": AGREED})

    assert read.status_code == 404
    assert client.get(f"{url}/history").status_code == 404
    assert recorded.status_code == 404
    assert recorded.json()["error"]["code"] == "not_found"
    assert client.post_json(f"{url}/opt-in", {"wording": AGREED}).status_code == 404
    assert client.get(f"{CONSENT}/999999").status_code == 404
    assert not Consent.objects.exists()


def test_a_read_only_user_may_read_consent_but_not_record_it(people, clients):  # type: ignore[no-untyped-def]
    client = api_client(people["reader"])
    url = f"{CONSENT}/{clients['ours'].pk}"

    read = client.get(url)
    recorded = client.post_json(url, {"channel": "email", "status": "withdrawn"})
    opt_in = client.post_json(f"{url}/opt-in", {"wording": AGREED})

    assert read.status_code == 200
    assert recorded.status_code == 403
    assert recorded.json()["error"]["code"] == "forbidden"
    assert opt_in.status_code == 403
    assert not Consent.objects.exists()
    assert not ConsentEvent.objects.exists()


def test_the_history_lists_both_changes_newest_first(people, clients):  # type: ignore[no-untyped-def]
    client = api_client(people["agent"])
    url = f"{CONSENT}/{clients['ours'].pk}"
    client.post_json(url, {"channel": "email", "status": "granted", "wording": AGREED})
    client.post_json(url, {"channel": "email", "status": "withdrawn"})

    first = client.get(f"{url}/history", {"limit": 1}).json()
    rest = client.get(f"{url}/history", {"limit": 1, "cursor": first["next_cursor"]}).json()

    assert [(item["status"], item["wording"]) for item in first["items"] + rest["items"]] == [
        ("withdrawn", ""),
        ("granted", AGREED),
    ]
    newest = first["items"][0]
    assert (newest["channel"], newest["source"], newest["by"]) == (
        "email",
        "api",
        people["agent"].pk,
    )
    assert newest["at"] >= rest["items"][0]["at"]
    assert rest["next_cursor"] is None


def test_an_opt_in_for_a_contact_without_email_is_a_422(people, clients):  # type: ignore[no-untyped-def]
    nobody = ContactFactory(owner=people["agent"], email="")

    response = api_client(people["agent"]).post_json(
        f"{CONSENT}/{nobody.pk}/opt-in", {"wording": AGREED}
    )

    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["email"]
    assert not Consent.objects.exists()


def test_an_opt_in_waits_for_confirmation_and_sends_one_message(  # type: ignore[no-untyped-def]
    people, clients, smtp_settings, django_capture_on_commit_callbacks
):
    anika: Contact = clients["ours"]
    client = api_client(people["agent"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post_json(f"{CONSENT}/{anika.pk}/opt-in", {"wording": AGREED})

    assert response.status_code == 200
    email = by_channel(response.json())["email"]
    assert (email["status"], email["source"], email["wording"]) == ("pending", "api", AGREED)
    assert email["reachable"] is False
    assert "confirmed" in str(email["reason"])
    assert Consent.objects.get(contact=anika).status == ConsentStatus.PENDING
    (received,) = smtp_settings.messages
    assert received.recipients == ["Anika@Example.com"]


def test_an_opt_in_needs_the_wording_field(people, clients):  # type: ignore[no-untyped-def]
    response = api_client(people["agent"]).post_json(f"{CONSENT}/{clients['ours'].pk}/opt-in", {})

    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["wording"]


def test_a_suppression_is_added_in_lower_case_and_listed_newest_first(people):  # type: ignore[no-untyped-def]
    client = api_client(people["agent"])

    created = client.post_json(
        SUPPRESSIONS, {"channel": "email", "address": " Rahim@Example.COM ", "detail": "Asked"}
    )
    client.post_json(SUPPRESSIONS, {"channel": "sms", "address": "+880 1711 000002"})
    listed = client.get(SUPPRESSIONS).json()
    searched = client.get(SUPPRESSIONS, {"q": "RAHIM"}).json()

    assert created.status_code == 201
    body = created.json()
    assert (body["channel"], body["address"], body["reason"], body["detail"]) == (
        "email",
        "rahim@example.com",
        "manual",
        "Asked",
    )
    assert Suppression.objects.get(pk=body["id"]).created_by == people["agent"]
    assert [item["address"] for item in listed["items"]] == [
        "+8801711000002",
        "rahim@example.com",
    ]
    assert [item["id"] for item in searched["items"]] == [body["id"]]


def test_suppressing_an_address_twice_returns_the_one_already_listed(people):  # type: ignore[no-untyped-def]
    bounced = Suppression.objects.create(
        channel=Channel.EMAIL, address="rahim@example.com", reason=SuppressionReason.BOUNCED
    )

    response = api_client(people["agent"]).post_json(
        SUPPRESSIONS, {"channel": "email", "address": "RAHIM@example.com"}
    )

    assert response.status_code == 201
    assert (response.json()["id"], response.json()["reason"]) == (bounced.pk, "bounced")
    assert Suppression.objects.count() == 1


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"channel": "sms", "address": "01711000001"}, "address"),
        ({"channel": "email", "address": "not an address"}, "address"),
        ({"channel": "fax", "address": "+8801711000001"}, "channel"),
        ({"channel": "email", "address": "a@example.com", "reason": "bounced"}, "reason"),
    ],
)
def test_a_bad_suppression_is_a_422_naming_the_field(people, payload, field):  # type: ignore[no-untyped-def]
    response = api_client(people["agent"]).post_json(SUPPRESSIONS, payload)

    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == [field]
    assert not Suppression.objects.exists()


def test_a_suppression_overrides_consent_until_it_is_lifted(people, clients):  # type: ignore[no-untyped-def]
    client = api_client(people["manager"])
    url = f"{CONSENT}/{clients['ours'].pk}"
    client.post_json(url, {"channel": "email", "status": "granted", "wording": AGREED})

    suppressed = client.post_json(
        SUPPRESSIONS, {"channel": "email", "address": "anika@example.com"}
    ).json()
    blocked = by_channel(client.get(url).json())["email"]
    lifted = client.delete(f"{SUPPRESSIONS}/{suppressed['id']}")
    again = by_channel(client.get(url).json())["email"]

    assert (blocked["status"], blocked["reachable"]) == ("granted", False)
    assert "suppressed" in str(blocked["reason"])
    assert lifted.status_code == 204
    assert again["reachable"] is True


def test_an_agent_may_not_lift_a_suppression_but_a_manager_may(people):  # type: ignore[no-untyped-def]
    suppression = Suppression.objects.create(
        channel=Channel.SMS, address="+8801711000001", reason=SuppressionReason.COMPLAINED
    )
    url = f"{SUPPRESSIONS}/{suppression.pk}"

    refused = api_client(people["agent"]).delete(url)
    lifted = api_client(people["manager"]).delete(url)

    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"
    assert lifted.status_code == 204
    assert not Suppression.objects.exists()
    assert api_client(people["manager"]).delete(url).status_code == 404


def test_a_read_only_user_may_list_suppressions_but_not_add_them(people):  # type: ignore[no-untyped-def]
    client = api_client(people["reader"])

    listed = client.get(SUPPRESSIONS)
    added = client.post_json(SUPPRESSIONS, {"channel": "email", "address": "a@example.com"})

    assert (listed.status_code, listed.json()) == (200, {"items": [], "next_cursor": None})
    assert added.status_code == 403
    assert added.json()["error"]["code"] == "forbidden"
    assert not Suppression.objects.exists()


def test_a_user_without_a_role_sees_no_suppressions(people):  # type: ignore[no-untyped-def]
    client = api_client(UserFactory())

    assert client.get(SUPPRESSIONS).status_code == 403
    assert (
        client.post_json(SUPPRESSIONS, {"channel": "email", "address": "a@example.com"}).status_code
        == 403
    )


def test_the_schema_documents_the_operations(db):  # type: ignore[no-untyped-def]
    response = Client().get(f"{API}/openapi.json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert set(paths[f"{CONSENT}/{{contact_id}}"]) == {"get", "post"}
    assert set(paths[f"{CONSENT}/{{contact_id}}/history"]) == {"get"}
    assert set(paths[f"{CONSENT}/{{contact_id}}/opt-in"]) == {"post"}
    assert set(paths[SUPPRESSIONS]) == {"get", "post"}
    assert set(paths[f"{SUPPRESSIONS}/{{suppression_id}}"]) == {"delete"}
    assert "201" in paths[SUPPRESSIONS]["post"]["responses"]
