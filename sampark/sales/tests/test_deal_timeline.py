"""Deals on contact and company timelines: created, won, lost and reopened among the
interactions, newest first, paged across both, in the page and the API, to those who may see
the deal only."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sampark.contacts.models import ActivityKind
from sampark.contacts.tests.activity_factories import ActivityFactory, at
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory
from sampark.contacts.timeline_sources import TimelineEvent
from sampark.core.tests.api_client import API, api_client
from sampark.lib.locale_format import format_money
from sampark.sales import actions
from sampark.sales.models import Deal, DealContact, Pipeline, StageChange
from sampark.sales.tests.factories import make_deal, make_pipeline

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def pipeline() -> Pipeline:
    return make_pipeline("Timeline desk")


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0], display_name="Meera Nair")


def _dated(deal: Deal, *days: int) -> Deal:
    """Put the deal's history, oldest first, on these days of March 2026."""
    changes = list(StageChange.objects.filter(deal=deal).order_by("at", "id"))
    assert len(changes) == len(days)
    for change, day in zip(changes, days, strict=True):
        change.at = at(day)
    StageChange.objects.bulk_update(changes, ["at"])
    if deal.closed_at:
        Deal.objects.filter(pk=deal.pk).update(closed_at=at(days[-1]))
    return deal


def _activity(contact, subject: str, day: int, **values):  # type: ignore[no-untyped-def]
    return ActivityFactory(
        contact=contact,
        owner=contact.owner,
        team=contact.team,
        subject=subject,
        occurred_at=at(day),
        **values,
    )


def _titles(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        f"{entry.label}: {entry.title}"
        if isinstance(entry, TimelineEvent)
        else entry.activity.subject
        for entry in response.context["entries"]
    ]


@pytest.fixture
def history(people, contact, pipeline):  # type: ignore[no-untyped-def]
    """A call, a deal naming the contact created and won, an email, another deal they are
    part of created and lost, and a move between open stages (not shown)."""
    agent = people["agent"]
    _activity(contact, "First call", 1)
    savings = make_deal(agent, pipeline, name="Savings plan", contact=contact, currency="BDT")
    _dated(actions.win_deal(savings, by=agent), 2, 4)
    _activity(contact, "Follow-up email", 3, kind=ActivityKind.EMAIL)
    bond = make_deal(agent, pipeline, name="Family bond", amount=Decimal("5000"), currency="USD")
    DealContact.objects.create(deal=bond, contact=contact, role="co-signer")
    bond = actions.move_deal(bond, pipeline.stages.get(name="Proposal"), by=agent)
    _dated(actions.lose_deal(bond, by=agent, reason="Price too high"), 5, 6, 7)
    return {"savings": savings, "bond": bond}


def test_deals_and_interactions_merge_newest_first_across_two_pages(  # type: ignore[no-untyped-def]
    client, people, contact, history, monkeypatch
):
    monkeypatch.setattr("sampark.contacts.views_timeline.PAGE_SIZE", 3)
    client.force_login(people["agent"])

    first = client.get(reverse("contacts:contact_timeline", args=[contact.pk]), headers=HTMX)
    second = client.get(first.context["older_url"], headers=HTMX)

    assert _titles(first) == [
        "Deal lost: Family bond",
        "Deal created: Family bond",  # its move to Proposal on day 6 is left out
        "Deal won: Savings plan",
    ]
    assert _titles(second) == ["Follow-up email", "Deal created: Savings plan", "First call"]
    assert second.context["older_url"] is None
    assert second.content.decode().lstrip().startswith("<li")  # just the older entries


def test_a_deal_entry_says_what_happened_and_links_to_the_deal(  # type: ignore[no-untyped-def]
    client, people, contact, history
):
    client.force_login(people["agent"])

    response = client.get(reverse("contacts:contact_timeline", args=[contact.pk]), headers=HTMX)

    events: dict[str, TimelineEvent] = {}
    for entry in response.context["entries"]:
        if isinstance(entry, TimelineEvent):
            events.setdefault(entry.label, entry)  # the newest of each
    bond, savings = history["bond"], history["savings"]
    created = events["Deal created"]
    assert created.title == "Family bond"
    assert created.summary == f"{format_money(Decimal('5000'), 'USD')} · Qualified"
    assert events["Deal won"].summary == format_money(savings.amount, "BDT")
    assert events["Deal lost"].summary == "Reason: Price too high"
    body = response.content.decode()
    assert f'<a href="{reverse("sales:deal_detail", args=[bond.pk])}">Family bond</a>' in body
    assert "Reason: Price too high" in body
    assert f"by {people['agent']}" in body


def test_a_deal_name_is_escaped(client, people, contact, pipeline):  # type: ignore[no-untyped-def]
    make_deal(people["agent"], pipeline, name="<script>alert(1)</script>", contact=contact)
    client.force_login(people["agent"])

    body = client.get(
        reverse("contacts:contact_timeline", args=[contact.pk]), headers=HTMX
    ).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<script>alert(1)" not in body


