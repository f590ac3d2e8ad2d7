"""Factories for pipelines, stages and deals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import factory

from sampark.core.models import User
from sampark.sales import actions
from sampark.sales.models import Deal, Pipeline, Stage


class PipelineFactory(factory.django.DjangoModelFactory[Pipeline]):
    class Meta:
        model = Pipeline

    name = factory.Sequence(lambda n: f"Pipeline {n}")


def make_pipeline(name: str = "Sales", stages: tuple[tuple[str, int], ...] = ()) -> Pipeline:
    """A pipeline with its stages: (name, win probability) in order."""
    pipeline = PipelineFactory(name=name)
    for position, (stage, probability) in enumerate(
        stages or (("Qualified", 10), ("Proposal", 50), ("Negotiation", 80))
    ):
        Stage.objects.create(
            pipeline=pipeline, name=stage, position=position, probability=probability
        )
    return pipeline


def make_deal(by: User, pipeline: Pipeline, **values: Any) -> Deal:
    values.setdefault("name", "Sanchayapatra portfolio")
    values.setdefault("amount", Decimal("100000"))
    return actions.create_deal(by=by, pipeline=pipeline, **values)
