"""The measured workloads, each beside the hand-written SQL that does the same reading.

A workload is timed as the server spends it: requests through Django's full stack (middleware,
session, permission layer, template) by an in-process test client, no network. Its baseline is
the raw SQL a hand-written page would need for the same rows, on the same connection; it is set
against the views' own time without rendering (see bench/timing.py), the part that does the
same work.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bench.deals import ensure_deals
from bench.generate import Workspace
from bench.tickets import bench_manager, ensure_tickets
from sampark.agenda.views_tasks import RECENT_DONE
from sampark.contacts.models import Contact

Work = Callable[[], Any]


@dataclass(frozen=True)
class Workload:
    name: str
    ours: Work
    raw: Work
    through_views: bool = True  # requests to views; else ORM calls, timed whole
    repeat: int | None = None  # at most this many runs (a heavy workload); else --repeat


def raw_sql(*statements: tuple[str, list[Any]]) -> Work:
    def run() -> Any:
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()

    return run


def get(client: Client, url: str, headers: dict[str, str] | None = None) -> Any:
    response = client.get(url, headers=headers)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return response


# What a contact list page shows in its default columns (stage, email, phone, the custom
# fields, owner, updated), and so what a hand-written one would read.
LISTED = (
    "c.id, c.display_name, c.owner_id, c.lifecycle_stage, c.updated_at, c.email, c.phone, c.custom"
)


def workloads(space: Workspace, rng: random.Random) -> Iterator[Workload]:
    client = Client()
    client.force_login(space.agent)
    reach = (
        "(c.owner_id = %s OR c.team_id IN "
        "(SELECT team_id FROM core_team_members WHERE user_id = %s))"
    )
    who = [space.agent.pk, space.agent.pk]

    yield Workload(
        "contact list: first page, by name",
        lambda: get(client, "/contacts/"),
        raw_sql(
            (
                f"SELECT {LISTED}, u.username, u.first_name, u.last_name FROM contacts_contact c "
                f"JOIN core_user u ON u.id = c.owner_id WHERE {reach} "
                "ORDER BY c.display_name, c.id LIMIT 51",
                who,
            ),
            (
                f"SELECT COUNT(*) FROM (SELECT c.id FROM contacts_contact c WHERE {reach} LIMIT 1001) t",
                who,
            ),
        ),
    )
    yield Workload(
        "contact list: customers, recently updated first",
        lambda: get(client, "/contacts/?stage=customer&sort=updated"),
        raw_sql(
            (
                f"SELECT {LISTED}, u.username, u.first_name, u.last_name FROM contacts_contact c "
                f"JOIN core_user u ON u.id = c.owner_id WHERE {reach} "
                "AND c.lifecycle_stage = %s ORDER BY c.updated_at DESC, c.id DESC LIMIT 51",
                [*who, "customer"],
            ),
            (
                f"SELECT COUNT(*) FROM (SELECT c.id FROM contacts_contact c WHERE {reach} "
                "AND c.lifecycle_stage = %s LIMIT 1001) t",
                [*who, "customer"],
            ),
        ),
    )

    risk = (
        "json_extract(c.custom, '$.risk')"
        if connection.vendor == "sqlite"
        else "(c.custom ->> 'risk')"
    )
    portfolio = (
        "json_extract(c.custom, '$.portfolio')"
        if connection.vendor == "sqlite"
        else "((c.custom ->> 'portfolio')::float8)"
    )
    yield Workload(
        "contact list: custom field filter and sort",
        lambda: get(client, "/contacts/?cf_risk=high&sort=cf_portfolio"),
        raw_sql(
            (
                f"SELECT {LISTED}, u.username, u.first_name, u.last_name FROM contacts_contact c "
                f"JOIN core_user u ON u.id = c.owner_id WHERE {reach} AND {risk} = %s "
                f"ORDER BY {portfolio} ASC NULLS LAST, c.id LIMIT 51",
                [*who, "high"],
            ),
            (
                f"SELECT COUNT(*) FROM (SELECT c.id FROM contacts_contact c WHERE {reach} "
                f"AND {risk} = %s LIMIT 1001) t",
                [*who, "high"],
            ),
        ),
    )

    def open_contact() -> Any:
        # The page, then the four parts it loads as soon as it is shown, as the browser asks.
        pk = rng.choice(space.sample_contact_ids)
        get(client, reverse("contacts:detail", args=[pk]))
        for name, args in CONTACT_PAGE_PARTS:
            get(client, reverse(name, args=[*args, pk]), headers={"HX-Request": "true"})

    yield Workload("contact 360 page", open_contact, raw_contact_page(space, rng, reach, who))


# The parts a contact's page loads once shown: timeline, purchases, tasks, comments.
CONTACT_PAGE_PARTS = [
    ("contacts:contact_timeline", []),
    ("contacts:contact_transactions", []),
    ("agenda:contact_tasks", []),
    ("collab:comments", ["contact"]),
]


def raw_contact_page(space: Workspace, rng: random.Random, reach: str, who: list[int]) -> Work:
    """What a hand-written 360 page reads: the contact with its owner and team, emails, phones,
    addresses, tags, companies, next task and last interaction; then the newest interactions
    with their attachments, the purchase figures and newest transactions, open and recently
    done tasks, and comments."""
    yes = True
    comment_type = ContentType.objects.get_for_model(Contact).pk
    me = space.agent.pk

    def reach_of(alias: str) -> str:
        return reach.replace("c.", f"{alias}.")

    def run() -> None:
        pk = rng.choice(space.sample_contact_ids)
        with connection.cursor() as cursor:

            def rows(sql: str, params: list[Any]) -> list[Any]:
                cursor.execute(sql, params)
                return cursor.fetchall()

            rows(
                "SELECT c.*, u.first_name, u.last_name, u.username, t.name FROM contacts_contact c "
                "JOIN core_user u ON u.id = c.owner_id LEFT JOIN core_team t ON t.id = c.team_id "
                f"WHERE c.id = %s AND {reach}",
                [pk, *who],
            )
            for table in ("contactemail", "contactphone", "address"):
                rows(f"SELECT * FROM contacts_{table} WHERE contact_id = %s", [pk])
            rows(
                "SELECT t.* FROM contacts_tag t JOIN contacts_contact_tags ct ON ct.tag_id = t.id "
                "WHERE ct.contact_id = %s ORDER BY t.name",
                [pk],
            )
            rows(
                "SELECT a.*, co.* FROM contacts_affiliation a JOIN contacts_company co "
                f"ON co.id = a.company_id WHERE a.contact_id = %s AND {reach_of('co')}",
                [pk, *who],
            )
            rows(
                f"SELECT * FROM agenda_task c WHERE c.contact_id = %s AND c.is_open = %s AND {reach} "
                "ORDER BY c.due_at ASC NULLS LAST, c.id LIMIT 1",
                [pk, yes, *who],
            )
            rows(
                "SELECT c.kind, c.occurred_at FROM contacts_activity c "
                f"WHERE c.contact_id = %s AND {reach} ORDER BY c.occurred_at DESC, c.id DESC LIMIT 1",
                [pk, *who],
            )
            activities = rows(
                "SELECT c.*, u.username, u.first_name, u.last_name, co.name "
                "FROM contacts_activity c JOIN core_user u ON u.id = c.owner_id "
                "LEFT JOIN contacts_company co ON co.id = c.company_id "
                f"WHERE c.contact_id = %s AND {reach} ORDER BY c.occurred_at DESC, c.id DESC "
                "LIMIT 21",
                [pk, *who],
            )
            ids = [row[0] for row in activities] or [0]
            rows(
                "SELECT * FROM contacts_attachment WHERE activity_id IN "
                f"({', '.join(['%s'] * len(ids))})",
                ids,
            )
            rows(
                "SELECT c.kind, c.currency, COUNT(*), SUM(c.amount), SUM(c.profit), "
                "MIN(c.occurred_at), MAX(c.occurred_at) FROM contacts_transaction c "
                f"WHERE c.contact_id = %s AND {reach} GROUP BY 1, 2",
                [pk, *who],
            )
            rows(
                "SELECT c.product, COUNT(*) FROM contacts_transaction c WHERE c.contact_id = %s "
                f"AND {reach} AND c.kind IN ('purchase', 'trade') AND c.product <> '' "
                "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 3",
                [pk, *who],
            )
            rows(
                f"SELECT c.* FROM contacts_transaction c WHERE c.contact_id = %s AND {reach} "
                "ORDER BY c.occurred_at DESC, c.id DESC LIMIT 11",
                [pk, *who],
            )
            task_columns = "c.*, u.username, u.first_name, u.last_name"
            rows(
                f"SELECT {task_columns} FROM agenda_task c JOIN core_user u ON u.id = c.owner_id "
                f"WHERE c.contact_id = %s AND c.is_open = %s AND {reach} "
                "ORDER BY c.due_at ASC NULLS LAST, c.id LIMIT 50",
                [pk, yes, *who],
            )
            rows(
                f"SELECT {task_columns} FROM agenda_task c JOIN core_user u ON u.id = c.owner_id "
                f"WHERE c.contact_id = %s AND c.status = 'done' AND {reach} "
                f"ORDER BY c.completed_at DESC, c.id DESC LIMIT {RECENT_DONE}",
                [pk, *who],
            )
            rows(
                "SELECT 1 FROM collab_follow WHERE content_type_id = %s AND object_id = %s "
                "AND user_id = %s LIMIT 1",
                [comment_type, pk, me],
            )
            rows(
                "SELECT m.*, u.username, u.first_name, u.last_name FROM collab_comment m "
                "JOIN core_user u ON u.id = m.author_id WHERE m.content_type_id = %s "
                "AND m.object_id = %s ORDER BY m.created_at DESC, m.id DESC LIMIT 31",
                [comment_type, pk],
            )

    return run


# Queries a user types into the header's search box: a prefix in each script, an email, the
# middle of a phone number.
SEARCHES = [
    ("search: Bengali name prefix", "মুখো", "মুখো"),
    ("search: Hindi name prefix", "श्रीवा", "श्रीवा"),
    ("search: Latin name prefix", "Bane", "bane"),
    ("search: whole email", "rahim.uddin120@example.com", "rahim.uddin120@example.com"),
    ("search: phone fragment", "1711000120", "1711000120"),
]


def search_workloads(space: Workspace) -> Iterator[Workload]:
    """Each search beside the hand-written query a ranked search needs: the index lookup kept
    to the agent's owner and team words, ranked, and the visibility check of each hit."""
    client = Client()
    client.force_login(space.agent)
    who = [space.agent.pk, space.agent.pk]
    reach = (
        "(c.owner_id = %s OR c.team_id IN "
        "(SELECT team_id FROM core_team_members WHERE user_id = %s))"
    )
    access = [f"owner{space.agent.pk}", *(f"team{team}" for team in space.team_ids)]
    for name, typed, word in SEARCHES:
        phone = word.isdigit()
        if connection.vendor == "sqlite":
            if phone:
                source, match = "contacts_search_phones", f'"{word}"'
                rank = "d.updated_at DESC"  # a fragment has no rank: the latest first
            else:
                allowed = " OR ".join(f'"{token}"' for token in access)
                source = "contacts_search_words"
                match = f'{{names other}} : ("{word}"*) AND access : ({allowed})'
                rank = "bm25(contacts_search_words, 5.0, 1.0, 0.0)"
            sql = (
                f"SELECT d.kind, d.record_id, d.title, d.subtitle FROM {source} f "
                "JOIN contacts_search_document d ON d.id = f.rowid "
                "JOIN contacts_contact c ON c.id = d.record_id AND d.kind = 'contact' "
                f"WHERE {source} MATCH %s AND {reach} ORDER BY {rank} LIMIT 20"
            )
            params: list[Any] = [match, *who]
        else:
            if phone:
                condition, rank = "d.phones LIKE %s", "d.updated_at DESC"
                params = [f"%{word}%"]
            else:
                condition = "d.lexemes @@ to_tsquery('simple', %s) AND d.access && %s::text[]"
                rank = "ts_rank(d.lexemes, to_tsquery('simple', %s)) DESC"
                params = [f"'{word}':*", access]
            sql = (
                "SELECT d.kind, d.record_id, d.title, d.subtitle FROM contacts_search_document d "
                "JOIN contacts_contact c ON c.id = d.record_id AND d.kind = 'contact' "
                f"WHERE {condition} AND {reach} ORDER BY {rank} LIMIT 20"
            )
            params = [*params, *who, *([f"'{word}':*"] if not phone else [])]
        yield Workload(name, _searcher(client, typed), raw_sql((sql, params)))


