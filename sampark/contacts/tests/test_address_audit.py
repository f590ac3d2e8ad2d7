"""Changing addresses is one audited change of "addresses", and moves the version on."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts import actions
from sampark.core.audit import verify
from sampark.core.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db

DHAKA = {"label": "work", "line1": "72 Motijheel", "city": "Dhaka", "postal_code": "1000"}


def _address_changes(record):  # type: ignore[no-untyped-def]
    return [
        (e.action, e.actor_id, e.changes["addresses"])
        for e in AuditEntry.objects.for_record(record).order_by("seq")
        if "addresses" in e.changes
    ]


def test_addresses_given_on_create_are_audited_as_one_change(people):
    contact = actions.create_contact(
        by=people["agent"], display_name="Client", country="BD", addresses=[DHAKA]
    )

    assert _address_changes(contact) == [
        (AuditAction.UPDATE, people["agent"].pk, [[], ["work: 72 Motijheel / Dhaka 1000 / BD"]])
    ]
    assert contact.version == 1


def test_replacing_addresses_is_audited_from_the_old_list_to_the_new_and_moves_the_version(
    people,
):
    contact = actions.create_contact(
        by=people["agent"], display_name="Client", country="BD", addresses=[DHAKA]
    )

    actions.update_contact(
        contact,
        by=people["manager"],
        values={"addresses": [{"city": "সিলেট", "is_primary": True}, DHAKA]},
        expected_version=1,
    )

    assert _address_changes(contact)[-1] == (
        AuditAction.UPDATE,
        people["manager"].pk,
        [
            ["work: 72 Motijheel / Dhaka 1000 / BD"],
            ["home: সিলেট / BD", "work: 72 Motijheel / Dhaka 1000 / BD"],
        ],
    )
    contact.refresh_from_db()
    assert contact.version == 2
    assert verify() == []


def test_sending_the_same_addresses_again_changes_nothing(people):
    company = actions.create_company(
        by=people["agent"], name="Padma Traders", country="BD", addresses=[DHAKA]
    )
    entries = AuditEntry.objects.count()

    actions.update_company(company, by=people["agent"], values={"addresses": [DHAKA]})

    company.refresh_from_db()
    assert (AuditEntry.objects.count(), company.version) == (entries, 1)


def test_an_edit_started_before_an_address_change_is_refused_as_stale(client, people):
    contact = actions.create_contact(by=people["agent"], display_name="Client", country="BD")
    actions.update_contact(contact, by=people["colleague"], values={"addresses": [DHAKA]})
    client.force_login(people["agent"])

    response = client.post(
        reverse("contacts:edit", args=[contact.pk]),
        {
            "display_name": "Renamed",
            "language": "en",
            "preferred_channel": "email",
            "lifecycle_stage": "lead",
            "version": 1,
        },
    )

    assert response.status_code == 200
    assert "Someone else changed this contact" in response.content.decode()


def test_the_history_tab_names_the_change(client, people):
    company = actions.create_company(
        by=people["agent"], name="Padma Traders", country="BD", addresses=[DHAKA]
    )
    client.force_login(people["agent"])

    page = client.get(reverse("contacts:company_history", args=[company.pk])).content.decode()

    assert "<td>Addresses</td>" in page
    assert "work: 72 Motijheel / Dhaka 1000 / BD" in page
