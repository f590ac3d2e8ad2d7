"""Settings → Service → Agents: how many live chats an agent takes at once (``max_chats``): shown
with its current value, between 1 and 50 (else an error on the field), and left as it was when
the field comes back empty or not at all."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.service.forms_settings import AgentProfileForm
from sampark.service.models import AgentProfile

pytestmark = pytest.mark.django_db


def posted(**values: object) -> dict[str, object]:
    return {"languages": ["bn"], "availability": "available", "max_open_tickets": 0, **values}


def test_the_page_shows_the_limit(client, people):  # type: ignore[no-untyped-def]
    AgentProfile.objects.create(user=people["agent"], max_chats=7)
    client.force_login(people["admin"])

    page = client.get(reverse("service_settings:agent", args=[people["agent"].pk]))

    assert page.status_code == 200
    assert 'name="max_chats"' in page.content.decode()
    assert page.context["form"]["max_chats"].value() == 7


@pytest.mark.parametrize("value", ["", None])
def test_left_empty_or_not_sent_the_limit_stays(people, value):  # type: ignore[no-untyped-def]
    profile = AgentProfile.objects.create(user=people["agent"], max_chats=7)
    data = posted() if value is None else posted(max_chats=value)

    form = AgentProfileForm(data, instance=profile)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["max_chats"] == 7


def test_a_new_profile_left_empty_gets_the_default(people):  # type: ignore[no-untyped-def]
    form = AgentProfileForm(posted(), instance=AgentProfile(user=people["agent"]))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["max_chats"] == AgentProfile._meta.get_field("max_chats").default


@pytest.mark.parametrize("value", [1, 50])
def test_the_range_s_ends_are_allowed(people, value):  # type: ignore[no-untyped-def]
    form = AgentProfileForm(posted(max_chats=value), instance=AgentProfile(user=people["agent"]))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["max_chats"] == value


@pytest.mark.parametrize("value", ["0", "51", "-3", "many"])
def test_a_limit_out_of_range_is_an_error_on_the_field(client, people, value):  # type: ignore[no-untyped-def]
    AgentProfile.objects.create(user=people["agent"], max_chats=7)
    client.force_login(people["admin"])

    response = client.post(
        reverse("service_settings:agent", args=[people["agent"].pk]),
        posted(max_chats=value, availability="away"),
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["max_chats"]
    profile = AgentProfile.objects.get(user=people["agent"])
    assert (profile.max_chats, profile.availability) == (7, "available")  # nothing saved


def test_the_limit_is_saved(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])

    client.post(reverse("service_settings:agent", args=[people["agent"].pk]), posted(max_chats=5))

    assert AgentProfile.objects.get(user=people["agent"]).max_chats == 5
