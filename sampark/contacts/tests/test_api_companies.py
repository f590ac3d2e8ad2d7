"""Companies over the API: create, read, list, change and delete, each write audited as "api"."""

from __future__ import annotations

from sampark.contacts.models import Company
from sampark.contacts.tests.factories import CompanyFactory
from sampark.core.models import AuditEntry, Channel
from sampark.core.tests.api_client import API, api_client, if_match

COMPANIES = f"{API}/companies"
FIELDS = {
    "id",
    "name",
    "domain",
    "industry",
    "size",
    "country",
    "external_id",
    "addresses",
    "parent",
    "tags",
    "custom",
    "owner",
    "team",
    "created_at",
    "updated_at",
    "version",
}


def test_creating_a_company_makes_the_caller_its_owner_in_their_team(people, teams):
    response = api_client(people["agent"]).post_json(
        COMPANIES,
        {"name": "Padma Textiles", "industry": "Garments", "size": "51-250", "country": "bd"},
    )

    assert response.status_code == 201
    body = response.json()
    assert set(body) == FIELDS
    company = Company.objects.get()
    assert body["id"] == company.pk
    assert (body["owner"], body["team"], body["version"]) == (people["agent"].pk, teams[0].pk, 1)
    assert (company.name, company.size, company.country) == ("Padma Textiles", "51-250", "BD")
    assert response["Location"] == f"{COMPANIES}/{company.pk}"
    assert response["ETag"] == '"1"'
    entry = AuditEntry.objects.for_record(company).get()
    assert (entry.action, entry.channel) == ("create", Channel.API)


def test_reading_a_company_returns_its_fields_and_version_as_etag(people, teams):
    parent = CompanyFactory(owner=people["agent"], team=teams[0])
    company = CompanyFactory(owner=people["agent"], team=teams[0], name="Padma", parent=parent)

    response = api_client(people["agent"]).get(f"{COMPANIES}/{company.pk}")

    assert response.status_code == 200
    assert response["ETag"] == '"1"'
    body = response.json()
    assert (body["name"], body["parent"], body["tags"]) == ("Padma", parent.pk, [])


def test_the_list_is_paged_by_cursor_in_name_order(people, teams):
    for name in ["Gamma", "Alpha", "Delta", "Beta", "Epsilon"]:
        CompanyFactory(owner=people["agent"], team=teams[0], name=name)
    client = api_client(people["agent"])

    first = client.get(COMPANIES, {"limit": 3}).json()
    second = client.get(COMPANIES, {"limit": 3, "cursor": first["next_cursor"]}).json()

    assert [c["name"] for c in first["items"]] == ["Alpha", "Beta", "Delta"]
    assert [c["name"] for c in second["items"]] == ["Epsilon", "Gamma"]
    assert second["next_cursor"] is None


def test_q_filters_by_name_or_domain(people, teams):
    CompanyFactory(owner=people["agent"], team=teams[0], name="Tata Motors", domain="tata.com")
    CompanyFactory(owner=people["agent"], team=teams[0], name="গ্রামীণ", domain="grameen.com")
    client = api_client(people["agent"])

    by_domain = client.get(COMPANIES, {"q": "tata.com"}).json()["items"]
    by_name = client.get(COMPANIES, {"q": "গ্রামীণ"}).json()["items"]

    assert [c["name"] for c in by_domain] == ["Tata Motors"]
    assert [c["name"] for c in by_name] == ["গ্রামীণ"]


def test_patch_changes_only_the_fields_sent(people, teams):
    company = CompanyFactory(
        owner=people["agent"], team=teams[0], name="Padma", industry="Garments", domain=""
    )

    response = api_client(people["agent"]).patch_json(
        f"{COMPANIES}/{company.pk}", {"domain": "www.padma.com.bd"}, headers=if_match(1)
    )

    assert response.status_code == 200
    assert response["ETag"] == '"2"'
    company.refresh_from_db()
    assert (company.name, company.industry, company.domain) == ("Padma", "Garments", "padma.com.bd")
    entry = AuditEntry.objects.for_record(company).get()
    assert entry.changes == {"domain": ["", "padma.com.bd"]}


def test_a_bad_size_is_a_field_error(people):
    response = api_client(people["agent"]).post_json(COMPANIES, {"name": "X", "size": "huge"})

    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["size"]


def test_unknown_fields_are_refused(people):
    response = api_client(people["agent"]).post_json(COMPANIES, {"name": "X", "owner": 1})

    assert response.status_code == 422
    assert "owner" in response.json()["error"]["fields"]


def test_deleting_a_company_removes_it(people, teams):
    company = CompanyFactory(owner=people["agent"], team=teams[0])

    response = api_client(people["agent"]).delete(f"{COMPANIES}/{company.pk}", headers=if_match(1))

    assert response.status_code == 204
    assert not Company.objects.exists()
    assert AuditEntry.objects.filter(object_id=str(company.pk), action="delete").exists()
