"""The affinity table: cosine similarity of products' client sets, worked out by hand on six
clients, rebuilt whole, from purchases and trades in the window only."""

from __future__ import annotations

import datetime
import math

import pytest

from sampark.contacts.models import TransactionKind
from sampark.core import periodic
from sampark.offers import affinity, tasks
from sampark.offers.models import ProductAffinity
from sampark.offers.tests.builders import (
    BEXIMCO,
    BRAC,
    GP,
    SANCHAYAPATRA,
    SQUARE,
    client_with,
    had,
    the_six,
)

pytestmark = pytest.mark.django_db


def table() -> dict[tuple[str, str], tuple[int, int, int, float]]:
    return {
        (row.product_name, row.other_name): (
            row.together,
            row.product_clients,
            row.other_clients,
            row.score,
        )
        for row in ProductAffinity.objects.all()
    }


def test_the_six_clients_give_the_affinities_worked_out_by_hand() -> None:
    the_six()

    written = affinity.refresh()

    # Pairs at least two clients share: GP and BRAC (c1 c2 c3), GP and Square (c1 c5 c6),
    # GP and Beximco (c3 c5), Square and Beximco (c4 c5); each stored both ways round.
    gp_brac = 3 / math.sqrt(5 * 3)
    gp_square = 3 / math.sqrt(5 * 4)
    gp_beximco = 2 / math.sqrt(5 * 3)
    square_beximco = 2 / math.sqrt(4 * 3)
    expected = {
        (GP, BRAC): (3, 5, 3, gp_brac),
        (BRAC, GP): (3, 3, 5, gp_brac),
        (GP, SQUARE): (3, 5, 4, gp_square),
        (SQUARE, GP): (3, 4, 5, gp_square),
        (GP, BEXIMCO): (2, 5, 3, gp_beximco),
        (BEXIMCO, GP): (2, 3, 5, gp_beximco),
        (SQUARE, BEXIMCO): (2, 4, 3, square_beximco),
        (BEXIMCO, SQUARE): (2, 3, 4, square_beximco),
    }
    assert written == 8
    got = table()
    assert got.keys() == expected.keys()
    for pair, (together, clients, others, score) in expected.items():
        assert got[pair][:3] == (together, clients, others), pair
        assert got[pair][3] == pytest.approx(score), pair
    best_for_gp = ProductAffinity.objects.filter(product_key="gp").order_by("-score")
    assert [row.other_name for row in best_for_gp] == [BRAC, SQUARE, BEXIMCO]


def test_min_together_one_keeps_every_pair_a_client_has() -> None:
    the_six()

    affinity.refresh(min_together=1)

    got = table()
    assert got[(SANCHAYAPATRA, GP)] == (1, 1, 5, pytest.approx(1 / math.sqrt(1 * 5)))
    assert got[(BRAC, SQUARE)] == (1, 3, 4, pytest.approx(1 / math.sqrt(3 * 4)))
    # Of the ten pairs of the five products, only BRAC and Sanchayapatra are no client's.
    assert len(got) == 2 * 9
    assert (BRAC, SANCHAYAPATRA) not in got


def test_a_product_counts_once_per_client_whatever_its_spelling() -> None:
    first = client_with(GP, BRAC)
    had(first, " gp ")  # bought again, typed otherwise
    had(first, "GP", kind=TransactionKind.TRADE)
    client_with("gp", "brac bank")

    affinity.refresh()

    row = ProductAffinity.objects.get(product_key="gp", other_key="brac bank")
    assert (row.together, row.product_clients, row.other_clients) == (2, 2, 2)
    assert row.score == pytest.approx(1.0)
    assert row.product_name in {"GP", "gp"}


def test_only_purchases_and_trades_in_the_window_count() -> None:
    for _ in range(2):
        client_with(GP, BRAC, kind=TransactionKind.TRADE)
        client_with(GP, SQUARE, kind=TransactionKind.DEPOSIT)  # not a choice of product
        client_with(GP, BEXIMCO, days_ago=400)  # before the year
        contact = client_with(GP)
        had(contact, "   ")  # no product named
        had(contact, SANCHAYAPATRA, kind=TransactionKind.REFUND)

    affinity.refresh()

    assert set(table()) == {(GP, BRAC), (BRAC, GP)}
    # GP's clients: the two who traded it with BRAC, and the two who only bought it.
    assert table()[(GP, BRAC)][:3] == (2, 4, 2)

    affinity.refresh(window_days=500)

    assert (GP, BEXIMCO) in table()


def test_a_refresh_replaces_the_whole_table() -> None:
    the_six()
    affinity.refresh()
    ProductAffinity.objects.create(
        product_key="old",
        product_name="Old",
        other_key="gone",
        other_name="Gone",
        together=9,
        product_clients=9,
        other_clients=9,
        score=1.0,
        computed_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
    )

    assert affinity.refresh() == 8
    assert affinity.refresh() == 8  # idempotent

    assert not ProductAffinity.objects.filter(product_key="old").exists()
    assert ProductAffinity.objects.count() == 8


def test_no_transactions_leave_an_empty_table() -> None:
    assert affinity.refresh() == 0
    assert not ProductAffinity.objects.exists()


def test_the_worker_rebuilds_the_table_daily() -> None:
    assert periodic.registered()["sampark.offers.tasks.refresh_affinities"] == datetime.timedelta(
        days=1
    )
    the_six()

    assert tasks.refresh_affinities.call() == 8
