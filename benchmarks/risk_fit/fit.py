"""Fit the bead-risk logistic regression on wmt21-ced-enzh train; evaluate on wmt21 dev and MQM-TED.

Reads the records written by ``extract.py`` (run it first), computes features with
``align.risk.pair_features`` (the function the pipeline uses), fits an L2-regularised
logistic regression by Newton's method (IRLS) on standardised features, with the weights of the
flag features held >= 0 (a flag may only raise the risk), and chooses the decision threshold for
best MCC on 5-fold out-of-fold predictions of the training set. MQM-TED is never used to fit or to
choose anything: it is the test.

Usage: ``python benchmarks/risk_fit/fit.py [--write]`` (``--write`` stores src/align/data/risk_model.json)
"""

from __future__ import annotations

import argparse
import json
import math
import sys

import numpy as np

from align.bench.metric import roc_auc
from align.paths import cache_dir
from align.risk import FEATURES, FLAG_FEATURES, MODEL_PATH, lift, pair_features
from align.types import Flag

L2 = 1.0  # on standardised features; the intercept is not penalised
FOLDS = 5
NULL_FLOOR = 0.5
FLAG_QUANTILE = 0.9  # flagged pairs rank above this share of unflagged training pairs
COMMAND = "python benchmarks/risk_fit/extract.py && python benchmarks/risk_fit/fit.py --write"


def load(name: str) -> list[dict]:
    path = cache_dir() / "risk_fit" / f"{name}.jsonl"
    if not path.exists():
        sys.exit(f"{path} is missing: run benchmarks/risk_fit/extract.py first")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def features(rows: list[dict], *, doc_relative: bool, ref_median: float = 0.0) -> np.ndarray:
    """Feature matrix in FEATURES order; ``doc_relative`` shifts each similarity by its document's median."""
    boot = {"features": list(FEATURES), "mean": [0.0] * len(FEATURES), "ref_median": ref_median}
    med: dict[str, float] = {}
    if doc_relative:
        by_doc: dict[str, list[float]] = {}
        for r in rows:
            by_doc.setdefault(r["doc"], []).append(r["sim"])
        med = {d: float(np.median(v)) for d, v in by_doc.items()}
    out = np.empty((len(rows), len(FEATURES)))
    for i, r in enumerate(rows):
        f = pair_features(
            [Flag(**fl) for fl in r["flags"]],
            r["sim"],
            src_text=r["src"],
            src_lang=r["src_lang"],
            tgt_text=r["tgt"],
            tgt_lang=r["tgt_lang"],
            doc_median=med.get(r["doc"]) if doc_relative else None,
            model=boot,
        )
        out[i] = [f[n] for n in FEATURES]
    return out


