"""Roles decide who reads, adds and removes attachments over the API, as on the timeline page.

Everyone but the outsider is in the Dhaka desk, where the agent owns the client and logged the
email; the outsider is an agent of the Mumbai desk.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sampark.contacts import actions
from sampark.contacts.models import ActivityKind, Attachment
from sampark.contacts.tests import activity_factories as files
from sampark.contacts.tests.activity_factories import upload
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory
from sampark.core.models import TokenScope
from sampark.core.tests.api_client import API, api_client

ATTACHMENTS = f"{API}/attachments"
READERS = ["admin", "manager", "agent", "colleague", "reader"]
# Changing the activity: its author, and a manager or admin of its team.
CHANGERS = {"admin": True, "manager": True, "agent": True, "colleague": False, "reader": False}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def activity(people, teams):  # type: ignore[no-untyped-def]
    contact = ContactFactory(owner=people["agent"], team=teams[0])
    return actions.log_activity(
        by=people["agent"],
        contact=contact,
        kind=ActivityKind.EMAIL,
        attachments=[upload("quote.pdf", files.PDF)],
    )


@pytest.fixture
def attachment(activity):  # type: ignore[no-untyped-def]
    return activity.attachments.get()


def urls(attachment: Attachment) -> tuple[str, str]:
    return f"{ATTACHMENTS}/{attachment.pk}", f"{ATTACHMENTS}/{attachment.pk}/content"


def add(client, activity):  # type: ignore[no-untyped-def]
    return client.post(
        f"{API}/activities/{activity.pk}/attachments",
        {"attachments": [upload("photo.png", files.PNG)]},
    )


@pytest.mark.parametrize("role", READERS)
def test_whoever_sees_the_activity_reads_its_attachments(people, attachment, role):  # type: ignore[no-untyped-def]
    client = api_client(people[role])
    metadata, content = urls(attachment)

    assert client.get(metadata).json()["name"] == "quote.pdf"
    response = client.get(content)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == files.PDF


def test_an_outsider_gets_404_for_another_teams_attachment_like_a_missing_one(  # type: ignore[no-untyped-def]
    people, activity, attachment
):
    client = api_client(people["outsider"])
    missing = client.get(f"{ATTACHMENTS}/{attachment.pk + 1000}").json()

    for response in (
        *(client.get(url) for url in urls(attachment)),
        client.delete(urls(attachment)[0]),
        add(client, activity),
    ):
        assert response.status_code == 404
        assert response.json() == missing
    assert list(activity.attachments.all()) == [attachment]


def test_an_outsider_gets_404_for_an_attachment_on_another_teams_company(people, teams):  # type: ignore[no-untyped-def]
    company = CompanyFactory(owner=people["agent"], team=teams[0])
    activity = actions.log_activity(
        by=people["agent"],
        company=company,
        kind=ActivityKind.NOTE,
        attachments=[upload("minutes.txt", files.TEXT)],
    )
    client = api_client(people["outsider"])

    for url in urls(activity.attachments.get()):
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", READERS)
def test_the_api_lets_through_exactly_whom_the_download_link_does(  # type: ignore[no-untyped-def]
    people, attachment, role
):
    page = Client()
    page.force_login(people[role])

    api = api_client(people[role]).get(urls(attachment)[1])
    web = page.get(reverse("contacts:attachment_download", args=[attachment.pk]))

    assert api.status_code == web.status_code == 200
    assert api["Content-Disposition"] == web["Content-Disposition"]


@pytest.mark.parametrize("role", CHANGERS)
def test_only_who_may_change_the_activity_adds_files(people, activity, role):  # type: ignore[no-untyped-def]
    response = add(api_client(people[role]), activity)

    if CHANGERS[role]:
        assert response.status_code == 201
        assert activity.attachments.count() == 2
    else:
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "forbidden"
        assert activity.attachments.count() == 1


@pytest.mark.parametrize("role", CHANGERS)
def test_only_who_may_change_the_activity_removes_files(people, activity, attachment, role):  # type: ignore[no-untyped-def]
    response = api_client(people[role]).delete(urls(attachment)[0])

    if CHANGERS[role]:
        assert response.status_code == 204
        assert not activity.attachments.exists()
    else:
        assert response.status_code == 403
        assert list(activity.attachments.all()) == [attachment]


def test_a_read_only_token_reads_but_neither_adds_nor_removes(people, activity, attachment):  # type: ignore[no-untyped-def]
    client = api_client(people["agent"], TokenScope.READ)

    assert all(client.get(url).status_code == 200 for url in urls(attachment))
    assert add(client, activity).status_code == 403
    assert client.delete(urls(attachment)[0]).status_code == 403
    assert list(activity.attachments.all()) == [attachment]


def test_nothing_without_credentials(activity, attachment):  # type: ignore[no-untyped-def]
    client = Client()

    for response in (
        *(client.get(url) for url in urls(attachment)),
        client.delete(urls(attachment)[0]),
        add(client, activity),
    ):
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthorized"


def test_a_signed_in_browser_session_follows_the_download_url(people, attachment):  # type: ignore[no-untyped-def]
    session = Client()
    session.force_login(people["reader"])
    download_url = api_client(people["reader"]).get(urls(attachment)[0]).json()["download_url"]

    response = session.get(download_url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
