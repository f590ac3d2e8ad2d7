"""Importing leads: another CRM's lead export through the same wizard, API and CLI; matched
again by email or phone, counted the same by the dry run, undone, and within the importer's
permissions."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sampark.core.models import AuditEntry, Channel
from sampark.imports import engine, mapping, reports
from sampark.imports.models import Import
from sampark.imports.tests.jobs import configured, imported, upload
from sampark.leads.actions import convert_lead
from sampark.leads.models import Lead
from sampark.leads.tests.factories import make_lead

pytestmark = pytest.mark.django_db

# Salesforce / Zoho style headers; Bengali and Hindi names, titles and companies; statuses and
# sources in those systems' words; money in Indian grouping. Row 3 has a bad email, row 4 a bad
# phone, row 5 is row 1 again with the email in capitals.
EXPORT = """First Name,Last Name,Email,Phone,Mobile,Company,Title,Lead Status,Lead Source,Country,Budget,Description
রহিম,উদ্দিন,rahim@padma.com.bd,01711-000001,,পদ্মা ট্রেডার্স,ব্যবস্থাপক,Open - Not Contacted,Web,Bangladesh,"৳ 5,00,000",প্রথম যোগাযোগ
राहुल,शर्मा,Rahul@Example.IN,,+91 98765 43210,शर्मा एंटरप्राइजेज,प्रबंधक,Working - Contacted,Trade Show,India,"₹ 1,25,000",
Bad,Email,bad@,01711-000003,,,,,,,,
Bad,Phone,bad.phone@example.com,12345,,,,,,Bangladesh,,
রহিম,উদ্দিন,RAHIM@padma.com.bd,01711-000001,,,,,,,,
"""


def _import(by, text: str = EXPORT, **options):  # type: ignore[no-untyped-def]
    options.setdefault("default_country", "BD")
    return imported(by, text, obj="leads", name="leads.csv", **options)


def test_another_crms_lead_headers_map_to_lead_fields(people):
    columns = EXPORT.splitlines()[0].split(",")
    assert mapping.suggest(columns, "leads") == {
        "First Name": "given_name",
        "Last Name": "family_name",
        "Email": "email",
        "Phone": "phone",
        "Mobile": "phone",
        "Company": "company_name",
        "Title": "job_title",
        "Lead Status": "status",
        "Lead Source": "source",
        "Country": "country",
        "Budget": "budget",
        "Description": "notes",
    }


def test_rows_become_leads_of_the_importer_with_their_names_in_any_script(people):
    job = _import(people["agent"])

    assert job.counts == {"new": 2, "error": 2, "duplicate": 1}
    rahim = Lead.objects.get(email="rahim@padma.com.bd")
    assert (rahim.name, rahim.phone, rahim.country) == ("রহিম উদ্দিন", "+8801711000001", "BD")
    assert (rahim.company_name, rahim.job_title) == ("পদ্মা ট্রেডার্স", "ব্যবস্থাপক")
    assert (rahim.status, rahim.source) == ("new", "web_form")
    assert (rahim.budget, rahim.budget_currency) == (Decimal("500000.00"), "BDT")
    assert rahim.notes == "প্রথম যোগাযোগ"
    rahul = Lead.objects.get(name="राहुल शर्मा")
    # The domain is lower-cased, the mailbox kept; the mobile is the phone when there is no other.
    assert (rahul.email, rahul.phone, rahul.country) == (
        "Rahul@example.in",
        "+919876543210",
        "IN",
    )
    assert (rahul.status, rahul.source, rahul.job_title) == ("contacted", "event", "प्रबंधक")
    assert {(lead.owner, lead.team) for lead in Lead.objects.all()} == {
        (people["agent"], people["agent"].teams.get())
    }
    entry = AuditEntry.objects.get(object_id=str(rahim.pk), action="create")
    assert entry.channel == Channel.IMPORT


def test_a_bad_email_or_phone_is_an_error_on_its_field_in_the_report(people):
    job = _import(people["agent"])

    problems = {p.row: p.errors for p in job.problems.all()}
    assert set(problems) == {3, 4, 5}
    assert set(problems[3]) == {"email"}
    assert problems[3]["email"][0].startswith("bad@:")
    assert set(problems[4]) == {"phone"}
    assert problems[4]["phone"][0].startswith("12345:")
    assert problems[5] == {"": ["The same as row 1, which is imported."]}
    report = "".join(reports.error_csv(job))
    assert "bad@" in report
    assert "12345" in report
    assert not Lead.objects.filter(name__startswith="Bad").exists()


def test_unknown_status_source_and_yes_or_no_are_named_with_their_choices(people):
    text = (
        "Name,Email,Status,Source,Decision Maker,Timeline,Budget\n"
        "Anika,anika@example.com,Maybe,Carrier pigeon,perhaps,soonish,lots\n"
        "Tanvir,tanvir@example.com,Closed - Converted,,,,\n"
    )
    job = _import(people["agent"], text)

    assert job.counts == {"error": 2}
    errors = [p.errors for p in job.problems.all()]
    assert set(errors[0]) == {"status", "source", "decision_maker", "timeline", "budget"}
    assert errors[0]["status"] == [
        "“Maybe” is not one of: New, Contacted, Qualified, Unqualified, Converted."
    ]
    assert errors[0]["decision_maker"] == ["“perhaps” is not yes or no."]
    # Converted elsewhere is not converted here: only a conversion makes the contact.
    assert errors[1] == {"status": ["Convert the lead to mark it converted."]}


def test_the_same_file_again_creates_nothing_and_a_changed_row_updates_until_undone(people):
    _import(people["agent"])
    again = _import(people["agent"])
    assert again.counts == {"unchanged": 2, "error": 2, "duplicate": 1}
    assert Lead.objects.count() == 2

    changed = _import(
        people["agent"],
        "Email,Lead Status,Title,Decision Maker,Timeline\n"
        "RAHIM@padma.com.bd,Pre-Qualified,পরিচালক,হ্যাঁ,this quarter\n",
    )

    assert changed.counts == {"updated": 1}
    rahim = Lead.objects.get(email="rahim@padma.com.bd")
    assert (rahim.status, rahim.job_title, rahim.decision_maker, rahim.timeline) == (
        "qualified",
        "পরিচালক",
        True,
        "quarter",
    )
    engine.undo(changed)
    rahim.refresh_from_db()
    assert (rahim.status, rahim.job_title, rahim.decision_maker, rahim.timeline) == (
        "new",
        "ব্যবস্থাপক",
        None,
        "",
    )


def test_a_batch_looks_its_leads_up_in_one_query_not_one_a_row(people):
    text = "Name,Email\n" + "".join(f"Lead {n},lead{n}@example.com\n" for n in range(30))
    _import(people["agent"], text)

    with CaptureQueriesContext(connection) as queries:
        again = _import(people["agent"], text)

    assert again.counts == {"unchanged": 30}
    reads = [
        q["sql"] for q in queries if q["sql"].startswith("SELECT") and "leads_lead" in q["sql"]
    ]
    assert len(reads) == 1


def test_leads_are_matched_by_phone_in_the_imports_country(people):
    make_lead(people["agent"], name="Karim", email="", phone="+8801711000009")
    text = "Name,Mobile,Lead Status\nকরিম,01711-000009,Qualified\nনতুন,01711-000010,\n"

    job = _import(people["agent"], text, match_on="phone")

    assert job.counts == {"updated": 1, "new": 1}
    assert Lead.objects.get(phone="+8801711000009").status == "qualified"
    assert Lead.objects.get(phone="+8801711000010").name == "নতুন"


def test_matching_on_nothing_makes_every_row_a_new_lead(people):
    _import(people["agent"])
    job = _import(people["agent"], match_on="nothing")
    assert job.counts == {"new": 3, "error": 2}
    assert Lead.objects.filter(email__iexact="rahim@padma.com.bd").count() == 3


def test_undo_deletes_the_leads_the_import_made(people):
    job = _import(people["agent"])
    assert Lead.objects.count() == 2

    engine.undo(job)

    assert not Lead.objects.exists()
    assert job.status == "undone"


def test_the_dry_run_counts_what_the_run_then_does_and_writes_nothing(people):
    job = engine.check(
        configured(people["agent"], EXPORT, obj="leads", match_on="email", default_country="BD")
    )
    assert not Lead.objects.exists()

    engine.run(job)

    assert job.check_counts == job.counts == {"new": 2, "error": 2, "duplicate": 1}


def test_a_converted_lead_is_kept_as_it_was_by_a_later_import_and_by_undo(people):
    job = _import(people["agent"])
    rahim = convert_lead(Lead.objects.get(email="rahim@padma.com.bd"), by=people["agent"])

    later = _import(people["agent"], "Email,Title\nrahim@padma.com.bd,পরিচালক\n")
    engine.undo(job)

    assert later.counts == {"error": 1}
    assert [p.errors for p in later.problems.all()] == [
        {"": ["A converted lead is kept as it was; change the contact it became instead."]}
    ]
    assert Lead.objects.get() == rahim  # the other lead is undone, the converted one stays
    assert Lead.objects.get().job_title == "ব্যবস্থাপক"


def test_a_lead_of_another_team_or_a_colleague_is_a_duplicate_never_changed(people):
    theirs = make_lead(people["outsider"], name="Far Away", email="rahim@padma.com.bd")
    colleagues = make_lead(people["colleague"], name="রাহুল", email="rahul@example.in")

    job = _import(people["agent"])

    assert job.counts == {"duplicate": 3, "error": 2}
    problems = {p.row: p.errors for p in job.problems.all()}
    assert problems[1] == {"": ["Matches a record you may not change."]}
    assert problems[2] == {"": ["Matches a record you may not change."]}
    theirs.refresh_from_db()
    colleagues.refresh_from_db()
    assert (theirs.name, theirs.version) == ("Far Away", 1)
    assert (colleagues.name, colleagues.version) == ("রাহুল", 1)


def test_an_owner_column_names_only_people_the_importer_may_give_leads_to(people):
    text = "Name,Email,Lead Owner\nএক,one@example.com,agent\nদুই,two@example.com,outsider\n"

    job = _import(people["manager"], text)

    assert job.counts == {"new": 1, "error": 1}
    assert Lead.objects.get().owner == people["agent"]
    assert [p.errors for p in job.problems.all()] == [
        {"owner": ["“outsider” is not someone you may give leads to."]}
    ]


def test_a_reader_cannot_import_leads_in_the_app_the_api_or_the_cli(client, people, tmp_path):
    with pytest.raises(PermissionDenied):
        upload(people["reader"], EXPORT, obj="leads")

    client.force_login(people["reader"])
    response = client.post(
        "/api/v1/imports",
        {"file": SimpleUploadedFile("leads.csv", EXPORT.encode()), "object": "leads"},
    )
    assert response.status_code == 403

    path = tmp_path / "leads.csv"
    path.write_text(EXPORT, encoding="utf-8")
    with pytest.raises(CommandError, match="not allow"):
        call_command("import", str(path), "--object", "leads", "--as", "reader")
    assert not Lead.objects.exists()


def test_the_cli_imports_leads(people, tmp_path):
    path = tmp_path / "leads.csv"
    path.write_text(EXPORT, encoding="utf-8")
    out = io.StringIO()

    with pytest.raises(SystemExit) as exit_status:
        call_command(
            "import",
            str(path),
            "--object",
            "leads",
            "--as",
            "agent",
            "--country",
            "BD",
            stdout=out,
            stderr=io.StringIO(),
        )

    assert exit_status.value.code == 1  # rows were rejected
    assert "New: 2" in out.getvalue()
    assert Lead.objects.count() == 2


@pytest.mark.usefixtures("tasks_run_at_once")
def test_the_api_imports_leads(client, people, django_capture_on_commit_callbacks):
    client.force_login(people["agent"])
    text = "Name,Email,Lead Source\nসুমি আক্তার,sumi@example.com,Partner Referral\n"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/imports",
            {
                "file": SimpleUploadedFile("leads.csv", text.encode()),
                "object": "leads",
                "start": "run",
            },
        )
    assert response.status_code == 201, response.content
    assert response.json()["object"] == "leads"
    assert response.json()["mapping"] == {
        "Name": "name",
        "Email": "email",
        "Lead Source": "source",
    }

    status = client.get(f"/api/v1/imports/{response.json()['id']}").json()

    assert (status["status"], status["counts"]) == ("done", {"new": 1})
    lead = Lead.objects.get()
    assert (lead.name, lead.source, lead.owner) == ("সুমি আক্তার", "referral", people["agent"])


@pytest.mark.usefixtures("tasks_run_at_once")
def test_the_wizard_imports_leads(client, people, django_capture_on_commit_callbacks):
    client.force_login(people["agent"])
    response = client.post(
        reverse("imports:new"),
        {"file": SimpleUploadedFile("leads.csv", EXPORT.encode()), "object": "leads"},
    )
    assert response.status_code == 302, response.content
    job = Import.objects.get()
    detail = reverse("imports:detail", args=[job.pk])
    page = client.get(detail).content.decode()
    assert "Lead Status" in page
    assert "Decision maker" in page

    data = {f"col_{n}": job.mapping.get(column, "") for n, column in enumerate(job.columns)}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            detail,
            {
                **data,
                "match_on": "email",
                "existing": "update",
                "default_country": "BD",
                "run": "1",
            },
        )

    job.refresh_from_db()
    assert (job.status, job.counts) == ("done", {"new": 2, "error": 2, "duplicate": 1})
    assert Lead.objects.count() == 2
