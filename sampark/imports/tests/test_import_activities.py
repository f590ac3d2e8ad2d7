"""Importing interactions: each row logged on the contact it names, the rows naming no contact
one may see rejected with the reason, nothing logged twice, and undo."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sampark.contacts import actions
from sampark.contacts.models import Activity, Contact
from sampark.core.models import AuditEntry, Channel
from sampark.imports import engine, reports
from sampark.imports.actions import configure, create_import
from sampark.imports.tests.jobs import configured, imported, upload

pytestmark = pytest.mark.django_db

UTC = datetime.UTC

# A HubSpot-like export: the contact by ID, email or phone; kinds and directions in Bengali,
# Hindi and English; the last two rows name no contact the agent may see.
CALLS = """Activity Date,Activity Type,Contact ID,Contact Email,Phone,Subject,Body,Call Direction,Call Duration,Outcome
2024-03-02 14:10,Call,HS-1,,,ফোনে কথা,"Discussed the March order.
Will call back Monday.",Outbound,1:30,Connected
2024-03-03 10:00,मीटिंग,,rahul@ganga.in,,बैठक,Reviewed volumes,,1h 30m,Completed
2024-03-04 09:00,কল,,,01711-000001,,,ইনকামিং,90,
2024-03-05 09:00,Call,,nobody@example.com,,,,,,
2024-03-06 09:00,Call,,far@away.in,,,,,,
"""


@pytest.fixture
def clients(people) -> dict[str, Contact]:  # type: ignore[no-untyped-def]
    people["agent"].time_zone = "Asia/Dhaka"
    people["agent"].save(update_fields=["time_zone"])
    return {
        "rahim": actions.create_contact(
            by=people["agent"],
            display_name="রহিম উদ্দিন",
            email="rahim@padma.com.bd",
            phone="01711-000001",
            country="BD",
            external_id="HS-1",
        ),
        "rahul": actions.create_contact(
            by=people["colleague"],
            display_name="राहुल शर्मा",
            email="rahul@ganga.in",
            phone="+91 98765 43210",
            country="IN",
        ),
        "far": actions.create_contact(
            by=people["outsider"], display_name="Far Away", email="far@away.in"
        ),
    }


def _import(by, text: str = CALLS, **options):  # type: ignore[no-untyped-def]
    # No country of the import's: the local number is read in its contact's country.
    options.setdefault("default_country", "")
    return imported(by, text, obj="activities", name="calls.csv", **options)


def test_rows_are_logged_on_the_contact_each_names_by_any_key(people, clients):
    job = _import(people["agent"])

    assert job.counts == {"new": 3, "error": 2}
    call, inbound = Activity.objects.filter(contact=clients["rahim"]).order_by("occurred_at")
    assert call.kind == "call"
    assert call.occurred_at == datetime.datetime(2024, 3, 2, 8, 10, tzinfo=UTC)  # Dhaka time
    assert (call.subject, call.direction, call.outcome) == ("ফোনে কথা", "outbound", "connected")
    assert call.duration_seconds == 90
    assert "Discussed the March order." in call.body
    assert "Will call back Monday." in call.body
    assert (inbound.kind, inbound.direction, inbound.duration_seconds) == ("call", "inbound", 90)
    meeting = Activity.objects.get(contact=clients["rahul"])
    assert (meeting.kind, meeting.subject, meeting.outcome) == ("meeting", "बैठक", "")
    assert meeting.ends_at is not None
    assert meeting.starts_at is not None
    assert meeting.ends_at - meeting.starts_at == datetime.timedelta(hours=1, minutes=30)
    assert {a.owner for a in Activity.objects.all()} == {people["agent"]}
    assert {a.team for a in Activity.objects.all()} == {clients["rahim"].team}
    entry = AuditEntry.objects.get(
        model_label="contacts.activity", object_id=str(call.pk), action="create"
    )
    assert entry.channel == Channel.IMPORT


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
    assert not Activity.objects.filter(contact=clients["far"]).exists()


def test_an_outsider_logs_nothing_on_another_team_s_contacts(people, clients):
    job = _import(people["outsider"])

    assert job.counts == {"new": 1, "error": 4}
    assert Activity.objects.get().contact == clients["far"]


def test_a_workbook_s_typed_cells_are_read_as_times_and_durations(people, clients, make_xlsx):
    path = make_xlsx(
        {
            "Calls": [
                ["Activity Date", "Type", "Email", "Call Duration"],
                [
                    datetime.datetime(2024, 3, 2, 14, 10),  # noqa: DTZ001 -- cells hold naive times
                    "Call",
                    "rahim@padma.com.bd",
                    datetime.time(0, 12, 30),
                ],
            ]
        },
        name="calls.xlsx",
    )
    with path.open("rb") as content:
        job = create_import(
            by=people["agent"], content=content, filename=path.name, obj="activities"
        )
    engine.run(configure(job, by=people["agent"], columns=job.mapping, match_on="same_moment"))

    call = Activity.objects.get()
    assert call.occurred_at == datetime.datetime(2024, 3, 2, 8, 10, tzinfo=UTC)
    assert call.duration_seconds == 750


def test_the_mapping_must_name_the_contact(people):
    job = upload(people["agent"], "Date,Type,Subject\n2024-03-02,Call,Hi\n", obj="activities")

    with pytest.raises(ValidationError) as refused:
        configure(job, by=people["agent"], columns=job.mapping, match_on="same_moment")

    assert "contact's external ID, email or phone" in refused.value.message_dict["mapping"][0]


def test_a_reader_may_not_import_interactions(people):
    with pytest.raises(PermissionDenied):
        upload(people["reader"], CALLS, obj="activities")


def test_bad_values_are_errors_by_field_in_the_error_file(people, clients):
    text = (
        "Date,Type,Email,Call Duration,Direction\n"
        "yesterday,Fax,rahim@padma.com.bd,forever,sideways\n"
        "2024-03-02 10:00,Call,,,\n"
    )
    job = _import(people["agent"], text)

    assert job.counts == {"error": 2}
    first, second = job.problems.all()
    assert set(first.errors) == {"occurred_at", "kind", "duration", "direction"}
    assert second.errors == {"": ["Name the contact: give their external ID, email or phone."]}
    report = "".join(reports.error_csv(job))
    assert "“Fax” is not one of: Call, Email" in report
    assert "“forever” is not a duration" in report
    assert not Activity.objects.exists()


def test_the_same_file_again_logs_nothing_new(people, clients):
    _import(people["agent"])
    logged = set(Activity.objects.values_list("pk", flat=True))

    again = _import(people["agent"])

    assert again.counts == {"unchanged": 3, "error": 2}
    assert set(Activity.objects.values_list("pk", flat=True)) == logged


def test_an_email_is_found_again_by_its_message_id_even_at_another_time(people, clients):
    head = "Date,Type,Email,Email Subject,Message-ID\n"
    _import(people["agent"], head + "2024-03-02 10:00,Email,rahim@padma.com.bd,Offer,<a1@mail>\n")

    again = _import(
        people["agent"], head + "2024-03-02 10:05,Email,rahim@padma.com.bd,Offer (v2),<a1@mail>\n"
    )

    assert again.counts == {"updated": 1}
    email = Activity.objects.get()
    assert (email.subject, email.occurred_at.minute) == ("Offer (v2)", 5)


def test_skip_leaves_a_logged_interaction_and_update_changes_it_until_undone(people, clients):
    _import(people["agent"])
    changed = CALLS.replace("ফোনে কথা", "নতুন বিষয়")

    skipped = _import(people["agent"], changed, existing="skip")
    assert skipped.counts == {"unchanged": 3, "error": 2}
    call = Activity.objects.get(subject="ফোনে কথা")

    updated = _import(people["agent"], changed)
    assert updated.counts == {"updated": 1, "unchanged": 2, "error": 2}
    call.refresh_from_db()
    assert call.subject == "নতুন বিষয়"

    engine.undo(updated)
    call.refresh_from_db()
    assert call.subject == "ফোনে কথা"


def test_a_colleague_s_run_of_the_same_file_changes_none_of_the_agent_s_interactions(
    people, clients
):
    _import(people["agent"])

    colleague = _import(people["colleague"], CALLS.replace("Connected", "Busy"))

    assert colleague.counts == {"duplicate": 3, "error": 2}
    assert Activity.objects.count() == 3
    assert not Activity.objects.filter(outcome="busy").exists()


def test_the_dry_run_counts_what_the_run_does_and_writes_nothing(people, clients):
    job = configured(people["agent"], CALLS, obj="activities", name="calls.csv", default_country="")

    engine.check(job)
    assert not Activity.objects.exists()
    engine.run(job)

    assert job.check_counts == job.counts == {"new": 3, "error": 2}


def test_undo_deletes_what_the_import_logged_through_the_audited_action(people, clients):
    job = _import(people["agent"])
    ids = list(Activity.objects.values_list("pk", flat=True))

    engine.undo(job)

    assert not Activity.objects.exists()
    deleted = AuditEntry.objects.filter(
        model_label="contacts.activity", action="delete", object_id__in=[str(i) for i in ids]
    )
    assert deleted.count() == 3


def test_contacts_are_looked_up_a_batch_at_a_time(people, clients):
    rows = "".join(
        f"2024-03-{day:02d} 09:00,Call,{key}\n"
        for day in range(1, 29)
        for key in ("rahim@padma.com.bd", "rahul@ganga.in", "nobody@example.com")
    )
    job = configured(
        people["agent"], "Date,Type,Email\n" + rows, obj="activities", default_country=""
    )

    with CaptureQueriesContext(connection) as queries:
        engine.run(job)

    assert job.counts == {"new": 56, "error": 28}
    lookups = [q["sql"] for q in queries if '"contacts_contactemail"' in q["sql"]]
    moments = [
        q["sql"] for q in queries if 'FROM "contacts_activity"' in q["sql"] and " IN (" in q["sql"]
    ]
    assert len(lookups) == 1
    assert len(moments) == 1


def test_the_api_takes_a_file_of_interactions(client, people, clients):
    client.force_login(people["agent"])
    response = client.post(
        "/api/v1/imports",
        {"file": SimpleUploadedFile("calls.csv", CALLS.encode()), "object": "activities"},
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["object"] == "activities"
    assert body["match_on"] == "same_moment"
    assert body["mapping"]["Contact Email"] == "contact_email"
    schema = client.get("/api/v1/openapi.json").json()
    upload_form = schema["paths"]["/api/v1/imports"]["post"]["requestBody"]["content"]
    fields = upload_form["multipart/form-data"]["schema"]["properties"]
    assert {"activities", "transactions"} <= set(fields["object"]["enum"])


def test_the_wizard_offers_interactions_and_their_way_of_matching(client, people):
    client.force_login(people["agent"])
    response = client.post(
        reverse("imports:new"),
        {"file": SimpleUploadedFile("calls.csv", CALLS.encode()), "object": "activities"},
    )
    assert response.status_code == 302, response.content

    page = client.get(response["Location"]).content.decode()

    assert 'value="same_moment" selected' in page
    assert 'value="email"' not in page  # a contact's way of matching, not an interaction's


def test_the_command_imports_a_file_of_interactions(people, clients, tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text(CALLS.splitlines()[0] + "\n" + "\n".join(CALLS.splitlines()[1:3]) + "\n")
    out = io.StringIO()

    call_command(
        "import",
        str(path),
        "--object",
        "activities",
        "--as",
        "agent",
        stdout=out,
        stderr=io.StringIO(),
    )

    assert "New: 1" in out.getvalue()
    assert Activity.objects.get().contact == clients["rahim"]
