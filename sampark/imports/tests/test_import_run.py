"""Running an import: what it creates and updates, what it rejects and why, and that nothing is
lost or written twice."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from sampark.contacts import search
from sampark.contacts.models import Company, Contact
from sampark.core.models import AuditEntry, Channel
from sampark.imports import engine, reports
from sampark.imports.models import Import, ImportStatus
from sampark.imports.tests.jobs import configured, imported

pytestmark = pytest.mark.django_db


PEOPLE = """Full Name,Email,Phone,Company,Country
রহিম উদ্দিন,rahim@padma.com.bd,01711-000001,Padma Traders,Bangladesh
राहुल शर्मा,rahul@ganga.in,098765 43210,Ganga Mills,India
Sara Ahmed,sara@example.org,+1 212 555 0100,Padma Traders,US
Broken Email,not-an-email,01711-000002,,BD
রহিম আবার,rahim@padma.com.bd,01711-000003,,BD
"""


def test_rows_become_contacts_with_normalised_phones_and_their_companies(people):
    job = imported(people["agent"], PEOPLE)

    assert job.status == ImportStatus.DONE
    assert job.counts == {"new": 3, "error": 1, "duplicate": 1}
    rahim = Contact.objects.get(email="rahim@padma.com.bd")
    assert (rahim.display_name, rahim.given_name, rahim.family_name) == (
        "রহিম উদ্দিন",
        "রহিম",
        "উদ্দিন",
    )
    assert rahim.phone == "+8801711000001"
    assert rahim.country == "BD"
    assert rahim.owner == people["agent"]
    assert Contact.objects.get(email="rahul@ganga.in").phone == "+919876543210"
    # One Padma Traders for both rows that name it.
    padma = Company.objects.get(name="Padma Traders")
    assert set(padma.contacts.values_list("email", flat=True)) == {
        "rahim@padma.com.bd",
        "sara@example.org",
    }
    assert Company.objects.count() == 2


def test_every_row_not_imported_is_in_the_error_file_with_its_reason(people):
    job = imported(people["agent"], PEOPLE)

    rows = list(csv.reader(io.StringIO("".join(reports.error_csv(job)).lstrip("\ufeff"))))
    assert rows[0] == ["Row", "Full Name", "Email", "Phone", "Company", "Country", "Errors"]
    by_row = {row[0]: row for row in rows[1:]}
    assert set(by_row) == {"4", "5"}
    assert by_row["4"][1] == "Broken Email"
    assert "not-an-email" in by_row["4"][-1]
    assert "row 1" in by_row["5"][-1]


def test_the_same_file_twice_creates_nothing_new(people):
    imported(people["agent"], PEOPLE)
    before = Contact.objects.count()

    again = imported(people["agent"], PEOPLE)

    assert Contact.objects.count() == before
    assert again.counts.get("new", 0) == 0
    assert again.counts["unchanged"] == 3


def test_a_matching_row_adds_what_it_knows_and_undo_takes_it_back(people):
    agent = people["agent"]
    first = imported(agent, PEOPLE)
    rahim = Contact.objects.get(email="rahim@padma.com.bd")

    update = imported(agent, "Email,Phone,Tags\nrahim@padma.com.bd,01811-000009,vip\nnew@x.com,,\n")

    assert update.counts == {"updated": 1, "new": 1}
    rahim.refresh_from_db()
    assert list(rahim.phones.values_list("number", flat=True)) == [
        "+8801711000001",
        "+8801811000009",
    ]
    assert rahim.display_name == "রহিম উদ্দিন"  # an empty cell never blanks a value

    engine.undo(update)
    rahim.refresh_from_db()
    assert list(rahim.phones.values_list("number", flat=True)) == ["+8801711000001"]
    assert not rahim.tags.exists()
    assert not Contact.objects.filter(email="new@x.com").exists()

    engine.undo(first)
    assert not Contact.objects.exists()
    assert not Company.objects.exists()


def test_skip_leaves_matching_records_as_they_are(people):
    imported(people["agent"], PEOPLE)
    job = imported(
        people["agent"], "Email,Phone\nrahim@padma.com.bd,01811-000009\n", existing="skip"
    )
    assert job.counts == {"unchanged": 1}
    assert Contact.objects.get(email="rahim@padma.com.bd").phones.count() == 1


def test_all_or_nothing_imports_nothing_when_a_row_is_rejected(people):
    job = imported(people["agent"], PEOPLE, all_or_nothing=True)

    assert job.status == ImportStatus.FAILED
    assert "nothing was imported" in job.error
    assert not Contact.objects.exists()
    assert job.problems.filter(row=4).exists()


def test_the_dry_run_counts_what_the_run_does_and_writes_nothing(people):
    job = configured(people["agent"], PEOPLE)
    entries = AuditEntry.objects.count()

    engine.check(job)

    assert job.status == ImportStatus.CHECKED
    assert job.check_counts == {"new": 3, "error": 1, "duplicate": 1}
    assert not Contact.objects.exists()
    assert AuditEntry.objects.count() == entries
    assert job.problems.count() == 2
    assert engine.run(job).counts == job.check_counts


def test_changes_are_audited_as_coming_from_an_import(people):
    imported(people["agent"], PEOPLE)
    rahim = Contact.objects.get(email="rahim@padma.com.bd")
    entry = AuditEntry.objects.get(
        model_label="contacts.contact", object_id=str(rahim.pk), action="create"
    )
    assert entry.channel == Channel.IMPORT
    assert entry.actor == people["agent"]


def test_a_run_that_stopped_resumes_after_its_last_batch_without_repeating_rows(
    people, monkeypatch
):
    monkeypatch.setattr(engine, "BATCH_SIZE", 2)
    rows = "".join(f"Client {n},client{n}@example.com\n" for n in range(1, 8))
    job = configured(people["agent"], "Name,Email\n" + rows)
    real_index = search.index_new_contacts
    calls = {"n": 0}

    def dies_in_the_third_batch(documents):  # type: ignore[no-untyped-def]
        # After the batch's rows were inserted, before its transaction ends.
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("the worker died")
        real_index(documents)

    monkeypatch.setattr(search, "index_new_contacts", dies_in_the_third_batch)
    with pytest.raises(RuntimeError):
        engine.run(job)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert job.checkpoint == 4  # the batch of rows 5 and 6 left no trace
    assert Contact.objects.count() == 4
    assert job.records.count() == 4

    engine.run(job)

    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert Contact.objects.count() == 7
    assert job.counts == {"new": 7}
    assert job.records.count() == 7


def test_a_run_whose_worker_died_is_taken_over_and_finished(people, monkeypatch):
    """The dead worker's claim is taken over once its heartbeat is stale, and stays taken: the
    status the new runner writes must not hand the claim back to the dead one."""
    monkeypatch.setattr(engine, "BATCH_SIZE", 2)
    rows = "".join(f"Client {n},client{n}@example.com\n" for n in range(1, 6))
    job = configured(people["agent"], "Name,Email\n" + rows)
    long_ago = timezone.now() - timedelta(hours=1)
    Import.objects.filter(pk=job.pk).update(
        status=ImportStatus.RUNNING, runner="a-dead-worker", heartbeat_at=long_ago
    )

    engine.run(Import.objects.get(pk=job.pk))

    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert job.counts == {"new": 5}
    assert job.runner == ""


def test_a_row_matching_another_team_s_contact_is_not_applied(people):
    from sampark.contacts import actions

    theirs = actions.create_contact(
        by=people["outsider"], display_name="Mumbai Client", email="client@mumbai.in"
    )
    job = imported(people["agent"], "Name,Email\nHijack,client@mumbai.in\n")

    assert job.counts == {"duplicate": 1}
    problem = job.problems.get()
    assert "may not change" in problem.errors[""][0]
    assert "Mumbai Client" not in str(problem.errors)
    theirs.refresh_from_db()
    assert theirs.display_name == "Mumbai Client"


def test_companies_are_matched_by_domain_and_custom_fields_read_from_text(people):
    from sampark.contacts import actions
    from sampark.customfields.actions import define_field

    admin = people["admin"]
    define_field(
        by=admin,
        object="company",
        key="tier",
        label="Tier",
        kind="choice",
        options=[{"key": "gold", "label": "Gold"}, {"key": "silver", "label": "Silver"}],
    )
    actions.create_company(by=people["agent"], name="Padma Traders", domain="padma.com.bd")
    text = (
        "Company Name,Website,Industry,Tier,Country\n"
        "Padma Traders Ltd,https://www.padma.com.bd/about,Textiles,Gold,Bangladesh\n"
        "Ganga Mills,ganga.in,Jute,platinum,India\n"
        "Meghna Agro,meghna.com,Farming,silver,BD\n"
    )
    job = imported(
        people["agent"],
        text,
        obj="companies",
        name="companies.csv",
        columns={
            "Company Name": "name",
            "Website": "domain",
            "Industry": "industry",
            "Tier": "custom.tier",
            "Country": "country",
        },
    )

    assert job.counts == {"updated": 1, "error": 1, "new": 1}
    padma = Company.objects.get(domain="padma.com.bd")
    assert padma.name == "Padma Traders Ltd"
    assert padma.custom == {"tier": "gold"}
    assert Company.objects.get(domain="meghna.com").custom == {"tier": "silver"}
    assert "custom.tier" in job.problems.get().errors
