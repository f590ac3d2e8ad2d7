"""The search page at /search/: the header's box lands there, results grouped by kind."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.tests import search_fixture

pytestmark = pytest.mark.django_db
catalogue = search_fixture.catalogue


@pytest.fixture
def browser(client, catalogue):  # type: ignore[no-untyped-def]
    client.force_login(catalogue.people["agent"])
    return client


def test_the_header_search_box_submits_to_the_search_page(browser):
    body = browser.get(reverse("home")).content.decode()
    assert f'<form class="search" role="search" action="{reverse("search")}"' in body


def test_results_are_grouped_by_kind_with_links(browser, catalogue):
    response = browser.get(reverse("search"), {"q": "Padma"})
    assert response.status_code == 200
    body = response.content.decode()
    prabir, padma = catalogue.contacts["prabir"], catalogue.companies["padma"]
    assert [h.title for h in response.context["contacts"]] == ["প্রবীর মুখোপাধ্যায়"]
    assert [h.title for h in response.context["companies"]] == ["Padma Traders"]
    assert f'<a href="/contacts/{prabir.pk}/">প্রবীর মুখোপাধ্যায়</a>' in body
    assert f'<a href="/companies/{padma.pk}/">Padma Traders</a>' in body
    assert body.index('id="search-contacts"') < body.index('id="search-companies"')


def test_the_query_stays_in_the_box(browser):
    body = browser.get(reverse("search"), {"q": "মুখো"}).content.decode()
    assert 'value="মুখো"' in body
    assert "প্রবীর মুখোপাধ্যায়" in body


def test_nothing_found_says_so(browser):
    response = browser.get(reverse("search"), {"q": "Zzyzx"})
    assert response.status_code == 200
    assert "Nothing matches “Zzyzx”" in response.content.decode()


def test_no_query_invites_one(browser):
    response = browser.get(reverse("search"))
    assert response.status_code == 200
    assert "Find a contact or a company" in response.content.decode()


def test_the_page_only_shows_what_the_user_may_see(client, catalogue):
    client.force_login(catalogue.people["outsider"])
    response = client.get(reverse("search"), {"q": "প্রবীর"})
    assert response.context["contacts"] == []
    assert "প্রবীর মুখোপাধ্যায়" not in response.content.decode()


def test_the_page_needs_a_signed_in_user(client, catalogue):
    response = client.get(reverse("search"), {"q": "Prabir"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_query_is_escaped_on_the_page(browser):
    body = browser.get(reverse("search"), {"q": "<script>x</script>"}).content.decode()
    assert "<script>x</script>" not in body
