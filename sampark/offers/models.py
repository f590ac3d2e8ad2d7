"""How often clients who have one product also have another: the figures next-best offers are
ranked by (item-to-item collaborative filtering).

A table of counts, rebuilt whole by ``affinity.refresh``; not anyone's record, so no owner or
team: it names products and counts clients, never which clients. Products are the text
transactions name them by, as a key (trimmed, in lower case) with a name to show, because many
are not in the catalogue (a listed share, a savings certificate) and the catalogue is matched
only when an offer is shown.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductAffinity(models.Model):
    """Clients who had ``product`` also had ``other``: how many, and how strongly (cosine).

    Both directions are stored, so "what goes with GP" is one index range on ``product_key``.
    """

    # Twice the product's length: in lower case a few letters become two (İ is i and a dot).
    product_key = models.CharField(_("product key"), max_length=400)
    product_name = models.CharField(_("product"), max_length=200)
    other_key = models.CharField(_("other product key"), max_length=400)
    other_name = models.CharField(_("other product"), max_length=200)
    together = models.PositiveIntegerField(_("clients with both"))
    product_clients = models.PositiveIntegerField(_("clients with the product"))
    other_clients = models.PositiveIntegerField(_("clients with the other product"))
    score = models.FloatField(
        _("score"),
        help_text=_(
            "Clients with both, divided by the square root of the product of each one's clients."
        ),
    )
    computed_at = models.DateTimeField(_("computed"))

    class Meta:
        verbose_name = _("product affinity")
        verbose_name_plural = _("product affinities")
        constraints = [
            models.UniqueConstraint(
                fields=["product_key", "other_key"], name="offers_affinity_once"
            ),
        ]
        indexes = [
            # A contact's offers read the closest others of each product they have, best first.
            models.Index(fields=["product_key", "-score"], name="offers_affinity_best"),
        ]

    def __str__(self) -> str:
        return f"{self.product_name} → {self.other_name}: {self.score:.3f}"
