"""The measured workloads, each beside the hand-written SQL that does the same reading.

A workload is timed as the server spends it: a request through Django's full stack (middleware,
session, permission layer, template) by an in-process test client, no network. Its baseline is
the raw SQL a hand-written page would need for the same rows, on the same connection.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.db import connection
from django.test import Client

from bench.generate import Workspace

Work = Callable[[], Any]


@dataclass(frozen=True)
class Workload:
    name: str
    ours: Work
    raw: Work


def raw_sql(*statements: tuple[str, list[Any]]) -> Work:
    def run() -> Any:
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()

    return run


def get(client: Client, url: str) -> Any:
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return response


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
                "SELECT c.*, u.username, u.first_name, u.last_name FROM contacts_contact c "
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
                "SELECT c.*, u.username, u.first_name, u.last_name FROM contacts_contact c "
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
                "SELECT c.*, u.username, u.first_name, u.last_name FROM contacts_contact c "
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
        return get(client, f"/contacts/{rng.choice(space.sample_contact_ids)}/")

    def raw_contact() -> Any:
        pk = rng.choice(space.sample_contact_ids)
        return raw_sql(
            (f"SELECT c.* FROM contacts_contact c WHERE c.id = %s AND {reach}", [pk, *who]),
            ("SELECT * FROM contacts_contactemail WHERE contact_id = %s", [pk]),
            ("SELECT * FROM contacts_contactphone WHERE contact_id = %s", [pk]),
            (
                "SELECT t.* FROM contacts_tag t JOIN contacts_contact_tags ct ON ct.tag_id = t.id "
                "WHERE ct.contact_id = %s",
                [pk],
            ),
            (
                "SELECT a.*, co.name FROM contacts_affiliation a JOIN contacts_company co "
                "ON co.id = a.company_id WHERE a.contact_id = %s",
                [pk],
            ),
        )()

    yield Workload("contact 360 page", open_contact, raw_contact)


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