def _searcher(client: Client, typed: str) -> Work:
    return lambda: get(client, f"/search/?q={quote(typed)}")


def floor_workloads(space: Workspace, rng: random.Random) -> Iterator[Workload]:
    """What the ORM itself costs beside raw SQL, with no view, permission or template around
    it: the floor under any ratio of a page made of small indexed reads (a 360 page, a search
    for one email). A page of N such reads cannot come nearer its raw SQL than this."""
    ids = space.sample_contact_ids

    def one_contact() -> Any:
        return Contact.objects.filter(pk=rng.choice(ids)).first()

    def raw_contact() -> Any:
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM contacts_contact WHERE id = %s", [rng.choice(ids)])
            return cursor.fetchone()

    yield Workload("floor: one contact by key, ORM", one_contact, raw_contact, through_views=False)

    def first_page() -> Any:
        return list(Contact.objects.visible_to(space.agent).order_by("display_name", "id")[:51])

    reach = (
        "(owner_id = %s OR team_id IN (SELECT team_id FROM core_team_members WHERE user_id = %s))"
    )
    yield Workload(
        "floor: 51 contacts by name, ORM",
        first_page,
        raw_sql(
            (
                f"SELECT * FROM contacts_contact WHERE {reach} ORDER BY display_name, id LIMIT 51",
                [space.agent.pk, space.agent.pk],
            )
        ),
        through_views=False,
    )


