"""Who reaches which deal page: everyone of the team reads the agent's deal; the agent, their
manager and admins change it; a colleague and a read-only user get 403 on changes; another
team's agent gets 404 everywhere and finds it in no list, board or search."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.tests.factories import CompanyFactory, ContactFactory
from sampark.sales.models import Deal, DealStatus
from sampark.sales.tests.factories import make_deal, make_pipeline

pytestmark = pytest.mark.django_db

READERS = ["agent", "colleague", "manager", "reader", "admin"]
CHANGERS = {"agent", "manager", "admin"}
PAGES = ["sales:deal_detail", "sales:deal_history"]
CHANGE_PAGES = ["sales:deal_edit", "sales:deal_lose", "sales:deal_delete"]


@pytest.fixture
def deal(people):  # type: ignore[no-untyped-def]
    return make_deal(people["agent"], make_pipeline("Access desk"), name="Guarded deal")


@pytest.mark.parametrize("role", [*READERS, "outsider"])
@pytest.mark.parametrize("page", PAGES)
def test_who_may_read_a_deals_pages(client, people, deal, role, page):
    client.force_login(people[role])
    response = client.get(reverse(page, args=[deal.pk]))
    assert response.status_code == (404 if role == "outsider" else 200)


@pytest.mark.parametrize("role", [*READERS, "outsider"])
@pytest.mark.parametrize("page", CHANGE_PAGES)
def test_who_may_open_a_deals_change_pages(client, people, deal, role, page):
    client.force_login(people[role])
    response = client.get(reverse(page, args=[deal.pk]))
    expected = 404 if role == "outsider" else 200 if role in CHANGERS else 403
    assert response.status_code == expected


@pytest.mark.parametrize("role", [*READERS, "outsider"])
def test_who_may_win_a_deal(client, people, deal, role):
    client.force_login(people[role])
    response = client.post(reverse("sales:deal_win", args=[deal.pk]), {"version": deal.version})
    expected = 404 if role == "outsider" else 302 if role in CHANGERS else 403
    assert response.status_code == expected
    won = Deal.objects.get(pk=deal.pk).status == DealStatus.WON
    assert won is (role in CHANGERS)


@pytest.mark.parametrize("role", [*READERS, "outsider"])
def test_who_may_delete_a_deal(client, people, deal, role):
    client.force_login(people[role])
    response = client.post(reverse("sales:deal_delete", args=[deal.pk]), {"version": deal.version})
    expected = 404 if role == "outsider" else 302 if role in CHANGERS else 403
    assert response.status_code == expected
    assert Deal.objects.filter(pk=deal.pk).exists() is (role not in CHANGERS)


@pytest.mark.parametrize(
    ("role", "status"),
    [("agent", 200), ("manager", 200), ("admin", 200), ("reader", 403)],
)
def test_who_may_add_a_deal(client, people, role, status):
    client.force_login(people[role])
    assert client.get(reverse("sales:deal_create")).status_code == status


def test_another_teams_deal_is_in_no_list_board_search_or_section(client, people):
    pipeline = make_pipeline("Two teams")
    dhaka = people["agent"].teams.first()
    contact = ContactFactory(owner=people["agent"], team=dhaka, display_name="Shared client")
    company = CompanyFactory(owner=people["agent"], team=dhaka, name="Shared firm")
    make_deal(people["agent"], pipeline, name="Dhaka tea deal", contact=contact, company=company)
    hidden = make_deal(people["admin"], pipeline, name="Mumbai tea deal")
    Deal.objects.filter(pk=hidden.pk).update(
        owner=people["outsider"], team=people["outsider"].teams.first(), contact=contact
    )
    Deal.objects.filter(pk=hidden.pk).update(company=company)
    client.force_login(people["reader"])
    pages = [
        reverse("sales:deals"),
        reverse("sales:board", args=[pipeline.pk]),
        f"{reverse('search')}?q=tea",
        reverse("sales:contact_deals", args=[contact.pk]),
        reverse("sales:company_deals", args=[company.pk]),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "Dhaka tea deal" in html, url
        assert "Mumbai tea deal" not in html, url


def test_a_deal_page_names_only_the_contact_the_viewer_may_see(client, people):
    outsiders_client = ContactFactory(owner=people["outsider"], display_name="Private client")
    deal = make_deal(people["admin"], make_pipeline("Reach desk"), name="Visible deal")
    Deal.objects.filter(pk=deal.pk).update(
        owner=people["agent"], team=people["agent"].teams.first(), contact=outsiders_client
    )
    client.force_login(people["colleague"])
    html = client.get(reverse("sales:deal_detail", args=[deal.pk])).content.decode()
    assert "Visible deal" in html
    assert "Private client" not in html
