"""The comments section of a record page: lazy, oldest to newest, paged back, fixed cost."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sampark.collab.actions import add_comment
from sampark.collab.models import Comment
from sampark.collab.views_comments import PAGE_SIZE
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user

HTMX = {"HX-Request": "true"}
pytestmark = pytest.mark.django_db


def comments_on(record, count, author):  # type: ignore[no-untyped-def]
    start = timezone.now() - datetime.timedelta(days=1)
    for n in range(count):
        comment = add_comment(record, by=author, body=f"remark {n} for @colleague")
        Comment.objects.filter(pk=comment.pk).update(
            created_at=start + datetime.timedelta(minutes=n)
        )


def test_the_contact_and_company_pages_load_their_comments_with_htmx(
    client, people, contact, company
):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    contact_page = client.get(reverse("contacts:detail", args=[contact.pk])).content.decode()
    company_page = client.get(
        reverse("contacts:company_detail", args=[company.pk])
    ).content.decode()

    contact_url = reverse("collab:comments", args=["contact", contact.pk])
    company_url = reverse("collab:comments", args=["company", company.pk])
    assert f'hx-get="{contact_url}" hx-trigger="load"' in contact_page
    assert f'hx-get="{company_url}" hx-trigger="load"' in company_page
    assert 'id="comments"' in contact_page


def test_comments_read_oldest_to_newest_with_earlier_ones_on_request(client, people, contact):  # type: ignore[no-untyped-def]
    comments_on(contact, PAGE_SIZE + 4, people["agent"])
    client.force_login(people["manager"])
    url = reverse("collab:comments", args=["contact", contact.pk])

    first = client.get(url, headers=HTMX)
    shown = [entry.comment.body for entry in first.context["entries"]]
    assert shown == [f"remark {n} for @colleague" for n in range(4, PAGE_SIZE + 4)]
    earlier = client.get(first.context["earlier_url"], headers=HTMX)

    assert [e.comment.body for e in earlier.context["entries"]] == [
        f"remark {n} for @colleague" for n in range(4)
    ]
    assert earlier.context["earlier_url"] is None
    assert earlier.templates[0].name == "collab/comments/_items.html"


@pytest.mark.parametrize("count", [2, 25])
def test_the_section_costs_the_same_queries_however_many_comments(  # type: ignore[no-untyped-def]
    client, people, contact, count, django_assert_max_num_queries
):
    comments_on(contact, count, people["agent"])
    client.force_login(people["agent"])
    url = reverse("collab:comments", args=["contact", contact.pk])
    client.get(url, headers=HTMX)  # warm the session

    with django_assert_max_num_queries(6):
        response = client.get(url, headers=HTMX)

    assert len(response.context["entries"]) == count


def test_comments_do_not_change_the_contact_pages_query_count(client, people, contact):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    url = reverse("contacts:detail", args=[contact.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)

    comments_on(contact, 12, people["colleague"])
    with CaptureQueriesContext(connection) as after:
        client.get(url)

    assert len(after.captured_queries) == len(before.captured_queries)


def test_adding_a_comment_shows_it_last_and_empties_the_form(client, people, contact):  # type: ignore[no-untyped-def]
    comments_on(contact, 2, people["agent"])
    client.force_login(people["colleague"])
    url = reverse("collab:comment_add", args=["contact", contact.pk])

    response = client.post(url, {"body": "Spoke to her:\nshe will visit on Sunday"}, headers=HTMX)

    assert response.templates[0].name == "collab/comments/_body.html"
    assert response.context["entries"][-1].comment.body == (
        "Spoke to her:\nshe will visit on Sunday"
    )
    assert not response.context["form"].is_bound


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Write something first."),
        ("   \n  ", "Write something first."),
        ("x" * 5001, "at most 5000 characters"),
    ],
)
def test_bad_input_is_shown_on_the_field_and_only_the_form_is_swapped(
    client, people, contact, body, message
):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    url = reverse("collab:comment_add", args=["contact", contact.pk])

    response = client.post(url, {"body": body}, headers=HTMX)

    assert response.status_code == 200
    assert response["HX-Retarget"] == "#comment-form"
    html = response.content.decode()
    assert 'id="new_comment_body_error"' in html
    assert message in html
    assert not Comment.objects.exists()


def test_without_script_errors_come_on_the_page_and_success_redirects(client, people, contact):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    url = reverse("collab:comment_add", args=["contact", contact.pk])

    bad = client.post(url, {"body": ""})
    good = client.post(url, {"body": "noted"})

    assert bad.status_code == 200
    assert "Write something first." in bad.content.decode()
    assert good.status_code == 302
    assert good["Location"] == f"{reverse('contacts:detail', args=[contact.pk])}#comments"


def test_a_comment_is_edited_in_place_and_marked_edited(client, people, contact):  # type: ignore[no-untyped-def]
    comment = add_comment(contact, by=people["agent"], body="meeting on Monday")
    client.force_login(people["agent"])
    url = reverse("collab:comment_edit", args=[comment.pk])

    form = client.get(url, headers=HTMX)
    saved = client.post(url, {"body": "meeting on Tuesday", "version": "1"}, headers=HTMX)

    assert f'id="comment{comment.pk}_body"' in form.content.decode()
    assert saved.templates[0].name == "collab/comments/_comment.html"
    assert "meeting on Tuesday" in saved.content.decode()
    assert "edited" in saved.content.decode()
    comment.refresh_from_db()
    assert (comment.version, comment.edited_at is not None) == (2, True)


def test_a_stale_edit_is_refused_with_a_message(client, people, contact):  # type: ignore[no-untyped-def]
    comment = add_comment(contact, by=people["agent"], body="v1")
    client.force_login(people["agent"])
    url = reverse("collab:comment_edit", args=[comment.pk])
    client.post(url, {"body": "v2", "version": "1"}, headers=HTMX)

    response = client.post(url, {"body": "v3 from an old tab", "version": "1"}, headers=HTMX)

    assert "changed since you opened it" in response.content.decode()
    comment.refresh_from_db()
    assert comment.body == "v2"


def test_an_empty_edit_shows_the_error_on_the_field(client, people, contact):  # type: ignore[no-untyped-def]
    comment = add_comment(contact, by=people["agent"], body="v1")
    client.force_login(people["agent"])

    response = client.post(
        reverse("collab:comment_edit", args=[comment.pk]),
        {"body": "", "version": "1"},
        headers=HTMX,
    )

    assert f'id="comment{comment.pk}_body_error"' in response.content.decode()


def test_a_deleted_comment_disappears_in_place(client, people, contact):  # type: ignore[no-untyped-def]
    comment = add_comment(contact, by=people["agent"], body="oops")
    client.force_login(people["agent"])

    response = client.post(
        reverse("collab:comment_delete", args=[comment.pk]), {"version": "1"}, headers=HTMX
    )

    assert response.status_code == 200
    assert response.content == b""
    assert not Comment.objects.exists()


def test_edit_and_delete_buttons_show_only_to_who_may_use_them(client, people, contact):  # type: ignore[no-untyped-def]
    add_comment(contact, by=people["agent"], body="mine")
    url = reverse("collab:comments", args=["contact", contact.pk])

    client.force_login(people["colleague"])
    colleague_view = client.get(url, headers=HTMX).content.decode()
    client.force_login(people["admin"])
    admin_view = client.get(url, headers=HTMX).content.decode()

    assert "/edit/" not in colleague_view
    assert "/delete/" not in colleague_view
    assert "/edit/" not in admin_view
    assert "/delete/" in admin_view


def test_the_people_lookup_offers_active_users_by_username_or_name(client, people):  # type: ignore[no-untyped-def]
    make_user(Role.AGENT, username="rahim", first_name="Rahim", last_name="Uddin")
    make_user(Role.AGENT, username="rahat", first_name="Rahat", is_active=False)
    make_user(Role.AGENT, username="nusrat", first_name="Nusrat", last_name="Rahman")
    client.force_login(people["agent"])
    url = reverse("collab:people")

    by_start = client.get(url, {"q": "@rah"}, headers=HTMX)
    empty = client.get(url, {"q": ""}, headers=HTMX)

    assert [p.username for p in by_start.context["people"]] == ["nusrat", "rahim"]
    assert '<option value="rahim">Rahim Uddin</option>' in by_start.content.decode()
    assert empty.context["people"] == []