def sales_workloads(space: Workspace, deals: int) -> Iterator[Workload]:
    """The board of a pipeline holding a tenth of ``deals`` open, and the forecast over all of
    them, as an admin sees them (every deal), beside the SQL a hand-written page would run: the
    board's column totals and each column's first cards; the forecast's two aggregates."""
    board = ensure_deals(board=deals // 10, total=deals)
    client = Client()
    client.force_login(space.admin)
    stages = list(board.stages.order_by("position").values_list("pk", flat=True))
    cards = (
        "SELECT d.*, c.display_name, co.name FROM sales_deal d "
        "LEFT JOIN contacts_contact c ON c.id = d.contact_id "
        "LEFT JOIN contacts_company co ON co.id = d.company_id "
        "WHERE d.pipeline_id = %s AND d.status = 'open' AND d.stage_id = %s "
        "ORDER BY d.expected_close, d.id LIMIT 31"
    )
    yield Workload(
        f"sales: board of {deals // 10:,} open deals",
        lambda: get(client, reverse("sales:board", args=[board.pk])),
        raw_sql(
            (
                "SELECT stage_id, COUNT(*), SUM(amount_base) FROM sales_deal "
                "WHERE pipeline_id = %s AND status = 'open' GROUP BY stage_id",
                [board.pk],
            ),
            *((cards, [board.pk, stage]) for stage in stages),
        ),
    )
    if connection.vendor == "sqlite":
        quarter = "strftime('%%Y', {0}) || ((CAST(strftime('%%m', {0}) AS INTEGER) + 2) / 3)"
    else:
        quarter = "date_trunc('quarter', {0})"
    yield Workload(
        f"sales: forecast over {deals:,} deals",
        lambda: get(client, reverse("sales:forecast")),
        raw_sql(
            (
                f"SELECT {quarter.format('d.expected_close')}, d.forecast_category, COUNT(*), "
                "SUM(d.amount_base), SUM(d.amount_base * s.probability / 100) FROM sales_deal d "
                "JOIN sales_stage s ON s.id = d.stage_id WHERE d.status = 'open' "
                "AND d.expected_close < %s GROUP BY 1, 2",
                [timezone.localdate() + timedelta(days=400)],
            ),
            (
                f"SELECT {quarter.format('closed_at')}, COUNT(*), SUM(amount_base) "
                "FROM sales_deal WHERE status = 'won' AND closed_at >= %s GROUP BY 1",
                [timezone.now() - timedelta(days=200)],
            ),
        ),
    )


# What the ticket list shows of each ticket (number and subject, client, status, priority, SLA,
# queue, assignee, last activity), and so what a hand-written one would read; the queue's and the
# assignee's names come from the cached name maps (core/cached.py), the client's by one query.
TICKET_COLUMNS = (
    "t.id, t.subject, t.requester_id, t.status, t.priority, t.sla_due_at, t.team_id, "
    "t.assignee_id, t.updated_at"
)
# The flag the database keeps from the status (Ticket.unsolved), as a hand-written list would use.
UNSOLVED_SQL = "t.unsolved"


def ticket_workloads(space: Workspace, tickets: int) -> Iterator[Workload]:
    """The ticket list over ``tickets`` tickets, as the desk's people open it: an agent's queue
    (their team's tickets, through the permission layer), an admin's (all), a manager's late
    tickets first and their missed SLAs, and one queue's high-priority tickets. Beside each, the
    SQL a hand-written list needs for the same rows: the page of 51 with the columns shown, the
    count capped at 1,001, and the names of the page's clients."""
    ensure_tickets(total=tickets)
    manager = bench_manager()
    team = space.team_ids[0]
    agent, admin = Client(), Client()
    agent.force_login(space.agent)
    admin.force_login(space.admin)
    boss = Client()
    boss.force_login(manager)
    reach = (
        "(t.owner_id = %s OR t.team_id IN "
        "(SELECT team_id FROM core_team_members WHERE user_id = %s))"
    )
    recent = "t.updated_at DESC, t.id DESC"

    def listed(
        name: str, client: Client, url: str, where: str, params: list[Any], order: str = recent
    ) -> Workload:
        return Workload(
            f"tickets: {name}",
            lambda: get(client, url),
            raw_ticket_list(where, params, order),
        )

    yield listed(
        "agent's queue, unsolved, recent first",
        agent,
        "/service/",
        f"{reach} AND {UNSOLVED_SQL}",
        [space.agent.pk, space.agent.pk],
    )
    yield listed(
        "admin, all unsolved, recent first",
        admin,
        "/service/",
        UNSOLVED_SQL,
        [],
    )
    yield listed(
        "manager, late first (sort=due)",
        boss,
        "/service/?sort=due",
        # The list's "next due first": the tickets with an SLA target running.
        f"{reach} AND {UNSOLVED_SQL} AND t.sla_due_at IS NOT NULL",
        [manager.pk, manager.pk],
        "t.sla_due_at, t.id",
    )
    yield listed(
        "manager, SLA missed (sla=breached)",
        boss,
        "/service/?sla=breached",
        f"{reach} AND {UNSOLVED_SQL} AND t.sla_due_at <= %s",
        [manager.pk, manager.pk, timezone.now],
    )
    yield listed(
        "agent's queue, high priority",
        agent,
        f"/service/?queue={team}&priority=3",
        f"{reach} AND t.team_id = %s AND {UNSOLVED_SQL} AND t.priority = %s",
        [space.agent.pk, space.agent.pk, team, 3],
    )


def raw_ticket_list(where: str, params: list[Any], order: str) -> Work:
    """A hand-written ticket list page: its 51 rows, its count up to 1,001, its clients' names.
    A callable among ``params`` is called on each run (the time now, for missed SLAs)."""
    page = f"SELECT {TICKET_COLUMNS} FROM service_ticket t WHERE {where} ORDER BY {order} LIMIT 51"
    count = f"SELECT COUNT(*) FROM (SELECT 1 FROM service_ticket t WHERE {where} LIMIT 1001) s"

    def run() -> None:
        values = [value() if callable(value) else value for value in params]
        with connection.cursor() as cursor:
            cursor.execute(page, values)
            clients = sorted({row[2] for row in cursor.fetchall() if row[2] is not None})
            cursor.execute(count, values)
            cursor.fetchall()
            if clients:
                cursor.execute(
                    "SELECT id, display_name FROM contacts_contact "
                    f"WHERE id IN ({', '.join(['%s'] * len(clients))})",
                    clients,
                )
                cursor.fetchall()

    return run
