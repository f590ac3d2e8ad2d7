"""Editing a deal's line items: products fill the item and the price in the deal's currency,
free text is allowed, bad input is refused beside its field, and a stale form saves nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from sampark.core.models import AuditEntry
from sampark.sales import actions
from sampark.sales.actions_products import create_product
from sampark.sales.models import Deal, DealLine
from sampark.sales.tests.factories import make_deal, make_pipeline

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def agent_client(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    return client


@pytest.fixture
def deal(people):  # type: ignore[no-untyped-def]
    return make_deal(people["agent"], make_pipeline(), amount=Decimal("0"), currency="USD")


@pytest.fixture
def advisory(people):  # type: ignore[no-untyped-def]
    return create_product(
        by=people["manager"],
        name="Portfolio advisory",
        code="ADV-1",
        prices=[
            {"currency": "USD", "unit_price": Decimal("400")},
            {"currency": "BDT", "unit_price": Decimal("45000")},
        ],
    )


@pytest.fixture
def custody(people):  # type: ignore[no-untyped-def]
    return create_product(
        by=people["manager"],
        name="Custody",
        prices=[{"currency": "BDT", "unit_price": Decimal("2000")}],
    )


def _form(version: int, rows: list[dict[str, Any]], initial: int = 0) -> dict[str, str]:
    data = {
        "version": str(version),
        "lines-TOTAL_FORMS": str(len(rows)),
        "lines-INITIAL_FORMS": str(initial),
    }
    for n, row in enumerate(rows):
        data.update({f"lines-{n}-{name}": str(value) for name, value in row.items()})
    return data


def _lines(deal: Deal) -> list[tuple[Any, ...]]:
    return list(
        DealLine.objects.filter(deal=deal).values_list(
            "name", "quantity", "unit_price", "discount_percent"
        )
    )


def test_the_fragment_lists_the_lines_with_their_totals(agent_client, people, deal):  # type: ignore[no-untyped-def]
    actions.set_lines(
        deal,
        [
            {"name": "Advisory", "quantity": Decimal(2), "unit_price": Decimal("400")},
            {
                "name": "Custody",
                "quantity": Decimal(1),
                "unit_price": Decimal("100"),
                "discount_percent": Decimal("25"),
            },
        ],
        by=people["agent"],
    )
    url = reverse("sales:deal_lines", args=[deal.pk])

    fragment = agent_client.get(url, headers=HTMX).content.decode()
    page = agent_client.get(url).content.decode()

    assert fragment.startswith('<div id="deal-lines-body"')
    assert "$800.00" in fragment
    assert "$75.00" in fragment  # 100 less 25 %
    assert "$875.00" in fragment  # the deal's total
    assert "<html" in page
    assert 'id="deal-lines-body"' in page


def test_choosing_a_product_fills_the_row_from_the_catalogue(agent_client, deal, advisory):  # type: ignore[no-untyped-def]
    response = agent_client.get(
        reverse("sales:deal_line_fill", args=[deal.pk]),
        {"prefix": "lines-1", "lines-1-product": advisory.pk, "lines-1-quantity": "3"},
        headers=HTMX,
    )

    row = response.content.decode()
    assert row.startswith("<tr>")
    assert 'name="lines-1-name" value="Portfolio advisory"' in row
    assert 'name="lines-1-unit_price" value="400.00"' in row  # the USD price, the deal's currency
    assert 'name="lines-1-quantity" value="3"' in row
    assert "errorlist" not in row


def test_a_product_without_a_price_in_the_deals_currency_says_so(agent_client, deal, custody):  # type: ignore[no-untyped-def]
    fill = agent_client.get(
        reverse("sales:deal_line_fill", args=[deal.pk]),
        {"prefix": "lines-0", "lines-0-product": custody.pk, "lines-0-quantity": "1"},
    )
    saved = agent_client.post(
        reverse("sales:deal_lines_edit", args=[deal.pk]),
        _form(deal.version, [{"product": custody.pk, "quantity": 1}]),
    )

    message = "Custody has no price in USD. Enter a unit price, or add one to the catalogue."
    assert message in fill.content.decode()
    assert saved.status_code == 200
    assert saved.context["formset"].forms[0].errors["product"] == [message]
    assert not DealLine.objects.exists()


def test_saving_fills_products_keeps_free_text_and_makes_the_amount(
    agent_client, people, deal, advisory, custody
):  # type: ignore[no-untyped-def]
    response = agent_client.post(
        reverse("sales:deal_lines_edit", args=[deal.pk]),
        _form(
            deal.version,
            [
                {"product": advisory.pk, "quantity": "2", "discount_percent": "10"},
                {"name": "Onboarding call", "quantity": "1", "unit_price": "50"},
                {
                    "product": custody.pk,
                    "name": "Custody, first year",
                    "quantity": "1",
                    "unit_price": "20",
                },
                # an extra row left as it was offered
                {
                    "product": "",
                    "name": "",
                    "quantity": "1",
                    "unit_price": "",
                    "discount_percent": "0",
                },
            ],
        ),
        headers=HTMX,
    )

    assert response.status_code == 200
    assert "The line items were saved." in response.content.decode(), response.context[
        "formset"
    ].errors
    assert _lines(deal) == [
        ("Portfolio advisory", Decimal(2), Decimal("400"), Decimal(10)),
        ("Onboarding call", Decimal(1), Decimal("50"), Decimal(0)),
        ("Custody, first year", Decimal(1), Decimal("20"), Decimal(0)),
    ]
    deal.refresh_from_db()
    assert deal.amount == Decimal("790.00")  # 720 + 50 + 20


def test_lines_left_as_they_were_are_kept(agent_client, people, deal):  # type: ignore[no-untyped-def]
    deal = actions.set_lines(
        deal,
        [{"name": "Keep", "quantity": Decimal(1), "unit_price": Decimal("10")}],
        by=people["agent"],
    )
    url = reverse("sales:deal_lines_edit", args=[deal.pk])
    form = agent_client.get(url).context["formset"]
    sent = {
        "version": str(deal.version),
        "lines-TOTAL_FORMS": str(form.total_form_count()),
        "lines-INITIAL_FORMS": "1",
    }
    for row in form.forms:  # every row as the browser sends it back untouched
        for name, field in row.fields.items():
            value = row[name].value()
            if name != "DELETE" and value is not None:
                sent[row.add_prefix(name)] = field.prepare_value(value)

    assert agent_client.post(url, sent).status_code == 302
    assert _lines(deal) == [("Keep", Decimal(1), Decimal(10), Decimal(0))]


def test_a_ticked_line_is_deleted(agent_client, people, deal):  # type: ignore[no-untyped-def]
    deal = actions.set_lines(
        deal,
        [
            {"name": "Keep", "quantity": Decimal(1), "unit_price": Decimal("10")},
            {"name": "Drop", "quantity": Decimal(1), "unit_price": Decimal("5")},
        ],
        by=people["agent"],
    )

    agent_client.post(
        reverse("sales:deal_lines_edit", args=[deal.pk]),
        _form(
            deal.version,
            [
                {"name": "Keep", "quantity": "1", "unit_price": "10"},
                {"name": "Drop", "quantity": "1", "unit_price": "5", "DELETE": "on"},
            ],
            initial=2,
        ),
    )

    assert _lines(deal) == [("Keep", Decimal(1), Decimal(10), Decimal(0))]


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ({"name": "X", "quantity": "many", "unit_price": "1"}, "quantity"),
        ({"name": "X", "quantity": "-1", "unit_price": "1"}, "quantity"),
        ({"name": "X", "quantity": "1", "unit_price": "-5"}, "unit_price"),
        (
            {"name": "X", "quantity": "1", "unit_price": "1", "discount_percent": "150"},
            "discount_percent",
        ),
        ({"name": "X", "quantity": "1"}, "unit_price"),
        ({"quantity": "2", "unit_price": "1"}, "name"),
        ({"product": "999999", "quantity": "1"}, "product"),
        ({"name": "X" * 201, "quantity": "1", "unit_price": "1"}, "name"),
    ],
)
def test_bad_input_is_refused_beside_its_field(agent_client, deal, row, field):  # type: ignore[no-untyped-def]
    response = agent_client.post(
        reverse("sales:deal_lines_edit", args=[deal.pk]), _form(deal.version, [row])
    )

    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors[field]
    assert f'id="id_lines-0-{field}_error"' in response.content.decode()
    assert not DealLine.objects.exists()


def test_a_form_opened_before_someone_elses_change_saves_nothing(
    client, agent_client, people, deal
):  # type: ignore[no-untyped-def]
    opened_at = deal.version
    actions.update_deal(deal, by=people["manager"], values={"name": "Renamed"})
    url = reverse("sales:deal_lines_edit", args=[deal.pk])
    rows = [{"name": "Advisory", "quantity": "1", "unit_price": "10"}]

    plain = agent_client.post(url, _form(opened_at, rows))
    with_htmx = agent_client.post(url, _form(opened_at, rows), headers=HTMX)

    assert plain.status_code == 409
    assert with_htmx.status_code == 200  # htmx swaps only successful answers
    for response in (plain, with_htmx):
        assert (
            "Someone else changed this deal since you opened these lines"
            in response.content.decode()
        )
    assert not DealLine.objects.exists()
    missing = agent_client.post(
        url, {k: v for k, v in _form(opened_at, rows).items() if k != "version"}
    )
    assert "The form is missing the deal" in missing.content.decode()


def test_inactive_products_are_not_offered_unless_already_on_the_deal(
    agent_client, people, deal, advisory
):  # type: ignore[no-untyped-def]
    retired = create_product(
        by=people["manager"],
        name="Retired plan",
        is_active=False,
        prices=[{"currency": "USD", "unit_price": Decimal("1")}],
    )
    url = reverse("sales:deal_lines_edit", args=[deal.pk])

    form = agent_client.get(url).context["formset"].forms[0]
    assert set(form.fields["product"].queryset) == {advisory}
    refused = agent_client.post(
        url, _form(deal.version, [{"product": retired.pk, "quantity": "1"}])
    )
    assert refused.context["formset"].forms[0].errors["product"]

    deal = actions.set_lines(
        deal,
        [
            {
                "product": retired,
                "name": "Retired plan",
                "quantity": Decimal(1),
                "unit_price": Decimal(1),
            }
        ],
        by=people["agent"],
    )
    form = agent_client.get(url).context["formset"].forms[0]
    assert set(form.fields["product"].queryset) == {advisory, retired}


def test_changed_lines_are_audited_and_move_the_version_even_at_the_same_total(people, deal):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    deal = actions.set_lines(
        deal, [{"name": "A", "quantity": Decimal(1), "unit_price": Decimal(10)}], by=agent
    )
    version = deal.version

    deal = actions.set_lines(
        deal, [{"name": "B", "quantity": Decimal(2), "unit_price": Decimal(5)}], by=agent
    )

    assert deal.version == version + 1
    assert Deal.objects.get(pk=deal.pk).version == version + 1
    entry = AuditEntry.objects.filter(model_label="sales.deal", object_id=str(deal.pk)).latest(
        "seq"
    )
    assert entry.changes == {"lines": [["A: 1 x 10.00"], ["B: 2 x 5.00"]]}
    same = actions.set_lines(
        deal, [{"name": "B", "quantity": Decimal("2.0"), "unit_price": Decimal(5)}], by=agent
    )
    assert same.version == version + 1  # nothing changed: nothing written
