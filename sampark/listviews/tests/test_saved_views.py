"""Saving the list's filters, sort and columns as a view, applying it, and keeping it up to date."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.tests.factories import CompanyFactory
from sampark.core.models import AuditEntry
from sampark.customfields.models import CustomObject, FieldKind
from sampark.customfields.tests.factories import define
from sampark.listviews.models import SavedView
from sampark.listviews.tests.factories import saved_view

pytestmark = pytest.mark.django_db

CREATE = reverse("listviews:create", args=["contacts"])
LIST = reverse("contacts:list")


def test_the_current_filters_sort_and_columns_are_saved_and_applied(client, people, clients, names):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    page = client.get(LIST, {"stage": "lead", "q": "", "sort": "updated"})
    state = page.context["list_state"]
    assert state.query == "stage=lead&sort=updated"  # empty and navigation parameters left out

    response = client.post(
        CREATE,
        {
            "name": "Open leads",
            "share": "private",
            "query": state.query,
            "columns": ["email", "stage"],
        },
    )

    view = SavedView.objects.get()
    assert response["Location"] == f"{LIST}?view={view.pk}"
    assert (view.owner, view.list_name, view.query) == (people["agent"], "contacts", state.query)
    assert view.columns == ["email", "stage"]
    applied = client.get(LIST, {"view": view.pk})
    assert names(applied) == ["Chitra", "Anika"]  # leads, most recently updated first
    assert applied.context["sort"] == "updated"
    assert [column.key for column in applied.context["columns"]] == ["email", "stage"]
    body = applied.content.decode()
    assert f'<option value="{view.pk}" selected>Open leads · Only me</option>' in body
    assert f'<input type="hidden" name="view" value="{view.pk}">' in body


def test_filters_in_the_address_win_over_the_views_and_can_be_saved_into_it(
    client, people, clients, names
):  # type: ignore[no-untyped-def]
    view = saved_view(people["agent"], "Leads", query="stage=lead")
    client.force_login(people["agent"])

    changed = client.get(LIST, {"view": view.pk, "stage": "customer", "q": ""})

    assert names(changed) == ["Bishal"]
    assert changed.context["list_state"].modified
    assert "Save changes to this view" in changed.content.decode()
    client.post(
        reverse("listviews:update", args=[view.pk]),
        {"query": changed.context["list_state"].query, "columns": ["owner"]},
    )
    view.refresh_from_db()
    assert (view.query, view.columns, view.version) == ("stage=customer", ["owner"], 2)
    assert not client.get(LIST, {"view": view.pk}).context["list_state"].modified


def test_paging_through_a_view_keeps_its_filters(client, people, clients, names, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sampark.contacts.views.PAGE_SIZE", 1)
    view = saved_view(people["agent"], "Leads", query="stage=lead")
    client.force_login(people["agent"])

    first = client.get(LIST, {"view": view.pk})
    second = client.get(first.context["next_url"])

    assert first.context["next_url"].startswith(f"{LIST}?view={view.pk}&cursor=")
    assert names(first) + names(second) == ["Anika", "Chitra"]
    assert second.context["next_url"] is None


def test_while_filtering_with_htmx_the_views_bar_follows_the_filters(client, people, clients):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    response = client.get(LIST, {"stage": "lead"}, headers={"HX-Request": "true"})

    body = response.content.decode()
    assert "<html" not in body
    assert '<div id="list-views" class="cluster list-views" hx-swap-oob="true">' in body
    assert '<input type="hidden" name="query" value="stage=lead">' in body
    assert "hx-swap-oob" not in client.get(LIST, {"stage": "lead"}).content.decode()


def test_a_view_is_renamed_and_shared_by_its_owner(client, people, teams, clients):  # type: ignore[no-untyped-def]
    view = saved_view(people["agent"], "Leads")
    client.force_login(people["agent"])
    url = reverse("listviews:edit", args=[view.pk])
    assert client.get(url).status_code == 200

    response = client.post(url, {"name": "Dhaka leads", "share": f"team:{teams[0].pk}"})

    assert response.status_code == 302
    view.refresh_from_db()
    assert (view.name, view.visibility, view.team) == ("Dhaka leads", "team", teams[0])


def test_a_view_is_deleted_after_a_confirmation(client, people, clients):  # type: ignore[no-untyped-def]
    view = saved_view(people["agent"], "Leads")
    client.force_login(people["agent"])
    url = reverse("listviews:delete", args=[view.pk])

    assert "Delete the view “Leads”?" in client.get(url).content.decode()
    assert SavedView.objects.exists()
    response = client.post(url)

    assert response["Location"] == LIST
    assert not SavedView.objects.exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "This field is required."),
        ("   ", "This field is required."),
        ("x" * 101, "Ensure this value has at most 100 characters (it has 101)."),
        ("Leads", "You already have a view called “Leads”."),
    ],
)
def test_a_bad_name_is_shown_at_the_name_field(client, people, clients, name, message):  # type: ignore[no-untyped-def]
    saved_view(people["agent"], "Leads")
    client.force_login(people["agent"])

    response = client.post(CREATE, {"name": name, "share": "private", "query": "stage=lead"})

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["name"] == [message]
    assert SavedView.objects.count() == 1
    body = response.content.decode()
    assert 'id="new-view-name_error"' in body
    assert '<input type="hidden" name="query" value="stage=lead">' in body  # kept for a retry


def test_an_unknown_parameter_in_the_filters_is_reported_not_saved(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    response = client.post(CREATE, {"name": "Odd", "share": "private", "query": "colour=red"})

    assert "This list has no filter or sort called colour." in response.content.decode()
    assert not SavedView.objects.exists()


def test_a_view_name_is_shown_as_text_never_as_markup(client, people, clients):  # type: ignore[no-untyped-def]
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    view = saved_view(people["manager"], payload, visibility="everyone")
    client.force_login(people["agent"])

    bodies = [
        client.get(LIST).content.decode(),
        client.get(LIST, {"view": view.pk}).content.decode(),
    ]
    client.force_login(people["manager"])
    bodies.append(client.get(reverse("listviews:edit", args=[view.pk])).content.decode())
    bodies.append(client.get(reverse("listviews:delete", args=[view.pk])).content.decode())

    for body in bodies:
        assert "<script>alert" not in body
        assert "<img src=x" not in body
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


def test_every_change_to_a_view_is_audited(client, people, clients):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    client.post(CREATE, {"name": "Leads", "share": "private", "query": "stage=lead"})
    view = SavedView.objects.get()
    client.post(
        reverse("listviews:edit", args=[view.pk]), {"name": "Hot leads", "share": "private"}
    )
    client.post(reverse("listviews:delete", args=[view.pk]))

    entries = list(AuditEntry.objects.filter(model_label="listviews.savedview").order_by("seq"))

    assert [entry.action for entry in entries] == ["create", "update", "delete"]
    assert all(entry.actor == people["agent"] for entry in entries)
    assert entries[0].changes["query"] == [None, "stage=lead"]
    assert entries[1].changes == {"name": ["Leads", "Hot leads"]}
    assert entries[2].changes["name"] == ["Hot leads", None]


def test_a_company_view_applies_its_custom_filter_and_keeps_it_on_every_page(client, people, teams):  # type: ignore[no-untyped-def]
    define(FieldKind.CHOICE, "tier", obj=CustomObject.COMPANY, options=["gold", "silver"])
    for n in range(104):
        CompanyFactory(
            owner=people["agent"],
            team=teams[0],
            name=f"Firm {n:03}",
            custom={"tier": "gold" if n % 2 else "silver"},
        )
    view = saved_view(people["agent"], "Gold", list_name="companies", query="cf_tier=gold")
    client.force_login(people["agent"])
    url = reverse("contacts:companies")

    first = client.get(url, {"view": view.pk})

    assert first.context["page"].paginator.count == 52
    assert [c.name for c in first.context["page"]][:2] == ["Firm 001", "Firm 003"]
    assert f'href="?view={view.pk}&amp;page=2"' in first.content.decode()
    second = client.get(url, {"view": view.pk, "page": 2})
    assert [c.name for c in second.context["page"]] == ["Firm 101", "Firm 103"]
