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
    client = Client()
    client.force_login(space.agent)
    who = [space.agent.pk, space.agent.pk]
    reach = (
        "(c.owner_id = %s OR c.team_id IN "
        "(SELECT team_id FROM core_team_members WHERE user_id = %s))"
    )
    for name, typed, word in SEARCHES:
        phone = word.isdigit()
        if connection.vendor == "sqlite":
            table, match = (
                ("contacts_search_phones", f'"{word}"')
                if phone
                else ("contacts_search_words", f'"{word}"*')
            )
            sql = (
                f"SELECT d.kind, d.record_id, d.title, d.subtitle FROM {table} f "
                "JOIN contacts_search_document d ON d.id = f.rowid "
                "JOIN contacts_contact c ON c.id = d.record_id AND d.kind = 'contact' "
                f"WHERE {table} MATCH %s AND {reach} LIMIT 20"
            )
            params: list[Any] = [match, *who]
        else:
            condition = "d.phones LIKE %s" if phone else "d.lexemes @@ to_tsquery('simple', %s)"
            sql = (
                "SELECT d.kind, d.record_id, d.title, d.subtitle FROM contacts_search_document d "
                "JOIN contacts_contact c ON c.id = d.record_id AND d.kind = 'contact' "
                f"WHERE {condition} AND {reach} LIMIT 20"
            )
            params = [f"%{word}%" if phone else f"'{word}':*", *who]
        yield Workload(name, _searcher(client, typed), raw_sql((sql, params)))


def _searcher(client: Client, typed: str) -> Work:
    return lambda: get(client, f"/search/?q={quote(typed)}")
