"""A searchable workspace: 100+ Bengali, Hindi and English contacts and companies, made through
the contact actions (so the index is written exactly as in production).

Use the module-scoped ``catalogue`` fixture: the records are made once per test module, inside a
transaction rolled back when the module is done, and each test runs in a savepoint within it.
Import it into a test module as ``catalogue = search_fixture.catalogue``.

Everything named below is in the Dhaka desk unless it says Mumbai. The bulk names were picked so
that none of them answers the queries the tests make ("মুখো", "Ban", "কাল", "Rahman", …).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from sampark.contacts import actions, search
from sampark.contacts.models import Company, Contact, Tag
from sampark.core.models import Team, User
from sampark.core.roles import Role
from sampark.core.tests.factories import TeamFactory, make_user

BENGALI_GIVEN = ["আনিসুর", "রফিক", "সুমাইয়া", "তানভীর", "নুসরাত", "মাহমুদ", "ফারহানা", "সাকিব", "জান্নাতুল", "ইমরান"]
BENGALI_FAMILY = ["হোসেন", "আহমেদ", "চৌধুরী", "ইসলাম"]
HINDI_GIVEN = ["अमित", "प्रिया", "राहुल", "सुनीता", "विकास", "अंजलि", "रोहन", "नेहा"]
HINDI_FAMILY = ["शर्मा", "वर्मा", "गुप्ता", "सिंह"]
ENGLISH_GIVEN = ["Oliver", "Amelia", "Harry", "Isla", "Jack", "Grace"]
ENGLISH_FAMILY = ["Smith", "Taylor", "Wilson", "Evans"]


@dataclass
class Catalogue:
    people: dict[str, User]
    teams: dict[str, Team]
    contacts: dict[str, Contact] = field(default_factory=dict)
    companies: dict[str, Company] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """Contacts and companies in the database now."""
        return Contact.objects.count() + Company.objects.count()

    # The instances above are shared by every test of a module, but each test's writes are rolled
    # back: a test that changes a record must start from a fresh copy of the row.
    def contact(self, key: str) -> Contact:
        return Contact.objects.get(pk=self.contacts[key].pk)

    def company(self, key: str) -> Company:
        return Company.objects.get(pk=self.companies[key].pk)


def tag(record: Contact | Company, *names: str) -> None:
    """Tag a record and reindex it, as a tagging action will (there is none yet)."""
    record.tags.add(*(Tag.objects.get_or_create(name=name)[0] for name in names))
    if isinstance(record, Contact):
        search.index_contact(record)
    else:
        search.index_company(record)


def build_catalogue() -> Catalogue:
    dhaka = TeamFactory(name="Dhaka desk")
    mumbai = TeamFactory(name="Mumbai desk")
    people = {
        "admin": make_user(Role.ADMIN, username="search-admin"),
        "agent": make_user(Role.AGENT, dhaka, username="search-agent"),
        "colleague": make_user(Role.AGENT, dhaka, username="search-colleague"),
        "reader": make_user(Role.READ_ONLY, dhaka, username="search-reader"),
        "outsider": make_user(Role.AGENT, mumbai, username="search-outsider"),
    }
    c = Catalogue(people=people, teams={"dhaka": dhaka, "mumbai": mumbai})
    agent, outsider = people["agent"], people["outsider"]

    def company(key: str, by: User = agent, **values: Any) -> Company:
        c.companies[key] = actions.create_company(by=by, **values)
        return c.companies[key]

    def contact(key: str, by: User = agent, **values: Any) -> Contact:
        c.contacts[key] = actions.create_contact(by=by, **values)
        return c.contacts[key]

    sampark = company("sampark", name="সম্পর্ক ক্লায়েন্ট সার্ভিস", domain="samparkclient.com.bd")
    padma = company("padma", name="Padma Traders", domain="padmatraders.com", industry="Jute")
    grahak = company("grahak", name="ग्राहक प्रबंधन सेवा", domain="grahak.in")
    company("mills", by=outsider, name="Mumbai Mills", domain="mumbaimills.in")
    tag(sampark, "ক্লায়েন্ট")

    prabir = contact(
        "prabir",
        display_name="প্রবীর মুখোপাধ্যায়",
        given_name="প্রবীর",
        family_name="মুখোপাধ্যায়",
        latin_name="Prabir Mukhopadhyay",
        phone="01711-000001",
        country="BD",
        emails=["prabir@padmatraders.com", "prabir.home@example.com"],
    )
    actions.link_company(prabir, padma, by=agent, title="Buyer", is_primary=True)
    shreya = contact(
        "shreya",
        display_name="শ্রেয়া বন্দ্যোপাধ্যায়",
        latin_name="Shreya Bandyopadhyay",
        phone="+8801811000002",
        email="shreya.b@example.com",
    )
    actions.link_company(shreya, sampark, by=agent, title="ক্লায়েন্ট ম্যানেজার")
    tag(shreya, "ক্লায়েন্ট", "ভিআইপি")
    kshitij = contact(
        "kshitij",
        display_name="क्षितिज श्रीवास्तव",
        latin_name="Kshitij Srivastava",
        phone="+91 98200 00003",
        email="kshitij@grahak.in",
    )
    actions.link_company(kshitij, grahak, by=agent, title="प्रबंधक")
    tag(kshitij, "ग्राहक")
    contact("banerjee", display_name="Amit Banerjee", email="amit@banerjee.co.uk", country="GB")
    # Ranking: a whole-word "Rahman", a prefix "Rahmani" and a typo away "Rehman".
    contact("rahman", display_name="Mizanur Rahman", phone="+8801911000004")
    contact("rahmani", display_name="Sultana Rahmani")
    contact("rehman", display_name="Aamir Rehman")
    contact("jose", display_name="José O\u2019Brien", email="jose@example.com")
    # Seen only by the Mumbai desk.
    contact("prabir_sen", by=outsider, display_name="Prabir Sen", phone="+919820000005")

    n = itertools.count(100)
    bulk = [
        *itertools.product(BENGALI_GIVEN, BENGALI_FAMILY, ["BD"]),
        *itertools.product(HINDI_GIVEN, HINDI_FAMILY, ["IN"]),
        *itertools.product(ENGLISH_GIVEN, ENGLISH_FAMILY, ["GB"]),
    ]
    owners = [agent, people["colleague"], outsider]
    for i, (given, family, country) in enumerate(bulk):
        serial = next(n)
        phone = {
            "BD": f"+8801912{serial:06d}",
            "IN": f"+919900{serial:06d}",
            "GB": f"+447911{serial:06d}",
        }[country]
        contact(
            f"bulk{serial}",
            by=owners[i % len(owners)],
            display_name=f"{given} {family}",
            given_name=given,
            family_name=family,
            phone=phone,
            country=country,
            email=f"person{serial}@example.org",
        )
    return c


@pytest.fixture(scope="module")
def catalogue(django_db_setup: None, django_db_blocker: Any) -> Iterator[Catalogue]:
    with django_db_blocker.unblock(), transaction.atomic():
        # Real password hashing would cost seconds for five users nobody signs in as.
        with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
            built = build_catalogue()
        yield built
        transaction.set_rollback(True)


def titles(hits: list[search.Hit]) -> list[str]:
    return [hit.title for hit in hits]
