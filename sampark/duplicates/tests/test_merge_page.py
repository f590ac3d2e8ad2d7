from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sampark.contacts.models import Contact
from sampark.core.models import User
from sampark.duplicates.models import Merge
from sampark.duplicates.tests.factories import contact

pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def merge_url(*ids: int, winner: int | None = None) -> str:
    query = "&".join(f"ids={pk}" for pk in ids) + (f"&winner={winner}" if winner else "")
    return f"{reverse('duplicates:merge', args=['contacts'])}?{query}"


@pytest.fixture
def twins(people):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    rahim = contact(agent, "Rahim Uddin", email="rahim@example.com", country="BD")
    twin = contact(agent, "রহিম উদ্দিন", email="rahim.u@example.net", source="fair", country="IN")
    return rahim, twin


def test_the_page_shows_the_differing_fields_with_the_winners_values_chosen(people, twins):
    rahim, twin = twins

    response = signed_in(people["agent"]).get(merge_url(rahim.pk, twin.pk))

    assert response.status_code == 200
    rows = {row.name: row for row in response.context["rows"]}
    assert set(rows) >= {"display_name", "country", "source"}
    assert "email" not in rows  # united, not chosen
    assert rows["display_name"].default == rahim.pk
    assert rows["source"].default == twin.pk  # the winner has none
    assert "Keep this one instead" in response.content.decode()


def test_keeping_the_other_record_changes_the_defaults(people, twins):
    rahim, twin = twins

    response = signed_in(people["agent"]).get(merge_url(rahim.pk, twin.pk, winner=twin.pk))

    assert response.context["records"][0] == twin
    assert {row.name: row.default for row in response.context["rows"]}["display_name"] == twin.pk


def test_posting_the_form_merges_with_the_choices_and_offers_undo(people, twins):
    rahim, twin = twins
    client = signed_in(people["agent"])

    response = client.post(
        reverse("duplicates:merge", args=["contacts"]),
        {
            "ids": [rahim.pk, twin.pk],
            "winner": rahim.pk,
            "field:display_name": twin.pk,
            "field:country": rahim.pk,
        },
        follow=True,
    )

    merged = Contact.objects.get(pk=rahim.pk)
    assert (merged.display_name, merged.country, merged.source) == ("রহিম উদ্দিন", "BD", "fair")
    assert not Contact.objects.filter(pk=twin.pk).exists()
    assert "Undo this merge" in response.content.decode()

    client.post(reverse("duplicates:undo", args=[Merge.objects.get().pk]))
    assert Contact.objects.get(pk=twin.pk).display_name == "রহিম উদ্দিন"


@pytest.mark.parametrize(
    ("role", "status"), [("reader", 403), ("colleague", 403), ("outsider", 404)]
)
def test_who_may_merge_on_the_page(people, twins, role, status):
    rahim, twin = twins
    client = signed_in(people[role])

    page = client.get(merge_url(rahim.pk, twin.pk))
    posted = client.post(
        reverse("duplicates:merge", args=["contacts"]), {"ids": [rahim.pk, twin.pk]}
    )

    assert posted.status_code == status
    assert page.status_code == (404 if status == 404 else 200)
    if status == 403:
        assert "Your role does not allow this merge" in page.content.decode()
    assert Contact.objects.filter(pk=twin.pk).exists()


def test_a_record_of_another_team_in_the_list_is_404(people, twins):
    rahim, _twin = twins
    secret = contact(people["outsider"], "Mumbai Secret Client")

    response = signed_in(people["manager"]).get(merge_url(rahim.pk, secret.pk))

    assert response.status_code == 404


def test_fewer_than_two_records_go_back_to_the_queue(people, twins):
    response = signed_in(people["agent"]).get(merge_url(twins[0].pk))

    assert response.status_code == 302


def test_the_merge_page_of_another_team_is_404(people, twins):
    rahim, twin = twins
    signed_in(people["agent"]).post(
        reverse("duplicates:merge", args=["contacts"]), {"ids": [rahim.pk, twin.pk]}
    )
    merge = Merge.objects.get()

    outsider = signed_in(people["outsider"])
    assert outsider.get(reverse("duplicates:merge_detail", args=[merge.pk])).status_code == 404
    assert outsider.post(reverse("duplicates:undo", args=[merge.pk])).status_code == 404
