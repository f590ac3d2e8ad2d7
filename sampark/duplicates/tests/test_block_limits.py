from __future__ import annotations

import pytest

from sampark.contacts import actions
from sampark.contacts.models import Company
from sampark.duplicates.detection import Limits, find_candidates_for, scan
from sampark.duplicates.models import Pair, RecordKind
from sampark.duplicates.tests.factories import contact

pytestmark = pytest.mark.django_db

SMALL = Limits(block=3, split=6)


def test_a_common_name_beyond_the_block_limit_is_not_compared_pair_by_pair(people):
    agent = people["agent"]
    rahmans = [
        contact(agent, name)
        for name in ["Mohammad Rahman", "Md. Rahman", "Md Rahman", "Mohd Rahman"]
    ]

    report = scan(RecordKind.CONTACT, full=True, limits=SMALL)

    assert not Pair.objects.exists()
    assert ["n:mhmd rhmn", len(rahmans)] in report.scan.skipped


def test_a_big_block_is_split_by_workplace_and_compared_within_each_part(people):
    agent = people["agent"]
    padma = Company.objects.create(name="Padma", owner=agent)
    same_firm = [contact(agent, "Mohammad Rahman"), contact(agent, "Md. Rahman")]
    for person in same_firm:
        actions.link_company(person, padma, by=agent)
    for name in ["Mohd Rahman", "Muhammad Rahman"]:
        contact(agent, name)

    scan(RecordKind.CONTACT, full=True, limits=SMALL)

    pair = Pair.objects.get()
    assert {pair.a_id, pair.b_id} == {p.pk for p in same_firm}
    assert {"code": "same_company"} in pair.reasons


def test_a_block_beyond_the_split_limit_is_skipped_whole(people):
    agent = people["agent"]
    for n in range(7):
        contact(agent, "Mohammad Rahman", email=f"rahman{n}@example.com")

    report = scan(RecordKind.CONTACT, full=True, limits=SMALL)

    assert ["n:mhmd rhmn", 7] in report.scan.skipped
    assert not Pair.objects.exists()


def test_one_email_shared_by_too_many_records_is_skipped_not_split(people):
    agent = people["agent"]
    for n in range(4):
        contact(agent, f"Person {n}", email="info@example.com")

    report = scan(RecordKind.CONTACT, full=True, limits=SMALL)

    assert ["e:info@example.com", 4] in report.scan.skipped
    assert not Pair.objects.exists()


def test_a_new_record_in_a_big_block_is_checked_within_its_workplace_only(people):
    agent = people["agent"]
    padma = Company.objects.create(name="Padma", owner=agent)
    colleague = contact(agent, "Mohammad Rahman")
    actions.link_company(colleague, padma, by=agent)
    for name in ["Mohd Rahman", "Muhammad Rahman", "Md Rahman"]:
        contact(agent, name)
    newcomer = contact(agent, "Md. Rahman")
    actions.link_company(newcomer, padma, by=agent)

    assert find_candidates_for([newcomer.pk], limits=SMALL) == 1
    pair = Pair.objects.get()
    assert {pair.a_id, pair.b_id} == {colleague.pk, newcomer.pk}
