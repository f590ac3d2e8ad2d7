"""Each user chooses the columns of each list and their order; the name always comes first."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sampark.contacts.models import Affiliation
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory
from sampark.customfields.actions import delete_field
from sampark.customfields.models import CustomObject, FieldKind
from sampark.customfields.tests.factories import define
from sampark.listviews.models import ListPreference
from sampark.listviews.tests.factories import saved_view

pytestmark = pytest.mark.django_db

COLUMNS = reverse("listviews:columns", args=["contacts"])


@pytest.fixture
def branch(db):  # type: ignore[no-untyped-def]
    # Defined before any contact exists: PostgreSQL cannot index a table with pending writes in
    # the test's transaction.
    return define(FieldKind.TEXT, "branch", label="Branch")


def headers(response) -> list[str]:  # type: ignore[no-untyped-def]
    table = response.content.decode().split("<thead>")[1].split("</thead>")[0]
    return re.findall(r'<th scope="col"(?: class="num")?>([^<]*)</th>', table)


def test_the_default_columns_are_those_the_list_always_showed(client, people):  # type: ignore[no-untyped-def]
    define(FieldKind.TEXT, "branch", label="Branch", show_in_list=True)
    define(FieldKind.TEXT, "hobby", label="Hobby")
    ContactFactory(owner=people["agent"])
    client.force_login(people["agent"])

    response = client.get(reverse("contacts:list"))

    assert headers(response) == ["Name", "Stage", "Email", "Phone", "Branch", "Owner", "Updated"]


def test_chosen_columns_are_kept_and_shown_in_their_order(client, people, branch, clients):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    response = client.post(
        COLUMNS, {"columns": ["country", "cf_branch", "stage"], "next": "/contacts/?q=a"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/contacts/?q=a"
    assert headers(client.get(reverse("contacts:list"))) == ["Name", "Country", "Branch", "Stage"]
    assert "Bangladesh" in client.get(reverse("contacts:list")).content.decode()
    # Another user keeps their own columns.
    client.force_login(people["colleague"])
    assert headers(client.get(reverse("contacts:list")))[1:3] == ["Stage", "Email"]


def test_a_column_moves_up_or_down_past_its_neighbour(client, people, clients):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    shown = ["stage", "email", "phone"]

    client.post(COLUMNS, {"columns": shown, "move": "phone:up"})
    assert headers(client.get(reverse("contacts:list")))[1:] == ["Stage", "Phone", "Email"]

    client.post(COLUMNS, {"columns": ["stage", "phone", "email"], "move": "stage:down"})
    assert headers(client.get(reverse("contacts:list")))[1:] == ["Phone", "Stage", "Email"]

    # The first cannot go further up: nothing changes.
    client.post(COLUMNS, {"columns": ["phone", "stage", "email"], "move": "phone:up"})
    assert headers(client.get(reverse("contacts:list")))[1:] == ["Phone", "Stage", "Email"]


def test_unknown_and_deleted_columns_are_skipped_silently(client, people, branch, clients):  # type: ignore[no-untyped-def]
    ListPreference.objects.create(
        user=people["agent"], list_name="contacts", columns=["name", "bogus", "cf_branch", "email"]
    )
    client.force_login(people["agent"])
    assert headers(client.get(reverse("contacts:list"))) == ["Name", "Branch", "Email"]

    delete_field(branch, by=people["admin"])

    response = client.get(reverse("contacts:list"))
    assert response.status_code == 200
    assert headers(response) == ["Name", "Email"]


def test_posting_unknown_columns_keeps_only_known_ones(client, people, clients):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    client.post(COLUMNS, {"columns": ["email", "<script>", "email", "owner"]})

    preference = ListPreference.objects.get(user=people["agent"], list_name="contacts")
    assert preference.columns == ["email", "owner"]


def test_going_back_to_the_default_columns(client, people, clients):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    client.post(COLUMNS, {"columns": ["source"]})

    client.post(COLUMNS, {"reset": "1"})

    assert not ListPreference.objects.exists()
    assert headers(client.get(reverse("contacts:list")))[1] == "Stage"


def test_no_columns_at_all_leaves_the_name(client, people, clients):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    client.post(COLUMNS, {})

    assert headers(client.get(reverse("contacts:list"))) == ["Name"]


def test_with_htmx_the_control_answers_with_itself_and_asks_for_fresh_results(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    response = client.post(COLUMNS, {"columns": ["email", "stage"]}, headers={"HX-Request": "true"})

    body = response.content.decode().strip()
    assert response.status_code == 200
    assert response["HX-Trigger"] == "columns-changed"
    assert body.startswith('<details id="list-columns" class="list-control end" open>')
    assert body.index('value="email" checked') < body.index('value="stage" checked')


def test_the_company_column_names_only_companies_the_user_may_see(client, people, teams, clients):  # type: ignore[no-untyped-def]
    anika = clients["Anika"]
    hidden = CompanyFactory(owner=people["outsider"], team=teams[1], name="Mumbai Spices")
    Affiliation.objects.create(contact=anika, company=hidden, is_primary=True)
    seen = CompanyFactory(owner=people["agent"], team=teams[0], name="Dhaka Jute")
    Affiliation.objects.create(contact=anika, company=seen)
    client.force_login(people["agent"])
    client.post(COLUMNS, {"columns": ["company"]})

    body = client.get(reverse("contacts:list")).content.decode()

    assert "Dhaka Jute" in body
    assert "Mumbai Spices" not in body


def test_company_list_columns_are_chosen_apart_from_the_contact_list(
    client, people, teams, clients
):  # type: ignore[no-untyped-def]
    define(FieldKind.TEXT, "sector", obj=CustomObject.COMPANY, label="Sector")
    CompanyFactory(owner=people["agent"], team=teams[0], name="Padma", custom={"sector": "Jute"})
    client.force_login(people["agent"])
    companies = reverse("contacts:companies")
    assert headers(client.get(companies)) == [
        "Name",
        "Web domain",
        "Industry",
        "Size",
        "Country",
        "Owner",
        "People",
    ]

    client.post(
        reverse("listviews:columns", args=["companies"]), {"columns": ["cf_sector", "updated"]}
    )

    response = client.get(companies)
    assert headers(response) == ["Name", "Sector", "Updated"]
    assert "Jute" in response.content.decode()
    assert headers(client.get(reverse("contacts:list")))[1] == "Stage"


def test_an_unknown_list_is_a_404(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    assert client.post(reverse("listviews:columns", args=["deals"]), {}).status_code == 404


def test_choosing_columns_needs_a_post_and_a_sign_in(client, people):  # type: ignore[no-untyped-def]
    assert client.post(COLUMNS, {"columns": ["email"]}).status_code == 302  # to sign in
    client.force_login(people["agent"])
    assert client.get(COLUMNS).status_code == 405


def test_with_ones_own_view_applied_the_control_changes_the_views_columns(client, people, clients):  # type: ignore[no-untyped-def]
    view = saved_view(people["agent"], "Leads", query="stage=lead", columns=["email"])
    client.force_login(people["agent"])
    page = client.get(reverse("contacts:list"), {"view": view.pk}).content.decode()
    assert "Columns of this view" in page

    client.post(COLUMNS, {"view": view.pk, "columns": ["source", "email"]})

    view.refresh_from_db()
    assert view.columns == ["source", "email"]
    assert not ListPreference.objects.exists()
    applied = client.get(reverse("contacts:list"), {"view": view.pk})
    assert headers(applied) == ["Name", "Source", "Email"]
    assert headers(client.get(reverse("contacts:list")))[1] == "Stage"  # one's own untouched


def test_the_control_comes_back_only_to_a_page_of_this_site(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    response = client.post(COLUMNS, {"columns": ["email"], "next": "https://evil.example/"})

    assert response["Location"] == reverse("contacts:list")
