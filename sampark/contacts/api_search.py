"""Global search over the REST API: the same ranked, permission-filtered hits as /search/."""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from sampark.contacts import search
from sampark.core.api.auth import current_user
from sampark.core.api.errors import documented

router = Router(tags=["search"])


class HitOut(Schema):
    kind: Literal["contact", "company", "deal"]
    id: int = Field(description="The contact's, company's or deal's id.")
    title: str = Field(description="Its name.")
    subtitle: str = Field(
        description="For a contact: company, email and phone; for a company: domain, industry; "
        "for a deal: pipeline and stage."
    )
    url: str = Field(description="Its page in the web app.")
    score: float = Field(
        description="Higher is better: 3.x matched whole words, 2.x prefixes or phone "
        "fragments, 1.x a word with a typo. Compare only within one answer."
    )


class SearchOut(Schema):
    items: list[HitOut] = Field(description="Best first.")


@router.get("", response={200: SearchOut, **documented(401, 422)})
def search_records(
    request: HttpRequest,
    q: str = Query("", description="What to look for; required."),
    kind: str = Query("", description="`contact`, `company` or `deal`; all when left out."),
    limit: int = Query(search.DEFAULT_LIMIT, description="How many hits, 1 to 100."),
) -> dict[str, list[search.Hit]]:
    """Contacts, companies and deals you may see matching `q`, best first: names in any
    script (whole words, then beginnings, then one letter off), emails, phone numbers in any
    format or any 4+ digits of one, company names, domains, tags and the towns of their
    addresses; deals by their name. All words of `q` must match.
    """
    errors: dict[str, str] = {}
    if not q.strip():
        errors["q"] = _("Type something to search for.")
    if kind and kind not in search.kinds():
        errors["kind"] = _("Choose “contact”, “company” or “deal”, or leave it out for all.")
    if not 1 <= limit <= search.MAX_LIMIT:
        errors["limit"] = _("Choose a limit from 1 to %(max)s.") % {"max": search.MAX_LIMIT}
    if errors:
        raise ValidationError(errors)
    hits = search.search(current_user(request), q, kinds=[kind] if kind else None, limit=limit)
    return {"items": hits}
