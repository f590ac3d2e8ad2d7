"""Attachments are served only through a checked download, never inline, never sniffed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts import actions
from sampark.contacts.models import ActivityKind
from sampark.contacts.tests import activity_factories as files
from sampark.contacts.tests.activity_factories import upload
from sampark.contacts.tests.factories import ContactFactory


@pytest.fixture(autouse=True)
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def attachment(people, teams):  # type: ignore[no-untyped-def]
    contact = ContactFactory(owner=people["agent"], team=teams[0])
    activity = actions.log_activity(
        by=people["agent"],
        contact=contact,
        kind=ActivityKind.EMAIL,
        attachments=[upload("দরপত্র quote.pdf", files.PDF, "text/html")],
    )
    return activity.attachments.get()


def download(client, attachment):  # type: ignore[no-untyped-def]
    return client.get(reverse("contacts:attachment_download", args=[attachment.pk]))


@pytest.mark.parametrize("role", ["admin", "manager", "agent", "colleague", "reader"])
def test_whoever_sees_the_activity_may_download(client, people, attachment, role):  # type: ignore[no-untyped-def]
    client.force_login(people[role])

    response = download(client, attachment)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == files.PDF


def test_another_team_gets_404_like_a_missing_file(client, people, attachment):  # type: ignore[no-untyped-def]
    client.force_login(people["outsider"])

    response = download(client, attachment)
    missing = client.get(reverse("contacts:attachment_download", args=[attachment.pk + 100]))

    assert response.status_code == missing.status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, attachment):  # type: ignore[no-untyped-def]
    response = download(client, attachment)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_is_always_a_download_of_the_sniffed_type(client, people, attachment):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    response = download(client, attachment)

    assert response["Content-Type"] == "application/pdf"  # not the text/html the browser sent
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in response["Content-Disposition"]  # a non-ASCII name, encoded
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]


def test_the_media_folder_is_not_served_directly(client, people, attachment):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    assert client.get(f"/media/{attachment.file.name}").status_code == 404


def test_a_missing_file_is_404_not_an_error(client, people, attachment, media):  # type: ignore[no-untyped-def]
    (media / attachment.file.name).unlink()
    client.force_login(people["agent"])

    assert download(client, attachment).status_code == 404
