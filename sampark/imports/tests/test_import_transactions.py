"""Importing transactions: amounts in any grouping and script, currencies and kinds checked,
each row on the contact it names, matched again by its external ID, and undo."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sampark.contacts import actions
from sampark.contacts.models import Contact, Transaction
from sampark.core.models import AuditEntry
from sampark.imports import engine, reports
from sampark.imports.tests.jobs import configured, imported

pytestmark = pytest.mark.django_db

# Amounts with Indian grouping, Bengali and Devanagari digits; kinds in Bengali and Hindi; the
# contact by email, external ID and phone; the last two rows name no contact one may see.
TRADES = """Transaction ID,Date,Email,Contact ID,Phone,Type,Product,Quantity,Amount,Currency,Profit/Loss,Notes
T-1,2024-03-01,rahim@padma.com.bd,,,ক্রয়,সঞ্চয়পত্র,১০,"1,23,456.00",bdt,,প্রথম অর্ডার
T-2,2024-03-05 15:30,,HS-2,,ट्रेड,Tata Steel,"1,234.5",२५०००.५०,INR,-40.25,
T-3,2024-03-06T09:00:00+05:30,,,+91 98765 43210,Deposit,,,"5,000",inr,,
T-4,2024-03-07,nobody@example.com,,,Purchase,,,100,BDT,,
T-5,2024-03-08,far@away.in,,,Purchase,,,100,BDT,,
"""


@pytest.fixture
def clients(people) -> dict[str, Contact]:  # type: ignore[no-untyped-def]
    people["agent"].time_zone = "Asia/Dhaka"
    people["agent"].save(update_fields=["time_zone"])
    return {
        "rahim": actions.create_contact(
            by=people["agent"], display_name="রহিম উদ্দিন", email="rahim@padma.com.bd", country="BD"
        ),
        "rahul": actions.create_contact(
            by=people["agent"],
            display_name="राहुल शर्मा",
            phone="+91 98765 43210",
            country="IN",
            external_id="HS-2",
        ),
        "far": actions.create_contact(
            by=people["outsider"], display_name="Far Away", email="far@away.in"
        ),
    }


def _import(by, text: str = TRADES, **options):  # type: ignore[no-untyped-def]
    return imported(by, text, obj="transactions", name="trades.csv", **options)


def test_rows_are_recorded_on_the_contact_each_names_with_their_amounts(people, clients):
    job = _import(people["agent"])

    assert job.counts == {"new": 3, "error": 2}
    bought = Transaction.objects.get(external_id="T-1")
    assert bought.contact == clients["rahim"]
    assert (bought.kind, bought.product, bought.notes) == ("purchase", "সঞ্চয়পত্র", "প্রথম অর্ডার")
    assert (bought.quantity, bought.amount, bought.currency) == (10, Decimal("123456.00"), "BDT")
    # A date alone is the importer's midnight.
    assert bought.occurred_at == datetime.datetime(2024, 2, 29, 18, 0, tzinfo=datetime.UTC)
    trade = Transaction.objects.get(external_id="T-2")
    assert trade.contact == clients["rahul"]
    assert (trade.kind, trade.quantity, trade.amount) == (
        "trade",
        Decimal("1234.5"),
        Decimal("25000.50"),
    )
    assert trade.profit == Decimal("-40.25")
    deposit = Transaction.objects.get(external_id="T-3")
    assert (deposit.contact, deposit.currency) == (clients["rahul"], "INR")
    assert deposit.occurred_at == datetime.datetime(2024, 3, 6, 3, 30, tzinfo=datetime.UTC)
    assert {t.owner for t in Transaction.objects.all()} == {people["agent"]}


def test_a_contact_not_found_or_of_another_team_is_the_same_error_on_its_field(people, clients):
    job = _import(people["agent"])

    problems = {p.row: p.errors for p in job.problems.all()}
    assert problems == {
        4: {
            "contact_email": [
                "There is no contact with the email “nobody@example.com” that you may see."
            ]
        },
        5: {
            "contact_email": ["There is no contact with the email “far@away.in” that you may see."]
        },
    }
    assert not Transaction.objects.filter(contact=clients["far"]).exists()


def test_bad_amount_currency_date_and_kind_are_each_named_in_the_error_file(people, clients):
    text = (
        "Transaction ID,Date,Email,Type,Amount,Currency,Profit\n"
        "T-9,31/02/2024,rahim@padma.com.bd,Gift,lots,XYZ,\n"
        "T-10,2024-03-01,rahim@padma.com.bd,Purchase,-5,BDT,\n"
        "T-11,2024-03-01,rahim@padma.com.bd,Purchase,5,BDT,12\n"
        ",2024-03-01,rahim@padma.com.bd,Purchase,5,BDT,\n"
    )
    job = _import(people["agent"], text)

    assert job.counts == {"error": 4}
    errors = [p.errors for p in job.problems.all()]
    assert set(errors[0]) == {"occurred_at", "kind", "amount", "currency"}
    assert "XYZ is not a currency code" in errors[0]["currency"][0]
    assert set(errors[1]) == {"amount"}
    assert errors[2] == {"profit": ["Only a trade has a profit."]}  # the model's own check
    assert set(errors[3]) == {"external_id"}
    report = "".join(reports.error_csv(job))
    assert "“lots” is not a number." in report
    assert "“Gift” is not one of: Purchase" in report
    assert not Transaction.objects.exists()


def test_the_same_file_again_records_nothing_new_and_a_changed_row_updates_until_undone(
    people, clients
):
    _import(people["agent"])
    again = _import(people["agent"])
    assert again.counts == {"unchanged": 3, "error": 2}
    assert Transaction.objects.count() == 3

    changed = _import(people["agent"], TRADES.replace('"1,23,456.00"', "125000"))

    assert changed.counts == {"updated": 1, "unchanged": 2, "error": 2}
    assert Transaction.objects.get(external_id="T-1").amount == Decimal("125000.00")
    engine.undo(changed)
    assert Transaction.objects.get(external_id="T-1").amount == Decimal("123456.00")


def test_the_same_external_id_on_another_contact_is_another_transaction(people, clients):
    _import(people["agent"])

    job = _import(people["agent"], TRADES.replace("T-2,", "T-1,"))

    assert Transaction.objects.filter(external_id="T-1").count() == 2
    assert job.counts == {"unchanged": 2, "new": 1, "error": 2}


def test_a_colleague_may_not_change_the_agent_s_transactions(people, clients):
    _import(people["agent"])

    colleague = _import(people["colleague"], TRADES.replace("Tata Steel", "Infosys"))

    assert colleague.counts == {"duplicate": 3, "error": 2}
    assert not Transaction.objects.filter(product="Infosys").exists()


def test_without_matching_every_row_is_a_new_transaction(people, clients):
    text = "Date,Email,Type,Amount,Currency\n2024-03-01,rahim@padma.com.bd,Fee,10,BDT\n"
    _import(people["agent"], text, match_on="nothing")
    _import(people["agent"], text, match_on="nothing")
    assert Transaction.objects.count() == 2


def test_the_dry_run_counts_what_the_run_does_and_writes_nothing(people, clients):
    job = configured(people["agent"], TRADES, obj="transactions", name="trades.csv")

    engine.check(job)
    assert not Transaction.objects.exists()
    engine.run(job)

    assert job.check_counts == job.counts == {"new": 3, "error": 2}


def test_undo_deletes_what_the_import_recorded_through_the_audited_action(people, clients):
    job = _import(people["agent"])
    ids = [str(pk) for pk in Transaction.objects.values_list("pk", flat=True)]

    engine.undo(job)

    assert not Transaction.objects.exists()
    deleted = AuditEntry.objects.filter(
        model_label="contacts.transaction", action="delete", object_id__in=ids
    )
    assert deleted.count() == 3


def test_contacts_and_transactions_are_looked_up_a_batch_at_a_time(people, clients):
    rows = "".join(
        f"T-{n},2024-03-01,{email},Purchase,{n},BDT\n"
        for n in range(60)
        for email in ("rahim@padma.com.bd", "nobody@example.com")
    )
    job = configured(
        people["agent"],
        "Transaction ID,Date,Email,Type,Amount,Currency\n" + rows,
        obj="transactions",
    )

    with CaptureQueriesContext(connection) as queries:
        engine.run(job)

    assert job.counts == {"new": 60, "error": 60}
    emails = [q["sql"] for q in queries if '"contacts_contactemail"' in q["sql"]]
    matches = [
        q["sql"]
        for q in queries
        if 'FROM "contacts_transaction"' in q["sql"] and '"external_id" IN (' in q["sql"]
    ]
    assert len(emails) == 1
    assert len(matches) == 1


def test_the_api_takes_a_file_of_transactions(client, people, clients):
    client.force_login(people["agent"])
    response = client.post(
        "/api/v1/imports",
        {"file": SimpleUploadedFile("trades.csv", TRADES.encode()), "object": "transactions"},
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["object"], body["match_on"]) == ("transactions", "external_id")
    assert body["mapping"]["Amount"] == "amount"


def test_the_command_imports_a_file_of_transactions(people, clients, tmp_path):
    path = tmp_path / "trades.csv"
    path.write_text("\n".join(TRADES.splitlines()[:3]) + "\n", encoding="utf-8")
    out = io.StringIO()

    call_command(
        "import",
        str(path),
        "--object",
        "transactions",
        "--as",
        "agent",
        stdout=out,
        stderr=io.StringIO(),
    )

    assert "New: 2" in out.getvalue()
    assert Transaction.objects.count() == 2