def test_a_reopened_deal_shows_it_and_an_earlier_loss_keeps_no_reason_of_another(  # type: ignore[no-untyped-def]
    client, people, contact, pipeline
):
    agent = people["agent"]
    deal = make_deal(agent, pipeline, name="Pension", contact=contact)
    deal = actions.lose_deal(deal, by=agent, reason="Timing")
    deal = actions.reopen_deal(deal, by=agent)
    deal = actions.lose_deal(deal, by=agent, reason="Went elsewhere")
    _dated(deal, 1, 2, 3, 4)
    client.force_login(agent)

    response = client.get(reverse("contacts:contact_timeline", args=[contact.pk]), headers=HTMX)

    entries = [(e.event, e.summary) for e in response.context["entries"]]
    assert [event for event, _summary in entries] == ["lost", "reopened", "lost", "created"]
    assert entries[0][1] == "Reason: Went elsewhere"
    assert entries[2][1] == ""  # its reason was "Timing", which the deal no longer keeps


@pytest.mark.parametrize("role", ["admin", "manager", "agent", "colleague", "reader"])
def test_everyone_who_sees_the_deal_sees_it_on_the_timeline(  # type: ignore[no-untyped-def]
    client, people, contact, pipeline, role
):
    make_deal(people["agent"], pipeline, name="Team deal", contact=contact)
    client.force_login(people[role])

    response = client.get(reverse("contacts:contact_timeline", args=[contact.pk]), headers=HTMX)

    assert _titles(response) == ["Deal created: Team deal"]


def test_another_teams_deal_on_a_visible_contact_never_shows(  # type: ignore[no-untyped-def]
    client, people, contact, pipeline, teams
):
    outsider = people["outsider"]
    # The outsider's deal names a contact of the Dhaka desk (say, made before the contact
    # moved desks): the contact is visible to the agent, the deal is not.
    hidden = Deal.objects.create(
        name="Mumbai's secret",
        pipeline=pipeline,
        stage=pipeline.stages.first(),
        currency="BDT",
        contact=contact,
        owner=outsider,
        team=teams[1],
    )
    StageChange.objects.create(deal=hidden, to_stage=hidden.stage, status="open", by=outsider)
    make_deal(people["agent"], pipeline, name="Ours", contact=contact)
    client.force_login(people["agent"])

    page = client.get(reverse("contacts:contact_timeline", args=[contact.pk]), headers=HTMX)
    only_deals = client.get(
        reverse("contacts:contact_timeline", args=[contact.pk]), {"kind": "deal"}, headers=HTMX
    )
    api = api_client(people["agent"]).get(f"{API}/contacts/{contact.pk}/timeline").json()

    assert _titles(page) == _titles(only_deals) == ["Deal created: Ours"]
    assert "Mumbai" not in page.content.decode()
    assert [item["title"] for item in api["items"]] == ["Ours"]
    assert client.get(reverse("sales:deal_detail", args=[hidden.pk])).status_code == 404


def test_an_outsider_cannot_open_the_timeline_at_all(client, people, contact, pipeline):  # type: ignore[no-untyped-def]
    make_deal(people["agent"], pipeline, name="Ours", contact=contact)
    client.force_login(people["outsider"])

    page = client.get(reverse("contacts:contact_timeline", args=[contact.pk]), headers=HTMX)
    api = api_client(people["outsider"]).get(f"{API}/contacts/{contact.pk}/timeline")

    assert page.status_code == api.status_code == 404


def test_the_kind_filter_offers_deals_and_keeps_the_sources_apart(  # type: ignore[no-untyped-def]
    client, people, contact, history
):
    client.force_login(people["agent"])
    url = reverse("contacts:contact_timeline", args=[contact.pk])

    everything = client.get(url, headers=HTMX)
    deals = client.get(url, {"kind": "deal", "part": "entries"}, headers=HTMX)
    emails = client.get(url, {"kind": "email", "part": "entries"}, headers=HTMX)

    assert '<option value="deal">Deals</option>' in everything.content.decode()
    assert _titles(deals) == [
        "Deal lost: Family bond",
        "Deal created: Family bond",
        "Deal won: Savings plan",
        "Deal created: Savings plan",
    ]
    assert _titles(emails) == ["Follow-up email"]


