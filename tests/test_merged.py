"""The learned pieces shipped as logistic models: which sentence of a merged bead is unrendered
(``align.checks.merged``) and the arithmetic they share (``align.logistic``)."""

from __future__ import annotations

import math

import pytest

from align import logistic
from align.checks import merged


def test_logistic_probability_standardises_then_applies_the_weights() -> None:
    model = {"features": ["a", "b"], "mean": [1.0, 0.0], "scale": [2.0, 1.0], "intercept": -1.0,
             "coef": [2.0, -1.0]}
    t = -1.0 + 2.0 * (3.0 - 1.0) / 2.0 - 1.0 * 0.5
    assert logistic.probability({"a": 3.0, "b": 0.5, "extra": 9.0}, model) == pytest.approx(
        1 / (1 + math.exp(-t))
    )
    with pytest.raises(KeyError):
        logistic.probability({"a": 1.0}, model)


def _row(**change: float) -> dict[str, float]:
    base = dict(alone=0.2, full=0.55, without=0.62, median=0.7, cov=0.05, cov_rest=0.6, size=12,
                size_rest=14, lang="en", side="source")
    return merged.sentence_features(**(base | change))


def test_the_merged_model_file_says_where_it_was_learned() -> None:
    model = merged.load_model()
    assert tuple(model["features"]) == merged.FEATURES
    assert 0.5 < model["threshold"] < 1.0
    assert "ntrex" in model["data"].lower() and "merged_fit/fit.py" in model["command"]


def test_an_unrendered_sentence_of_a_merged_bead_is_flagged_and_a_rendered_one_is_not() -> None:
    """A sentence unlike the other side, whose removal brings the bead closer and few of whose words
    the dictionary finds there, is above the threshold; one that is rendered (its removal costs
    similarity, its words are found) is far below it."""
    thr = merged.load_model()["threshold"]
    dropped = merged.probability(_row())
    rendered = merged.probability(_row(alone=0.6, without=0.35, cov=0.7, cov_rest=0.6))
    assert dropped >= thr > rendered
    # each piece of evidence moves the probability the right way
    assert merged.probability(_row(without=0.58)) < dropped  # a smaller gain
    assert merged.probability(_row(cov=0.4)) < dropped  # more of its words found
