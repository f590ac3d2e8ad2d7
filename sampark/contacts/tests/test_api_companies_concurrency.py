"""Two people editing one company over the API: the second write from a stale read gets 409."""

from __future__ import annotations

from sampark.contacts.models import Company
from sampark.contacts.tests.factories import CompanyFactory
from sampark.core.tests.api_client import API, api_client, if_match

COMPANIES = f"{API}/companies"


def test_of_two_writers_who_read_version_1_the_first_wins_and_the_second_gets_409(people, teams):
    company = CompanyFactory(owner=people["agent"], team=teams[0], name="Padma", industry="")
    url = f"{COMPANIES}/{company.pk}"
    first, second = api_client(people["agent"]), api_client(people["manager"])
    first_etag, second_etag = first.get(url)["ETag"], second.get(url)["ETag"]

    won = first.patch_json(url, {"industry": "Garments"}, headers={"If-Match": first_etag})
    lost = second.patch_json(url, {"name": "Padma Ltd"}, headers={"If-Match": second_etag})

    assert won.status_code == 200
    assert lost.status_code == 409
    error = lost.json()["error"]
    assert (error["code"], error["current_version"]) == ("conflict", 2)
    assert lost["ETag"] == '"2"'
    company.refresh_from_db()
    assert (company.name, company.industry, company.version) == ("Padma", "Garments", 2)


def test_the_version_may_be_sent_in_the_body_instead_of_if_match(people):
    company = CompanyFactory(owner=people["agent"])
    client = api_client(people["agent"])
    url = f"{COMPANIES}/{company.pk}"

    assert client.patch_json(url, {"industry": "Tea", "version": 1}).status_code == 200
    assert client.patch_json(url, {"industry": "Jute", "version": 1}).status_code == 409


def test_a_patch_without_a_version_is_428_and_changes_nothing(people):
    company = CompanyFactory(owner=people["agent"], name="Padma")

    response = api_client(people["agent"]).patch_json(f"{COMPANIES}/{company.pk}", {"name": "X"})

    assert response.status_code == 428
    assert response.json()["error"]["code"] == "precondition_required"
    assert Company.objects.get().name == "Padma"


def test_a_delete_without_if_match_is_428_and_deletes_nothing(people):
    company = CompanyFactory(owner=people["agent"])

    response = api_client(people["agent"]).delete(f"{COMPANIES}/{company.pk}")

    assert response.status_code == 428
    assert Company.objects.filter(pk=company.pk).exists()


def test_a_delete_from_a_stale_read_is_409_and_deletes_nothing(people):
    company = CompanyFactory(owner=people["agent"])
    client = api_client(people["agent"])
    client.patch_json(f"{COMPANIES}/{company.pk}", {"industry": "Tea"}, headers=if_match(1))

    response = client.delete(f"{COMPANIES}/{company.pk}", headers=if_match(1))

    assert response.status_code == 409
    assert Company.objects.filter(pk=company.pk).exists()
