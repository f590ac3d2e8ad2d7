"""The satisfaction report and its API: CSAT (the share of happy ratings) and counts per agent,
queue and category over a period, from the ratings of the tickets each person may see.

Within the last 30 days the Dhaka desk's agent got a 5 and a 2 (cards), their colleague a 4
(loans), and the Mumbai desk's agent a 1 (loans); 100 days ago the colleague got a 4 on a
ticket without a category.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from sampark.core.tests.api_client import API, api_client
from sampark.service import actions, csat
from sampark.service.models import Category, Rating, Ticket, TicketStatus
from sampark.service.satisfaction_report import Score
from sampark.service.tests.factories import make_ticket

pytestmark = pytest.mark.django_db

REPORT = "/service/satisfaction/"


def rated(people, agent: str, rating: int, category: Category | None, days_ago: int = 1) -> Ticket:  # type: ignore[no-untyped-def]
    """A ticket of ``agent``'s queue, solved by them and rated ``days_ago``."""
    by = people["outsider"] if agent == "outsider" else people["manager"]
    ticket = make_ticket(by, category=category)
    ticket = actions.assign(ticket, to=people[agent], by=by)
    ticket = actions.update_ticket(ticket, by=by, values={"status": TicketStatus.SOLVED})
    when = timezone.now() - datetime.timedelta(days=days_ago)
    csat.rate(ticket, rating, now=when)
    return ticket


@pytest.fixture
def ratings(people):  # type: ignore[no-untyped-def]
    cards = Category.objects.create(name="Cards")
    loans = Category.objects.create(name="Loans")
    rated(people, "agent", Rating.GREAT, cards)
    rated(people, "agent", Rating.BAD, cards)
    rated(people, "colleague", Rating.GOOD, loans)
    rated(people, "colleague", Rating.GOOD, None, days_ago=100)
    rated(people, "outsider", Rating.AWFUL, loans)
    return cards, loans


def scores(rows: list[Score]) -> dict[str, tuple[int, int, float | None]]:
    return {row.name or "—": (row.ratings, row.good, row.csat) for row in rows}


def by_agent(rows: list[Score]) -> dict[int | None, tuple[str, int, int, float | None]]:
    # By id: made-up first names may repeat.
    return {row.key: (row.name, row.ratings, row.good, row.csat) for row in rows}


def test_the_report_counts_per_agent_queue_and_category(client, people, teams, ratings):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])
    agent, colleague, outsider = (people[n] for n in ("agent", "colleague", "outsider"))

    report = client.get(REPORT).context["report"]

    assert report.days == 30
    assert (report.overall.ratings, report.overall.good, report.overall.csat) == (4, 2, 50.0)
    assert by_agent(report.agents) == {
        agent.pk: (str(agent), 2, 1, 50.0),
        colleague.pk: (str(colleague), 1, 1, 100.0),
        outsider.pk: (str(outsider), 1, 0, 0.0),
    }
    assert scores(report.teams) == {"Dhaka desk": (3, 2, 66.7), "Mumbai desk": (1, 0, 0.0)}
    assert scores(report.categories) == {"Cards": (2, 1, 50.0), "Loans": (2, 1, 50.0)}

    year = client.get(f"{REPORT}?days=365").context["report"]

    assert year.overall.ratings == 5
    assert by_agent(year.agents)[colleague.pk] == (str(colleague), 2, 2, 100.0)
    assert scores(year.categories)["—"] == (1, 1, 100.0)  # no category


def test_the_latest_ratings_show_their_comments_escaped(client, people, ratings):  # type: ignore[no-untyped-def]
    ticket = Ticket.objects.filter(satisfaction__rating=Rating.BAD).get()
    csat.rate(ticket, Rating.BAD, "<script>alert(1)</script> Nobody called back")
    client.force_login(people["manager"])

    page = client.get(REPORT).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt; Nobody called back" in page
    assert "<script>alert(1)" not in page


@pytest.mark.parametrize(
    ("person", "expected"),
    [("admin", 4), ("manager", 3), ("agent", 3), ("reader", 3), ("outsider", 1)],
)
def test_each_role_counts_the_ratings_of_the_tickets_it_may_see(  # type: ignore[no-untyped-def]
    client, people, ratings, person, expected
):
    client.force_login(people[person])

    report = client.get(REPORT).context["report"]

    assert report.overall.ratings == expected
    if person == "outsider":
        assert [row.name for row in report.teams] == ["Mumbai desk"]


def test_the_report_needs_a_sign_in(client, ratings):  # type: ignore[no-untyped-def]
    assert client.get(REPORT).status_code == 302


def test_an_unknown_period_is_the_default_one(client, people, ratings):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])

    assert client.get(f"{REPORT}?days=7").context["report"].days == 30
    assert client.get(f"{REPORT}?days=x").context["report"].days == 30


def test_the_api_lists_the_ratings_each_user_may_see(people, teams, ratings):  # type: ignore[no-untyped-def]
    cards, _loans = ratings
    admin, outsider = api_client(people["admin"]), api_client(people["outsider"])

    everything = admin.get(f"{API}/satisfaction").json()["items"]
    theirs = outsider.get(f"{API}/satisfaction").json()["items"]
    by_agent = admin.get(f"{API}/satisfaction", {"agent": people["agent"].pk}).json()["items"]
    by_team = admin.get(f"{API}/satisfaction", {"team": teams[1].pk}).json()["items"]
    by_category = admin.get(f"{API}/satisfaction", {"category": cards.pk}).json()["items"]
    year = admin.get(f"{API}/satisfaction", {"days": 365}).json()["items"]

    assert len(everything) == 4
    assert [r["rating"] for r in theirs] == [Rating.AWFUL]
    assert theirs[0]["team"] == teams[1].pk
    assert sorted(r["rating"] for r in by_agent) == [Rating.BAD, Rating.GREAT]
    assert [r["rating"] for r in by_team] == [Rating.AWFUL]
    assert len(by_category) == 2
    assert len(year) == 5
    assert admin.get(f"{API}/satisfaction", {"days": 0}).status_code == 422


def test_the_api_summary_per_role(people, teams, ratings):  # type: ignore[no-untyped-def]
    summary = api_client(people["agent"]).get(f"{API}/satisfaction/summary").json()

    assert summary["days"] == 30
    assert summary["overall"] == {"id": None, "name": "", "ratings": 3, "good": 2, "csat": 66.7}
    assert {t["name"]: t["csat"] for t in summary["teams"]} == {"Dhaka desk": 66.7}
    agents = {a["id"]: (a["ratings"], a["good"]) for a in summary["agents"]}
    assert agents == {people["agent"].pk: (2, 1), people["colleague"].pk: (1, 1)}
    outsider = api_client(people["outsider"]).get(f"{API}/satisfaction/summary").json()
    assert outsider["overall"]["ratings"] == 1
    year = api_client(people["admin"]).get(f"{API}/satisfaction/summary", {"days": 365}).json()
    assert year["overall"]["ratings"] == 5


def test_the_api_needs_a_token(client, ratings):  # type: ignore[no-untyped-def]
    assert client.get(f"{API}/satisfaction").status_code == 401
    assert client.get(f"{API}/satisfaction/summary").status_code == 401
