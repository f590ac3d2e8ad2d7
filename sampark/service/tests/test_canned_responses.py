"""Canned responses: kept per team, checked for placeholders, offered in the ticket's language
and filled in for the ticket."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sampark.service import canned
from sampark.service.models import CannedResponse
from sampark.service.tests.factories import make_ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def greeting(people):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    canned.create_canned(
        by=agent, name="Card unblocked", language="en", body="Dear {client_name}, done."
    )
    return canned.create_canned(
        by=agent,
        name="Card unblocked",
        language="bn",
        body="প্রিয় {client_name}, {ticket_number} সমাধান হয়েছে। — {agent_name}",
    )


def test_a_misspelt_placeholder_is_refused(people):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        canned.create_canned(by=people["agent"], name="x", language="en", body="Hi {clientname}")
    assert "{clientname}" in refused.value.message_dict["body"][0]
    assert not CannedResponse.objects.exists()


def test_the_variant_in_the_ticket_s_language_is_offered_and_filled_in(greeting, people):  # type: ignore[no-untyped-def]
    people["agent"].first_name, people["agent"].last_name = "Nadia", "Islam"
    ticket = make_ticket(people["agent"], language="bn")
    ticket.requester.display_name = "রহিম উদ্দিন"

    [offered] = canned.offered(people["agent"], ticket)

    assert offered == greeting
    assert canned.filled(offered, ticket, people["agent"]) == (
        f"প্রিয় রহিম উদ্দিন, #{ticket.pk} সমাধান হয়েছে। — Nadia Islam"
    )


def test_the_answer_box_offers_them_and_inserts_the_filled_text(client, greeting, people):  # type: ignore[no-untyped-def]
    ticket = make_ticket(people["agent"], language="bn")
    client.force_login(people["agent"])

    page = client.get(reverse("service:ticket", args=[ticket.pk])).content.decode()
    url = reverse("service:canned_filled", args=[ticket.pk, greeting.pk])
    assert url in page
    filled = client.get(url)
    assert filled["Content-Type"].startswith("text/plain")
    assert f"#{ticket.pk}" in filled.content.decode()

    client.force_login(people["outsider"])
    assert client.get(url).status_code == 404
    assert client.get(reverse("service:canned")).content.decode().count("Card unblocked") == 0


def test_managing_them_follows_the_teams_reach(client, greeting, people):  # type: ignore[no-untyped-def]
    client.force_login(people["colleague"])
    listed = client.get(reverse("service:canned")).content.decode()
    assert "Card unblocked" in listed
    edit = reverse("service:canned_edit", args=[greeting.pk])
    assert client.get(edit).status_code == 403  # a teammate's: readable, not theirs to change

    client.force_login(people["agent"])
    refused = client.post(
        edit, {"name": "Card unblocked", "language": "bn", "body": "{oops}", "version": 1}
    )
    assert "body" in refused.context["form"].errors
    saved = client.post(
        edit, {"name": "Card unblocked", "language": "bn", "body": "ঠিক আছে", "version": 1}
    )
    assert saved.status_code == 302
    greeting.refresh_from_db()
    assert greeting.body == "ঠিক আছে"
    client.post(reverse("service:canned_delete", args=[greeting.pk]))
    assert CannedResponse.objects.count() == 1
