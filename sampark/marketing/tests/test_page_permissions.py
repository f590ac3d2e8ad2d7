"""The marketing pages each role may and may not use, and bad requests that get an answer
rather than a server error."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sampark.contacts.tests.factories import ContactFactory
from sampark.core.models import User
from sampark.core.roles import Role
from sampark.core.tests.factories import TeamFactory, make_user
from sampark.marketing import links
from sampark.marketing.models import Channel, Sender, Suppression, SuppressionReason
from sampark.marketing.tests.factories import make_list, make_segment

pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_only_admins_and_managers_open_a_sender() -> None:
    sender = Sender.objects.create(
        name="Padma", from_address="a@padma.example", postal_address="Dhaka"
    )
    for url in (
        reverse("marketing:sender_new"),
        reverse("marketing:sender_edit", args=[sender.pk]),
    ):
        assert signed_in(make_user(Role.AGENT)).get(url).status_code == 403
        assert signed_in(make_user(Role.MANAGER)).get(url).status_code == 200


def test_the_suppression_list_is_read_by_all_changed_by_most_lifted_by_managers() -> None:
    page = reverse("marketing:suppressions")
    reader = signed_in(make_user(Role.READ_ONLY))
    assert reader.get(page).status_code == 200
    assert reader.post(page, {"channel": "email", "address": "x@example.com"}).status_code == 403
    signed_in(make_user(Role.AGENT)).post(page, {"channel": "email", "address": "x@example.com"})
    listed = Suppression.objects.get()
    assert listed.reason == SuppressionReason.MANUAL
    lift = reverse("marketing:lift_suppression", args=[listed.pk])
    assert signed_in(make_user(Role.AGENT)).post(lift).status_code == 403
    assert signed_in(make_user(Role.MANAGER)).post(lift).status_code == 302
    assert not Suppression.objects.exists()


def test_consent_of_another_teams_client_is_not_found() -> None:
    agent = make_user(Role.AGENT, TeamFactory())
    theirs = ContactFactory(owner=make_user(Role.AGENT, TeamFactory()), email="t@example.com")
    browser = signed_in(agent)
    for name in ("record_consent", "ask_opt_in"):
        assert browser.post(reverse(f"marketing:{name}", args=[theirs.pk])).status_code == 404


def test_a_list_cannot_take_members_into_a_segment_by_rules() -> None:
    manager = make_user(Role.MANAGER)
    by_rules = make_segment(manager, {"field": "country", "op": "is", "value": ["BD"]})
    other = make_list(manager)
    response = signed_in(manager).post(
        reverse("marketing:list_add", args=[by_rules.pk]), {"source": other.pk}
    )
    assert response.status_code == 302


def test_confirming_a_link_with_nothing_waiting_is_refused_not_an_error() -> None:
    contact = ContactFactory(owner=make_user(Role.AGENT), email="c@example.com")
    path = links.confirm_url(contact, Channel.EMAIL).split("localhost:8000", 1)[-1]
    assert Client().post(path).status_code == 404


def test_a_preview_only_shows_contacts_one_may_see() -> None:
    agent = make_user(Role.AGENT, TeamFactory())
    theirs = ContactFactory(owner=make_user(Role.AGENT, TeamFactory()))
    sender = Sender.objects.create(
        name="Padma", from_address="a@padma.example", postal_address="Dhaka"
    )
    preview = signed_in(agent).post(
        reverse("marketing:template_preview"),
        {"contact": theirs.pk, "sender": sender.pk, "en.subject": "Hi", "en.body": "Text"},
    )
    assert "Choose a contact and a sender" in preview.content.decode()
