"""The import wizard in the browser's terms: upload, map, check, run, report, undo."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sampark.contacts.models import Contact
from sampark.imports.models import Import

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_run_at_once")]


FILE = (
    "Name,E-mail Address,Mobile Phone\n"
    "ফাতেমা খাতুন,fatema@meghna.com.bd,01711-000001\n"
    "<script>alert(1)</script>,bad@,01711-000002\n"
)


def _uploaded(client) -> Import:  # type: ignore[no-untyped-def]
    response = client.post(
        reverse("imports:new"),
        {"file": SimpleUploadedFile("outlook.csv", FILE.encode()), "object": "contacts"},
    )
    assert response.status_code == 302, response.content
    return Import.objects.get()


def _mapping_post(job: Import, **extra: str) -> dict[str, str]:
    data = {f"col_{n}": job.mapping.get(column, "") for n, column in enumerate(job.columns)}
    return {**data, "match_on": "email", "existing": "update", **extra}


def test_the_mapping_page_shows_each_column_with_its_first_values(client, people):
    client.force_login(people["agent"])
    job = _uploaded(client)
    page = client.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert "E-mail Address" in page
    assert "fatema@meghna.com.bd" in page
    assert "ফাতেমা খাতুন" in page
    # A cell is text in the page, never markup.
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_check_then_run_then_undo(client, people, django_capture_on_commit_callbacks):
    # Each step's task is enqueued as its request commits, and the test backend runs it then.
    run_tasks = django_capture_on_commit_callbacks
    client.force_login(people["agent"])
    job = _uploaded(client)
    detail = reverse("imports:detail", args=[job.pk])

    with run_tasks(execute=True):
        client.post(detail, _mapping_post(job, check="1"))
    job.refresh_from_db()
    assert job.check_counts == {"new": 1, "error": 1}
    assert not Contact.objects.exists()
    page = client.get(detail).content.decode()
    assert "bad@" in page or "Rows not imported" in page

    with run_tasks(execute=True):
        client.post(detail, _mapping_post(job, run="1"))
    job.refresh_from_db()
    assert job.status == "done"
    assert Contact.objects.get().display_name == "ফাতেমা খাতুন"

    errors = client.get(reverse("imports:errors", args=[job.pk]))
    text = b"".join(errors.streaming_content).decode("utf-8-sig")
    assert "bad@" in text

    with run_tasks(execute=True):
        client.post(reverse("imports:undo", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "undone"
    assert not Contact.objects.exists()


def test_a_mapping_error_is_shown_beside_its_column(client, people):
    client.force_login(people["agent"])
    job = _uploaded(client)
    data = _mapping_post(job, check="1")
    data["col_0"] = "display_name"
    data["col_1"] = "display_name"
    response = client.post(reverse("imports:detail", args=[job.pk]), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["col_1"]
    assert not form.errors.get("col_0")


def test_an_unreadable_file_is_an_error_on_the_file(client, people):
    client.force_login(people["agent"])
    response = client.post(
        reverse("imports:new"),
        {"file": SimpleUploadedFile("empty.csv", b""), "object": "contacts"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Import.objects.exists()


def test_another_users_import_is_not_found_and_a_reader_may_not_import(client, people):
    client.force_login(people["agent"])
    job = _uploaded(client)
    client.force_login(people["outsider"])
    for name in ("detail", "progress", "errors"):
        assert client.get(reverse(f"imports:{name}", args=[job.pk])).status_code == 404
    assert client.post(reverse("imports:undo", args=[job.pk])).status_code == 404
    client.force_login(people["reader"])
    assert client.get(reverse("imports:new")).status_code == 403


def test_the_list_of_imports_shows_only_ones_own_and_admins_see_all(client, people):
    client.force_login(people["agent"])
    _uploaded(client)
    assert "outlook.csv" in client.get(reverse("imports:list")).content.decode()
    client.force_login(people["outsider"])
    assert "outlook.csv" not in client.get(reverse("imports:list")).content.decode()
    client.force_login(people["admin"])
    assert "outlook.csv" in client.get(reverse("imports:list")).content.decode()
