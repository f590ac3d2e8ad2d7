"""A company's web domain is stored as a bare lower-case host, whatever was pasted; junk is refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.models import Company
from sampark.core.tests.api_client import API, api_client
from sampark.lib.domains import InvalidDomain, normalise_domain

FORM = {"name": "Padma", "industry": "", "size": "", "country": "", "parent": ""}


@pytest.mark.parametrize(
    ("pasted", "stored"),
    [
        ("example.com", "example.com"),
        ("Example.COM", "example.com"),
        ("  https://www.example.com/about?x=1#team ", "example.com"),
        ("http://shop.example.co.in:8080/", "shop.example.co.in"),
        ("www.padmatex.com.bd.", "padmatex.com.bd"),
        ("ftp://user:secret@example.org/files", "example.org"),
        ("sales@example.com", "example.com"),
        ("https://XN--P1AI.xn--p1ai", "рф.рф"),
        ("ঢাকা.বাংলা", "ঢাকা.বাংলা"),
        ("www.com", "www.com"),
        ("", ""),
    ],
)
def test_a_pasted_address_becomes_a_bare_domain(pasted, stored):
    assert normalise_domain(pasted) == stored


@pytest.mark.parametrize(
    "junk",
    ["localhost", "not a domain", "192.168.0.1", "https://", "ex_ample.com", "-bad.com", "a..b"],
)
def test_something_that_is_not_a_domain_is_refused(junk):
    with pytest.raises(InvalidDomain):
        normalise_domain(junk)


@pytest.mark.django_db
def test_the_form_stores_the_bare_domain(client, people):
    client.force_login(people["agent"])

    client.post(
        reverse("contacts:company_create"), {**FORM, "domain": "HTTPS://www.Padma.com.bd/contact"}
    )

    assert Company.objects.get().domain == "padma.com.bd"


@pytest.mark.django_db
def test_the_form_shows_a_bad_domain_as_a_field_error(client, people):
    client.force_login(people["agent"])

    response = client.post(reverse("contacts:company_create"), {**FORM, "domain": "padma textiles"})

    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_domain_error"' in body
    assert "Enter a web domain such as example.com" in body
    assert not Company.objects.exists()


@pytest.mark.django_db
def test_the_api_stores_the_bare_domain(people):
    response = api_client(people["agent"]).post_json(
        f"{API}/companies", {"name": "Padma", "domain": "https://www.Padma.com.bd/"}
    )

    assert response.status_code == 201
    assert response.json()["domain"] == "padma.com.bd"


@pytest.mark.django_db
def test_the_api_reports_a_bad_domain_as_a_field_error(people):
    response = api_client(people["agent"]).post_json(
        f"{API}/companies", {"name": "Padma", "domain": "padma", "country": "XX"}
    )

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"domain", "country"}
    assert not Company.objects.exists()
