"""Settings → Sales → a pipeline's stages: added, changed, put in order, deleted when empty."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.sales import actions
from sampark.sales.models import Stage
from sampark.sales.tests.factories import make_deal, make_pipeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])
    return client


@pytest.fixture
def pipeline():  # type: ignore[no-untyped-def]
    return make_pipeline("Retail")


def _names(pipeline) -> list[str]:  # type: ignore[no-untyped-def]
    return list(pipeline.stages.order_by("position", "id").values_list("name", flat=True))


def test_a_new_stage_comes_last_with_its_probability_and_rotting_days(admin_client, pipeline):  # type: ignore[no-untyped-def]
    response = admin_client.post(
        reverse("sales_settings:stage_create", args=[pipeline.pk]),
        {"stage-name": "Commitment", "stage-probability": "90", "stage-rotting_days": "7"},
    )

    assert response.status_code == 302
    assert _names(pipeline) == ["Qualified", "Proposal", "Negotiation", "Commitment"]
    stage = Stage.objects.get(name="Commitment")
    assert (stage.probability, stage.rotting_days) == (90, 7)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"stage-name": "Won", "stage-probability": "101"}, "probability"),
        ({"stage-name": "Won", "stage-probability": "-1"}, "probability"),
        ({"stage-name": "Won", "stage-probability": "ninety"}, "probability"),
        (
            {"stage-name": "Won", "stage-probability": "50", "stage-rotting_days": "-3"},
            "rotting_days",
        ),
        ({"stage-name": "Proposal", "stage-probability": "50"}, "name"),
        ({"stage-name": "", "stage-probability": "50"}, "name"),
    ],
)
def test_bad_values_are_refused_beside_their_field(admin_client, pipeline, values, field):  # type: ignore[no-untyped-def]
    response = admin_client.post(reverse("sales_settings:stage_create", args=[pipeline.pk]), values)

    assert response.status_code == 200
    assert response.context["stage_form"].errors[field]
    assert pipeline.stages.count() == 3


def test_a_stage_is_renamed_and_reweighed(admin_client, pipeline):  # type: ignore[no-untyped-def]
    stage = pipeline.stages.get(name="Proposal")

    response = admin_client.post(
        reverse("sales_settings:stage", args=[pipeline.pk, stage.pk]),
        {"name": "Proposal sent", "probability": "40", "rotting_days": ""},
    )

    assert response.status_code == 302
    stage.refresh_from_db()
    assert (stage.name, stage.probability, stage.rotting_days) == ("Proposal sent", 40, None)
    taken = admin_client.post(
        reverse("sales_settings:stage", args=[pipeline.pk, stage.pk]),
        {"name": "Negotiation", "probability": "40"},
    )
    assert taken.context["form"].errors["name"] == [
        "This pipeline already has a stage with this name."
    ]


def test_stages_move_up_and_down_and_stop_at_the_ends(admin_client, pipeline):  # type: ignore[no-untyped-def]
    negotiation = pipeline.stages.get(name="Negotiation")
    qualified = pipeline.stages.get(name="Qualified")

    def move(stage: Stage, direction: str) -> int:
        url = reverse("sales_settings:stage_move", args=[pipeline.pk, stage.pk])
        return admin_client.post(url, {"direction": direction}).status_code

    assert move(negotiation, "up") == 302
    assert _names(pipeline) == ["Qualified", "Negotiation", "Proposal"]
    assert move(qualified, "up") == 302  # already first: nothing moves
    assert move(qualified, "down") == 302
    assert _names(pipeline) == ["Negotiation", "Qualified", "Proposal"]
    assert move(qualified, "sideways") == 400
    assert _names(pipeline) == ["Negotiation", "Qualified", "Proposal"]


def test_stages_sharing_a_position_can_still_be_put_in_order(admin_client, pipeline):  # type: ignore[no-untyped-def]
    pipeline.stages.update(position=0)  # as rows made without positions would be
    last = pipeline.stages.order_by("id").last()

    admin_client.post(
        reverse("sales_settings:stage_move", args=[pipeline.pk, last.pk]), {"direction": "up"}
    )

    assert _names(pipeline) == ["Qualified", "Negotiation", "Proposal"]
    assert sorted(pipeline.stages.values_list("position", flat=True)) == [0, 1, 2]


def test_a_stage_with_deals_is_kept_and_the_admin_told_how_many_must_move(
    admin_client, people, pipeline
):  # type: ignore[no-untyped-def]
    proposal = pipeline.stages.get(name="Proposal")
    for owner in ("agent", "colleague"):
        actions.move_deal(make_deal(people[owner], pipeline), proposal, by=people[owner])
    actions.lose_deal(
        actions.move_deal(make_deal(people["agent"], pipeline), proposal, by=people["agent"]),
        by=people["agent"],
    )
    url = reverse("sales_settings:stage_delete", args=[pipeline.pk, proposal.pk])

    assert "3 deals are in the stage Proposal" in admin_client.get(url).content.decode()
    response = admin_client.post(url, follow=True)

    assert Stage.objects.filter(pk=proposal.pk).exists()
    assert (
        "3 deals are in the stage Proposal (open, won or lost). Move them to another stage first"
        in response.content.decode()
    )


def test_an_empty_stage_is_deleted(admin_client, pipeline):  # type: ignore[no-untyped-def]
    proposal = pipeline.stages.get(name="Proposal")

    response = admin_client.post(
        reverse("sales_settings:stage_delete", args=[pipeline.pk, proposal.pk])
    )

    assert response["Location"] == reverse("sales_settings:pipeline", args=[pipeline.pk])
    assert _names(pipeline) == ["Qualified", "Negotiation"]


def test_a_stage_is_only_reached_through_its_own_pipeline(admin_client, pipeline):  # type: ignore[no-untyped-def]
    other = make_pipeline("Institutional")
    stage = pipeline.stages.first()

    for name in ("stage", "stage_delete"):
        assert (
            admin_client.get(
                reverse(f"sales_settings:{name}", args=[other.pk, stage.pk])
            ).status_code
            == 404
        )
