"""Attachments over the API: upload with the web form's checks, read, download, remove, and
listed on every activity without a query per activity or per file."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from sampark.contacts import actions
from sampark.contacts.models import Activity, ActivityKind, Affiliation, Attachment
from sampark.contacts.tests import activity_factories as files
from sampark.contacts.tests.activity_factories import ActivityFactory, upload
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory
from sampark.core.models import AuditEntry
from sampark.core.tests.api_client import API, api_client
from sampark.lib import filetypes

ATTACHMENTS = f"{API}/attachments"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def client(people):  # type: ignore[no-untyped-def]
    return api_client(people["agent"])


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0])


@pytest.fixture
def activity(people, contact):  # type: ignore[no-untyped-def]
    return actions.log_activity(by=people["agent"], contact=contact, kind=ActivityKind.EMAIL)


def upload_to(client, activity, *uploads):  # type: ignore[no-untyped-def]
    return client.post(f"{API}/activities/{activity.pk}/attachments", {"attachments": uploads})


def stored_files(media: Path) -> list[Path]:
    return [path for path in media.rglob("*") if path.is_file()]


def test_upload_a_file_and_get_it_back_with_the_type_its_content_shows(  # type: ignore[no-untyped-def]
    client, activity, media
):
    response = upload_to(client, activity, upload("দরপত্র quote.pdf", files.PDF, "text/html"))

    assert response.status_code == 201
    attachment = Attachment.objects.get()
    [body] = response.json()
    assert body["id"] == attachment.pk
    assert body["activity"] == activity.pk
    assert body["name"] == "দরপত্র quote.pdf"
    assert body["content_type"] == "application/pdf"  # not the text/html the client claimed
    assert body["size"] == len(files.PDF)
    assert body["download_url"] == f"{ATTACHMENTS}/{attachment.pk}/content"
    assert body["created_at"]
    assert [path.read_bytes() for path in stored_files(media)] == [files.PDF]


def test_upload_several_files_at_once(client, activity):  # type: ignore[no-untyped-def]
    response = upload_to(
        client,
        activity,
        upload("photo.png", files.PNG),
        upload("leads.csv", files.CSV),
        upload("quote.docx", files.docx()),
    )

    assert response.status_code == 201
    assert [(a["name"], a["content_type"]) for a in response.json()] == [
        ("photo.png", "image/png"),
        ("leads.csv", "text/csv"),
        ("quote.docx", filetypes.DOCX.content_type),
    ]
    assert activity.attachments.count() == 3


def test_an_upload_is_audited_on_the_activity_which_keeps_its_version(  # type: ignore[no-untyped-def]
    client, activity
):
    upload_to(client, activity, upload("quote.pdf", files.PDF), upload("photo.png", files.PNG))

    entry = AuditEntry.objects.for_record(activity).first()
    assert entry is not None
    assert entry.changes == {"attachments": [None, ["quote.pdf", "photo.png"]]}
    activity.refresh_from_db()
    assert activity.version == 1


def test_a_file_whose_name_lies_about_its_type_is_refused_and_nothing_is_stored(  # type: ignore[no-untyped-def]
    client, activity, media
):
    response = upload_to(
        client,
        activity,
        upload("fine.pdf", files.PDF),
        upload("invoice.pdf", files.EXE, "application/pdf"),
        upload("photo.png", files.PDF, "image/png"),
    )

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["fields"]["attachments"] == [
        "invoice.pdf is not a type of file we accept: PDF, PNG, JPEG, WebP or GIF images, text, "
        "CSV, Word, Excel, PowerPoint, OpenDocument text or spreadsheet.",
        "photo.png does not contain what its name says it does.",
    ]
    assert not Attachment.objects.exists()
    assert stored_files(media) == []  # not even the good one


def test_an_oversized_file_is_refused_by_the_configured_limit(  # type: ignore[no-untyped-def]
    client, activity, settings, media
):
    settings.SAMPARK_MAX_ATTACHMENT_MB = 1
    big = files.PDF + b"0" * (1024 * 1024)

    response = upload_to(client, activity, upload("scan.pdf", big))

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"attachments": ["scan.pdf is larger than 1 MB."]}
    assert stored_files(media) == []


def test_a_file_just_within_the_limit_is_taken(client, activity, settings):  # type: ignore[no-untyped-def]
    settings.SAMPARK_MAX_ATTACHMENT_MB = 1
    exactly = files.PDF + b"0" * (1024 * 1024 - len(files.PDF))

    response = upload_to(client, activity, upload("scan.pdf", exactly))

    assert response.status_code == 201
    assert response.json()[0]["size"] == 1024 * 1024


def test_an_empty_file_is_refused(client, activity):  # type: ignore[no-untyped-def]
    response = upload_to(client, activity, upload("notes.txt", b""))

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"attachments": ["notes.txt is empty."]}


@pytest.mark.parametrize("name", ["page.html", "page.txt", "page", "image.svg"])
def test_markup_that_could_run_script_is_refused_whatever_its_name(  # type: ignore[no-untyped-def]
    client, activity, media, name
):
    content = files.SVG if name.endswith(".svg") else files.HTML

    response = upload_to(client, activity, upload(name, content, "text/html"))

    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"attachments"}
    assert stored_files(media) == []


def test_an_upload_without_files_names_the_missing_field(client, activity):  # type: ignore[no-untyped-def]
    response = client.post(f"{API}/activities/{activity.pk}/attachments", {"other": "x"})

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"attachments": ["This field is required."]}


def test_more_files_than_the_server_reads_at_once_is_a_client_error(  # type: ignore[no-untyped-def]
    client, activity, settings, media
):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2

    response = upload_to(client, activity, *(upload(f"{n}.txt", files.TEXT) for n in range(3)))

    assert response.status_code == 400  # not a 500: the request was the problem
    assert response.json()["error"]["code"] == "bad_request"
    assert stored_files(media) == []


def test_read_an_attachment(client, activity):  # type: ignore[no-untyped-def]
    [uploaded] = upload_to(client, activity, upload("quote.pdf", files.PDF)).json()

    response = client.get(f"{ATTACHMENTS}/{uploaded['id']}")

    assert response.status_code == 200
    assert response.json() == uploaded


def test_the_content_is_a_download_of_the_sniffed_type_never_sniffed_by_the_browser(  # type: ignore[no-untyped-def]
    client, activity
):
    [uploaded] = upload_to(client, activity, upload("দরপত্র.pdf", files.PDF, "text/html")).json()

    response = client.get(uploaded["download_url"])

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == files.PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]


def test_text_that_mentions_markup_is_still_only_ever_a_download(client, activity):  # type: ignore[no-untyped-def]
    notes = b"Customer pasted this:\n<script>alert(1)</script>\n"
    [uploaded] = upload_to(client, activity, upload("notes.txt", notes, "text/html")).json()

    response = client.get(uploaded["download_url"])

    assert response["Content-Type"] == "text/plain"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_missing_file_is_404_in_the_error_shape(client, activity, media):  # type: ignore[no-untyped-def]
    [uploaded] = upload_to(client, activity, upload("quote.pdf", files.PDF)).json()
    for path in stored_files(media):
        path.unlink()

    response = client.get(uploaded["download_url"])

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_delete_removes_the_attachment_and_its_file_and_is_audited(  # type: ignore[no-untyped-def]
    client, activity, media, django_capture_on_commit_callbacks
):
    [kept, dropped] = upload_to(
        client, activity, upload("quote.pdf", files.PDF), upload("photo.png", files.PNG)
    ).json()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.delete(f"{ATTACHMENTS}/{dropped['id']}")

    assert response.status_code == 204
    assert list(activity.attachments.values_list("pk", flat=True)) == [kept["id"]]
    assert [path.read_bytes() for path in stored_files(media)] == [files.PDF]
    entry = AuditEntry.objects.for_record(activity).first()
    assert entry is not None
    assert entry.changes == {"attachments": [["photo.png"], None]}
    assert client.get(f"{ATTACHMENTS}/{dropped['id']}").status_code == 404


def test_deleting_the_activity_deletes_its_attachments(client, activity):  # type: ignore[no-untyped-def]
    [uploaded] = upload_to(client, activity, upload("quote.pdf", files.PDF)).json()

    client.delete(f"{API}/activities/{activity.pk}", headers={"If-Match": '"1"'})

    assert client.get(f"{ATTACHMENTS}/{uploaded['id']}").status_code == 404


def test_every_activity_output_lists_its_attachments(client, people, teams, contact, activity):  # type: ignore[no-untyped-def]
    company = CompanyFactory(owner=people["agent"], team=teams[0])
    Affiliation.objects.create(contact=contact, company=company)
    uploaded = upload_to(client, activity, upload("quote.pdf", files.PDF)).json()

    outputs = [
        client.get(f"{API}/activities/{activity.pk}").json(),
        client.get(f"{API}/activities").json()["items"][0],
        client.get(f"{API}/contacts/{contact.pk}/timeline").json()["items"][0],
        client.get(f"{API}/companies/{company.pk}/timeline").json()["items"][0],
    ]

    assert [output["attachments"] for output in outputs] == [uploaded] * 4


def test_attach_to_an_activity_on_a_company(client, people, teams):  # type: ignore[no-untyped-def]
    company = CompanyFactory(owner=people["agent"], team=teams[0])
    activity = actions.log_activity(by=people["agent"], company=company, kind=ActivityKind.NOTE)

    response = upload_to(client, activity, upload("minutes.txt", files.TEXT))

    assert response.status_code == 201
    assert (
        client.get(f"{API}/companies/{company.pk}/timeline").json()["items"][0]["attachments"]
        == response.json()
    )


def _activities_with_files(people, teams, contact, count: int) -> None:  # type: ignore[no-untyped-def]
    # Rows only: listing reads no file, so none is written.
    for n in range(count):
        activity = ActivityFactory(contact=contact, owner=people["agent"], team=teams[0])
        for m in range(3):
            Attachment.objects.create(
                activity=activity,
                file=f"attachments/{n}-{m}.pdf",
                original_name=f"{n}-{m}.pdf",
                size=5,
                content_type="application/pdf",
            )


# Token (and its last use), the user's groups and permissions, the contact or company when there
# is one, the page of activities, and one query for all their attachments: the same for 1 or 30.
# A timeline reads one more per source other domains register: the deals' events (sales), the
# tickets (service) and, on a contact's, their campaign mail (marketing).
QUERIES = {"activities": 7, "contact": 11, "company": 10}


@pytest.mark.parametrize("count", [1, 30])
@pytest.mark.parametrize("listing", ["activities", "contact", "company"])
def test_listing_costs_the_same_queries_however_many_activities_and_files(  # type: ignore[no-untyped-def]
    client, people, teams, contact, count, listing, django_assert_max_num_queries
):
    company = CompanyFactory(owner=people["agent"], team=teams[0])
    Affiliation.objects.create(contact=contact, company=company)
    _activities_with_files(people, teams, contact, count)
    url = {
        "activities": f"{API}/activities",
        "contact": f"{API}/contacts/{contact.pk}/timeline",
        "company": f"{API}/companies/{company.pk}/timeline",
    }[listing]

    with django_assert_max_num_queries(QUERIES[listing]):
        response = client.get(url, {"limit": 50})

    items = response.json()["items"]
    assert len(items) == count
    assert all(len(item["attachments"]) == 3 for item in items)
    assert Activity.objects.count() == count


def test_the_schema_documents_the_upload_and_the_file_download(db):  # type: ignore[no-untyped-def]
    schema = Client().get(f"{API}/openapi.json").json()
    paths = schema["paths"]

    upload_op = paths[f"{API}/activities/{{activity_id}}/attachments"]["post"]
    form = upload_op["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert form["properties"]["attachments"]["items"] == {"type": "string", "format": "binary"}
    assert {"201", "403", "404", "422"} <= set(upload_op["responses"])
    assert set(paths[f"{API}/attachments/{{attachment_id}}"]) == {"get", "delete"}
    content = paths[f"{API}/attachments/{{attachment_id}}/content"]["get"]["responses"]
    assert content["200"]["content"]["*/*"]["schema"]["format"] == "binary"
    activity = schema["components"]["schemas"]["ActivityOut"]
    assert activity["properties"]["attachments"]["items"] == {
        "$ref": "#/components/schemas/AttachmentOut"
    }
