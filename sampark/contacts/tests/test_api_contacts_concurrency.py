"""Two people editing one contact: the second write from a stale read is refused, not merged."""

from __future__ import annotations

from sampark.contacts.models import Contact
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.tests.api_client import API, api_client, if_match

CONTACTS = f"{API}/contacts"


def test_of_two_writers_who_read_version_1_the_first_wins_and_the_second_gets_409(people, teams):
    contact = ContactFactory(
        owner=people["agent"], team=teams[0], display_name="Asha", phone="+8801711000111"
    )
    url = f"{CONTACTS}/{contact.pk}"
    first, second = api_client(people["agent"]), api_client(people["manager"])
    first_etag = first.get(url)["ETag"]
    second_etag = second.get(url)["ETag"]
    assert first_etag == second_etag == '"1"'

    won = first.patch_json(url, {"phone": "+8801711000222"}, headers={"If-Match": first_etag})
    lost = second.patch_json(url, {"display_name": "Asha R."}, headers={"If-Match": second_etag})

    assert won.status_code == 200
    assert lost.status_code == 409
    error = lost.json()["error"]
    assert (error["code"], error["current_version"]) == ("conflict", 2)
    contact.refresh_from_db()
    assert (contact.display_name, contact.phone, contact.version) == ("Asha", "+8801711000222", 2)


def test_a_stale_write_that_would_change_nothing_is_still_409(people):
    contact = ContactFactory(owner=people["agent"], phone="+8801711000111")
    client = api_client(people["agent"])
    client.patch_json(f"{CONTACTS}/{contact.pk}", {"phone": "+8801711000222"}, headers=if_match(1))

    response = client.patch_json(
        f"{CONTACTS}/{contact.pk}", {"phone": "+8801711000222"}, headers=if_match(1)
    )

    assert response.status_code == 409


def test_the_version_may_be_sent_in_the_body_instead_of_if_match(people):
    contact = ContactFactory(owner=people["agent"])
    client = api_client(people["agent"])
    url = f"{CONTACTS}/{contact.pk}"

    assert client.patch_json(url, {"phone": "+8801711000001", "version": 1}).status_code == 200
    assert client.patch_json(url, {"phone": "+8801711000002", "version": 1}).status_code == 409


def test_a_patch_without_a_version_is_428_and_changes_nothing(people):
    contact = ContactFactory(owner=people["agent"], phone="+8801711000111")

    response = api_client(people["agent"]).patch_json(
        f"{CONTACTS}/{contact.pk}", {"phone": "+8801711000002"}
    )

    assert response.status_code == 428
    assert response.json()["error"]["code"] == "precondition_required"
    contact.refresh_from_db()
    assert contact.phone == "+8801711000111"


def test_a_delete_without_if_match_is_428_and_deletes_nothing(people):
    contact = ContactFactory(owner=people["agent"])

    response = api_client(people["agent"]).delete(f"{CONTACTS}/{contact.pk}")

    assert response.status_code == 428
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_a_delete_from_a_stale_read_is_409_and_deletes_nothing(people):
    contact = ContactFactory(owner=people["agent"])
    client = api_client(people["agent"])
    client.patch_json(f"{CONTACTS}/{contact.pk}", {"phone": "+8801711000001"}, headers=if_match(1))

    response = client.delete(f"{CONTACTS}/{contact.pk}", headers=if_match(1))

    assert response.status_code == 409
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_if_match_and_a_body_version_that_disagree_are_422(people):
    contact = ContactFactory(owner=people["agent"])

    response = api_client(people["agent"]).patch_json(
        f"{CONTACTS}/{contact.pk}", {"phone": "+8801711000001", "version": 2}, headers=if_match(1)
    )

    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"version"}


def test_a_malformed_if_match_is_422(people):
    contact = ContactFactory(owner=people["agent"])

    response = api_client(people["agent"]).delete(
        f"{CONTACTS}/{contact.pk}", headers={"If-Match": "*"}
    )

    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"If-Match"}
    assert Contact.objects.filter(pk=contact.pk).exists()
