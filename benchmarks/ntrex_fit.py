"""What the fit scripts of the small learned models share (``merged_fit``, ``clause_fit``): NTREX
documents, the held-out split, an L2 logistic regression over named features, and writing the model
with its provenance in the layout ``align.logistic`` reads."""

from __future__ import annotations

import datetime
import json
import os
import zlib
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np
import risk_fit.fit as rf

PARALLEL = Path(os.environ.get("ALIGN_PARALLEL", "/work/shared/data/parallel"))
HELD_OUT = 5  # one document in five, by a hash of its id
L2 = 1.0


def documents(path: Path | None = None) -> dict[str, list[tuple[str, str]]]:
    """NTREX's sentence pairs (English, Chinese) grouped by document id, in file order."""
    docs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in (path or PARALLEL / "ntrex.tsv").read_text(encoding="utf-8").split("\n")[1:]:
        f = row.split("\t")
        if len(f) >= 3 and f[1].strip() and f[2].strip():
            docs[f[0]].append((f[1].strip(), f[2].strip()))
    return docs


def built_rows(build: Callable) -> list[dict] | None:
    """``build(documents, embedder)`` on NTREX with multilingual USE; None (and a line saying so)
    where ``parallel/ntrex.tsv`` is absent."""
    src = PARALLEL / "ntrex.tsv"
    if not src.exists():
        print(f"skipped: {src} not found")
        return None
    from align.embed import get_embedder

    return build(documents(src), get_embedder("use"))


def held_out(doc: str) -> bool:
    """Whether a document is in the held-out fifth (the same split for every model)."""
    return zlib.crc32(doc.encode()) % HELD_OUT == 0


def fit_logistic(rows: list[dict], features: list[str]) -> tuple[dict, np.ndarray, np.ndarray]:
    """Fit on the rows not held out (``row["x"]``: features, ``row["label"]``; classes balanced);
    returns the model dict, the training mask and the probability of every row."""
    from align.logistic import probability

    x = np.array([[r["x"][n] for n in features] for r in rows])
    y = np.array([r["label"] for r in rows], dtype=np.float64)
    train = np.array([not r["held_out"] for r in rows])
    mean, scale = x[train].mean(axis=0), x[train].std(axis=0)
    scale[scale < 1e-9] = 1.0
    w8 = np.where(y == 1, (y[train] == 0).sum() / max((y[train] == 1).sum(), 1), 1.0)
    rf.L2 = L2
    b, coef = rf.irls((x[train] - mean) / scale, y[train], w8[train], np.ones(x.shape[1], dtype=bool))
    model = {"features": list(features), "mean": mean.tolist(), "scale": scale.tolist(),
             "intercept": float(b), "coef": coef.tolist()}
    p = np.array([probability(r["x"], model) for r in rows])
    return model, train, p


def finish(
    model: dict,
    rows: list[dict],
    train: np.ndarray,
    p: np.ndarray,
    figures: Callable[[list[dict], np.ndarray], str],
    *,
    path: Path | str | None,
    data: str,
    command: str,
) -> None:
    """Print the in-sample and held-out figures (``figures(rows, p)``) and the weights; with ``path``,
    write the model there with the date, its data, the command and both figures beside the weights."""
    tr = [r for r, t in zip(rows, train, strict=True) if t]
    ho = [r for r, t in zip(rows, train, strict=True) if not t]
    in_sample, held = figures(tr, p[train]), figures(ho, p[~train])
    print("in-sample (4/5 of the documents): " + in_sample)
    print("held out (1/5 of the documents):  " + held)
    for n, c in sorted(zip(model["features"], model["coef"], strict=True), key=lambda t: -abs(t[1])):
        print(f"  {n:12s} {c:+.3f}")
    if path is None:
        return
    model = model | {"fitted": datetime.date.today().isoformat(), "data": data, "command": command,
                     "held_out": held, "in_sample": in_sample}
    Path(path).write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")
