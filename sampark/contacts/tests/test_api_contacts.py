"""Contacts over the API: create, read, list, change and delete, each write audited as "api"."""

from __future__ import annotations

from sampark.contacts.models import Contact
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.models import AuditAction, AuditEntry, Channel
from sampark.core.tests.api_client import API, api_client, if_match

CONTACTS = f"{API}/contacts"
FIELDS = {
    "id",
    "display_name",
    "given_name",
    "family_name",
    "latin_name",
    "email",
    "emails",
    "phone",
    "phones",
    "addresses",
    "country",
    "external_id",
    "language",
    "preferred_channel",
    "time_zone",
    "lifecycle_stage",
    "source",
    "referred_by",
    "notes",
    "tags",
    "companies",
    "custom",
    "owner",
    "team",
    "created_at",
    "updated_at",
    "version",
}


def test_creating_a_contact_makes_the_caller_its_owner_in_their_team(people, teams):
    response = api_client(people["agent"]).post_json(
        CONTACTS, {"display_name": "Asha Rahman", "email": "asha@example.com", "language": "bn"}
    )

    assert response.status_code == 201
    body = response.json()
    assert set(body) == FIELDS
    contact = Contact.objects.get()
    assert body["id"] == contact.pk
    assert (body["owner"], body["team"], body["version"]) == (people["agent"].pk, teams[0].pk, 1)
    assert (contact.display_name, contact.language) == ("Asha Rahman", "bn")
    assert response["Location"] == f"{CONTACTS}/{contact.pk}"
    assert response["ETag"] == '"1"'


def test_reading_a_contact_returns_its_fields_and_version_as_etag(people):
    contact = ContactFactory(owner=people["agent"], display_name="Ravi", phone="+91 98")

    response = api_client(people["agent"]).get(f"{CONTACTS}/{contact.pk}")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == FIELDS
    assert (body["display_name"], body["phone"], body["team"]) == ("Ravi", "+91 98", None)
    assert response["ETag"] == '"1"'


def test_the_list_filters_by_q(people):
    ContactFactory(owner=people["agent"], display_name="Asha", email="asha@example.com")
    ContactFactory(owner=people["agent"], display_name="Ravi", email="ravi@example.com")

    body = api_client(people["agent"]).get(f"{CONTACTS}?q=ravi").json()

    assert [item["display_name"] for item in body["items"]] == ["Ravi"]


def test_patching_changes_only_the_fields_sent(people):
    contact = ContactFactory(owner=people["agent"], display_name="Asha", phone="+8801711000111")

    response = api_client(people["agent"]).patch_json(
        f"{CONTACTS}/{contact.pk}", {"phone": "+8801711000222"}, headers=if_match(1)
    )

    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert response["ETag"] == '"2"'
    contact.refresh_from_db()
    assert (contact.display_name, contact.phone, contact.version) == ("Asha", "+8801711000222", 2)


def test_deleting_removes_the_contact(people):
    contact = ContactFactory(owner=people["agent"])
    client = api_client(people["agent"])

    response = client.delete(f"{CONTACTS}/{contact.pk}", headers=if_match(1))

    assert response.status_code == 204
    assert response.content == b""
    assert not Contact.objects.exists()
    assert client.get(f"{CONTACTS}/{contact.pk}").status_code == 404


def test_the_models_own_validation_answers_by_field(people):
    response = api_client(people["agent"]).post_json(
        CONTACTS, {"display_name": "", "email": "not-an-email", "language": "xx"}
    )

    assert response.status_code == 422
    fields = response.json()["error"]["fields"]
    assert set(fields) == {"display_name", "email", "language"}
    assert not Contact.objects.exists()


def test_fields_the_client_may_not_set_are_refused(people, teams):
    response = api_client(people["agent"]).post_json(
        CONTACTS, {"display_name": "Asha", "owner": people["admin"].pk, "version": 9}
    )

    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"owner", "version"}


def test_api_writes_are_audited_through_the_api_channel(people):
    client = api_client(people["agent"])

    contact_id = client.post_json(CONTACTS, {"display_name": "Asha"}).json()["id"]
    client.patch_json(f"{CONTACTS}/{contact_id}", {"phone": "+8801711000001"}, headers=if_match(1))
    client.delete(f"{CONTACTS}/{contact_id}", headers=if_match(2))

    entries = AuditEntry.objects.filter(model_label="contacts.contact", object_id=str(contact_id))
    assert [(e.action, e.channel, e.actor_id) for e in entries.order_by("seq")] == [
        (AuditAction.CREATE, Channel.API, people["agent"].pk),
        (AuditAction.UPDATE, Channel.API, people["agent"].pk),
        (AuditAction.DELETE, Channel.API, people["agent"].pk),
    ]
