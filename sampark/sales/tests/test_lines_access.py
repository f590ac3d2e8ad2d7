"""Who sees a deal's line items and who may change them: the deal's own rule (core.records).

The agent owns the deal, in the Dhaka desk with everyone but the outsider of the Mumbai desk.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from sampark.sales import actions
from sampark.sales.models import DealLine
from sampark.sales.tests.factories import make_deal, make_pipeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def deal(people):  # type: ignore[no-untyped-def]
    deal = make_deal(people["agent"], make_pipeline())
    return actions.set_lines(
        deal,
        [{"name": "Advisory", "quantity": Decimal(2), "unit_price": Decimal("5000")}],
        by=people["agent"],
    )


def _post(deal, version):  # type: ignore[no-untyped-def]
    return {
        "version": str(version),
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "1",
        "lines-0-name": "Changed",
        "lines-0-quantity": "1",
        "lines-0-unit_price": "1",
    }


@pytest.mark.parametrize("role", ["admin", "manager", "agent"])
def test_who_may_change_the_deal_edits_its_lines(client, people, deal, role):  # type: ignore[no-untyped-def]
    client.force_login(people[role])

    shown = client.get(reverse("sales:deal_lines", args=[deal.pk]), headers={"HX-Request": "true"})
    assert "Edit the line items" in shown.content.decode()
    assert client.get(reverse("sales:deal_lines_edit", args=[deal.pk])).status_code == 200
    saved = client.post(reverse("sales:deal_lines_edit", args=[deal.pk]), _post(deal, deal.version))

    assert saved.status_code == 302
    assert DealLine.objects.get().name == "Changed"


@pytest.mark.parametrize("role", ["colleague", "reader"])
def test_the_rest_of_the_team_reads_them_but_may_not_change_them(client, people, deal, role):  # type: ignore[no-untyped-def]
    client.force_login(people[role])
    edit = reverse("sales:deal_lines_edit", args=[deal.pk])

    shown = client.get(reverse("sales:deal_lines", args=[deal.pk]), headers={"HX-Request": "true"})
    assert shown.status_code == 200
    assert "Advisory" in shown.content.decode()
    assert edit not in shown.content.decode()
    assert client.get(edit).status_code == 403
    assert client.post(edit, _post(deal, deal.version)).status_code == 403
    fill = reverse("sales:deal_line_fill", args=[deal.pk])
    assert client.get(fill, {"prefix": "lines-0"}).status_code == 403
    assert DealLine.objects.get().name == "Advisory"


def test_another_team_finds_nothing_at_any_of_the_addresses(client, people, deal):  # type: ignore[no-untyped-def]
    client.force_login(people["outsider"])

    for name in ("deal_lines", "deal_lines_edit", "deal_line_fill"):
        url = reverse(f"sales:{name}", args=[deal.pk])
        assert client.get(url, {"prefix": "lines-0"}).status_code == 404, name
    assert (
        client.post(
            reverse("sales:deal_lines_edit", args=[deal.pk]), _post(deal, deal.version)
        ).status_code
        == 404
    )
    assert client.get(reverse("sales:deal_lines", args=[deal.pk + 1000])).status_code == 404
    assert DealLine.objects.get().name == "Advisory"


def test_signed_out_visitors_are_sent_to_sign_in(client, deal):  # type: ignore[no-untyped-def]
    response = client.get(reverse("sales:deal_lines", args=[deal.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
