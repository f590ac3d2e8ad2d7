"""The list pages' Export control: a small form that works without script, carries the filters
on screen (and follows them as they change), and costs the page no query."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sampark.contacts.tests.factories import ContactFactory
from sampark.core.tests.list_queries import list_queries
from sampark.listviews.tests.factories import saved_view

pytestmark = pytest.mark.django_db


def _control(html: str) -> str:
    match = re.search(r'<details id="list-export".*?</details>', html, flags=re.S)
    assert match, "the Export control"
    return match.group(0)


def _hidden(control: str) -> list[tuple[str, str]]:
    return re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', control)


def test_the_control_carries_the_view_and_the_filters_on_screen(client, people, clients):  # type: ignore[no-untyped-def]
    view = saved_view(people["manager"], "Leads", query="stage=lead")
    client.force_login(people["manager"])

    html = client.get(reverse("contacts:list"), {"view": view.pk}).content.decode()

    control = _control(html)
    assert f'action="{reverse("exports:contacts")}"' in control
    assert _hidden(control) == [("view", str(view.pk)), ("stage", "lead")]
    assert 'name="format" value="csv"' in control
    assert 'name="columns" value="all"' in control


def test_the_control_follows_the_filters_as_the_user_types(client, people, clients):  # type: ignore[no-untyped-def]
    client.force_login(people["manager"])

    fragment = client.get(
        reverse("contacts:list"),
        {"q": "Ani", "stage": "", "sort": "name"},
        headers={"HX-Request": "true"},
    ).content.decode()

    # Only the filters: the panel itself stays as it is, open if the user just opened it.
    assert 'id="list-export"' not in fragment
    carried = re.search(r'<div id="list-export-filters" hx-swap-oob="true">.*?</div>', fragment)
    assert carried
    assert _hidden(carried.group(0)) == [("q", "Ani"), ("stage", ""), ("sort", "name")]


def test_the_company_list_has_the_control_too(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["manager"])

    html = client.get(reverse("contacts:companies"), {"q": "Padma"}).content.decode()

    assert _hidden(_control(html)) == [("q", "Padma")]


def test_the_control_needs_nothing_the_csp_forbids(client, people, clients):  # type: ignore[no-untyped-def]
    client.force_login(people["manager"])

    control = _control(client.get(reverse("contacts:list")).content.decode())

    assert "<script" not in control
    assert " style=" not in control
    assert not re.search(r"\son[a-z]+\s*=", control)


def test_the_control_costs_the_list_page_no_query(
    client, people, teams, django_assert_max_num_queries
):  # type: ignore[no-untyped-def]
    for _n in range(20):
        ContactFactory(owner=people["agent"], team=teams[0])
    client.force_login(people["manager"])
    client.get(reverse("contacts:list"))  # warm the session and the caches

    # The session, the user, the page and the count, as for an agent without the control.
    with django_assert_max_num_queries(list_queries(4)):
        html = client.get(reverse("contacts:list")).content.decode()

    assert 'id="list-export"' in html


def test_the_export_page_without_choices_shows_the_form_with_the_filters(
    client, people, clients, export_url
):  # type: ignore[no-untyped-def]
    client.force_login(people["manager"])

    response = client.get(export_url("contacts"), {"stage": "lead", "q": "অনি"})

    assert response.status_code == 200
    html = response.content.decode()
    assert ("stage", "lead") in _hidden(html)
    assert f'href="{reverse("contacts:list")}?stage=lead&amp;q=%E0%A6%85%E0%A6%A8%E0%A6%BF"' in html
