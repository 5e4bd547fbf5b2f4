"""Logistic models shipped as data: weights over standardised named features, read from JSON.

Why one module: every learned piece (the bead risk, the flag model, which sentence of a merged bead
is unrendered, which clause is) shares the file layout its fit script writes, ``{"features", "mean",
"scale", "intercept", "coef", ["calibration"], ["threshold"], ...provenance}``, and the arithmetic to
apply it; numpy only, no scikit-learn at run time.
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


def logit(row: Mapping[str, float], model: Mapping, default: float | None = None) -> float:
    """The regression's log-odds for one row of features, before calibration. Every feature the model
    names must be in ``row`` unless a ``default`` stands in for the missing ones."""
    names = model["features"]
    values = [row[n] for n in names] if default is None else [row.get(n, default) for n in names]
    z = (np.array(values, dtype=np.float64) - np.asarray(model["mean"])) / np.asarray(model["scale"])
    return float(model["intercept"] + z @ np.asarray(model["coef"]))


def probability(row: Mapping[str, float], model: Mapping, default: float | None = None) -> float:
    """The model's probability for one row: ``sigmoid(a * logit + b)`` where the model carries a Platt
    calibration (a > 0 keeps the order), ``sigmoid(logit)`` otherwise."""
    cal = model.get("calibration") or {"a": 1.0, "b": 0.0}
    t = float(cal["a"]) * logit(row, model, default) + float(cal["b"])
    return 1.0 / (1.0 + math.exp(-max(min(t, 40.0), -40.0)))
