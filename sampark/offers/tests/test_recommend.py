"""A contact's offers on the six clients of the affinity tests: the ranking and scores worked out
by hand, what is never offered, the reason in words, and a fixed query cost."""

from __future__ import annotations

import math

import pytest

from sampark.contacts.models import Contact, TransactionKind
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from sampark.offers import affinity
from sampark.offers.recommend import Offer, for_contact, offers_context
from sampark.offers.tests.builders import (
    BEXIMCO,
    BRAC,
    GP,
    SQUARE,
    client_with,
    had,
    the_six,
)
from sampark.sales.models import Product

pytestmark = pytest.mark.django_db

# The affinities of test_affinity.py (pairs at least two clients share).
GP_SQUARE = 3 / math.sqrt(5 * 4)
GP_BEXIMCO = 2 / math.sqrt(5 * 3)
SQUARE_BEXIMCO = 2 / math.sqrt(4 * 3)


@pytest.fixture
def six() -> list[Contact]:
    clients = the_six()
    affinity.refresh()
    return clients


def summary(offers: list[Offer]) -> list[tuple[str, float, tuple[str, ...], int]]:
    return [(o.name, o.score, o.because, o.clients_together) for o in offers]


def test_a_client_is_offered_what_goes_with_their_products_best_first(six: list[Contact]) -> None:
    # c2 has GP and BRAC; BRAC goes only with GP, which they have.
    assert summary(for_contact(six[1])) == [
        (SQUARE, pytest.approx(GP_SQUARE), (GP,), 3),
        (BEXIMCO, pytest.approx(GP_BEXIMCO), (GP,), 2),
    ]
    assert summary(for_contact(six[1], limit=1)) == [(SQUARE, pytest.approx(GP_SQUARE), (GP,), 3)]


def test_the_scores_of_each_product_the_client_has_add_up(six: list[Contact]) -> None:
    # c4 has Square and Beximco, and both lead to GP.
    assert summary(for_contact(six[3])) == [
        (GP, pytest.approx(GP_SQUARE + GP_BEXIMCO), (SQUARE, BEXIMCO), 3),
    ]


def test_affinity_not_popularity_ranks_the_offers(six: list[Contact]) -> None:
    # GP has more clients than Square, but fewer of them (in proportion) have Beximco too.
    newcomer = client_with(BEXIMCO)
    assert GP_BEXIMCO < SQUARE_BEXIMCO
    assert summary(for_contact(newcomer)) == [
        (SQUARE, pytest.approx(SQUARE_BEXIMCO), (BEXIMCO,), 2),
        (GP, pytest.approx(GP_BEXIMCO), (BEXIMCO,), 2),
    ]


def test_nothing_the_client_already_has_is_offered(six: list[Contact]) -> None:
    had(six[1], " square pharma", kind=TransactionKind.DEPOSIT)  # any kind: they know it

    assert [offer.name for offer in for_contact(six[1])] == [BEXIMCO]


def test_a_product_the_catalogue_marks_inactive_is_not_offered(six: list[Contact]) -> None:
    Product.objects.create(name="square pharma", is_active=False)

    assert [offer.name for offer in for_contact(six[1])] == [BEXIMCO]


def test_an_offer_in_the_catalogue_carries_it_and_its_name(six: list[Contact]) -> None:
    listed = Product.objects.create(name="Beximco Pharmaceuticals", code="beximco ")
    Product.objects.create(name="Beximco", is_active=False)  # an old entry; the code wins
    Product.objects.create(name="Square Pharma", is_active=False)
    renamed = Product.objects.create(name="SQUARE PHARMA", code="SQURPHARMA")  # active wins

    offers = for_contact(six[1])

    assert [(offer.name, offer.product) for offer in offers] == [
        ("SQUARE PHARMA", renamed),
        ("Beximco Pharmaceuticals", listed),
    ]


def test_a_client_with_nothing_or_nothing_in_common_gets_no_offers(six: list[Contact]) -> None:
    assert for_contact(ContactFactory()) == []
    assert for_contact(client_with("Savings bond")) == []
    assert for_contact(client_with(GP, kind=TransactionKind.DEPOSIT)) == []  # not a choice
    assert for_contact(six[1], limit=0) == []


def test_the_reason_says_which_products_led_to_the_offer(six: list[Contact]) -> None:
    square, beximco = for_contact(six[1])
    (gp,) = for_contact(six[3])

    assert square.reason() == "Clients who have GP also have Square Pharma (3 clients)."
    assert beximco.reason() == "Clients who have GP also have Beximco (2 clients)."
    assert gp.reason() == (
        "Clients who have Square Pharma also have GP (3 clients), as do clients who have Beximco."
    )
    one = Offer(key="x", name="X", score=1.0, because=("Y",), clients_together=1)
    assert one.reason() == "Clients who have Y also have X (1 client)."


def test_templates_get_the_best_offer_as_plain_strings(six: list[Contact]) -> None:
    assert offers_context(six[3]) == {
        "name": GP,
        "reason": (
            "Clients who have Square Pharma also have GP (3 clients), "
            "as do clients who have Beximco."
        ),
    }
    assert offers_context(ContactFactory()) == {}


def test_for_a_user_only_the_transactions_they_may_see_count(six: list[Contact], teams) -> None:  # type: ignore[no-untyped-def]
    dhaka, mumbai = teams
    agent = make_user(Role.AGENT, dhaka)
    contact = client_with(owner=agent, team=dhaka)
    hidden = had(contact, BEXIMCO)
    hidden.owner = make_user(Role.AGENT, mumbai)
    hidden.team = mumbai
    hidden.save()

    assert for_contact(contact, user=agent) == []  # they cannot see that Beximco was bought
    assert [offer.name for offer in for_contact(contact)] == [SQUARE, GP]


def test_offers_cost_two_queries_however_many_products(
    six: list[Contact],
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    Product.objects.create(name=GP, code="GP")
    Product.objects.create(name=SQUARE, is_active=False)
    wide = client_with(BEXIMCO, BRAC, "Savings bond", "Gold", "Treasury bill")
    user = make_user(Role.ADMIN)
    for_contact(wide, user=user)  # the user's role and permissions, read once a request

    with django_assert_max_num_queries(2):
        offers = for_contact(wide, user=user)
        [offer.reason() for offer in offers]
    with django_assert_max_num_queries(2):
        for_contact(six[3])
    assert [offer.name for offer in offers] == [GP]
