"""Imports over the API: upload, mapping, run, report and error file; each its author's."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sampark.contacts.models import Contact

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_run_at_once")]


FILE = (
    "First Name,Last Name,Email,Mobile Phone Number\n"
    "Rahim,Uddin,rahim@padma.com.bd,01711-000001\n"
    "Bad,Row,nobody@,01711-000002\n"
)


def _upload(client, text: str = FILE, name: str = "hubspot.csv", **fields: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/v1/imports",
        {"file": SimpleUploadedFile(name, text.encode()), "object": "contacts", **fields},
    )


def test_an_upload_reads_the_columns_and_suggests_their_fields(client, people):
    client.force_login(people["agent"])
    response = _upload(client)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["columns"] == ["First Name", "Last Name", "Email", "Mobile Phone Number"]
    assert body["mapping"]["Email"] == "email"
    assert body["mapping"]["First Name"] == "given_name"
    assert body["status"] == "uploaded"


def test_an_unreadable_file_is_a_field_error(client, people):
    client.force_login(people["agent"])
    response = _upload(client, text="", name="empty.csv")
    assert response.status_code == 422
    assert "file" in response.json()["error"]["fields"]


def test_a_bad_mapping_names_each_column_at_fault(client, people):
    client.force_login(people["agent"])
    job = _upload(client).json()
    response = client.put(
        f"/api/v1/imports/{job['id']}/mapping",
        {
            "columns": {"First Name": "display_name", "Last Name": "display_name", "Email": "nope"},
            "match_on": "phone",
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    fields = response.json()["error"]["fields"]
    assert set(fields) == {"column:Last Name", "column:Email", "match_on"}


def test_start_run_imports_and_reports_the_rejected_rows(
    client, people, django_capture_on_commit_callbacks
):
    client.force_login(people["agent"])
    # The task is enqueued as the request's transaction commits; the backend runs it then.
    with django_capture_on_commit_callbacks(execute=True):
        job = _upload(client, start="run").json()

    status = client.get(f"/api/v1/imports/{job['id']}").json()
    assert status["status"] == "done"
    assert status["counts"] == {"new": 1, "error": 1}
    assert Contact.objects.get().email == "rahim@padma.com.bd"

    report = client.get(f"/api/v1/imports/{job['id']}/report").json()
    assert [item["row"] for item in report["items"]] == [2]
    assert "email" in report["items"][0]["errors"]

    errors = client.get(f"/api/v1/imports/{job['id']}/errors")
    assert errors.status_code == 200
    assert "nobody@" in b"".join(errors.streaming_content).decode()


def test_undo_takes_the_import_back(client, people, django_capture_on_commit_callbacks):
    client.force_login(people["agent"])
    with django_capture_on_commit_callbacks(execute=True):
        job = _upload(client, start="run").json()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/v1/imports/{job['id']}/undo")
    assert response.status_code == 202
    assert client.get(f"/api/v1/imports/{job['id']}").json()["status"] == "undone"
    assert not Contact.objects.exists()


@pytest.mark.parametrize("who", ["colleague", "outsider", "manager"])
def test_someone_else_s_import_is_not_found(client, people, who):
    client.force_login(people["agent"])
    job = _upload(client).json()
    client.force_login(people[who])
    for path in ("", "/report", "/errors"):
        assert client.get(f"/api/v1/imports/{job['id']}{path}").status_code == 404
    assert client.post(f"/api/v1/imports/{job['id']}/run").status_code == 404
    assert client.get("/api/v1/imports").json()["items"] == []


def test_an_admin_sees_every_import_but_only_the_author_runs_it(client, people):
    client.force_login(people["agent"])
    job = _upload(client).json()
    client.force_login(people["admin"])
    assert client.get(f"/api/v1/imports/{job['id']}").status_code == 200
    assert client.post(f"/api/v1/imports/{job['id']}/run").status_code == 403


def test_a_read_only_user_may_not_import(client, people):
    client.force_login(people["reader"])
    assert _upload(client).status_code == 403
