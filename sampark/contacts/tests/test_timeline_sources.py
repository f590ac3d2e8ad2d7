"""What other domains add to the timeline: a registered source's events merge with the
activities, newest first, and page by one cursor across both, even at the same instant."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from sampark.contacts import timeline, timeline_sources
from sampark.contacts.models import ActivityKind
from sampark.contacts.tests.activity_factories import ActivityFactory, at
from sampark.contacts.tests.factories import ContactFactory
from sampark.contacts.timeline_sources import (
    Position,
    Record,
    TimelineEvent,
    TimelineSource,
    register,
)
from sampark.core.keyset import InvalidCursor
from sampark.core.models import User

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


class Tickets:
    """A source as another domain would write one, over events kept in a list."""

    def __init__(self) -> None:
        self.stored: list[TimelineEvent] = []
        self.asked: list[int] = []

    def add(self, pk: int, when: datetime.datetime) -> None:
        self.stored.append(
            TimelineEvent(
                kind="ticket",
                id=pk,
                occurred_at=when,
                event="opened",
                label="Ticket opened",
                title=f"ticket {pk}",
                summary="<b>not bold</b>",
                url=f"/service/tickets/{pk}/",
                by="",
                template="contacts/tests/_ticket_entry.html",
            )
        )

    def events(
        self, user: User, record: Record, position: Position | None, limit: int
    ) -> list[TimelineEvent]:
        self.asked.append(limit)
        older = [e for e in self.stored if position is None or e.position < position]
        return sorted(older, key=lambda e: e.position, reverse=True)[:limit]


@pytest.fixture
def tickets(monkeypatch):  # type: ignore[no-untyped-def]
    source = Tickets()
    monkeypatch.setattr(timeline_sources, "_SOURCES", {})  # this test's source alone
    register(TimelineSource(kind="ticket", label="Tickets", events=source.events))
    return source


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0])


def _activity(contact, subject: str, when: datetime.datetime, **values):  # type: ignore[no-untyped-def]
    return ActivityFactory(
        contact=contact,
        owner=contact.owner,
        team=contact.team,
        subject=subject,
        occurred_at=when,
        **values,
    )


def _names(items: list[object]) -> list[str]:
    return [item.title if isinstance(item, TimelineEvent) else item.subject for item in items]  # type: ignore[attr-defined]


def _walk(user: User, contact, limit: int, kind: str = "") -> list[list[str]]:  # type: ignore[no-untyped-def]
    pages: list[list[str]] = []
    cursor = None
    while True:
        activities = timeline.record_activities(user, contact)
        page = timeline.read_page(user, contact, activities, kind=kind, cursor=cursor, limit=limit)
        pages.append(_names(page.items))
        if page.next_cursor is None:
            return pages
        cursor = page.next_cursor


def test_the_contacts_apps_own_kinds_cannot_be_taken(tickets):  # type: ignore[no-untyped-def]
    for kind in ("activity", ActivityKind.CALL):
        with pytest.raises(ValueError, match="contacts app's own"):
            register(TimelineSource(kind=kind, label="x", events=tickets.events))


def test_sources_merge_with_activities_newest_first(people, contact, tickets):  # type: ignore[no-untyped-def]
    _activity(contact, "call 1", at(1))
    tickets.add(1, at(2))
    _activity(contact, "call 3", at(3))
    tickets.add(2, at(4))

    assert _walk(people["agent"], contact, limit=2) == [
        ["ticket 2", "call 3"],
        ["ticket 1", "call 1"],
    ]


def test_entries_of_the_same_instant_page_once_each_whichever_source(  # type: ignore[no-untyped-def]
    people, contact, tickets
):
    for n in range(4):
        _activity(contact, f"call {n}", at(5))
        tickets.add(10 + n, at(5))
    _activity(contact, "earlier", at(4))

    pages = _walk(people["agent"], contact, limit=3)

    # At one instant the source's key orders them ("ticket" after "activity"), then the id.
    assert pages == [
        ["ticket 13", "ticket 12", "ticket 11"],
        ["ticket 10", "call 3", "call 2"],
        ["call 1", "call 0", "earlier"],
    ]


def test_each_source_is_asked_for_one_page_and_one_more(people, contact, tickets):  # type: ignore[no-untyped-def]
    timeline.read_page(
        people["agent"], contact, timeline.record_activities(people["agent"], contact), limit=5
    )

    assert tickets.asked == [6]


def test_an_activity_kind_leaves_the_sources_out_and_a_sources_kind_the_activities(  # type: ignore[no-untyped-def]
    people, contact, tickets
):
    _activity(contact, "a call", at(1), kind=ActivityKind.CALL)
    _activity(contact, "a note", at(2), kind=ActivityKind.NOTE)
    tickets.add(1, at(3))

    assert _walk(people["agent"], contact, limit=5, kind="call") == [["a call"]]
    assert _walk(people["agent"], contact, limit=5, kind="ticket") == [["ticket 1"]]
    assert tickets.asked == [6]  # only when its kind was asked for
    assert ("ticket", "Tickets") in timeline.kinds()
    assert timeline.kinds()[: len(ActivityKind.choices)] == ActivityKind.choices


def test_a_cursor_not_made_by_the_timeline_is_refused() -> None:
    for cursor in ("bm9wZQ", "!!", timeline.encode_cursor(Position(at(1), "x", 1))[:-2]):
        with pytest.raises(InvalidCursor):
            timeline.decode_cursor(cursor)
    naive = timeline.encode_cursor(Position(at(1).replace(tzinfo=None), "x", 1))
    with pytest.raises(InvalidCursor):
        timeline.decode_cursor(naive)
    position = Position(at(1), "ticket", 7)
    assert timeline.decode_cursor(timeline.encode_cursor(position)) == position


def test_the_page_renders_each_entry_with_its_sources_template(  # type: ignore[no-untyped-def]
    client, people, contact, tickets, settings, tmp_path
):
    folder = tmp_path / "contacts" / "tests"
    folder.mkdir(parents=True)
    (folder / "_ticket_entry.html").write_text(
        '<li class="ticket"><a href="{{ entry.url }}">{{ entry.title }}</a> {{ entry.summary }}</li>'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0].get("DIRS", [])]}
    ]
    _activity(contact, "a call", at(1))
    tickets.add(1, at(2))
    client.force_login(people["agent"])

    body = client.get(
        reverse("contacts:contact_timeline", args=[contact.pk]), headers=HTMX
    ).content.decode()

    assert '<li class="ticket"><a href="/service/tickets/1/">ticket 1</a>' in body
    assert "&lt;b&gt;not bold&lt;/b&gt;" in body  # escaped like any text
    assert body.index("ticket 1") < body.index("a call")
    assert '<option value="ticket">Tickets</option>' in body