def test_older_keeps_the_deal_filter(client, people, contact, history, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sampark.contacts.views_timeline.PAGE_SIZE", 3)
    client.force_login(people["agent"])

    first = client.get(
        reverse("contacts:contact_timeline", args=[contact.pk]), {"kind": "deal"}, headers=HTMX
    )
    second = client.get(first.context["older_url"], headers=HTMX)

    assert _titles(second) == ["Deal created: Savings plan"]


def test_the_company_timeline_shows_the_deals_naming_the_company(  # type: ignore[no-untyped-def]
    client, people, teams, pipeline
):
    company = CompanyFactory(owner=people["agent"], team=teams[0], name="Padma Traders")
    make_deal(people["agent"], pipeline, name="Fleet insurance", company=company)
    make_deal(people["agent"], pipeline, name="Another firm's deal")
    client.force_login(people["agent"])

    response = client.get(reverse("contacts:company_timeline", args=[company.pk]), headers=HTMX)

    assert _titles(response) == ["Deal created: Fleet insurance"]


def _timeline_queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, headers=HTMX).status_code == 200
    return len(context.captured_queries)


def test_the_timeline_costs_the_same_queries_however_many_deals(  # type: ignore[no-untyped-def]
    client, people, contact, pipeline
):
    agent = people["agent"]

    def add(count: int) -> None:
        for n in range(count):
            deal = make_deal(agent, pipeline, name=f"Deal {n}", contact=contact)
            actions.win_deal(deal, by=agent)
            _activity(contact, f"Call {n}", 1 + n % 20)

    add(1)
    client.force_login(agent)
    url = reverse("contacts:contact_timeline", args=[contact.pk])
    client.get(url, headers=HTMX)  # warm the session
    few = _timeline_queries(client, url)
    add(12)

    many = _timeline_queries(client, url)

    assert many == few
    assert len(client.get(url, headers=HTMX).context["entries"]) == 20


def test_the_api_timeline_includes_deal_events_and_pages_across_sources(  # type: ignore[no-untyped-def]
    people, contact, history
):
    api = api_client(people["agent"])
    url = f"{API}/contacts/{contact.pk}/timeline"

    first = api.get(url, {"limit": 4}).json()
    second = api.get(url, {"limit": 4, "cursor": first["next_cursor"]}).json()
    deals = api.get(url, {"kind": "deal"}).json()
    calls = api.get(url, {"kind": "call"}).json()

    items = first["items"] + second["items"]
    assert [i["kind"] for i in items] == ["deal", "deal", "deal", "email", "deal", "call"]
    assert second["next_cursor"] is None
    lost = items[0]
    bond = history["bond"]
    assert lost["event"] == "lost"
    assert lost["title"] == "Family bond"
    assert lost["summary"] == "Reason: Price too high"
    assert lost["url"] == reverse("sales:deal_detail", args=[bond.pk])
    assert datetime.datetime.fromisoformat(lost["occurred_at"]) == at(7)
    assert items[3]["subject"] == "Follow-up email"  # activities keep their own shape
    assert items[3]["direction"] == "outbound"
    assert len(deals["items"]) == 4
    assert [i["subject"] for i in calls["items"]] == ["First call"]


def test_the_api_rejects_an_unknown_kind_and_a_foreign_cursor(people, contact):  # type: ignore[no-untyped-def]
    api = api_client(people["agent"])
    url = f"{API}/contacts/{contact.pk}/timeline"

    bad_kind = api.get(url, {"kind": "fax"})
    bad_cursor = api.get(url, {"cursor": "bm9wZQ"})

    assert bad_kind.status_code == bad_cursor.status_code == 422
    assert "deal" in bad_kind.json()["error"]["fields"]["kind"][0]
    assert "cursor" in bad_cursor.json()["error"]["fields"]


def test_the_api_company_timeline_includes_its_deals(people, teams, pipeline):  # type: ignore[no-untyped-def]
    company = CompanyFactory(owner=people["agent"], team=teams[0])
    make_deal(people["agent"], pipeline, name="Fleet insurance", company=company)

    body = api_client(people["reader"]).get(f"{API}/companies/{company.pk}/timeline").json()

    assert [(i["kind"], i["event"], i["title"]) for i in body["items"]] == [
        ("deal", "created", "Fleet insurance")
    ]


def test_the_schema_documents_both_kinds_of_entry(client, db):  # type: ignore[no-untyped-def]
    schema = client.get(f"{API}/openapi.json").json()

    page = schema["paths"][f"{API}/contacts/{{contact_id}}/timeline"]["get"]
    ok = page["responses"]["200"]["content"]["application/json"]["schema"]
    components = schema["components"]["schemas"]
    out = components[ok["$ref"].rsplit("/", 1)[-1]]
    shapes = {
        ref["$ref"].rsplit("/", 1)[-1] for ref in out["properties"]["items"]["items"]["anyOf"]
    }
    assert shapes == {"ActivityOut", "TimelineEventOut"}
    assert {"kind", "title", "summary", "url", "occurred_at"} <= set(
        components["TimelineEventOut"]["required"]
    )
    assert {"cursor", "limit", "kind"} <= {p["name"] for p in page["parameters"]}
