"""Settings → Custom fields: everyone may look, only admins define, change or delete."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.customfields.models import CustomField, FieldKind
from sampark.customfields.tests.factories import define

pytestmark = pytest.mark.django_db


def test_an_admin_defines_a_choice_field_from_the_form(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])

    response = client.post(
        reverse("customfields:create"),
        {
            "object": "contact",
            "label": "Risk profile",
            "key": "",
            "kind": "choice",
            "options_text": "Low\nMedium\nHigh",
            "help_text": "From the suitability questionnaire.",
            "position": "1",
        },
    )

    assert response.status_code == 302
    field = CustomField.objects.get()
    assert field.key == "risk_profile"
    assert [o["key"] for o in field.options] == ["low", "medium", "high"]
    listing = client.get(reverse("customfields:list")).content.decode()
    assert "Risk profile" in listing
    assert "risk_profile" in listing
    new_contact = client.get(reverse("contacts:create")).content.decode()
    assert "From the suitability questionnaire." in new_contact


def test_the_form_explains_what_is_wrong_by_field(client, people):  # type: ignore[no-untyped-def]
    define(FieldKind.TEXT, "broker_code")
    client.force_login(people["admin"])

    response = client.post(
        reverse("customfields:create"),
        {
            "object": "contact",
            "label": "Code",
            "key": "broker_code",
            "kind": "choice",
            "options_text": "",
            "position": "0",
        },
    )

    errors = response.context["form"].errors
    assert errors["options_text"] == ["List at least one option."]
    response = client.post(
        reverse("customfields:create"),
        {
            "object": "contact",
            "label": "Code",
            "key": "Broker Code",
            "kind": "text",
            "position": "0",
        },
    )
    assert "key" in response.context["form"].errors


def test_editing_keeps_the_key_and_type_even_if_the_form_is_tampered_with(client, people):  # type: ignore[no-untyped-def]
    field = define(FieldKind.CHOICE, "risk", options=["low", "high"])
    client.force_login(people["admin"])

    response = client.post(
        reverse("customfields:edit", args=[field.pk]),
        {
            "object": "company",
            "key": "danger",
            "kind": "text",
            "label": "Risk appetite",
            "options_text": "low = Low\nhigh = High\nvery_high = Very high",
            "position": "0",
        },
    )

    assert response.status_code == 302
    field.refresh_from_db()
    assert (field.object, field.key, field.kind) == ("contact", "risk", "choice")
    assert field.label == "Risk appetite"
    assert len(field.options) == 3


def test_deleting_asks_first_then_removes_the_field(client, people):  # type: ignore[no-untyped-def]
    field = define(FieldKind.TEXT, "broker_code")
    client.force_login(people["admin"])

    assert client.get(reverse("customfields:delete", args=[field.pk])).status_code == 200
    assert CustomField.objects.exists()
    client.post(reverse("customfields:delete", args=[field.pk]))
    assert not CustomField.objects.exists()


@pytest.mark.parametrize("role", ["manager", "agent", "reader"])
def test_only_admins_may_change_fields_but_everyone_sees_them(client, people, role):  # type: ignore[no-untyped-def]
    field = define(FieldKind.TEXT, "broker_code", label="Broker code")
    client.force_login(people[role])

    assert "Broker code" in client.get(reverse("customfields:list")).content.decode()
    assert client.get(reverse("customfields:create")).status_code == 403
    assert (
        client.post(reverse("customfields:edit", args=[field.pk]), {"label": "x"}).status_code
        == 403
    )
    assert client.post(reverse("customfields:delete", args=[field.pk])).status_code == 403
    assert CustomField.objects.get().label == "Broker code"


def test_signed_out_visitors_are_sent_to_sign_in(client):  # type: ignore[no-untyped-def]
    response = client.get(reverse("customfields:list"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
