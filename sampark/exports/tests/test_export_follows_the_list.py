"""An export holds what the list shows: its search, filters, sort and saved view, and — unless
every field is asked for — its columns, in the same order."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.tests.factories import CompanyFactory, ContactFactory
from sampark.core.tests.api_client import API, api_client
from sampark.customfields.models import FieldKind
from sampark.customfields.tests.factories import define
from sampark.exports.tests.reading import csv_records, csv_rows
from sampark.listviews.tests.factories import saved_view

pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [row["Full name"] for row in csv_records(response)]


def test_the_stage_filter_and_sort_of_the_list_apply(client, people, clients, export_url):  # type: ignore[no-untyped-def]
    client.force_login(people["manager"])

    leads = client.get(export_url("contacts"), {"format": "csv", "stage": "lead"})
    by_stage = client.get(export_url("contacts"), {"format": "csv", "sort": "stage"})

    assert _names(leads) == ["Anika"]
    assert _names(by_stage) == ["Bishal", "Anika"]  # customer before lead


def test_the_search_finds_what_the_list_finds_in_any_script(client, people, teams, export_url):  # type: ignore[no-untyped-def]
    ContactFactory(owner=people["agent"], team=teams[0], display_name="রবীন্দ্র চক্রবর্তী")
    ContactFactory(owner=people["agent"], team=teams[0], display_name="Meera Nair")
    client.force_login(people["manager"])

    response = client.get(export_url("contacts"), {"format": "csv", "q": "রবীন্দ্র"})

    assert _names(response) == ["রবীন্দ্র চক্রবর্তী"]


def test_an_export_holds_the_same_rows_in_the_same_order_as_the_list_page(
    client, people, teams, export_url
):  # type: ignore[no-untyped-def]
    define(FieldKind.NUMBER, "score", label="Score")
    for n, stage in enumerate(["lead", "customer", "lead", "churned", "lead", "customer"]):
        ContactFactory(
            owner=people["agent"],
            team=teams[0],
            display_name=f"Client {n}",
            lifecycle_stage=stage,
            custom={"score": (n * 7) % 5},
        )
    client.force_login(people["manager"])
    filters = {"stage": "lead", "sort": "cf_score", "cf_score_min": "1"}

    page = client.get(reverse("contacts:list"), filters).context["page"].items
    exported = client.get(export_url("contacts"), {**filters, "format": "csv"})

    assert _names(exported) == [contact.display_name for contact in page]
    assert len(page) == 2


def test_the_tag_filter_applies_to_companies(client, people, teams, export_url):  # type: ignore[no-untyped-def]
    from sampark.contacts.models import Tag

    tagged = CompanyFactory(owner=people["agent"], team=teams[0], name="Padma Traders")
    tagged.tags.add(Tag.objects.create(name="vip"))
    CompanyFactory(owner=people["agent"], team=teams[0], name="Jamuna Steel")
    client.force_login(people["manager"])

    response = client.get(export_url("companies"), {"format": "csv", "tag": "vip"})

    assert [row["Company name"] for row in csv_records(response)] == ["Padma Traders"]


def test_a_saved_view_brings_its_filters_and_columns(client, people, clients, export_url):  # type: ignore[no-untyped-def]
    view = saved_view(
        people["agent"],
        "Team leads",
        query="stage=lead",
        columns=["owner", "stage"],
        visibility="team",
        team=people["agent"].teams.get(),
    )
    client.force_login(people["manager"])

    response = client.get(export_url("contacts"), {"view": view.pk, "format": "csv"})

    assert csv_rows(response) == [
        ["Full name", "Owner (username or email)", "Lifecycle stage"],
        ["Anika", "agent", "lead"],
    ]


def test_filters_changed_since_the_view_was_saved_win(client, people, clients, export_url):  # type: ignore[no-untyped-def]
    view = saved_view(people["manager"], "Leads", query="stage=lead")
    client.force_login(people["manager"])

    # The user emptied the view's stage filter on screen: the export carries the empty value.
    response = client.get(export_url("contacts"), {"view": view.pk, "stage": "", "format": "csv"})

    assert _names(response) == ["Anika", "Bishal"]


def test_the_shown_columns_are_the_users_own_choice_in_its_order(
    branch, client, people, clients, export_url
):  # type: ignore[no-untyped-def]
    client.force_login(people["manager"])
    client.post(
        reverse("listviews:columns", args=["contacts"]),
        {"columns": ["cf_branch", "country", "email"]},
    )

    header = csv_rows(client.get(export_url("contacts"), {"format": "csv"}))[0]
    keys = csv_rows(client.get(export_url("contacts"), {"format": "csv", "header": "keys"}))[0]

    assert header == ["Full name", "Branch", "Country", "Email"]
    assert keys == ["display_name", "custom.branch", "country", "email"]


def test_every_field_is_every_import_target_and_custom_field(
    branch, sector, client, people, clients, export_url
):  # type: ignore[no-untyped-def]
    from sampark.imports.targets import ImportObject, targets

    client.force_login(people["admin"])

    for kind, obj in (("contacts", ImportObject.CONTACTS), ("companies", ImportObject.COMPANIES)):
        response = client.get(
            export_url(kind), {"format": "csv", "columns": "all", "header": "keys"}
        )
        header = csv_rows(response)[0]
        assert {target.key for target in targets(obj)} <= set(header), kind
        assert {"id", "created_at", "updated_at"} <= set(header)


def test_the_api_takes_the_list_filters_and_the_view(people, clients):  # type: ignore[no-untyped-def]
    view = saved_view(people["manager"], "Customers", query="stage=customer")
    client = api_client(people["manager"])

    leads = client.get(f"{API}/contacts/export", {"stage": "lead", "header": "keys"})
    customers = client.get(f"{API}/contacts/export", {"view": view.pk, "format": "csv"})

    assert [row["display_name"] for row in csv_records(leads)] == ["Anika"]
    assert [row["Full name"] for row in csv_records(customers)] == ["Bishal"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"cf_score_min": "many"}, "cf_score_min"),
        ({"sort": "shoe size"}, "sort"),
        ({"stage": "prospect"}, "stage"),
        ({"format": "pdf"}, "format"),
        ({"columns": "some"}, "columns"),
    ],
)
def test_a_bad_parameter_over_the_api_is_a_422_naming_it(score, people, clients, params, field):  # type: ignore[no-untyped-def]

    response = api_client(people["manager"]).get(f"{API}/contacts/export", params)

    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]


def test_a_bad_choice_in_the_web_form_shows_the_form_with_the_error(
    client, people, clients, export_url
):  # type: ignore[no-untyped-def]
    client.force_login(people["manager"])

    response = client.get(export_url("contacts"), {"format": "pdf", "stage": "lead"})

    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="export-format_error"' in html
    assert '<input type="hidden" name="stage" value="lead">' in html


def test_times_are_iso_8601_in_the_users_time_zone(client, people, teams, export_url):  # type: ignore[no-untyped-def]
    import datetime

    when = datetime.datetime(2026, 3, 1, 10, 0, tzinfo=datetime.UTC)
    ContactFactory(owner=people["agent"], team=teams[0], created_at=when, updated_at=when)
    manager = people["manager"]
    manager.time_zone = "Asia/Kolkata"
    manager.save()
    client.force_login(manager)

    (row,) = csv_records(client.get(export_url("contacts"), {"format": "csv", "columns": "all"}))

    assert row["Created"] == row["Updated"] == "2026-03-01T15:30:00+05:30"


def test_a_list_too_long_to_count_is_read_along_its_sort_and_holds_the_same_rows(
    client, people, teams, export_url, monkeypatch
):  # type: ignore[no-untyped-def]
    # Past MANY_ROWS matches, the filters are written for the planner to walk the sort's index.
    monkeypatch.setattr("sampark.exports.lists.MANY_ROWS", 1)
    for n, stage in enumerate(["lead", "customer", "lead", "lead"]):
        ContactFactory(
            owner=people["agent"],
            team=teams[0],
            display_name=f"Asha {3 - n}",
            lifecycle_stage=stage,
        )
    ContactFactory(
        owner=people["outsider"], team=teams[1], display_name="Asha 9", lifecycle_stage="lead"
    )
    client.force_login(people["manager"])

    response = client.get(
        export_url("contacts"), {"format": "csv", "q": "Asha", "stage": "lead", "sort": "updated"}
    )

    assert _names(response) == ["Asha 0", "Asha 1", "Asha 3"]
