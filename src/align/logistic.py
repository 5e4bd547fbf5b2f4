"""Logistic models shipped as data: weights over standardised named features, read from JSON.

Why one module: the learned pieces (which sentence of a merged bead is unrendered, which clause is)
share the file layout their fit scripts write, ``{"features", "mean", "scale", "intercept", "coef",
"threshold", ...provenance}``, and the arithmetic to apply it; numpy only, no scikit-learn at run time.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping

import numpy as np

from align.text.datafiles import data_path


@functools.cache
def load(name: str) -> dict:
    """The model stored as ``align/data/<name>`` (cached for the process)."""
    with open(data_path(name), encoding="utf-8") as fh:
        return json.load(fh)


def probability(row: Mapping[str, float], model: Mapping) -> float:
    """The model's probability for one row of features (every feature the model names must be in it)."""
    x = np.array([row[n] for n in model["features"]], dtype=np.float64)
    z = (x - np.asarray(model["mean"])) / np.asarray(model["scale"])
    t = float(model["intercept"] + z @ np.asarray(model["coef"]))
    return 1.0 / (1.0 + math.exp(-max(min(t, 40.0), -40.0)))
