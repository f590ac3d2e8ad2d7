"""The segment pages: the list, the rule builder with its live count, saving with errors beside
their inputs, a segment's members, fixed lists, and the contact list filtered by a segment."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sampark.contacts.models import Contact
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.models import Team, User
from sampark.core.roles import Role
from sampark.core.tests.factories import TeamFactory, make_user
from sampark.marketing.models import Segment, SegmentKind, SegmentMember
from sampark.marketing.tests.factories import make_list, make_segment

pytestmark = pytest.mark.django_db

BANGLADESH = {"field": "country", "op": "is", "value": ["BD"]}
BUILDER = reverse("marketing:builder")
NEW = reverse("marketing:segment_new")


@pytest.fixture
def dhaka() -> Team:
    return TeamFactory(name="Dhaka desk")


@pytest.fixture
def agent(dhaka: Team) -> User:
    return make_user(Role.AGENT, dhaka)


@pytest.fixture
def clients(agent: User, dhaka: Team) -> dict[str, Contact]:
    """Two clients of the Dhaka desk (one in Bangladesh, one in India) and one of another desk
    in Bangladesh."""
    other = TeamFactory(name="Mumbai desk")
    return {
        "Anika": ContactFactory(owner=agent, team=dhaka, display_name="Anika", country="BD"),
        "Bishal": ContactFactory(owner=agent, team=dhaka, display_name="Bishal", country="IN"),
        "Dev": ContactFactory(
            owner=make_user(Role.AGENT, other), team=other, display_name="Dev", country="BD"
        ),
    }


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_list_shows_the_starter_segments_and_counts_members_one_may_see(
    agent: User, clients: dict[str, Contact]
) -> None:
    client = signed_in(agent)
    page = client.get(reverse("marketing:home"))
    assert page.status_code == 200
    for name in ("New clients", "Experienced traders", "High-risk takers", "Dormant clients"):
        assert name in page.content.decode()
    bangladesh = make_segment(make_user(Role.ADMIN), BANGLADESH, name="Bangladesh")
    count = client.get(reverse("marketing:segment_count", args=[bangladesh.pk]))
    assert count.content.decode().strip() == "1"  # Dev is another desk's


def test_the_builder_counts_live_and_ignores_unfinished_conditions(
    agent: User, clients: dict[str, Contact]
) -> None:
    client = signed_in(agent)
    form = {"r.match": "all", "r.0.field": "country", "r.0.op": "is", "r.0.value": ["BD", "IN"]}
    drawn = client.post(BUILDER, form)
    assert drawn.status_code == 200
    assert drawn.context["count"] == 2
    unfinished = client.post(BUILDER, {**form, "r.1.field": "trades", "r.1.op": "at_least"})
    assert unfinished.context["count"] == 2
    assert "Not counting 1 unfinished condition." in unfinished.content.decode()


def test_typing_a_value_recounts_without_drawing_the_builder_again(
    agent: User, clients: dict[str, Contact]
) -> None:
    form = {
        "r.match": "all",
        "r.0.field": "display_name",
        "r.0.op": "starts_with",
        "r.0.value": "An",
    }
    counted = signed_in(agent).post(reverse("marketing:builder_count"), form)
    assert counted.context["count"] == 1
    assert 'id="rule-count-box"' in counted.content.decode()
    assert "r.0-field" not in counted.content.decode()


def test_the_builder_adds_and_removes_conditions_and_groups(agent: User) -> None:
    client = signed_in(agent)
    form: dict[str, Any] = {"r.match": "all", "r.0.field": "country", "r.0.op": "is"}
    grouped = client.post(BUILDER, {**form, "act": "group:r"}).context["root"]
    assert [child.is_group for child in grouped.children] == [False, True]
    assert grouped.children[1].match == "any"
    added = client.post(BUILDER, {**form, "act": "add:r"}).context["root"]
    assert len(added.children) == 2
    removed = client.post(BUILDER, {**form, "act": "remove:r.0"}).context["root"]
    assert removed.children == []


def test_changing_the_field_starts_from_its_first_comparison(agent: User) -> None:
    client = signed_in(agent)
    drawn = client.post(BUILDER, {"r.match": "all", "r.0.field": "trades", "r.0.op": "contains"})
    condition = drawn.context["root"].children[0]
    assert (condition.op, condition.input, condition.takes_days) == ("at_least", "number", True)


def test_a_nested_segment_is_saved_from_the_form(agent: User, clients: dict[str, Contact]) -> None:
    response = signed_in(agent).post(
        NEW,
        {
            "name": "Subcontinent traders",
            "description": "",
            "kind": "dynamic",
            "r.match": "all",
            "r.0.field": "country",
            "r.0.op": "is",
            "r.0.value": ["BD", "IN"],
            "r.1.match": "any",
            "r.1.0.field": "trades",
            "r.1.0.op": "none",
            "r.1.1.field": "display_name",
            "r.1.1.op": "starts_with",
            "r.1.1.value": "A",
        },
    )
    segment = Segment.objects.get(name="Subcontinent traders")
    assert response["Location"] == reverse("marketing:segment", args=[segment.pk])
    assert segment.owner == agent
    assert segment.rules == {
        "match": "all",
        "conditions": [
            {"field": "country", "op": "is", "value": ["BD", "IN"]},
            {
                "match": "any",
                "conditions": [
                    {"field": "trades", "op": "none"},
                    {"field": "display_name", "op": "starts_with", "value": "A"},
                ],
            },
        ],
    }


def test_problems_are_shown_beside_their_inputs_and_nothing_is_saved(agent: User) -> None:
    response = signed_in(agent).post(
        NEW,
        {
            "name": "Broken",
            "kind": "dynamic",
            "r.match": "all",
            "r.0.match": "all",
            "r.0.0.field": "trades",
            "r.0.0.op": "at_least",
            "r.0.0.value": "many",
        },
    )
    assert response.status_code == 200
    condition = response.context["root"].children[0].children[0]
    assert condition.errors == {"value": ["Enter a whole number."]}
    assert "Enter a whole number." in response.content.decode()
    assert not Segment.objects.filter(name="Broken").exists()


def test_read_only_users_cannot_build_and_agents_cannot_edit_starters(agent: User) -> None:
    assert signed_in(make_user(Role.READ_ONLY)).get(NEW).status_code == 403
    starter = Segment.objects.get(starter="vip")
    assert (
        signed_in(agent).get(reverse("marketing:segment_edit", args=[starter.pk])).status_code
        == 403
    )
    manager = signed_in(make_user(Role.MANAGER))
    assert manager.get(reverse("marketing:segment_edit", args=[starter.pk])).status_code == 200


def test_a_segment_page_lists_only_members_one_may_see(
    agent: User, clients: dict[str, Contact]
) -> None:
    segment = make_segment(make_user(Role.ADMIN), BANGLADESH, name="Bangladesh")
    page = signed_in(agent).get(reverse("marketing:segment", args=[segment.pk]))
    assert [c.display_name for c in page.context["page"].items] == ["Anika"]
    assert "Country is Bangladesh" in page.context["rule_text"]


def test_the_contact_list_and_its_export_filter_by_segment(
    agent: User, clients: dict[str, Contact]
) -> None:
    segment = make_segment(make_user(Role.ADMIN), BANGLADESH, name="Bangladesh")
    client = signed_in(agent)
    listed = client.get(reverse("contacts:list"), {"segment": segment.pk})
    assert [c.display_name for c in listed.context["page"].items] == ["Anika"]
    assert (str(segment.pk), "Bangladesh") in listed.context["segments"]
    unknown = client.get(reverse("contacts:list"), {"segment": "999999"})
    assert list(unknown.context["page"].items) == []


def test_a_segment_is_copied_as_a_list_and_members_taken_off(
    agent: User, clients: dict[str, Contact]
) -> None:
    segment = make_segment(agent, BANGLADESH, name="Bangladesh")
    client = signed_in(agent)
    client.post(reverse("marketing:segment_copy", args=[segment.pk]), {"name": "March call list"})
    copy = Segment.objects.get(name="March call list")
    assert copy.kind == SegmentKind.STATIC
    assert list(
        SegmentMember.objects.filter(segment=copy).values_list("contact_id", flat=True)
    ) == [clients["Anika"].pk]
    client.post(reverse("marketing:list_remove", args=[copy.pk, clients["Anika"].pk]))
    assert not SegmentMember.objects.filter(segment=copy).exists()


def test_a_list_takes_the_members_of_another_segment(
    agent: User, clients: dict[str, Contact]
) -> None:
    shortlist = make_list(agent, name="Shortlist")
    india = make_segment(agent, {"field": "country", "op": "is", "value": ["IN"]}, name="India")
    signed_in(agent).post(reverse("marketing:list_add", args=[shortlist.pk]), {"source": india.pk})
    assert list(SegmentMember.objects.values_list("contact_id", flat=True)) == [
        clients["Bishal"].pk
    ]


def test_a_segment_used_by_another_is_not_deleted(agent: User) -> None:
    base = make_segment(agent, BANGLADESH, name="Bangladesh")
    make_segment(agent, {"field": "segment", "op": "is", "value": [str(base.pk)]}, name="Uses it")
    response = signed_in(agent).post(reverse("marketing:segment_delete", args=[base.pk]))
    assert response.status_code == 200
    assert "Uses it" in response.content.decode()
    assert Segment.objects.filter(pk=base.pk).exists()
