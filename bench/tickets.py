"""Tickets for the service desk workloads: ``total`` tickets over two years, added to a workspace
that has none, so an earlier 1M-contact workspace can be reused (as bench/deals.py does for
deals).

The mix a desk of a few years has: about 85% solved or closed, spread over two years; about 15%
still to act on (new, open, pending on the client, on hold), mostly from the last weeks. Mostly
normal priority, mostly by email; the client (a random contact) writes in their own language
(Bengali, Hindi or English, as generated), and the ticket is for their first company. Owners and
teams are the workspace's agents and their teams, as for deals; the assignee is the owner, save
for a fifth of the unsolved tickets that nobody has taken yet. Unsolved tickets have SLA due
times, some already missed (late); no SLA policy rows are made, the list reads the times alone.

Rows go in with raw ``executemany`` in batches. What the ticket list does not read is left out:
the threads (``service_ticketmessage``: no first message per ticket), tags, and the search
index, so the list's text filter is not measured: the search layer indexes a ticket in some
2-3 ms, half an hour for a million against minutes for the rows, and the search workloads would
change under it.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from sampark.core.maintenance import optimize_database
from sampark.core.models import Team, User
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from sampark.service.models import Ticket

BATCH = 20_000

# Typical requests to a brokerage's desk, in each client's language.
SUBJECTS = {
    "bn": [
        "কার্ড বন্ধ হয়ে গেছে",
        "লেনদেন আটকে আছে",
        "মাসিক স্টেটমেন্ট পাইনি",
        "পাসওয়ার্ড রিসেট করতে পারছি না",
        "বিও অ্যাকাউন্ট খোলার অবস্থা জানতে চাই",
        "লভ্যাংশ জমা হয়নি",
        "মার্জিন কল সম্পর্কে প্রশ্ন",
        "কেওয়াইসি নথি পাঠালাম",
    ],
    "hi": [
        "कार्ड ब्लॉक हो गया है",
        "लेनदेन अटका हुआ है",
        "मासिक स्टेटमेंट नहीं मिला",
        "पासवर्ड रीसेट नहीं हो रहा",
        "डीमैट खाता खोलने की स्थिति",
        "लाभांश जमा नहीं हुआ",
        "मार्जिन कॉल के बारे में सवाल",
        "केवाईसी दस्तावेज़ भेज दिए",
    ],
    "en": [
        "Card blocked",
        "Trade stuck in pending",
        "Monthly statement missing",
        "Cannot reset my password",
        "Status of my account opening",
        "Dividend not credited",
        "Question about a margin call",
        "KYC documents attached",
    ],
}
# The contacts' languages as bench/generate.py makes them: by their position, 2 in 5 Bengali,
# 2 in 5 Hindi, 1 in 5 English.
LANGUAGES = ["bn", "bn", "hi", "hi", "en"]
UNSOLVED_STATUSES = ["new"] * 20 + ["open"] * 45 + ["pending"] * 25 + ["on_hold"] * 10
PRIORITIES = [1] * 10 + [2] * 65 + [3] * 18 + [4] * 7
CHANNELS = (
    ["email"] * 70 + ["phone"] * 12 + ["web"] * 8 + ["chat"] * 5 + ["portal"] * 3 + ["api"] * 2
)
UNSOLVED_SHARE = 0.15
LATE_SHARE = 0.15  # of the unsolved: their SLA target already missed
# A solved ticket closes for good this long after it was solved.
CLOSES_AFTER = timedelta(days=4)

COLUMNS = [
    "subject",
    "requester_id",
    "company_id",
    "channel",
    "priority",
    "language",
    "status",
    "assignee_id",
    "first_response_at",
    "last_client_message_at",
    "solved_at",
    "messages_count",
    "first_response_due",
    "next_response_due",
    "resolution_due",
    "sla_due_at",
    "created_at",
    "updated_at",
    "owner_id",
    "team_id",
    "version",
    "root_cause",
    "fix",
]


def ensure_tickets(total: int = 1_000_000, seed: int = 7) -> int:
    """The workspace's tickets, made if it has none yet; returns how many there are."""
    found = Ticket.objects.count()
    if found:
        return found
    rng = random.Random(seed)
    with connection.cursor() as cursor:
        # The agents and their teams (not users added later, such as the bench manager), in a
        # fixed order, so the same seed gives the same tickets.
        cursor.execute(
            "SELECT u.id, m.team_id FROM core_user u JOIN core_team_members m ON m.user_id = u.id "
            "WHERE u.username LIKE 'agent%' ORDER BY u.id, m.team_id"
        )
        owners = cursor.fetchall()
        cursor.execute("SELECT MIN(id), MAX(id) FROM contacts_contact")
        first_contact, last_contact = cursor.fetchone()
        # Each client's first company, what a ticket of theirs is for (service/actions.py).
        cursor.execute("SELECT contact_id, company_id FROM contacts_affiliation ORDER BY id DESC")
        companies = dict(cursor.fetchall())
    now = timezone.now()

    def rows() -> Iterator[tuple[Any, ...]]:
        for n in range(total):
            owner, team = owners[n % len(owners)]
            requester = first_contact + rng.randrange(last_contact - first_contact + 1)
            language = LANGUAGES[(requester - first_contact) % len(LANGUAGES)]
            subject = rng.choice(SUBJECTS[language])
            priority = rng.choice(PRIORITIES)
            channel = rng.choice(CHANNELS)
            if rng.random() < UNSOLVED_SHARE:
                row = _unsolved(rng, now, owner)
            else:
                row = _solved(rng, now, owner)
            yield (
                subject,
                requester,
                companies.get(requester),
                channel,
                priority,
                language,
                *row,
                owner,
                team,
            )

    sql = (
        f"INSERT INTO service_ticket ({', '.join(COLUMNS)}) "
        f"VALUES ({', '.join(['%s'] * len(COLUMNS))})"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        made = rows()
        while chunk := list(itertools.islice(made, BATCH)):
            cursor.executemany(sql, [(*row, 1, "", "") for row in chunk])
    # What a running Sampark's daily optimize does: the planner's statistics of the new table.
    optimize_database()
    return total


def _solved(rng: random.Random, now: datetime, owner: int) -> tuple[Any, ...]:
    """A solved or closed ticket's columns from ``status`` to ``updated_at`` (COLUMNS' order)."""
    created = now - timedelta(minutes=rng.randrange(60, 730 * 24 * 60))
    answered = created + timedelta(minutes=rng.randrange(5, 8 * 60))
    client_wrote = created + timedelta(minutes=rng.randrange(0, 3 * 24 * 60))
    solved = min(
        max(answered, client_wrote) + timedelta(minutes=rng.randrange(10, 10 * 24 * 60)),
        now - timedelta(minutes=1),
    )
    closed = now - solved > CLOSES_AFTER
    status = "closed" if closed else "solved"
    updated = solved + CLOSES_AFTER if closed else solved
    return (
        status,
        owner,
        min(answered, solved),
        min(client_wrote, solved),
        solved,
        rng.randrange(2, 9),
        None,
        None,
        None,
        None,
        created,
        updated,
    )


def _unsolved(rng: random.Random, now: datetime, owner: int) -> tuple[Any, ...]:
    """The same for a ticket still to act on, with its SLA due times."""
    # Most arrived in the last month; on-hold and pending ones may be older.
    days = rng.randrange(0, 30) if rng.random() < 0.85 else rng.randrange(30, 180)
    created = now - timedelta(days=days, minutes=rng.randrange(1, 24 * 60))
    status = rng.choice(UNSOLVED_STATUSES)
    assignee = None if rng.random() < 0.2 else owner
    answered = None if status == "new" else created + timedelta(minutes=rng.randrange(5, 8 * 60))
    answered = min(answered, now) if answered else None
    client_wrote = created + (now - created) * rng.random() * 0.8
    updated = max(answered or created, client_wrote) + (now - client_wrote) * rng.random() * 0.2
    updated = min(updated, now)
    if rng.random() < LATE_SHARE:
        due = now - timedelta(minutes=rng.randrange(1, 3 * 24 * 60))
    else:
        due = now + timedelta(minutes=rng.randrange(5, 5 * 24 * 60))
    due = max(due, created + timedelta(minutes=30))
    return (
        status,
        assignee,
        answered,
        client_wrote,
        None,
        1 if status == "new" else rng.randrange(2, 7),
        # The first answer is due until given; then the next one is what runs.
        created + timedelta(hours=4) if answered else due,
        due if answered else None,
        max(due, created + timedelta(days=3)),
        due,
        created,
        updated,
    )


def bench_manager() -> User:
    """A manager of the first two desks, made once: whose view the "late first" lists take."""
    found = User.objects.filter(username="bench-manager").first()
    if found is not None:
        return found
    teams = Team.objects.filter(name__in=["Desk 0", "Desk 1"]).order_by("name")
    return make_user(Role.MANAGER, *teams, username="bench-manager")
