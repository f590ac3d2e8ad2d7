"""Admins and managers set up web forms and copy their embed code; agents and readers cannot,
and a manager reaches only their own teams' forms."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from sampark.leads.models import WebForm
from sampark.leads.tests.factories import make_web_form

pytestmark = pytest.mark.django_db

NEW_FORM = {
    "name": "যোগাযোগ",
    "asked": ["email", "phone", "message", "consent"],
    "required": ["phone"],
    "language": "bn",
    "default_country": "BD",
    "consent_text": "আমার সাথে যোগাযোগ করতে পারেন।",
    "thank_you_message": "ধন্যবাদ!",
    "allowed_origins": "https://www.example.com.bd/contact\nhttps://shop.example.com.bd",
    "is_active": "on",
}


@pytest.mark.parametrize(
    ("role", "expected"),
    [("admin", 200), ("manager", 200), ("agent", 403), ("reader", 403)],
)
def test_only_managers_and_admins_manage_web_forms(client, people, role, expected):  # type: ignore[no-untyped-def]
    client.force_login(people[role])

    assert client.get(reverse("leads:web_forms")).status_code == expected
    assert client.get(reverse("leads:web_form_create")).status_code == expected


def test_a_manager_sets_up_a_form_and_gets_its_code(client, people, teams):  # type: ignore[no-untyped-def]
    client.force_login(people["manager"])

    response = client.post(
        reverse("leads:web_form_create"), {**NEW_FORM, "owner": people["agent"].pk}
    )

    form = WebForm.objects.get()
    assert response.status_code == 302
    assert (form.owner, form.team) == (people["agent"], teams[0])
    assert form.origins() == ["https://www.example.com.bd", "https://shop.example.com.bd"]
    page = client.get(response["Location"]).content.decode()
    action = f"http://testserver/f/{form.public_token}/"
    assert f'action="{action}"' in page.replace("&quot;", '"')
    assert "leads/embed.js" in page
    snippet = client.get(response["Location"]).context["snippet"]
    phone = re.search(r"<input[^>]*name=\"phone\"[^>]*>", snippet)
    assert phone is not None
    assert "required" in phone.group(0)
    assert re.search(r"<div hidden[^>]*>.*name=\"website\"", snippet)
    assert "আমার সাথে যোগাযোগ করতে পারেন।" in snippet


def test_bad_settings_are_shown_on_their_fields(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["manager"])

    response = client.post(
        reverse("leads:web_form_create"),
        {
            **NEW_FORM,
            "owner": people["agent"].pk,
            "required": ["company_name"],
            "consent_text": "",
            "allowed_origins": "not a site",
        },
    )

    assert response.status_code == 200
    assert {"required", "consent_text", "allowed_origins"} <= set(response.context["form"].errors)
    assert not WebForm.objects.exists()


def test_a_manager_reaches_only_their_teams_forms(client, people, teams):  # type: ignore[no-untyped-def]
    mumbai_manager = make_user(Role.MANAGER, teams[1], username="mumbai-manager")
    theirs = make_web_form(mumbai_manager, owner=people["outsider"], team=teams[1], name="Mumbai")
    ours = make_web_form(people["manager"], owner=people["agent"], team=teams[0], name="Dhaka")
    client.force_login(people["manager"])

    listed = client.get(reverse("leads:web_forms")).content.decode()

    assert "Dhaka" in listed
    assert "Mumbai" not in listed
    assert client.get(reverse("leads:web_form", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("leads:web_form", args=[ours.pk])).status_code == 200


def test_a_manager_cannot_hand_leads_to_another_teams_agent(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["manager"])

    response = client.post(
        reverse("leads:web_form_create"), {**NEW_FORM, "owner": people["outsider"].pk}
    )

    assert response.status_code == 200
    assert "owner" in response.context["form"].errors
    assert not WebForm.objects.exists()


def test_editing_a_form_keeps_its_address(client, people, teams):  # type: ignore[no-untyped-def]
    form = make_web_form(people["manager"], owner=people["agent"], team=teams[0])
    client.force_login(people["manager"])

    response = client.post(
        reverse("leads:web_form", args=[form.pk]),
        {**NEW_FORM, "owner": people["agent"].pk, "team": teams[0].pk, "version": form.version},
    )

    saved = WebForm.objects.get()
    assert response.status_code == 302
    assert (saved.name, saved.public_token, saved.version) == ("যোগাযোগ", form.public_token, 2)
