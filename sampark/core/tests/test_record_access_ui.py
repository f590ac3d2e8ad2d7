"""The one permission layer, seen through the web UI: nobody reaches a record by guessing its id."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dhaka_contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0], display_name="ফাতেমা খাতুন")


def urls(contact):  # type: ignore[no-untyped-def]
    return {
        name: reverse(f"contacts:{name}", args=[contact.pk])
        for name in ("detail", "edit", "delete", "history")
    }


@pytest.mark.parametrize("page", ["detail", "edit", "delete", "history"])
def test_user_of_another_team_gets_not_found_for_every_page(client, people, dhaka_contact, page):  # type: ignore[no-untyped-def]
    client.force_login(people["outsider"])
    assert client.get(urls(dhaka_contact)[page]).status_code == 404


def test_user_of_another_team_cannot_delete_or_change_by_posting(client, people, dhaka_contact):  # type: ignore[no-untyped-def]
    client.force_login(people["outsider"])
    assert client.post(urls(dhaka_contact)["delete"]).status_code == 404
    response = client.post(
        urls(dhaka_contact)["edit"], {"display_name": "hijacked", "language": "en"}
    )
    assert response.status_code == 404
    dhaka_contact.refresh_from_db()
    assert dhaka_contact.display_name == "ফাতেমা খাতুন"


def test_user_of_another_team_does_not_see_it_in_the_list(client, people, dhaka_contact):  # type: ignore[no-untyped-def]
    client.force_login(people["outsider"])
    response = client.get(reverse("contacts:list"))
    assert "ফাতেমা খাতুন" not in response.content.decode()


@pytest.mark.parametrize("who", ["admin", "manager", "agent", "colleague", "reader"])
def test_everyone_in_the_team_and_admins_can_read_it(client, people, dhaka_contact, who):  # type: ignore[no-untyped-def]
    client.force_login(people[who])
    assert client.get(urls(dhaka_contact)["detail"]).status_code == 200
    assert "ফাতেমা খাতুন" in client.get(reverse("contacts:list")).content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [("colleague", 403), ("reader", 403), ("manager", 200), ("admin", 200), ("agent", 200)],
)
def test_only_owner_manager_and_admin_may_edit(client, people, dhaka_contact, who, status):  # type: ignore[no-untyped-def]
    client.force_login(people[who])
    assert client.get(urls(dhaka_contact)["edit"]).status_code == status


def test_reader_cannot_add_contacts(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["reader"])
    assert client.get(reverse("contacts:create")).status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in(client, dhaka_contact):  # type: ignore[no-untyped-def]
    response = client.get(urls(dhaka_contact)["detail"])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_non_numeric_id_is_not_found(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])
    assert client.get("/contacts/abc/").status_code == 404
