"""Fitting the model: a logistic regression on standardised features, measured on a holdout.

Why this model: its explanations are exact (linear.py), and on standardised features a
coefficient reads directly as how much its feature matters. Nothing here touches the database:
``fit`` takes rows and labels, which is what lets the tests check it on data whose true drivers
are known.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sampark.scoring.features import FeatureSpace, Raw, matrix
from sampark.scoring.linear import LinearModel

HOLDOUT = 0.25
SEED = 0


@dataclass(frozen=True)
class Fitted:
    model: LinearModel
    auc: float
    n_samples: int
    n_positive: int
    n_holdout: int


def fit(rows: Sequence[Raw], labels: Sequence[int], *, seed: int = SEED) -> Fitted:
    """Fit on 75% of the history and measure on the other 25% (stratified, so both keep the
    share of wins; seeded, so the same history gives the same model). The model kept is the one
    measured: the AUC shown is this model's, not a cousin's fitted on everything afterwards."""
    # Loaded here, not with the module: scikit-learn takes a second and much memory to load,
    # which a web process that only scores leads (linear.py) should not pay.
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    space = FeatureSpace.learn(rows)
    x = np.array(matrix(space, rows), dtype=float)
    y = np.array(labels, dtype=int)
    x_train, x_test, y_train, y_test = train_test_split(
        x, y, test_size=HOLDOUT, stratify=y, random_state=seed
    )
    scaler = StandardScaler().fit(x_train)
    # L2 (the default) keeps one-hot groups, which add up to one, from trading weights freely.
    classifier = LogisticRegression(max_iter=1000).fit(scaler.transform(x_train), y_train)
    scores = classifier.predict_proba(scaler.transform(x_test))[:, 1]
    model = LinearModel(
        columns=space.columns,
        coefficients=[float(c) for c in classifier.coef_[0]],
        intercept=float(classifier.intercept_[0]),
        means=[float(m) for m in scaler.mean_],
        scales=[float(s) for s in scaler.scale_],
    )
    return Fitted(
        model=model,
        auc=float(roc_auc_score(y_test, scores)),
        n_samples=len(y),
        n_positive=int(y.sum()),
        n_holdout=len(y_test),
    )
