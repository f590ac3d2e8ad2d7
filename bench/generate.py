"""A deterministic workspace of realistic size: the same seed gives the same rows every run.

Clients of Bangladeshi, Indian and English-speaking firms, named in their own scripts with a
Latin transliteration, reachable by E.164 phones and emails, spread over teams, owners,
lifecycle stages and companies. Rows go in with raw ``executemany`` in batches: the benchmark
measures reading, not the speed of creating test data.
"""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from sampark.contacts.models import Contact
from sampark.core.models import Team, User
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from sampark.customfields.actions import define_field

# (script, latin) pairs, so that the transliteration matches the name.
BENGALI_GIVEN = [
    ("রহিম", "Rahim"),
    ("ফাতেমা", "Fatema"),
    ("অরিজিৎ", "Arijit"),
    ("শ্রেয়া", "Shreya"),
    ("তানভীর", "Tanvir"),
    ("সুমাইয়া", "Sumaiya"),
    ("প্রবীর", "Prabir"),
    ("নুসরাত", "Nusrat"),
    ("সৌমিত্র", "Soumitra"),
    ("রবীন্দ্র", "Rabindra"),
    ("মাহমুদ", "Mahmud"),
    ("ঐশী", "Oishi"),
    ("ক্ষমা", "Khama"),
    ("ঋতুপর্ণা", "Rituparna"),
    ("আয়েশা", "Ayesha"),
    ("সঞ্চিতা", "Sanchita"),
]
BENGALI_FAMILY = [
    ("উদ্দিন", "Uddin"),
    ("খাতুন", "Khatun"),
    ("সেন", "Sen"),
    ("ব্যানার্জি", "Banerjee"),
    ("হাসান", "Hasan"),
    ("আক্তার", "Akter"),
    ("চক্রবর্তী", "Chakraborty"),
    ("মুখোপাধ্যায়", "Mukhopadhyay"),
    ("চৌধুরী", "Chowdhury"),
    ("ভট্টাচার্য", "Bhattacharya"),
]
HINDI_GIVEN = [
    ("राहुल", "Rahul"),
    ("प्रिया", "Priya"),
    ("अमित", "Amit"),
    ("कविता", "Kavita"),
    ("सुरेश", "Suresh"),
    ("अनीता", "Anita"),
    ("विक्रम", "Vikram"),
    ("क्षितिज", "Kshitij"),
    ("श्रुति", "Shruti"),
    ("ऋषभ", "Rishabh"),
    ("ज्योति", "Jyoti"),
    ("प्रवीण", "Praveen"),
]
HINDI_FAMILY = [
    ("शर्मा", "Sharma"),
    ("वर्मा", "Verma"),
    ("सिंह", "Singh"),
    ("अग्रवाल", "Agarwal"),
    ("त्रिपाठी", "Tripathi"),
    ("श्रीवास्तव", "Srivastava"),
    ("देशपांडे", "Deshpande"),
    ("कृष्णमूर्ति", "Krishnamurthy"),
    ("मिश्रा", "Mishra"),
    ("गुप्ता", "Gupta"),
]
ENGLISH_GIVEN = [
    ("James", "James"),
    ("Meera", "Meera"),
    ("David", "David"),
    ("Sarah", "Sarah"),
    ("Tahmid", "Tahmid"),
    ("Olivia", "Olivia"),
    ("Ethan", "Ethan"),
    ("Grace", "Grace"),
]
ENGLISH_FAMILY = [
    ("Fernandes", "Fernandes"),
    ("Nair", "Nair"),
    ("Gomes", "Gomes"),
    ("Khan", "Khan"),
    ("Smith", "Smith"),
    ("D'Souza", "DSouza"),
    ("Roberts", "Roberts"),
    ("Patel", "Patel"),
]
COMPANY_WORDS = [
    "পদ্মা",
    "মেঘনা",
    "যমুনা",
    "गंगा",
    "यमुना",
    "नर्मदा",
    "Hooghly",
    "Teesta",
    "Brahmaputra",
    "Sundarban",
    "Kaveri",
    "Godavari",
]
COMPANY_KINDS = ["Securities", "Capital", "Textiles", "Traders", "Exports", "Holdings", "Advisers"]
STAGES = ["customer"] * 5 + ["lead"] * 3 + ["qualified"] * 2 + ["subscriber", "churned"]
CHANNELS = ["email", "phone", "sms", "whatsapp", "chat", "in_person"]


@dataclass(frozen=True)
class Workspace:
    agent: User  # whose view the workloads take
    admin: User
    team_ids: list[int]
    sample_contact_ids: list[int]  # contacts the agent may open


