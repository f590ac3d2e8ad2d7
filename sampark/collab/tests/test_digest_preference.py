"""Each person sets how often they get the email digest, from their profile page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sampark.collab.models import DigestPreference

HTMX = {"HX-Request": "true"}
pytestmark = pytest.mark.django_db


def test_the_profile_page_loads_the_digest_setting(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    page = client.get(reverse("profile")).content.decode()

    assert f'hx-get="{reverse("collab:digest")}" hx-trigger="load"' in page


def test_daily_is_the_default(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    response = client.get(reverse("collab:digest"), headers=HTMX)

    assert response.context["form"]["frequency"].value() == "daily"
    assert re.search(r'<input [^>]*value="daily"[^>]* checked', response.content.decode())


def test_a_choice_is_saved_for_oneself_only(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    response = client.post(reverse("collab:digest"), {"frequency": "hourly"}, headers=HTMX)

    assert "setting was saved" in response.content.decode()
    assert DigestPreference.objects.get().user == people["agent"]
    assert DigestPreference.objects.get().frequency == "hourly"


def test_without_script_it_is_a_page_that_returns_to_the_profile(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    page = client.get(reverse("collab:digest"))
    saved = client.post(reverse("collab:digest"), {"frequency": "never"})

    assert page.templates[0].name == "collab/digest/page.html"
    assert saved["Location"] == reverse("profile")


def test_a_bad_choice_is_shown_on_the_field(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    response = client.post(reverse("collab:digest"), {"frequency": "weekly"}, headers=HTMX)

    assert 'id="id_frequency_error"' in response.content.decode()
    assert not DigestPreference.objects.exists()
