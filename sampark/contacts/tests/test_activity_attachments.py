"""Attachments are checked by their content, stored under a random name, and removed with them."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from sampark.contacts import actions
from sampark.contacts.models import Activity, ActivityKind, Attachment
from sampark.contacts.tests import activity_factories as files
from sampark.contacts.tests.activity_factories import upload
from sampark.contacts.tests.factories import ContactFactory


@pytest.fixture(autouse=True)
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0])


def log_with(people, contact, *uploads):  # type: ignore[no-untyped-def]
    return actions.log_activity(
        by=people["agent"], contact=contact, kind=ActivityKind.EMAIL, attachments=list(uploads)
    )


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("scan.pdf", files.PDF, "application/pdf"),
        ("photo.png", files.PNG, "image/png"),
        ("photo.jpeg", files.JPEG, "image/jpeg"),
        ("anim.gif", files.GIF, "image/gif"),
        ("pic.webp", files.WEBP, "image/webp"),
        ("notes.txt", files.TEXT, "text/plain"),
        ("leads.csv", files.CSV, "text/csv"),
        (
            "quote.docx",
            files.docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "sheet.xlsx",
            files.xlsx(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("letter.odt", files.odt(), "application/vnd.oasis.opendocument.text"),
        ("sheet.ods", files.ods(), "application/vnd.oasis.opendocument.spreadsheet"),
    ],
)
def test_allowed_types_are_stored_with_the_type_their_content_shows(  # type: ignore[no-untyped-def]
    people, contact, media, name, content, content_type
):
    # The browser's claim is ignored: every upload says octet-stream here.
    activity = log_with(people, contact, upload(name, content))

    attachment = activity.attachments.get()
    assert attachment.content_type == content_type
    assert attachment.original_name == name
    assert attachment.size == len(content)
    assert (media / attachment.file.name).read_bytes() == content


def test_a_stored_file_gets_a_random_name_in_a_dated_folder(people, contact, media):  # type: ignore[no-untyped-def]
    activity = log_with(people, contact, upload("Quote for Meera.pdf", files.PDF))

    stored = activity.attachments.get().file.name
    assert stored.startswith("attachments/")
    assert stored.endswith(".pdf")
    assert "Meera" not in stored
    assert len(Path(stored).parts) == 4  # attachments/YYYY/MM/<random>.pdf


def test_a_file_over_the_limit_is_refused(people, contact, settings):  # type: ignore[no-untyped-def]
    settings.SAMPARK_MAX_ATTACHMENT_MB = 1
    big = files.PDF + b"\x00" * (1024 * 1024)

    with pytest.raises(ValidationError) as error:
        log_with(people, contact, upload("big.pdf", big))

    assert "larger than 1 MB" in error.value.message_dict["attachments"][0]
    assert not Activity.objects.exists()
    assert not Attachment.objects.exists()


def test_the_limit_defaults_to_25_mb(settings):  # type: ignore[no-untyped-def]
    assert settings.SAMPARK_MAX_ATTACHMENT_MB == 25
    assert actions.max_attachment_bytes() == 25 * 1024 * 1024


@pytest.mark.parametrize(
    ("name", "content", "claimed"),
    [
        ("invoice.pdf", files.EXE, "application/pdf"),  # a program calling itself a PDF
        ("photo.png", files.HTML, "image/png"),  # a web page calling itself an image
        ("logo.svg", files.SVG, "image/svg+xml"),  # SVG can carry script: not allowed
        ("page.txt", files.HTML, "text/plain"),  # markup is not accepted as text either
        (
            "macro.docx",
            files.docm(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("archive.docx", files.zipped({"a.txt": b"x"}), "application/zip"),
        ("program.exe", files.EXE, "application/x-msdownload"),
    ],
)
def test_disallowed_content_is_refused_whatever_its_name_and_type_claim(  # type: ignore[no-untyped-def]
    people, contact, media, name, content, claimed
):
    with pytest.raises(ValidationError) as error:
        log_with(people, contact, upload(name, content, claimed))

    assert name in error.value.message_dict["attachments"][0]
    assert not Activity.objects.exists()
    assert not any(media.rglob("*.*"))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", files.PNG),  # an image named as a PDF
        ("photo.jpg", files.PDF),
        ("data.exe", files.TEXT),  # text named as a program
    ],
)
def test_a_name_claiming_another_allowed_type_is_refused(people, contact, name, content):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        log_with(people, contact, upload(name, content))

    assert "does not contain what its name says" in error.value.message_dict["attachments"][0]


def test_an_empty_file_is_refused(people, contact):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        log_with(people, contact, upload("empty.txt", b""))

    assert "is empty" in error.value.message_dict["attachments"][0]


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("../../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\windows\\system32\\notes.txt", "notes.txt"),
        ("/absolute/path/notes.txt", "notes.txt"),
        ("notes\x00.txt", "notes_.txt"),
        ("a" * 300 + ".txt", "a" * 196 + ".txt"),
    ],
)
def test_a_path_in_the_name_never_reaches_the_disk(people, contact, media, name, shown):  # type: ignore[no-untyped-def]
    # SimpleUploadedFile strips folders itself; a raw multipart name can carry them.
    raw = upload("x.txt", files.TEXT)
    raw.name = name
    activity = log_with(people, contact, raw)

    attachment = activity.attachments.get()
    assert attachment.original_name == shown
    stored = (media / attachment.file.name).resolve()
    assert stored.is_relative_to(media.resolve() / "attachments")
    assert not (media.parent / "etc").exists()


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("../../../etc/passwd.txt", "passwd.txt"),
        ("..", "attachment.txt"),
        ("../..", "attachment.txt"),
        ("C:\\Users\\me\\..\\notes.txt", "notes.txt"),
        ("quote<script>.txt", "quote_script_.txt"),
        ("no extension", "no extension.txt"),
        ("report.PDF", "report.pdf"),
    ],
)
def test_the_name_shown_is_a_plain_file_name(raw, shown):  # type: ignore[no-untyped-def]
    from sampark.lib.filetypes import PDF, TEXT, safe_display_name

    file_type = PDF if raw.lower().endswith(".pdf") else TEXT
    assert safe_display_name(raw, file_type) == shown


def test_every_bad_file_is_reported_at_once_and_nothing_is_kept(people, contact, media):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        log_with(
            people,
            contact,
            upload("good.pdf", files.PDF),
            upload("bad.exe", files.EXE),
            upload("bad.png", files.HTML),
        )

    messages = error.value.message_dict["attachments"]
    assert len(messages) == 2
    assert not any(media.rglob("*.*"))


def test_deleting_the_activity_removes_its_files(
    people, contact, media, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    activity = log_with(people, contact, upload("a.pdf", files.PDF), upload("b.png", files.PNG))
    stored = [media / a.file.name for a in activity.attachments.all()]
    assert all(path.exists() for path in stored)

    with django_capture_on_commit_callbacks(execute=True):
        actions.delete_activity(activity, by=people["agent"])

    assert not Attachment.objects.exists()
    assert not any(path.exists() for path in stored)


def test_deleting_the_contact_removes_the_files_of_its_activities(
    people, contact, media, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    activity = log_with(people, contact, upload("a.pdf", files.PDF))
    stored = media / activity.attachments.get().file.name

    with django_capture_on_commit_callbacks(execute=True):
        contact.delete()  # the activities go by cascade, and their attachments with them

    assert not stored.exists()


def test_an_edit_can_add_and_remove_attachments(
    people, contact, media, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    activity = log_with(people, contact, upload("old.pdf", files.PDF))
    old = activity.attachments.get()
    old_path = media / old.file.name

    with django_capture_on_commit_callbacks(execute=True):
        actions.update_activity(
            activity,
            by=people["agent"],
            values={},
            add_attachments=[upload("new.png", files.PNG)],
            remove_attachments=[old.pk],
        )

    assert [a.original_name for a in activity.attachments.all()] == ["new.png"]
    assert not old_path.exists()


def test_a_failed_write_leaves_no_stored_file(people, contact, media, monkeypatch):  # type: ignore[no-untyped-def]
    def fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("audit is down")

    monkeypatch.setattr("sampark.contacts.actions._audit_attachments", fail)

    with pytest.raises(RuntimeError):
        log_with(people, contact, upload("a.pdf", files.PDF))

    assert not Activity.objects.exists()
    assert not any(media.rglob("*.pdf"))
