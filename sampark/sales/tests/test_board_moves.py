"""Moving a deal on the board: by drag and drop (htmx, the card already in its new column), by
the card's "Move to" form with or without script; the columns' headers follow out of band; a
stale version is refused with 409 and the card put back; who may move what."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from sampark.sales import actions
from sampark.sales.models import Deal, StageChange
from sampark.sales.tests.factories import make_deal, make_pipeline

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def desk(people):  # type: ignore[no-untyped-def]
    pipeline = make_pipeline("Move desk")
    qualified, proposal, negotiation = pipeline.stages.all()
    deal = make_deal(people["agent"], pipeline, name="Tea estate", amount=Decimal("500"))
    make_deal(people["agent"], pipeline, name="Jute mill", amount=Decimal("300"))
    return pipeline, (qualified, proposal, negotiation), deal


def _head(html: str, stage) -> str:  # type: ignore[no-untyped-def]
    found = re.search(rf'<header[^>]*id="column-head-{stage.pk}"[^>]*>.*?</header>', html, re.S)
    assert found, html
    return found.group(0)


def test_a_dropped_card_is_saved_and_both_columns_headers_come_back(client, people, desk):
    _pipeline, (qualified, proposal, _negotiation), deal = desk
    client.force_login(people["agent"])

    response = client.post(
        reverse("sales:deal_move", args=[deal.pk]),
        {"stage": proposal.pk, "version": deal.version, "placed": "1"},
        headers=HTMX,
    )

    assert response.status_code == 200
    html = response.content.decode()
    deal.refresh_from_db()
    assert deal.stage == proposal
    assert StageChange.objects.filter(deal=deal, from_stage=qualified, to_stage=proposal).exists()
    # The card, replaced in place with its new version; every header out of band.
    assert html.lstrip().startswith(f'<li class="deal-card" id="deal-{deal.pk}"')
    assert f'name="version" value="{deal.version}"' in html
    assert 'hx-swap-oob="true"' in _head(html, qualified)
    assert "1 deal" in _head(html, qualified)
    assert "300.00" in _head(html, qualified)
    assert "1 deal" in _head(html, proposal)
    assert "500.00" in _head(html, proposal)
    assert "Moved “Tea estate” to Proposal." in html


def test_the_move_to_form_puts_the_card_at_the_top_of_its_new_column(client, people, desk):
    _pipeline, (_qualified, _proposal, negotiation), deal = desk
    client.force_login(people["agent"])

    response = client.post(
        reverse("sales:deal_move", args=[deal.pk]),
        {"stage": negotiation.pk, "version": deal.version},
        headers=HTMX,
    )

    html = response.content.decode()
    assert f'hx-swap-oob="afterbegin:#cards-{negotiation.pk}"' in html
    assert "data-just-moved" in html
    # Nothing else: the card is taken out of the column it was in.
    assert html.lstrip().startswith("<div hx-swap-oob")
    assert Deal.objects.get(pk=deal.pk).stage == negotiation


def test_the_move_to_form_works_without_script(client, people, desk):
    pipeline, (_qualified, proposal, _negotiation), deal = desk
    client.force_login(people["agent"])

    response = client.post(
        reverse("sales:deal_move", args=[deal.pk]),
        {"stage": proposal.pk, "version": deal.version, "owner": "mine"},
    )

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('sales:board', args=[pipeline.pk])}?owner=mine"
    assert Deal.objects.get(pk=deal.pk).stage == proposal
    page = client.get(response["Location"]).content.decode()
    assert "Moved “Tea estate” to Proposal." in page


def test_a_move_from_a_stale_version_is_refused_and_the_card_put_back(client, people, desk):
    _pipeline, (qualified, _proposal, negotiation), deal = desk
    seen = deal.version
    actions.update_deal(deal, by=people["agent"], values={"next_step": "Call on Sunday"})
    client.force_login(people["agent"])

    response = client.post(
        reverse("sales:deal_move", args=[deal.pk]),
        {"stage": negotiation.pk, "version": seen, "placed": "1"},
        headers=HTMX,
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed “Tea estate” meanwhile" in html
    assert f'hx-swap-oob="afterbegin:#cards-{qualified.pk}"' in html
    assert Deal.objects.get(pk=deal.pk).stage == qualified
    assert "2 deals" in _head(html, qualified)


def test_a_stale_move_without_script_says_so_on_the_board(client, people, desk):
    _pipeline, (qualified, proposal, _negotiation), deal = desk
    seen = deal.version
    actions.update_deal(deal, by=people["agent"], values={"next_step": "Call"})
    client.force_login(people["agent"])
    response = client.post(
        reverse("sales:deal_move", args=[deal.pk]), {"stage": proposal.pk, "version": seen}
    )
    page = client.get(response["Location"]).content.decode()
    assert "Someone else changed “Tea estate” meanwhile" in page
    assert Deal.objects.get(pk=deal.pk).stage == qualified


def test_a_stage_of_another_pipeline_is_refused_with_the_reason(client, people, desk):
    _pipeline, (qualified, _proposal, _negotiation), deal = desk
    elsewhere = make_pipeline("Other desk").stages.first()
    client.force_login(people["agent"])
    response = client.post(
        reverse("sales:deal_move", args=[deal.pk]),
        {"stage": elsewhere.pk, "version": deal.version, "placed": "1"},
        headers=HTMX,
    )
    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()
    assert Deal.objects.get(pk=deal.pk).stage == qualified


def test_the_headers_after_a_move_follow_the_boards_filters(client, people, desk):
    _pipeline, (qualified, proposal, _negotiation), deal = desk
    make_deal(people["colleague"], desk[0], name="Colleague's deal", amount=Decimal("1000"))
    client.force_login(people["agent"])
    response = client.post(
        reverse("sales:deal_move", args=[deal.pk]),
        {"stage": proposal.pk, "version": deal.version, "placed": "1", "owner": "mine"},
        headers=HTMX,
    )
    # Only the agent's own deals are counted: the colleague's 1,000 is left out.
    assert "1 deal" in _head(response.content.decode(), qualified)
    assert "300.00" in _head(response.content.decode(), qualified)


@pytest.mark.parametrize(
    ("role", "status"),
    [("agent", 200), ("manager", 200), ("admin", 200), ("colleague", 403), ("reader", 403)],
)
def test_who_may_move_a_deal(client, people, desk, role, status):
    _pipeline, (qualified, proposal, _negotiation), deal = desk
    client.force_login(people[role])
    response = client.post(
        reverse("sales:deal_move", args=[deal.pk]),
        {"stage": proposal.pk, "version": deal.version},
        headers=HTMX,
    )
    assert response.status_code == status
    moved = Deal.objects.get(pk=deal.pk).stage
    assert moved == (proposal if status == 200 else qualified)


def test_another_teams_deal_cannot_be_moved_nor_found(client, people, desk):
    _pipeline, (qualified, proposal, _negotiation), deal = desk
    client.force_login(people["outsider"])
    response = client.post(
        reverse("sales:deal_move", args=[deal.pk]), {"stage": proposal.pk, "version": deal.version}
    )
    assert response.status_code == 404
    assert Deal.objects.get(pk=deal.pk).stage == qualified


def test_cards_the_user_may_not_move_have_no_move_form_and_are_not_draggable(client, people, desk):
    pipeline, _stages, deal = desk
    client.force_login(people["reader"])
    html = client.get(reverse("sales:board", args=[pipeline.pk])).content.decode()
    assert "Tea estate" in html
    assert "move-form" not in html
    assert "data-movable" not in html
    client.force_login(people["colleague"])
    html = client.get(reverse("sales:board", args=[pipeline.pk])).content.decode()
    card = re.search(rf'<li[^>]*id="deal-{deal.pk}".*?</li>', html, re.S).group(0)
    assert "data-movable" not in card
    assert "move-form" not in card
