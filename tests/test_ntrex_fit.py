"""The fit helpers of the learned omission models (``benchmarks/ntrex_fit.py``): a logistic fit on
the rows not held out, and a model file the package reads back with its provenance."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))

import ntrex_fit as N  # noqa: E402

from align import logistic  # noqa: E402


def _rows(n: int = 400) -> list[dict]:
    rng = random.Random(0)
    rows = []
    for k in range(n):
        label = k % 3 == 0
        gain = rng.gauss(0.08 if label else -0.05, 0.04)
        rows.append({"doc": f"d{k % 40}", "label": int(label), "held_out": N.held_out(f"d{k % 40}"),
                     "x": {"gain": gain, "noise": rng.random()}})
    return rows


def test_the_held_out_split_is_a_fifth_of_the_documents_and_stable() -> None:
    docs = [f"doc{k}" for k in range(1000)]
    share = sum(N.held_out(d) for d in docs) / len(docs)
    assert 0.15 < share < 0.25
    assert [N.held_out(d) for d in docs] == [N.held_out(d) for d in docs]


def test_fit_logistic_learns_from_the_training_rows_only(tmp_path) -> None:  # noqa: ANN001
    rows = _rows()
    model, train, p = N.fit_logistic(rows, ["gain", "noise"])
    assert train.tolist() == [not r["held_out"] for r in rows] and 0 < (~train).sum() < len(rows)
    assert model["coef"][0] > 0 and abs(model["coef"][1]) < model["coef"][0]
    # held-out rows are ranked by the weights learned without them
    ho = [(pp, r["label"]) for pp, r in zip(p, rows, strict=True) if r["held_out"]]
    pos = [pp for pp, y in ho if y]
    neg = [pp for pp, y in ho if not y]
    assert sum(a > b for a in pos for b in neg) / (len(pos) * len(neg)) > 0.9
    model["threshold"] = 0.5
    path = tmp_path / "m.json"
    N.finish(model, rows, train, p, lambda rs, ps: f"{len(rs)} rows", path=path, data="built rows",
             command="python x.py --write")
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["data"] == "built rows" and saved["held_out"] == f"{int((~train).sum())} rows"
    assert saved["fitted"] and saved["command"] == "python x.py --write"
    assert logistic.probability(rows[0]["x"], saved) == p[0]