def generate(
    contacts: int,
    *,
    seed: int = 7,
    activities: int = 10,
    transactions: int = 5,
    batch: int = 20_000,
) -> Workspace:
    """``contacts`` contacts, a tenth as many companies, and ``activities`` and ``transactions``
    per contact on average."""
    rng = random.Random(seed)
    teams = [Team.objects.create(name=f"Desk {n}") for n in range(20)]
    users = [
        make_user(Role.AGENT, team, username=f"agent{t}-{n}")
        for t, team in enumerate(teams)
        for n in range(5)
    ]
    make_user(Role.ADMIN, username="bench-admin")
    owners = [(user.pk, teams[i // 5].pk) for i, user in enumerate(users)]
    now = timezone.now()

    companies = max(1, contacts // 10)
    _insert(
        "contacts_company",
        [
            "name",
            "domain",
            "industry",
            "size",
            "country",
            "owner_id",
            "team_id",
            "created_at",
            "updated_at",
            "version",
            "custom",
            "external_id",
        ],
        (_company_row(n, rng, owners, now) for n in range(companies)),
        batch,
    )
    first_company = _first_id("contacts_company")
    admin = User.objects.get(username="bench-admin")
    define_field(
        by=admin,
        object="contact",
        key="risk",
        label="Risk profile",
        kind="choice",
        options=[{"key": key, "label": key.title()} for key in RISKS],
    )
    define_field(
        by=admin, object="contact", key="portfolio", label="Portfolio", kind="money", currency="BDT"
    )

    _insert(
        "contacts_contact",
        [
            "display_name",
            "given_name",
            "family_name",
            "latin_name",
            "email",
            "phone",
            "country",
            "language",
            "preferred_channel",
            "time_zone",
            "lifecycle_stage",
            "source",
            "notes",
            "owner_id",
            "team_id",
            "created_at",
            "updated_at",
            "version",
            "custom",
            "external_id",
        ],
        (_contact_row(n, rng, owners, now) for n in range(contacts)),
        batch,
    )
    first = _first_id("contacts_contact")
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO contacts_contactemail (contact_id, address, label, is_primary) "
            "SELECT id, email, 'work', %s FROM contacts_contact",
            [True],
        )
        cursor.execute(
            "INSERT INTO contacts_contactphone (contact_id, number, label, is_primary) "
            "SELECT id, phone, 'mobile', %s FROM contacts_contact",
            [True],
        )
    _insert(
        "contacts_affiliation",
        ["contact_id", "company_id", "title", "role", "is_primary"],
        (
            (first + n, first_company + rng.randrange(companies), "Director", "", True)
            for n in range(contacts)
            if n % 5 < 3
        ),
        batch,
    )
    _insert_history(first, contacts, owners, rng, now, activities, transactions, batch)
    return load_workspace()


def load_workspace() -> Workspace:
    """The workspace a previous run generated in this database (``--reuse``)."""
    agent = User.objects.get(username="agent0-0")
    admin = User.objects.get(username="bench-admin")
    team = agent.team_ids()[0]
    visible = list(
        Contact.objects.filter(team_id=team).order_by("id").values_list("id", flat=True)[:500]
    )
    return Workspace(agent, admin, agent.team_ids(), visible)


RISKS = ["low", "medium", "high"]
ACTIVITY_KINDS = ["call", "email", "note", "meeting", "chat", "sms"]
SUBJECTS = ["Portfolio review", "KYC documents", "Margin call", "IPO enquiry", "Fee question"]
TRADE_ASSETS = ["GP", "BATBC", "SQURPHARMA", "RELIANCE", "TCS", "INFY", "HDFCBANK", "NIFTYBEES"]


def _insert_history(
    first: int,
    contacts: int,
    owners: Sequence[tuple[int, int]],
    rng: random.Random,
    now: Any,
    activities: int,
    transactions: int,
    batch: int,
) -> None:
    """``activities`` and ``transactions`` per contact on average, spread over three years."""

    def activity_rows() -> Iterator[tuple[Any, ...]]:
        for n in range(contacts * activities):
            contact = first + rng.randrange(contacts)
            owner, team = owners[(contact - first) % len(owners)]
            when = now - timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
            kind = ACTIVITY_KINDS[n % len(ACTIVITY_KINDS)]
            yield (
                owner,
                team,
                when,
                when,
                1,
                kind,
                "outbound",
                rng.choice(SUBJECTS),
                "",
                when,
                contact,
                300 if kind == "call" else None,
                "",
                "",
                "[]",
                "[]",
                "",
                "",
                "",
                "[]",
                "",
            )

    _insert(
        "contacts_activity",
        [
            "owner_id",
            "team_id",
            "created_at",
            "updated_at",
            "version",
            "kind",
            "direction",
            "subject",
            "body",
            "occurred_at",
            "contact_id",
            "duration_seconds",
            "outcome",
            "from_address",
            "to_addresses",
            "cc_addresses",
            "message_id",
            "location",
            "video_url",
            "attendees",
            "handle",
        ],
        activity_rows(),
        batch,
    )

    def transaction_rows() -> Iterator[tuple[Any, ...]]:
        for n in range(contacts * transactions):
            contact = first + rng.randrange(contacts)
            owner, team = owners[(contact - first) % len(owners)]
            when = now - timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
            trade = n % 3 == 0
            currency = "BDT" if (contact - first) % 5 < 2 else "INR"
            amount = rng.randrange(1_000, 5_000_000) / 100
            yield (
                owner,
                team,
                when,
                when,
                1,
                contact,
                when,
                "trade" if trade else rng.choice(["purchase", "deposit", "withdrawal"]),
                rng.choice(TRADE_ASSETS),
                rng.randrange(1, 500) if trade else None,
                amount,
                currency,
                round(amount * rng.uniform(-0.2, 0.3), 2) if trade else None,
                "",
                "",
            )

    _insert(
        "contacts_transaction",
        [
            "owner_id",
            "team_id",
            "created_at",
            "updated_at",
            "version",
            "contact_id",
            "occurred_at",
            "kind",
            "product",
            "quantity",
            "amount",
            "currency",
            "profit",
            "external_id",
            "notes",
        ],
        transaction_rows(),
        batch,
    )


def _company_row(
    n: int, rng: random.Random, owners: Sequence[tuple[int, int]], now: Any
) -> tuple[Any, ...]:
    owner, team = owners[n % len(owners)]
    word = rng.choice(COMPANY_WORDS)
    kind = rng.choice(COMPANY_KINDS)
    return (
        f"{word} {kind} {n}",
        f"company{n}.example.com",
        kind,
        "11-50",
        "BD" if n % 2 else "IN",
        owner,
        team,
        now,
        now,
        1,
        "{}",
        "",  # external_id
    )


def _contact_row(
    n: int, rng: random.Random, owners: Sequence[tuple[int, int]], now: Any
) -> tuple[Any, ...]:
    owner, team = owners[n % len(owners)]
    script = n % 5  # 2 in 5 Bengali, 2 in 5 Hindi, 1 in 5 English
    if script < 2:
        (given, g_latin), (family, f_latin) = rng.choice(BENGALI_GIVEN), rng.choice(BENGALI_FAMILY)
        country, language, zone = "BD", "bn", "Asia/Dhaka"
        phone = f"+8801{rng.choice('3456789')}{n % 10**8:08d}"
    elif script < 4:
        (given, g_latin), (family, f_latin) = rng.choice(HINDI_GIVEN), rng.choice(HINDI_FAMILY)
        country, language, zone = "IN", "hi", "Asia/Kolkata"
        phone = f"+91{rng.choice('6789')}{n % 10**9:09d}"
    else:
        (given, g_latin), (family, f_latin) = rng.choice(ENGLISH_GIVEN), rng.choice(ENGLISH_FAMILY)
        country, language, zone = "GB", "en", "Europe/London"
        phone = f"+447700{n % 10**6:06d}"
    updated = now - timedelta(minutes=n)
    return (
        f"{given} {family}",
        given,
        family,
        f"{g_latin} {f_latin}",
        f"{g_latin.lower()}.{f_latin.lower()}{n}@example.com",
        phone,
        country,
        language,
        CHANNELS[n % len(CHANNELS)],
        zone,
        STAGES[n % len(STAGES)],
        "bench",
        "",
        owner,
        team,
        updated,
        updated,
        1,
        # Two custom fields (defined in ``generate``): a risk profile on most contacts, and a
        # portfolio size on every other one.
        json.dumps(
            {"risk": RISKS[n % 7 % 3]}
            | ({"portfolio": rng.randrange(10_000, 50_000_000)} if n % 2 else {})
        )
        if n % 7
        else "{}",
        "",  # external_id
    )


def _insert(table: str, columns: list[str], rows: Iterator[tuple[Any, ...]], batch: int) -> None:
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
    with transaction.atomic(), connection.cursor() as cursor:
        while chunk := list(itertools.islice(rows, batch)):
            cursor.executemany(sql, chunk)


def _first_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MIN(id) FROM {table}")
        return int(cursor.fetchone()[0])
