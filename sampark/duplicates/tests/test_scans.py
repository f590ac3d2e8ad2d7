from __future__ import annotations

import pytest
from django.core.management import call_command

from sampark.contacts import actions
from sampark.duplicates.actions import dismiss_pair
from sampark.duplicates.detection import find_candidates_for, scan
from sampark.duplicates.models import ContactKey, Pair, PairStatus, RecordKind, Scan
from sampark.duplicates.tests.factories import company, contact

pytestmark = pytest.mark.django_db


def test_a_full_scan_finds_every_pair_once(people):
    agent = people["agent"]
    rahim = contact(agent, "Rahim Uddin", email="rahim@example.com")
    twin = contact(agent, "রহিম উদ্দিন", email="rahim@example.com")
    contact(agent, "Priya Sharma")
    ContactKey.objects.all().delete()  # as if written behind the actions' back

    report = scan(RecordKind.CONTACT, full=True)

    pair = Pair.objects.get()
    assert (pair.a_id, pair.b_id) == (rahim.pk, twin.pk)
    assert [r["code"] for r in pair.reasons] == ["email", "name"]
    assert (report.scan.records, report.scan.pairs) == (3, 1)
    assert report.scan.finished_at is not None


def test_a_dismissed_pair_is_never_proposed_again(people):
    agent = people["agent"]
    contact(agent, "Rahim Uddin", email="rahim@example.com")
    twin = contact(agent, "Rahim Uddin", email="rahim@example.com")
    find_candidates_for([twin.pk])
    dismiss_pair(Pair.objects.get(), by=agent)

    scan(RecordKind.CONTACT, full=True)
    find_candidates_for([twin.pk])

    assert Pair.objects.get().status == PairStatus.DISMISSED


def test_an_open_pair_that_no_longer_matches_goes(people):
    agent = people["agent"]
    contact(agent, "Rahim Uddin", email="rahim@example.com")
    twin = contact(agent, "Priya Sharma", email="rahim@example.com")
    find_candidates_for([twin.pk])

    actions.update_contact(twin, by=agent, values={"email": "priya@example.com"})
    find_candidates_for([twin.pk])

    assert not Pair.objects.exists()


def test_a_full_scan_removes_open_pairs_it_no_longer_finds(people):
    agent = people["agent"]
    contact(agent, "Rahim Uddin", email="rahim@example.com")
    twin = contact(agent, "Priya Sharma", email="rahim@example.com")
    find_candidates_for([twin.pk])
    ContactKey.objects.all().delete()
    type(twin).objects.filter(pk=twin.pk).update(email="")
    twin.emails.all().delete()

    scan(RecordKind.CONTACT, full=True)

    assert not Pair.objects.exists()


def test_the_periodic_scan_reads_only_what_changed_since_the_last(people):
    agent = people["agent"]
    contact(agent, "Rahim Uddin", email="rahim@example.com")
    scan(RecordKind.CONTACT, full=True)
    twin = contact(agent, "Someone Else", email="rahim@example.com")

    report = scan(RecordKind.CONTACT, full=False)

    assert not report.scan.full
    assert report.scan.records == 1
    assert Pair.objects.get().b_id == twin.pk


def test_the_first_periodic_scan_is_a_full_one(people):
    contact(people["agent"], "Rahim Uddin")

    assert scan(RecordKind.COMPANY, full=False).scan.full


def test_the_command_prints_counts_and_time(people, capsys):
    agent = people["agent"]
    company(agent, "Padma Textiles", domain="padma.example.com")
    company(agent, "Padma Textiles Ltd", domain="padma.example.com")

    call_command("find_duplicates", "--companies")

    out = capsys.readouterr().out
    assert "companies: 2 records" in out
    assert "1 pair" in out
    assert Scan.objects.get(kind=RecordKind.COMPANY).full
