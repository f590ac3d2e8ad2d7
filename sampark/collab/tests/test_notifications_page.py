"""The bell and the notifications page: one's own notifications only, newest first, read on
opening, all read at once."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sampark.collab.models import Notification, NotificationKind
from sampark.collab.notifications import notify
from sampark.collab.views_notifications import PAGE_SIZE

HTMX = {"HX-Request": "true"}
pytestmark = pytest.mark.django_db


def tell(user, text="hello", url="/contacts/1/", minutes_ago=0):  # type: ignore[no-untyped-def]
    note = notify(user, kind=NotificationKind.MENTION, message=text, url=url)
    assert note is not None
    when = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    Notification.objects.filter(pk=note.pk).update(created_at=when)
    return note


def test_every_page_has_a_bell_that_loads_its_count_lazily(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    page = client.get(reverse("contacts:list")).content.decode()

    assert f'hx-get="{reverse("collab:bell")}" hx-trigger="load, every 60s"' in page
    assert f'href="{reverse("collab:notifications")}"' in page


def test_a_page_view_runs_no_notification_query(client, people):  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    tell(people["agent"])
    client.force_login(people["agent"])

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("contacts:list"))

    assert not any("collab_notification" in q["sql"] for q in queries.captured_queries)


def test_the_bell_counts_only_ones_own_unread(client, people):  # type: ignore[no-untyped-def]
    tell(people["agent"])
    tell(people["agent"])
    read = tell(people["agent"])
    read.read_at = timezone.now()
    read.save()
    tell(people["colleague"])
    client.force_login(people["agent"])

    response = client.get(reverse("collab:bell"), headers=HTMX)

    assert response.context["unread"] == 2
    assert "2 unread notifications" in response.content.decode()


def test_the_list_is_newest_first_in_keyset_pages_with_unread_highlighted(client, people):  # type: ignore[no-untyped-def]
    notes = [tell(people["agent"], f"note {n}", minutes_ago=100 - n) for n in range(PAGE_SIZE + 2)]
    notes[-1].read_at = timezone.now()
    notes[-1].save()
    tell(people["colleague"], "not yours")
    client.force_login(people["agent"])

    first = client.get(reverse("collab:notifications"))
    older = client.get(first.context["older_url"], headers=HTMX)

    assert [n.message for n in first.context["notifications"]] == [
        f"note {n}" for n in range(PAGE_SIZE + 1, 1, -1)
    ]
    assert [n.message for n in older.context["notifications"]] == ["note 1", "note 0"]
    html = first.content.decode()
    assert "not yours" not in html
    assert html.count('class="notification unread"') == PAGE_SIZE - 1


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, people):  # type: ignore[no-untyped-def]
    note = tell(people["agent"], url="/contacts/7/#comment-3")
    client.force_login(people["agent"])

    response = client.get(reverse("collab:notification", args=[note.pk]))

    assert response.status_code == 302
    assert response["Location"] == "/contacts/7/#comment-3"
    note.refresh_from_db()
    assert note.read_at is not None


def test_a_link_off_the_site_is_not_followed(client, people):  # type: ignore[no-untyped-def]
    note = tell(people["agent"], url="https://evil.example.com/")
    client.force_login(people["agent"])

    response = client.get(reverse("collab:notification", args=[note.pk]))

    assert response["Location"] == reverse("collab:notifications")


@pytest.mark.parametrize("role", ["admin", "manager", "colleague", "outsider"])
def test_nobody_else_can_open_a_notification(client, people, role):  # type: ignore[no-untyped-def]
    note = tell(people["agent"])
    client.force_login(people[role])

    response = client.get(reverse("collab:notification", args=[note.pk]))

    assert response.status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_mark_all_as_read_is_a_post_for_ones_own(client, people):  # type: ignore[no-untyped-def]
    tell(people["agent"])
    tell(people["agent"])
    theirs = tell(people["colleague"])
    client.force_login(people["agent"])
    url = reverse("collab:read_all")

    assert client.get(url).status_code == 405
    response = client.post(url)

    assert response.status_code == 302
    assert not Notification.objects.for_user(people["agent"]).unread().exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_message_is_shown_escaped(client, people):  # type: ignore[no-untyped-def]
    tell(people["agent"], "<script>alert(1)</script> commented")
    client.force_login(people["agent"])

    html = client.get(reverse("collab:notifications")).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; commented" in html
