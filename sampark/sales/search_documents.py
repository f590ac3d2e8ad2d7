"""Deals in the global search (sampark.contacts.search): found by their name, in any script.

Registered as the kind "deal" by ``SalesConfig.ready``; the deal actions re-index a deal in the
transaction that changes it. The subtitle says where the deal stands (pipeline · stage), which
only deal actions change.
"""

from __future__ import annotations

from collections.abc import Sequence

from sampark.contacts.search import Source, text
from sampark.contacts.search.documents import Document
from sampark.core.records import access_tokens
from sampark.sales.models import Deal

DEAL = "deal"


def deal_documents(ids: Sequence[int]) -> list[Document]:
    deals = Deal.objects.filter(pk__in=list(ids)).select_related("pipeline", "stage")
    return [deal_document(deal) for deal in deals]


def deal_document(deal: Deal) -> Document:
    """Needs the deal's pipeline and stage."""
    return Document(
        kind=DEAL,
        record_id=deal.pk,
        title=deal.name,
        subtitle=f"{deal.pipeline.name} · {deal.stage.name}",
        updated_at=deal.updated_at,
        names=tuple(text.tokens(deal.name)),
        other=(),
        phones=(),
        access=access_tokens(deal),
    )


SOURCE = Source(kind=DEAL, model=Deal, url_name="sales:deal_detail", documents=deal_documents)
