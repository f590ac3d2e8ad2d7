"""The purchases section: figures, newest transactions first in pages, and a fixed query cost."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from sampark.contacts.tests.factories import ContactFactory
from sampark.contacts.tests.transaction_factories import TransactionFactory, at
from sampark.contacts.views_transactions import PAGE_SIZE

HTMX = {"HX-Request": "true"}


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0])


def add(contact, n, **values):  # type: ignore[no-untyped-def]
    defaults = {"occurred_at": at(1 + n % 28, 1 + n // 28), "product": f"P{n % 4}"}
    return TransactionFactory(
        contact=contact, owner=contact.owner, team=contact.team, **{**defaults, **values}
    )


def test_the_contact_page_loads_the_section_with_htmx(client, people, contact):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    page = client.get(reverse("contacts:detail", args=[contact.pk])).content.decode()

    url = reverse("contacts:contact_transactions", args=[contact.pk])
    assert f'hx-get="{url}"' in page
    assert page.index('id="transactions"') < page.index('id="timeline"')


def test_the_section_shows_figures_with_money_formatted(client, people, contact):  # type: ignore[no-untyped-def]
    add(contact, 0, amount=Decimal("123456.50"), currency="BDT")
    add(contact, 1, kind="trade", amount=Decimal("10"), currency="USD", profit=Decimal("2.5"))
    client.force_login(people["agent"])

    response = client.get(reverse("contacts:contact_transactions", args=[contact.pk]), headers=HTMX)

    body = response.content.decode()
    assert "1,23,456.50" in body  # lakh grouping, as Indian English writes it
    assert "$10.00" in body
    assert response.context["figures"].trade_count == 1


def test_transactions_are_newest_first_in_keyset_pages(client, people, contact):  # type: ignore[no-untyped-def]
    made = [add(contact, n) for n in range(PAGE_SIZE + 3)]
    client.force_login(people["agent"])
    url = reverse("contacts:contact_transactions", args=[contact.pk])

    first = client.get(url, headers=HTMX)
    newest = sorted(made, key=lambda t: (t.occurred_at, t.pk), reverse=True)
    assert list(first.context["transactions"]) == newest[:PAGE_SIZE]
    older = client.get(first.context["older_url"], headers=HTMX)

    assert list(older.context["transactions"]) == newest[PAGE_SIZE:]
    assert older.context["older_url"] is None
    assert older.templates[0].name == "contacts/transactions/_rows.html"


def test_a_foreign_cursor_starts_again(client, people, contact):  # type: ignore[no-untyped-def]
    add(contact, 0)
    client.force_login(people["agent"])
    url = reverse("contacts:contact_transactions", args=[contact.pk])

    response = client.get(url, {"cursor": "not-a-cursor"}, headers=HTMX)

    assert response.status_code == 200
    assert len(response.context["transactions"]) == 1


@pytest.mark.parametrize("count", [2, 30])
def test_the_section_costs_the_same_queries_however_many_transactions(  # type: ignore[no-untyped-def]
    client, people, contact, count, django_assert_max_num_queries
):
    for n in range(count):
        add(contact, n, kind=["purchase", "trade", "deposit"][n % 3])
    client.force_login(people["agent"])
    url = reverse("contacts:contact_transactions", args=[contact.pk])
    client.get(url, headers=HTMX)  # warm the session

    with django_assert_max_num_queries(9):
        response = client.get(url, headers=HTMX)

    assert response.status_code == 200
    assert len(response.context["transactions"]) == min(count, PAGE_SIZE)
