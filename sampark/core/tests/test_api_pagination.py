"""Cursor pagination walks every row exactly once, in order, whatever the ordering."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from sampark.contacts.models import Contact
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.keyset import (
    InvalidCursor,
    decode_cursor,
    keyset_page,
    ordering_keys,
)
from sampark.core.tests.api_client import API, api_client
from sampark.core.tests.factories import UserFactory

CONTACTS = f"{API}/contacts"


def walk(queryset: Any, limit: int) -> list[int]:
    """Every page's ids in turn, asserting each page but the last is full."""
    ids: list[int] = []
    cursor = None
    for _page in range(100):
        page = keyset_page(queryset, cursor=cursor, limit=limit)
        ids.extend(contact.pk for contact in page.items)
        if page.next_cursor is None:
            return ids
        assert len(page.items) == limit
        cursor = page.next_cursor
    raise AssertionError("pagination did not end")


def contacts_with_ties(teams: Any) -> list[Contact]:
    """Names and timestamps that repeat, and teams that are sometimes empty."""
    owner = UserFactory()
    moment = timezone.now()
    dhaka, mumbai = teams
    return [
        ContactFactory(
            owner=owner,
            display_name=f"Name {n % 4}",
            created_at=moment - datetime.timedelta(minutes=n % 3),
            team=[dhaka, mumbai, None][n % 3],
        )
        for n in range(17)
    ]


def ordered(rows: list[Contact], *keys: tuple[str, bool]) -> list[int]:
    """Python's order for (attribute, descending) keys, pk ascending last; NULLs after values."""
    result = sorted(rows, key=lambda c: c.pk)
    for attribute, descending in reversed(keys):
        result.sort(
            key=lambda c, a=attribute: (
                (getattr(c, a) is None, getattr(c, a) or 0) if a.endswith("_id") else getattr(c, a)
            ),
            reverse=descending,
        )
    return [c.pk for c in result]


@pytest.mark.parametrize("limit", [1, 4, 5, 17, 50])
def test_ascending_pages_cover_every_row_once_in_order(teams, limit):
    rows = contacts_with_ties(teams)

    ids = walk(Contact.objects.order_by("display_name"), limit)

    assert ids == ordered(rows, ("display_name", False))
    assert len(set(ids)) == len(rows)


@pytest.mark.parametrize("limit", [1, 3, 6, 50])
def test_descending_pages_cover_every_row_once_in_order(teams, limit):
    rows = contacts_with_ties(teams)

    ids = walk(Contact.objects.order_by("-created_at"), limit)

    assert ids == ordered(rows, ("created_at", True))


@pytest.mark.parametrize("limit", [2, 5])
def test_mixed_directions_with_empty_values_cover_every_row_once(teams, limit):
    rows = contacts_with_ties(teams)

    ids = walk(Contact.objects.order_by("team", "-display_name"), limit)

    # NULL teams come after every team when ascending, as the ordering below expects.
    assert ids == ordered(rows, ("team_id", False), ("display_name", True))


def test_descending_with_empty_values_first_covers_every_row_once(teams):
    rows = contacts_with_ties(teams)

    ids = walk(Contact.objects.order_by("-team", "display_name"), 4)

    # Reversed, NULL teams come first.
    assert ids == ordered(rows, ("team_id", True), ("display_name", False))
    assert Contact.objects.get(pk=ids[0]).team_id is None


def test_a_row_added_before_the_cursor_does_not_shift_later_pages(teams):
    rows = contacts_with_ties(teams)
    queryset = Contact.objects.order_by("display_name")
    first = keyset_page(queryset, cursor=None, limit=5)

    ContactFactory(owner=rows[0].owner, display_name="Aardvark")  # sorts before the cursor
    second = keyset_page(queryset, cursor=first.next_cursor, limit=5)

    expected = ordered(rows, ("display_name", False))
    assert [c.pk for c in first.items + second.items] == expected[:10]


def test_the_model_ordering_is_used_when_the_queryset_has_none(teams):
    rows = contacts_with_ties(teams)

    assert walk(Contact.objects.all(), 3) == ordered(rows, ("display_name", False))


def test_a_cursor_made_for_another_ordering_is_refused(teams):
    contacts_with_ties(teams)
    by_name = keyset_page(Contact.objects.order_by("display_name"), cursor=None, limit=2)

    with pytest.raises(InvalidCursor):
        decode_cursor(ordering_keys(Contact.objects.order_by("-created_at")), by_name.next_cursor)


def test_the_api_list_pages_through_everything_a_user_may_see(people):
    agent = people["agent"]
    mine = {ContactFactory(owner=agent, display_name=f"C{n:02}").pk for n in range(7)}
    ContactFactory(owner=people["outsider"])
    client = api_client(agent)

    seen: list[int] = []
    url = f"{CONTACTS}?limit=3"
    while url:
        body = client.get(url).json()
        seen.extend(item["id"] for item in body["items"])
        url = f"{CONTACTS}?limit=3&cursor={body['next_cursor']}" if body["next_cursor"] else ""

    assert seen == sorted(mine)  # C00…C06 by name, which is also creation order


def test_an_empty_list_has_no_next_cursor(people):
    body = api_client(people["agent"]).get(CONTACTS).json()

    assert body == {"items": [], "next_cursor": None}


@pytest.mark.parametrize("cursor", ["not-a-cursor", "e30", "eyJvIjoiMTIzNDU2NzgiLCJ2IjpbXX0"])
def test_a_bad_cursor_is_422_on_the_cursor_field(people, cursor):
    ContactFactory(owner=people["agent"])

    response = api_client(people["agent"]).get(f"{CONTACTS}?cursor={cursor}")

    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"cursor"}


@pytest.mark.parametrize("limit", ["0", "501", "ten"])
def test_a_limit_out_of_bounds_is_422_on_the_limit_field(people, limit):
    response = api_client(people["agent"]).get(f"{CONTACTS}?limit={limit}")

    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"limit"}