def irls(z: np.ndarray, y: np.ndarray, free: np.ndarray, l2: float = L2) -> tuple[float, np.ndarray]:
    """Newton's method for L2 logistic regression on the columns ``free`` (others fixed at 0)."""
    x = np.hstack([np.ones((len(z), 1)), z[:, free]])
    w = np.zeros(x.shape[1])
    pen = np.full(x.shape[1], l2)
    pen[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -40, 40)))
        grad = x.T @ (p - y) + pen * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(pen + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    coef = np.zeros(z.shape[1])
    coef[free] = w[1:]
    return float(w[0]), coef


def fit(z: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """IRLS with an active set: a flag feature whose weight comes out negative is dropped and refit."""
    nonneg = np.array([n in FLAG_FEATURES for n in FEATURES])
    free = np.ones(len(FEATURES), dtype=bool)
    while True:
        b, coef = irls(z, y, free)
        bad = nonneg & free & (coef < 0)
        if not bad.any():
            return b, coef
        free &= ~bad


def standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    return mean, scale


def predict(x: np.ndarray, mean: np.ndarray, scale: np.ndarray, b: float, coef: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(b + ((x - mean) / scale) @ coef, -40, 40)))


def auc(scores: np.ndarray, y: np.ndarray) -> float:
    return roc_auc(scores, y)


def confusion(pred: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """MCC, precision, recall."""
    tp = int((pred & y).sum())
    fp = int((pred & ~y).sum())
    fn = int((~pred & y).sum())
    tn = len(y) - tp - fp - fn
    d = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return ((tp * tn - fp * fn) / d if d else 0.0), tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def lifted(p: np.ndarray, flagged: np.ndarray, floor: float) -> np.ndarray:
    """The flag lift of ``align.risk`` applied to a vector of model probabilities."""
    return np.array([lift(float(v), floor) if f else float(v) for v, f in zip(p, flagged, strict=True)])


def old_risk(rows: list[dict]) -> np.ndarray:
    """The previous hand-set risk (noisy-OR of flags plus a similarity prior), for before/after."""
    weight = {"critical": 0.95, "major": 0.75, "minor": 0.35}
    out = []
    for r in rows:
        keep = 1.0 - 0.5 * float(np.clip((0.75 - r["sim"]) / (0.75 - 0.35), 0.0, 1.0))
        for f in r["flags"]:
            keep *= 1.0 - weight[f["severity"]] * f["confidence"]
        out.append(1.0 - keep)
    return np.array(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--write", action="store_true", help=f"write {MODEL_PATH}")
    a = ap.parse_args()
    train, dev, mqm = load("wmt21_train"), load("wmt21_dev"), load("mqm_ted")
    ref_median = float(np.median([r["sim"] for r in train]))
    xt = features(train, doc_relative=False)
    yt = np.array([r["label"] for r in train])
    mean, scale = standardise(xt)
    zt = (xt - mean) / scale

    # out-of-fold predictions on train: honest CV figures and the threshold
    rng = np.random.default_rng(0)
    fold = rng.permutation(len(train)) % FOLDS
    oof = np.empty(len(train))
    for k in range(FOLDS):
        b, coef = fit(zt[fold != k], yt[fold != k])
        oof[fold == k] = 1.0 / (1.0 + np.exp(-(b + zt[fold == k] @ coef)))
    flagged_t = np.array([bool(r["flags"]) for r in train])
    flag_floor = float(np.quantile(oof[~flagged_t], FLAG_QUANTILE))
    oof = lifted(oof, flagged_t, flag_floor)
    grid = np.unique(np.round(oof, 3))
    best = max((confusion(oof >= t, yt)[0], float(t)) for t in grid)
    threshold = best[1]
    b, coef = fit(zt, yt)
    print(
        f"train: {len(train)} pairs; flag floor {flag_floor:.3f}; 5-fold AUC (lifted) {auc(oof, yt):.3f}; "
        f"threshold {threshold:.3f} (CV MCC {best[0]:.3f})"
    )
    for n, c in zip(FEATURES, coef, strict=True):
        print(f"  {n:8s} {c:+.3f}")
    print(f"  intercept {b:+.3f}")

    xd = features(dev, doc_relative=False)
    yd = np.array([r["label"] for r in dev])
    pd_ = lifted(predict(xd, mean, scale, b, coef), np.array([bool(r["flags"]) for r in dev]), flag_floor)
    m, p, r = confusion(pd_ >= threshold, yd)
    print(f"\nwmt21 dev ({len(dev)} pairs, {int(yd.sum())} ERR)")
    print(f"  risk >= {threshold:.3f}: MCC {m:.3f} precision {p:.3f} recall {r:.3f}")
    print(f"  ROC-AUC risk {auc(pd_, yd):.3f} (before: {auc(old_risk(dev), yd):.3f})")
    print(f"  mean risk {pd_.mean():.3f} vs ERR rate {yd.mean():.3f} (calibration)")

    ym = np.array([r["label"] for r in mqm])
    groups = np.array([r["group"] for r in mqm])
    before = old_risk(mqm)
    print("\nmqm-zhen/ted ROC-AUC (never fit on)")
    for rel in (False, True):
        pm = predict(features(mqm, doc_relative=rel, ref_median=ref_median), mean, scale, b, coef)
        pm = lifted(pm, np.array([bool(r["flags"]) for r in mqm]), flag_floor)
        for g in ("MT", "human"):
            sel = groups == g
            print(
                f"  {g:5s} doc-relative={rel!s:5s}: {auc(pm[sel], ym[sel]):.3f} "
                f"(before {auc(before[sel], ym[sel]):.3f}); "
                f"mean risk {pm[sel].mean():.3f} vs rate {ym[sel].mean():.3f}"
            )

    if a.write:
        model = {
            "comment": (
                "Logistic regression for align.risk, fit on wmt21-ced-enzh train.tsv only "
                f"({len(train)} pairs, label ERR; checks number, name, lexical; USE embeddings) by "
                f"benchmarks/risk_fit/fit.py (L2 {L2} on standardised features, flag weights >= 0). "
                f"Command: {COMMAND}. Evaluated on wmt21 dev and mqm-zhen/ted (not fit on). "
                "null_floor is hand-set, not fit; flag_floor is the 90th percentile of the out-of-fold "
                "risk of unflagged training pairs."
            ),
            "features": list(FEATURES),
            "mean": [round(float(v), 6) for v in mean],
            "scale": [round(float(v), 6) for v in scale],
            "coef": [round(float(v), 6) for v in coef],
            "intercept": round(b, 6),
            "threshold": round(threshold, 4),
            "ref_median": round(ref_median, 6),
            "null_floor": NULL_FLOOR,
            "flag_floor": round(flag_floor, 6),
        }
        MODEL_PATH.write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
