"""A contact's next-best offers: what clients with the same products also have, and why.

Item to item: each product the contact bought or traded lends its closest others their
affinity, and an offer's score is the sum over the contact's products, so something close to
several of them ranks above something close to one. What the contact already has (in any kind
of transaction) is never offered, nor a catalogue product marked inactive. Two queries however
many products and offers: the affinities (with the contact's products as subqueries), and the
catalogue entries the offers name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import F, Q, QuerySet
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber
from django.utils.translation import ngettext

from sampark.contacts.models import Contact, Transaction
from sampark.core.models import User
from sampark.offers.affinity import AFFINITY_KINDS, product_key
from sampark.offers.models import ProductAffinity
from sampark.sales.models import Product

# Of each product the contact has, only its closest others count: the usual item-to-item cut,
# so a client with many products reads this many rows for each, not the whole catalogue's.
NEIGHBOURS = 50


@dataclass(frozen=True)
class Offer:
    """One product to offer a contact: ``because`` names the contact's own products that led to
    it, strongest first (two at most); ``clients_together`` is how many clients have both the
    first of them and this; ``product`` is the catalogue entry, when one matches."""

    key: str
    name: str
    score: float
    because: tuple[str, ...]
    clients_together: int
    product: Product | None = None

    def reason(self) -> str:
        """Why, in words, in the active language."""
        values = {"first": self.because[0], "offer": self.name, "count": self.clients_together}
        if len(self.because) > 1:
            return ngettext(
                "Clients who have %(first)s also have %(offer)s (%(count)d client), "
                "as do clients who have %(second)s.",
                "Clients who have %(first)s also have %(offer)s (%(count)d clients), "
                "as do clients who have %(second)s.",
                self.clients_together,
            ) % {**values, "second": self.because[1]}
        return (
            ngettext(
                "Clients who have %(first)s also have %(offer)s (%(count)d client).",
                "Clients who have %(first)s also have %(offer)s (%(count)d clients).",
                self.clients_together,
            )
            % values
        )


class _Pair(NamedTuple):
    product_name: str
    other_key: str
    other_name: str
    together: int
    score: float


def for_contact(contact: Contact, limit: int = 3, *, user: User | None = None) -> list[Offer]:
    """The best ``limit`` offers for ``contact``, best first.

    With ``user``, only the transactions they may see say what the contact has, so an offer's
    reason never shows them a product from a transaction hidden from them; without (mail the
    firm sends), all of them.
    """
    if limit <= 0:
        return []
    pairs = list(_pairs(contact, user))
    catalogue = _catalogue({pair.other_key for pair in pairs})
    by_offer: dict[str, list[_Pair]] = defaultdict(list)
    for pair in pairs:
        by_offer[pair.other_key].append(pair)
    offers = []
    for key, leads in by_offer.items():
        product = catalogue.get(key)
        if product is not None and not product.is_active:
            continue  # the catalogue keeps it, but it is no longer offered
        leads.sort(key=lambda pair: (-pair.score, pair.product_name))
        offers.append(
            Offer(
                key=key,
                name=product.name if product is not None else leads[0].other_name,
                score=sum(pair.score for pair in leads),
                because=tuple(pair.product_name for pair in leads[:2]),
                clients_together=leads[0].together,
                product=product,
            )
        )
    offers.sort(key=lambda offer: (-offer.score, -offer.clients_together, offer.name.lower()))
    return offers[:limit]


def offers_context(contact: Contact) -> dict[str, str]:
    """The best offer as plain strings for a template (``{{ offer.name }}``, ``{{ offer.reason
    }}``), or nothing, so ``default(...)`` falls back. The reason is in the active language:
    render in the contact's."""
    best = for_contact(contact, limit=1)
    if not best:
        return {}
    return {"name": best[0].name, "reason": best[0].reason()}


def _keys(
    contact: Contact, user: User | None, kinds: Iterable[str] | None = None
) -> QuerySet[Any, Any]:
    """The keys of the products in ``contact``'s transactions (of ``kinds``), as a subquery."""
    rows = Transaction.objects.all() if user is None else Transaction.objects.visible_to(user)
    if kinds is not None:
        rows = rows.filter(kind__in=kinds)
    return rows.filter(contact=contact).annotate(pkey=product_key()).exclude(pkey="").values("pkey")


def _pairs(contact: Contact, user: User | None) -> Iterable[_Pair]:
    """The affinities from what the contact bought or traded to what they have never had, at
    most ``NEIGHBOURS`` per product of theirs: one query, the contact's products as subqueries."""
    closest = Window(
        RowNumber(),
        partition_by=F("product_key"),
        order_by=[F("score").desc(), F("other_key").asc()],
    )
    rows = (
        ProductAffinity.objects.filter(product_key__in=_keys(contact, user, AFFINITY_KINDS))
        .exclude(other_key__in=_keys(contact, user))
        .annotate(rank=closest)
        .filter(rank__lte=NEIGHBOURS)
        .values_list("product_name", "other_key", "other_name", "together", "score")
    )
    return (_Pair(*row) for row in rows)


def _catalogue(keys: set[str]) -> dict[str, Product]:
    """The catalogue entry each key names, by code or by name: an active one first, then a
    match by code (unique) before one by name (several products may share a name). A key only
    inactive entries name maps to one of those, so its offer is left out."""
    if not keys:
        return {}
    found = Product.objects.annotate(
        name_key=product_key("name"), code_key=product_key("code")
    ).filter(Q(name_key__in=keys) | Q(code_key__in=keys))
    ranked: dict[str, list[tuple[bool, bool, int, Product]]] = defaultdict(list)
    for product in found:
        named = ((product.code_key, False), (product.name_key, True))
        for key, by_name in named:
            if key in keys:
                ranked[key].append((not product.is_active, by_name, product.pk, product))
    return {key: min(options, key=lambda o: o[:3])[3] for key, options in ranked.items()}
