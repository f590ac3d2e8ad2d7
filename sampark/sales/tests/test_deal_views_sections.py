"""Deals on contact and company pages (a lazily loaded section, open deals first), and deals in
the global search: the header's search page, /api/v1/search, and `sampark reindex`."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from sampark.contacts import search
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory
from sampark.core.tests.api_client import API, api_client
from sampark.sales import actions
from sampark.sales.models import DealContact
from sampark.sales.tests.factories import make_deal, make_pipeline

pytestmark = pytest.mark.django_db


def _rows(html: str) -> list[str]:
    return re.findall(r'<td><a href="/sales/deals/\d+/">([^<]*)</a>', html)


def test_the_contact_page_loads_its_deals_section_lazily(client, people):
    contact = ContactFactory(owner=people["agent"])
    client.force_login(people["agent"])
    html = client.get(reverse("contacts:detail", args=[contact.pk])).content.decode()
    url = reverse("sales:contact_deals", args=[contact.pk])
    assert f'hx-get="{url}" hx-trigger="load"' in html


def test_a_contacts_deals_open_ones_first_including_those_they_are_part_of(client, people):
    agent = people["agent"]
    pipeline = make_pipeline("Section desk")
    contact = ContactFactory(owner=agent, display_name="Nasrin Sultana")
    won = make_deal(agent, pipeline, name="Won savings", contact=contact)
    actions.win_deal(won, by=agent)
    make_deal(agent, pipeline, name="Open bond", contact=contact, amount=Decimal("5000"))
    involved = make_deal(agent, pipeline, name="Spouse plan")
    DealContact.objects.create(deal=involved, contact=contact, role="co-signer")
    make_deal(agent, pipeline, name="Someone else's")
    client.force_login(agent)

    response = client.get(
        reverse("sales:contact_deals", args=[contact.pk]), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "<html" not in html
    assert _rows(html)[-1] == "Won savings"
    assert sorted(_rows(html)[:2]) == ["Open bond", "Spouse plan"]
    assert "2 open deals worth" in html
    assert f"{reverse('sales:deal_create')}?contact={contact.pk}" in html


def test_without_script_the_section_is_a_page_of_its_own(client, people):
    contact = ContactFactory(owner=people["agent"], display_name="Nasrin Sultana")
    client.force_login(people["agent"])
    html = client.get(reverse("sales:contact_deals", args=[contact.pk])).content.decode()
    assert "Deals of Nasrin Sultana" in html
    assert "No deals yet." in html


def test_a_companys_page_shows_its_deals(client, people):
    agent = people["agent"]
    company = CompanyFactory(owner=agent, name="Padma Traders")
    make_deal(agent, make_pipeline("Firm desk"), name="Fleet insurance", company=company)
    client.force_login(agent)
    page = client.get(reverse("contacts:company_detail", args=[company.pk])).content.decode()
    assert reverse("sales:company_deals", args=[company.pk]) in page
    html = client.get(
        reverse("sales:company_deals", args=[company.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert _rows(html) == ["Fleet insurance"]


def test_deals_are_found_by_name_in_the_header_search(client, people):
    deal = make_deal(people["agent"], make_pipeline("Search desk"), name="চা বাগান portfolio")
    client.force_login(people["colleague"])
    html = client.get(reverse("search"), {"q": "বাগান"}).content.decode()
    assert 'id="search-deal"' in html
    assert reverse("sales:deal_detail", args=[deal.pk]) in html
    assert "Search desk · Qualified" in html


def test_the_search_api_finds_deals_and_takes_the_deal_kind(people):
    deal = make_deal(people["agent"], make_pipeline("Api search desk"), name="Jute mill expansion")
    ContactFactory(owner=people["agent"], display_name="Jute Trader")
    client = api_client(people["agent"])
    found = client.get(f"{API}/search", {"q": "jute", "kind": "deal"}).json()["items"]
    assert [(hit["kind"], hit["id"]) for hit in found] == [("deal", deal.pk)]
    assert found[0]["url"] == reverse("sales:deal_detail", args=[deal.pk])
    wrong = client.get(f"{API}/search", {"q": "jute", "kind": "lead"})
    assert wrong.status_code == 422
    assert "kind" in wrong.json()["error"]["fields"]


def test_a_renamed_deal_is_found_by_its_new_name_and_a_deleted_one_no_more(people):
    agent = people["agent"]
    deal = make_deal(agent, make_pipeline("Rename desk"), name="Old name")
    actions.update_deal(deal, by=agent, values={"name": "Fresh title"})
    assert [hit.title for hit in search.search(agent, "fresh")] == ["Fresh title"]
    assert search.search(agent, "old") == []
    actions.delete_deal(deal, by=agent)
    assert search.search(agent, "fresh") == []


def test_another_teams_deal_is_not_found(people):
    make_deal(people["outsider"], make_pipeline("Hidden desk"), name="Secret merger")
    assert search.search(people["agent"], "merger") == []
    assert [hit.title for hit in search.search(people["admin"], "merger")] == ["Secret merger"]


def test_reindex_rebuilds_deals_too(people):
    deal = make_deal(people["agent"], make_pipeline("Reindex desk"), name="Rebuilt deal")
    search.unindex(deal)  # as after a restore that wrote the tables directly
    assert search.search(people["agent"], "rebuilt") == []
    call_command("reindex", stdout=io.StringIO())
    assert [hit.id for hit in search.search(people["agent"], "rebuilt")] == [deal.pk]
