"""The search page: what the header's search box submits to, results grouped by kind."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from sampark.contacts import search
from sampark.contacts.search.text import MAX_QUERY_LENGTH
from sampark.core.http import AuthenticatedRequest

# Per group: enough to spot the one you mean; a longer list means the query should be longer.
GROUP_SIZE = 25


@login_required
def search_page(request: AuthenticatedRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    hits = search.search(request.user, query, limit=GROUP_SIZE, per_kind=True) if query else []
    groups: dict[str, list[search.Hit]] = {kind: [] for kind in search.kinds()}
    for hit in hits:
        groups[hit.kind].append(hit)
    return render(
        request,
        "contacts/search.html",
        {
            "query": query,
            "contacts": groups[search.CONTACT],
            "companies": groups[search.COMPANY],
            # Kinds other domains add (sales' deals), after contacts and companies.
            "other_groups": [
                (source.kind, source.model._meta.verbose_name_plural, groups[source.kind])
                for source in search.sources()
                if groups[source.kind]
            ],
            "group_size": GROUP_SIZE,
        },
    )
