"""The offers section of a contact's page: loaded with htmx, through the permission layer."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from sampark.contacts.tests.factories import ContactFactory
from sampark.offers import affinity
from sampark.offers.tests.builders import BEXIMCO, GP, SQUARE, client_with, the_six

pytestmark = pytest.mark.django_db


def test_the_section_loads_the_offers_with_htmx(people) -> None:  # type: ignore[no-untyped-def]
    contact = ContactFactory(owner=people["agent"])

    html = render_to_string("offers/_section.html", {"contact": contact})

    url = reverse("offers:contact_offers", args=[contact.pk])
    assert url == f"/contacts/{contact.pk}/offers/"
    assert '<section class="card" id="offers"' in html
    assert f'hx-get="{url}" hx-trigger="load"' in html


def test_the_offers_show_with_their_reasons(client: Client, people, teams) -> None:  # type: ignore[no-untyped-def]
    the_six()
    contact = client_with(SQUARE, owner=people["agent"], team=teams[0])
    affinity.refresh()
    client.force_login(people["colleague"])  # the same desk sees the team's clients

    response = client.get(reverse("offers:contact_offers", args=[contact.pk]))

    assert response.status_code == 200
    assert [offer.name for offer in response.context["offers"]] == [GP, BEXIMCO]
    body = response.content.decode()
    assert "Clients who have Square Pharma also have GP (3 clients)." in body
    assert "Clients who have Square Pharma also have Beximco (2 clients)." in body


def test_with_nothing_to_offer_the_section_says_so(client: Client, people) -> None:  # type: ignore[no-untyped-def]
    contact = ContactFactory(owner=people["agent"])
    client.force_login(people["agent"])

    response = client.get(reverse("offers:contact_offers", args=[contact.pk]))

    assert response.status_code == 200
    assert "Nothing to offer yet" in response.content.decode()


def test_a_contact_the_user_may_not_see_is_missing(client: Client, people, teams) -> None:  # type: ignore[no-untyped-def]
    the_six()
    theirs = client_with(SQUARE, owner=people["agent"], team=teams[0])
    affinity.refresh()
    client.force_login(people["outsider"])  # another desk's agent

    assert client.get(reverse("offers:contact_offers", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("offers:contact_offers", args=[999999])).status_code == 404


def test_signed_out_visitors_are_sent_to_log_in(client: Client, people) -> None:  # type: ignore[no-untyped-def]
    contact = ContactFactory(owner=people["agent"])

    response = client.get(reverse("offers:contact_offers", args=[contact.pk]))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
