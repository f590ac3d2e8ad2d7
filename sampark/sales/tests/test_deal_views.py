"""The deal list (filters, sorts, totals, pages), creating and editing deals with field-level
errors, a deal's page with its stage steps and history, won / lost / reopened, and deleting."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from freezegun import freeze_time

from sampark.contacts.tests.factories import CompanyFactory, ContactFactory
from sampark.core.models import AuditEntry
from sampark.sales import actions
from sampark.sales.models import Deal, DealStatus, ExchangeRate, LostReason, StageChange
from sampark.sales.tests.factories import make_deal, make_pipeline
from sampark.sales.views_deals import PAGE_SIZE

pytestmark = pytest.mark.django_db


def _names(html: str) -> list[str]:
    return re.findall(r'<td><a href="/sales/deals/\d+/">([^<]*)</a>', html)


def _list(client, **params):  # type: ignore[no-untyped-def]
    return client.get(reverse("sales:deals"), params).content.decode()


@pytest.fixture
def pipeline():  # type: ignore[no-untyped-def]
    return make_pipeline("List desk")


def test_the_list_filters_by_pipeline_stage_status_owner_close_date_and_name(
    client, people, pipeline
):
    agent, colleague = people["agent"], people["colleague"]
    _qualified, proposal, _negotiation = pipeline.stages.all()
    other = make_pipeline("Other desk")
    make_deal(agent, pipeline, name="Tea garden", expected_close=datetime.date(2027, 1, 10))
    make_deal(agent, pipeline, name="Jute mill", stage=proposal)
    make_deal(colleague, pipeline, name="Rice mill", expected_close=datetime.date(2027, 3, 1))
    make_deal(agent, other, name="Fish farm")
    actions.win_deal(make_deal(agent, pipeline, name="Won already"), by=agent)
    client.force_login(agent)

    assert sorted(_names(_list(client))) == ["Fish farm", "Jute mill", "Rice mill", "Tea garden"]
    assert "Fish farm" not in _names(_list(client, pipeline=pipeline.pk))
    assert _names(_list(client, stage=proposal.pk)) == ["Jute mill"]
    assert _names(_list(client, status="won")) == ["Won already"]
    assert len(_names(_list(client, status="any"))) == 5
    assert "Rice mill" not in _names(_list(client, owner="mine"))
    assert _names(_list(client, close_from="2027-02-01")) == ["Rice mill"]
    assert _names(_list(client, close_to="2027-02-01")) == ["Tea garden"]
    assert _names(_list(client, q="jute")) == ["Jute mill"]


def test_the_list_totals_the_filtered_deals_in_the_base_currency(client, people, pipeline):
    agent = people["agent"]
    ExchangeRate.objects.create(currency="USD", rate=Decimal("100"), valid_from="2020-01-01")
    make_deal(agent, pipeline, name="Taka deal", amount=Decimal("5000"))
    make_deal(agent, pipeline, name="Dollar deal", amount=Decimal("20"), currency="USD")
    make_deal(agent, pipeline, name="Euro deal", amount=Decimal("20"), currency="EUR")
    client.force_login(agent)
    html = _list(client, pipeline=pipeline.pk)
    totals = re.search(r'<p class="deal-totals">(.*?)</p>', html, re.S).group(1)
    assert "3 deals" in totals
    assert "Total BDT7,000.00" in totals  # 5,000 + 20 USD at 100; EUR has no rate
    assert "1 deal without an exchange rate is left out" in totals


def test_the_list_sorts_by_amount_and_pages_by_cursor(client, people, pipeline):
    agent = people["agent"]
    for n in range(PAGE_SIZE + 2):
        make_deal(agent, pipeline, name=f"Deal {n:02}", amount=Decimal(n * 10))
    client.force_login(agent)
    first = _list(client, sort="amount")
    assert _names(first)[:2] == [f"Deal {PAGE_SIZE + 1:02}", f"Deal {PAGE_SIZE:02}"]
    following = re.search(r'href="([^"]*cursor=[^"]*)"', first).group(1).replace("&amp;", "&")
    assert _names(client.get(following).content.decode()) == ["Deal 01", "Deal 00"]


def test_a_bad_filter_is_a_field_error_and_the_others_still_apply(client, people, pipeline):
    make_deal(people["agent"], pipeline, name="Tea garden")
    make_deal(people["agent"], pipeline, name="Jute mill")
    client.force_login(people["agent"])
    response = client.get(reverse("sales:deals"), {"close_from": "31/31/2027", "q": "tea"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_close_from_error"' in html
    assert _names(html) == ["Tea garden"]


def test_htmx_gets_the_results_alone(client, people, pipeline):
    make_deal(people["agent"], pipeline, name="Tea garden")
    client.force_login(people["agent"])
    html = client.get(reverse("sales:deals"), headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in html
    assert _names(html) == ["Tea garden"]


def test_a_deal_is_created_from_a_contacts_page_with_the_contact_filled_in(
    client, people, pipeline
):
    agent = people["agent"]
    contact = ContactFactory(owner=agent, display_name="Nasrin Sultana")
    client.force_login(agent)
    form = client.get(
        reverse("sales:deal_create"), {"contact": contact.pk, "pipeline": pipeline.pk}
    ).content.decode()
    assert f'<option value="{contact.pk}" selected>Nasrin Sultana</option>' in form

    stage = pipeline.stages.get(name="Proposal")
    response = client.post(
        reverse("sales:deal_create"),
        {
            "name": "Family savings",
            "pipeline": pipeline.pk,
            "stage": stage.pk,
            "amount": "150000",
            "currency": "bdt",
            "expected_close": "2027-02-15",
            "contact": contact.pk,
            "forecast_category": "commit",
        },
    )
    deal = Deal.objects.get(name="Family savings")
    assert response["Location"] == reverse("sales:deal_detail", args=[deal.pk])
    assert (deal.contact, deal.stage, deal.currency) == (contact, stage, "BDT")
    assert deal.amount_base == Decimal("150000.00")
    assert deal.owner == agent


def test_bad_amount_currency_date_and_stage_are_field_errors(client, people, pipeline):
    client.force_login(people["agent"])
    elsewhere = make_pipeline("Elsewhere").stages.first()
    response = client.post(
        reverse("sales:deal_create"),
        {
            "name": "Broken",
            "pipeline": pipeline.pk,
            "stage": elsewhere.pk,
            "amount": "-5",
            "currency": "TAKA",
            "expected_close": "2027-02-30",
            "forecast_category": "pipeline",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    for field in ("amount", "currency", "expected_close", "stage"):
        assert f'id="id_{field}_error"' in html, field
    assert not Deal.objects.filter(name="Broken").exists()


def test_a_huge_amount_is_a_field_error_not_a_crash(client, people, pipeline):
    client.force_login(people["agent"])
    response = client.post(
        reverse("sales:deal_create"),
        {
            "name": "Huge",
            "pipeline": pipeline.pk,
            "stage": pipeline.stages.first().pk,
            "amount": "1" + "0" * 30,
            "currency": "BDT",
            "forecast_category": "pipeline",
        },
    )
    assert response.status_code == 200
    assert 'id="id_amount_error"' in response.content.decode()


def test_a_contact_of_another_team_cannot_be_named(client, people, pipeline):
    outsiders = ContactFactory(owner=people["outsider"], display_name="Hidden client")
    client.force_login(people["agent"])
    form = client.get(reverse("sales:deal_create"), {"contact": outsiders.pk}).content.decode()
    assert "Hidden client" not in form
    response = client.post(
        reverse("sales:deal_create"),
        {
            "name": "Sneaky",
            "pipeline": pipeline.pk,
            "stage": pipeline.stages.first().pk,
            "amount": "1",
            "currency": "BDT",
            "forecast_category": "pipeline",
            "contact": outsiders.pk,
        },
    )
    assert 'id="id_contact_error"' in response.content.decode()
    assert not Deal.objects.filter(name="Sneaky").exists()


def test_the_pickers_find_visible_records_by_name(client, people):
    ContactFactory(owner=people["agent"], display_name="Rahima Akter")
    ContactFactory(owner=people["outsider"], display_name="Rahima Begum")
    CompanyFactory(owner=people["agent"], name="Padma Traders")
    client.force_login(people["agent"])
    html = client.get(reverse("sales:contact_options"), {"q": "rahima"}).content.decode()
    assert "Rahima Akter" in html
    assert "Rahima Begum" not in html
    html = client.get(reverse("sales:company_options"), {"q": "padma"}).content.decode()
    assert "Padma Traders" in html


def test_editing_saves_and_a_stage_change_is_a_move(client, people, pipeline):
    agent = people["agent"]
    deal = make_deal(agent, pipeline, name="Tea garden")
    negotiation = pipeline.stages.get(name="Negotiation")
    client.force_login(agent)
    form = client.get(reverse("sales:deal_edit", args=[deal.pk])).content.decode()
    assert f'name="version" value="{deal.version}"' in form
    response = client.post(
        reverse("sales:deal_edit", args=[deal.pk]),
        {
            "name": "Tea garden, north",
            "pipeline": pipeline.pk,
            "stage": negotiation.pk,
            "amount": "120000",
            "currency": "BDT",
            "forecast_category": "best_case",
            "next_step": "Site visit",
            "version": deal.version,
        },
    )
    assert response.status_code == 302
    deal.refresh_from_db()
    assert (deal.name, deal.stage, deal.next_step) == (
        "Tea garden, north",
        negotiation,
        "Site visit",
    )
    assert StageChange.objects.filter(deal=deal, to_stage=negotiation).count() == 1


def test_an_edit_from_a_stale_version_is_refused(client, people, pipeline):
    agent = people["agent"]
    deal = make_deal(agent, pipeline, name="Tea garden")
    seen = deal.version
    actions.update_deal(deal, by=agent, values={"next_step": "Someone else's"})
    client.force_login(agent)
    response = client.post(
        reverse("sales:deal_edit", args=[deal.pk]),
        {
            "name": "Mine",
            "pipeline": pipeline.pk,
            "stage": deal.stage_id,
            "amount": "1",
            "currency": "BDT",
            "forecast_category": "pipeline",
            "version": seen,
        },
    )
    assert "Someone else changed this deal while you were editing." in response.content.decode()
    assert Deal.objects.get(pk=deal.pk).name == "Tea garden"


def test_the_deal_page_shows_its_place_in_the_pipeline_and_its_stage_history(
    client, people, pipeline
):
    agent = people["agent"]
    _qualified, proposal, _negotiation = pipeline.stages.all()
    contact = ContactFactory(owner=agent, display_name="Nasrin Sultana")
    with freeze_time("2026-11-01 09:00"):
        deal = make_deal(agent, pipeline, name="Tea garden", contact=contact, next_step="Call")
    with freeze_time("2026-11-04 09:00"):
        actions.move_deal(deal, proposal, by=agent)
    client.force_login(agent)
    html = client.get(reverse("sales:deal_detail", args=[deal.pk])).content.decode()
    assert '<li aria-current="step">Proposal' in html
    assert '<li class="done">Qualified</li>' in html
    assert "Nasrin Sultana" in html
    assert "Call" in html
    history = re.search(r'id="stage-history-heading".*?</table>', html, re.S).group(0)
    assert "Qualified → Proposal" in history
    assert "3 days" in history
    assert "Created in Qualified" in history
    assert str(agent) in history
    assert reverse("sales:deal_lines", args=[deal.pk]) in html


def test_won_lost_with_a_reason_and_reopened(client, people, pipeline):
    agent = people["agent"]
    LostReason.objects.get_or_create(name="Went with a competitor")
    deal = make_deal(agent, pipeline, name="Tea garden")
    client.force_login(agent)

    client.post(reverse("sales:deal_win", args=[deal.pk]), {"version": deal.version})
    deal.refresh_from_db()
    assert deal.status == DealStatus.WON
    page = client.get(reverse("sales:deal_detail", args=[deal.pk])).content.decode()
    assert "Deal won." in page
    assert "Reopen" in page

    client.post(reverse("sales:deal_reopen", args=[deal.pk]), {"version": deal.version})
    deal.refresh_from_db()
    assert deal.status == DealStatus.OPEN

    form = client.get(reverse("sales:deal_lose", args=[deal.pk])).content.decode()
    assert "Went with a competitor" in form
    refused = client.post(reverse("sales:deal_lose", args=[deal.pk]), {"version": deal.version})
    assert 'id="id_reason_error"' in refused.content.decode()
    client.post(
        reverse("sales:deal_lose", args=[deal.pk]),
        {"reason": "other", "other": "Budget frozen", "version": deal.version},
    )
    deal.refresh_from_db()
    assert (deal.status, deal.lost_reason) == (DealStatus.LOST, "Budget frozen")


def test_winning_a_deal_someone_just_changed_is_refused(client, people, pipeline):
    agent = people["agent"]
    deal = make_deal(agent, pipeline, name="Tea garden")
    seen = deal.version
    actions.update_deal(deal, by=agent, values={"next_step": "Changed"})
    client.force_login(agent)
    response = client.post(reverse("sales:deal_win", args=[deal.pk]), {"version": seen})
    page = client.get(response["Location"]).content.decode()
    assert "Someone else changed this deal meanwhile" in page
    assert Deal.objects.get(pk=deal.pk).status == DealStatus.OPEN


def test_deleting_asks_first_then_deletes_and_keeps_the_audit_trail(client, people, pipeline):
    agent = people["agent"]
    deal = make_deal(agent, pipeline, name="Tea garden")
    client.force_login(agent)
    confirm = client.get(reverse("sales:deal_delete", args=[deal.pk])).content.decode()
    assert "Delete Tea garden?" in confirm
    assert Deal.objects.filter(pk=deal.pk).exists()
    response = client.post(reverse("sales:deal_delete", args=[deal.pk]), {"version": deal.version})
    assert response["Location"] == reverse("sales:deals")
    assert not Deal.objects.filter(pk=deal.pk).exists()
    assert AuditEntry.objects.filter(
        model_label="sales.deal", object_id=str(deal.pk), action="delete"
    ).exists()


def test_the_history_tab_shows_the_audited_changes(client, people, pipeline):
    agent = people["agent"]
    deal = make_deal(agent, pipeline, name="Tea garden")
    actions.update_deal(deal, by=agent, values={"next_step": "Send the proposal"})
    client.force_login(agent)
    html = client.get(reverse("sales:deal_history", args=[deal.pk])).content.decode()
    assert "Next step" in html
    assert "Send the proposal" in html
