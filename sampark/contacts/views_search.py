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
    # One search per kind, so many matching contacts cannot crowd out the one matching company.
    groups = {
        kind: search.search(request.user, query, kinds=[kind], limit=GROUP_SIZE) if query else []
        for kind in search.KINDS
    }
    return render(
        request,
        "contacts/search.html",
        {
            "query": query,
            "contacts": groups[search.CONTACT],
            "companies": groups[search.COMPANY],
            "group_size": GROUP_SIZE,
        },
    )
