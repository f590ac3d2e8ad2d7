"""On a history whose true drivers are known (tests/synthetic.py: referral and a director's
title win; country, phone, message, budget and time are noise), the model finds them, ranks
leads far better than chance on the leads it did not learn from, and explains a single lead by
them. No database: fitting is pure."""

from __future__ import annotations

import pytest

from sampark.scoring.features import raw_features
from sampark.scoring.fitting import Fitted, fit
from sampark.scoring.tests.synthetic import synthetic_leads

DRIVERS = {"source=referral", "seniority=director"}


@pytest.fixture(scope="module")
def fitted() -> Fitted:
    leads, labels = synthetic_leads(600)
    return fit([raw_features(lead) for lead in leads], labels)


def test_the_true_drivers_are_ranked_first(fitted: Fitted) -> None:
    ranked = fitted.model.ranked()

    assert {column for column, _weight in ranked[:2]} == DRIVERS
    assert all(weight > 0 for column, weight in ranked if column in DRIVERS)


def test_noise_weighs_far_less_than_the_drivers(fitted: Fitted) -> None:
    weights = dict(fitted.model.ranked())
    weakest_driver = min(weights[column] for column in DRIVERS)
    noise = [
        abs(weight)
        for column, weight in weights.items()
        if column.split("=")[0] in {"country", "has_phone", "message_length", "budget_given"}
    ]

    assert noise
    assert max(noise) < weakest_driver / 3


def test_the_holdout_auc_is_well_above_chance(fitted: Fitted) -> None:
    assert fitted.auc > 0.8
    assert fitted.n_samples == 600
    assert fitted.n_holdout == 150  # a quarter, kept aside


def test_one_leads_explanation_names_its_true_drivers(fitted: Fitted) -> None:
    leads, _labels = synthetic_leads(600)
    lead = next(
        lead for lead in leads if lead.source == "referral" and "Director" in lead.job_title
    )

    explanation = fitted.model.explain(raw_features(lead))
    top = dict(explanation.top(5))

    assert {"source", "seniority"} <= set(top)
    assert top["source"] > 0
    assert top["seniority"] > 0
    assert explanation.probability > 0.7


def test_a_lead_without_the_drivers_is_explained_by_their_absence(fitted: Fitted) -> None:
    leads, _labels = synthetic_leads(600)
    lead = next(lead for lead in leads if lead.source != "referral" and lead.job_title == "")

    explanation = fitted.model.explain(raw_features(lead))
    top = dict(explanation.top(3))

    assert top.get("source", 0) < 0
    assert top.get("seniority", 0) < 0
    assert explanation.probability < 0.3


def test_the_points_add_up_exactly_to_the_score(fitted: Fitted) -> None:
    leads, _labels = synthetic_leads(50, seed=11)
    for lead in leads:
        explanation = fitted.model.explain(raw_features(lead))

        total = explanation.baseline * 100 + sum(explanation.points.values())

        assert total == pytest.approx(explanation.probability * 100, abs=1e-9)


def test_the_same_history_gives_the_same_model(fitted: Fitted) -> None:
    leads, labels = synthetic_leads(600)

    again = fit([raw_features(lead) for lead in leads], labels)

    assert again.model == fitted.model
    assert again.auc == fitted.auc
