"""A fitted logistic regression as plain numbers, and what it says about one lead.

Its log-odds are a sum, ``intercept + Σ coefficient * standardised value``, so each feature's
share of a lead's score is exact arithmetic, not an approximation laid over a black box. Pure
Python on purpose: scoring a lead as it is saved needs no numpy nor scikit-learn, which only
training (fitting.py) loads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

from sampark.scoring.features import FeatureSpace, Raw, group_of


@dataclass(frozen=True)
class LinearModel:
    """A fitted model as plain numbers: what ``ScoringModel`` stores."""

    columns: list[str]
    coefficients: list[float]
    intercept: float
    means: list[float]
    scales: list[float]

    @cached_property
    def space(self) -> FeatureSpace:
        return FeatureSpace(self.columns)

    @property
    def baseline(self) -> float:
        """The probability of a lead whose every feature is at the history's average."""
        return sigmoid(self.intercept)

    def ranked(self) -> list[tuple[str, float]]:
        """(column, coefficient), the strongest first, whichever its sign."""
        pairs = zip(self.columns, self.coefficients, strict=True)
        return sorted(pairs, key=lambda pair: -abs(pair[1]))

    def explain(self, raw: Raw) -> Explanation:
        """The lead's probability and each feature group's share of it, in points on 0 to 100.

        In log-odds the shares are exact: ``logit = intercept + Σ contribution``. Points scale
        them by one factor, (score - baseline) / (logit - intercept), so they keep their
        proportions and signs and add up exactly to how far the lead is from the baseline.
        """
        row = self.space.vector(raw)
        contributions: dict[str, float] = {}
        for column, value, coefficient, mean, scale in zip(
            self.columns, row, self.coefficients, self.means, self.scales, strict=True
        ):
            group = group_of(column)
            share = coefficient * (value - mean) / scale
            contributions[group] = contributions.get(group, 0.0) + share
        moved = sum(contributions.values())
        probability = sigmoid(self.intercept + moved)
        base = self.baseline
        # Where the lead is at the baseline the ratio is 0/0; its limit is the slope there.
        per_logit = (probability - base) / moved if abs(moved) > 1e-9 else base * (1 - base)
        points = {group: share * per_logit * 100 for group, share in contributions.items()}
        return Explanation(probability=probability, baseline=base, points=points)


@dataclass(frozen=True)
class Explanation:
    probability: float
    baseline: float
    points: dict[str, float]  # feature group -> points it adds to (or takes from) the score

    def top(self, count: int) -> list[tuple[str, float]]:
        """The ``count`` groups that move this lead most, whichever the direction; a group
        that moves it by less than half a point says nothing worth showing."""
        moving = [(group, points) for group, points in self.points.items() if abs(points) >= 0.5]
        return sorted(moving, key=lambda pair: -abs(pair[1]))[:count]


def sigmoid(logit: float) -> float:
    # Written both ways so that neither overflows for a lead far out on either side.
    if logit >= 0:
        return 1 / (1 + math.exp(-logit))
    odds = math.exp(logit)
    return odds / (1 + odds)
