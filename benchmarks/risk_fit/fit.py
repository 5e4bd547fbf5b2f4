"""Fit the bead-risk logistic regression, calibrate it, and measure it (old model beside it).

Reads the records written by ``extract.py``; computes features with ``align.risk.pair_features``
(the function the pipeline uses; the text features are cached in ``<cache>/risk_fit/feat_*.json``).

Fit on (sets the project may learn from): ``mqm21`` (MQM newstest2021 zh-en, Apache-2.0) and
``planted`` (NTREX/MLQE-PE pairs with planted errors, both directions). 20 % of the documents of
each are held out (``doc`` hashed); the model is fit on the other 80 % only, so held-out figures
are those of the shipped weights. L2 = 1 on standardised features, Newton/IRLS in numpy, each of
the two sources weighted to the same total, flag weights held >= 0 (active set), ``f_other`` not
fit (set to the mean fitted flag-family weight). Platt scaling (``calibration``) and the decision
threshold (best MCC) come from 5-fold out-of-fold predictions of the 80 % split (folds by document).

Measured only (never fit on): MQM-TED (MT / human), wmt21-ced-enzh dev, DEMETR, generalMT2023.

Usage: ``python benchmarks/risk_fit/fit.py [--write]`` (``--write`` stores src/align/data/risk_model.json)
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import math
import sys
import zlib
from pathlib import Path

import numpy as np

from align.bench.metric import roc_auc
from align.paths import cache_dir
from align.risk import FEATURES, FLAG_FEATURES, MODEL_PATH, TEXT_FEATURES, lift, pair_features, text_features
from align.types import Flag

L2 = 1.0  # on standardised features; the intercept is not penalised
FOLDS = 5
HELD_OUT = 5  # one document in HELD_OUT is held out (crc32 of the doc id)
NULL_FLOOR = 0.5
FLAG_QUANTILE = 0.9  # flagged pairs rank above this share of unflagged training pairs
TRAIN_SETS = ("mqm21", "planted")
EVAL_SETS = ("mqm_ted", "wmt21_dev", "demetr", "gmt23")
COMMAND = "bash benchmarks/risk_fit/refit.sh  (extract.py in two processes, then fit.py --write)"
OLD_MODEL = "old/old_risk.py"  # a copy of the previous align/risk.py and its model, under <cache>/risk_fit


def work_dir() -> Path:
    return cache_dir() / "risk_fit"


def load(name: str) -> list[dict]:
    path = work_dir() / f"{name}.jsonl"
    if not path.exists():
        sys.exit(f"{path} is missing: run benchmarks/risk_fit/extract.py first")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def text_cache(name: str, rows: list[dict]) -> list[dict[str, float] | None]:
    """``align.risk.text_features`` of every record, cached beside the records."""
    path = work_dir() / f"feat_{name}.json"
    key = [r["id"] for r in rows]
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["ids"] == key and data["features"] == list(TEXT_FEATURES):
            return data["rows"]
    out = [text_features(r["src"], r["src_lang"], r["tgt"], r["tgt_lang"]) for r in rows]
    path.write_text(json.dumps({"ids": key, "features": list(TEXT_FEATURES), "rows": out}), encoding="utf-8")
    return out


def features(rows: list[dict], texts: list[dict[str, float] | None]) -> np.ndarray:
    boot = {"features": list(FEATURES), "mean": [0.0] * len(FEATURES), "ref_median": 0.0}
    out = np.empty((len(rows), len(FEATURES)))
    for i, (r, t) in enumerate(zip(rows, texts, strict=True)):
        f = pair_features([Flag(**fl) for fl in r["flags"]], r["sim"], model=boot, text=t)
        out[i] = [f[n] for n in FEATURES]
    return out


def irls(z: np.ndarray, y: np.ndarray, w8: np.ndarray, free: np.ndarray) -> tuple[float, np.ndarray]:
    """Weighted L2 logistic regression by Newton's method on the columns ``free`` (others 0)."""
    x = np.hstack([np.ones((len(z), 1)), z[:, free]])
    w = np.zeros(x.shape[1])
    pen = np.full(x.shape[1], L2)
    pen[0] = 0.0
    for _ in range(60):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -40, 40)))
        grad = x.T @ (w8 * (p - y)) + pen * w
        hess = (x * (w8 * p * (1 - p))[:, None]).T @ x + np.diag(pen + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    coef = np.zeros(z.shape[1])
    coef[free] = w[1:]
    return float(w[0]), coef


def fit(
    z: np.ndarray, y: np.ndarray, w8: np.ndarray, cols: np.ndarray | None = None
) -> tuple[float, np.ndarray]:
    """IRLS with an active set: a flag feature whose weight comes out negative is dropped and refit.
    ``f_other`` is not fit (no training pair raises it): its weight is the mean flag-family weight."""
    names = list(FEATURES)
    nonneg = np.array([n in FLAG_FEATURES for n in names])
    free = np.ones(len(names), dtype=bool) if cols is None else cols.copy()
    free[names.index("f_other")] = False
    while True:
        b, coef = irls(z, y, w8, free)
        bad = nonneg & free & (coef < 0)
        if not bad.any():
            break
        free &= ~bad
    fam = [coef[names.index(n)] for n in FLAG_FEATURES if n.startswith("f_") and n != "f_other"]
    coef[names.index("f_other")] = float(np.mean(fam))
    return b, coef


def sigmoid(t: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(t, -40, 40)))


def platt(t: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """``a, b`` minimising the log loss of ``sigmoid(a t + b)`` (Newton on two parameters)."""
    x = np.stack([t, np.ones_like(t)], axis=1)
    w = np.array([1.0, 0.0])
    for _ in range(50):
        p = sigmoid(x @ w)
        step = np.linalg.solve((x * (p * (1 - p))[:, None]).T @ x + 1e-9 * np.eye(2), x.T @ (p - y))
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return float(w[0]), float(w[1])


def mcc_pr(pred: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    y = y.astype(bool)
    tp, fp, fn = int((pred & y).sum()), int((pred & ~y).sum()), int((~pred & y).sum())
    tn = len(y) - tp - fp - fn
    d = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return ((tp * tn - fp * fn) / d if d else 0.0), tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def auc(s: np.ndarray, y: np.ndarray) -> float:
    return roc_auc(list(map(float, s)), list(map(bool, y))) if 0 < y.sum() < len(y) else float("nan")


class Model:
    """The new model as arrays: standardisation, weights, calibration, flag floor."""

    def __init__(self, mean, scale, b, coef, a=1.0, c=0.0, floor=0.0) -> None:
        self.mean, self.scale, self.b, self.coef, self.a, self.c, self.floor = (
            mean,
            scale,
            b,
            coef,
            a,
            c,
            floor,
        )

    def logit(self, x: np.ndarray) -> np.ndarray:
        return self.b + ((x - self.mean) / self.scale) @ self.coef

    def prob(self, x: np.ndarray) -> np.ndarray:
        return sigmoid(self.a * self.logit(x) + self.c)

    def risk(self, x: np.ndarray, flagged: np.ndarray) -> np.ndarray:
        p = self.prob(x)
        return np.array(
            [lift(float(v), self.floor) if f else float(v) for v, f in zip(p, flagged, strict=True)]
        )


def old_scorer():
    """``pair_risk`` of the previous model (a copy kept under <cache>/risk_fit/old/), or None."""
    path = work_dir() / OLD_MODEL
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("old_risk", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    model = json.loads((path.parent / "old_risk_model.json").read_text(encoding="utf-8"))

    def score(rows: list[dict]) -> np.ndarray:
        out = []
        for r in rows:
            fl = [Flag(**f) for f in r["flags"]]
            feats = mod.pair_features(
                fl,
                r["sim"],
                src_text=r["src"],
                src_lang=r["src_lang"],
                tgt_text=r["tgt"],
                tgt_lang=r["tgt_lang"],
                model=model,
            )
            p = mod._probability(feats, model)
            out.append(mod.lift(p, float(model["flag_floor"])) if fl else p)
        return np.array(out)

    return score


def demetr_share(risk: np.ndarray, rows: list[dict]) -> tuple[float, dict[str, float]]:
    """Mean share of critical/major perturbed pairs above the threshold flagging <= 5 % of clean ones."""
    groups = np.array([r["group"] for r in rows])
    clean = np.sort(risk[groups == "clean"])
    k = int(math.floor(0.05 * len(clean)))
    thr = clean[len(clean) - k - 1]
    per = {}
    for g in sorted(set(groups) - {"clean"}):
        sel = groups == g
        if g.startswith(("critical", "major")):
            per[g] = float((risk[sel] > thr).mean())
    return float(np.mean(list(per.values()))), per


def deciles(p: np.ndarray, y: np.ndarray) -> list[tuple[float, float, int]]:
    order = np.argsort(p)
    return [(float(p[c].mean()), float(y[c].mean()), len(c)) for c in np.array_split(order, 10)]


def compare_lgbm(x, y, w8, tr, held, src, data) -> None:
    """Gradient boosting on the same features and split (comparison only; not shipped)."""
    import lightgbm as lgb

    mono = [1 if n in FLAG_FEATURES else 0 for n in FEATURES]
    params = {
        "objective": "binary",
        "learning_rate": 0.05,
        "num_leaves": 15,
        "min_data_in_leaf": 50,
        "feature_fraction": 0.8,
        "bagging_fraction": 0.8,
        "bagging_freq": 1,
        "lambda_l2": 1.0,
        "monotone_constraints": mono,
        "verbose": -1,
        "num_threads": 2,
        "seed": 0,
    }
    booster = lgb.train(params, lgb.Dataset(x[tr], y[tr], weight=w8[tr]), num_boost_round=300)
    print("\nlightgbm (300 rounds, 15 leaves, flag features monotone), ROC-AUC without lift:")
    for s in TRAIN_SETS:
        m = held & (src == s)
        print(
            f"  {s} held-out {auc(booster.predict(x[m]), y[m]):.3f}; in-sample "
            f"{auc(booster.predict(x[tr & (src == s)]), y[tr & (src == s)]):.3f}"
        )
    for name, groups in (("mqm_ted", ("MT", "human")), ("gmt23", ("MT", "human")), ("wmt21_dev", ("wmt21",))):
        rows_, x_, y_ = data[name]
        g = np.array([r["group"] for r in rows_])
        print(
            "  "
            + name
            + ": "
            + ", ".join(f"{grp} {auc(booster.predict(x_[g == grp]), y_[g == grp]):.3f}" for grp in groups)
        )
    rows_, x_, _ = data["demetr"]
    print(f"  demetr (no lift) {demetr_share(booster.predict(x_), rows_)[0]:.3f}")


def main() -> int:  # noqa: C901, PLR0915 - one report, top to bottom
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--write", action="store_true", help=f"write {MODEL_PATH}")
    ap.add_argument("--lgbm", action="store_true", help="compare with gradient boosting (needs lightgbm)")
    a = ap.parse_args()
    data = {}
    for name in TRAIN_SETS + EVAL_SETS:
        rows = load(name)
        data[name] = (
            rows,
            features(rows, text_cache(name, rows)),
            np.array([bool(r["label"]) for r in rows]),
        )

    # ---- training split: 80 % of documents of mqm21 and planted ----
    rows = data["mqm21"][0] + data["planted"][0]
    x = np.vstack([data["mqm21"][1], data["planted"][1]])
    y = np.concatenate([data["mqm21"][2], data["planted"][2]]).astype(float)
    src = np.array(["mqm21"] * len(data["mqm21"][0]) + ["planted"] * len(data["planted"][0]))
    doc_hash = np.array([zlib.crc32(str(r["doc"]).encode()) for r in rows])
    held = doc_hash % HELD_OUT == 0
    tr = ~held
    w8 = np.ones(len(y))
    for s in TRAIN_SETS:  # each source the same total weight
        w8[src == s] = 0.5 * tr.sum() / (tr & (src == s)).sum()
    mean = x[tr].mean(axis=0)
    scale = x[tr].std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale

    fold = (doc_hash // HELD_OUT) % FOLDS
    oof = np.zeros(len(y))
    for k in range(FOLDS):
        fit_on, pred_on = tr & (fold != k), tr & (fold == k)
        b, coef = fit(z[fit_on], y[fit_on], w8[fit_on])
        oof[pred_on] = b + z[pred_on] @ coef
    pa, pb = platt(oof[tr], y[tr])
    oof_p = sigmoid(pa * oof + pb)
    flagged = np.array([bool(r["flags"]) for r in rows])
    floor = float(np.quantile(oof_p[tr & ~flagged], FLAG_QUANTILE))
    oof_r = np.array([lift(float(v), floor) if f else float(v) for v, f in zip(oof_p, flagged, strict=True)])
    grid = np.unique(np.round(oof_p[tr], 3))
    best_mcc, threshold = max((mcc_pr(oof_p[tr] >= t, y[tr])[0], float(t)) for t in grid)
    b, coef = fit(z[tr], y[tr], w8[tr])
    model = Model(mean, scale, b, coef, pa, pb, floor)
    print(f"training split: {int(tr.sum())} pairs ({int(y[tr].sum())} positive); held out {int(held.sum())}")
    print(
        f"Platt a={pa:.3f} b={pb:+.3f}; flag floor {floor:.3f}; "
        f"threshold {threshold:.3f} (OOF MCC {best_mcc:.3f})"
    )
    for n, c in zip(FEATURES, coef, strict=True):
        print(f"  {n:12s} {c:+.3f}")
    print(f"  intercept    {b:+.3f}")

    figures: dict[str, float] = {}
    old = old_scorer()
    print("\n| set | pairs | pos | new ROC-AUC (lifted) | new (calibrated, no lift) | old |")
    print("|---|---|---|---|---|---|")

    def row(label: str, x_: np.ndarray, y_: np.ndarray, rows_: list[dict], flagged_: np.ndarray) -> None:
        r_new = model.risk(x_, flagged_)
        p_new = model.prob(x_)
        o = auc(old(rows_), y_) if old is not None else float("nan")
        figures[label] = round(auc(r_new, y_), 3)
        print(
            f"| {label} | {len(y_)} | {int(y_.sum())} | {auc(r_new, y_):.3f} | "
            f"{auc(p_new, y_):.3f} | {o:.3f} |"
        )

    for s in TRAIN_SETS:
        for part, sel in (("held-out", held), ("in-sample", tr)):
            m = sel & (src == s)
            row(f"{s} {part}", x[m], y[m], [rows[i] for i in np.flatnonzero(m)], flagged[m])
    for s in TRAIN_SETS:
        m = tr & (src == s)
        print(
            f"| {s} 5-fold OOF (training split) | {int(m.sum())} | {int(y[m].sum())} | "
            f"{auc(oof_r[m], y[m]):.3f} | "
            f"{auc(oof_p[m], y[m]):.3f} | |"
        )
    for name, groups in (("mqm_ted", ("MT", "human")), ("gmt23", ("MT", "human")), ("wmt21_dev", ("wmt21",))):
        rows_, x_, y_ = data[name]
        g = np.array([r["group"] for r in rows_])
        fl = np.array([bool(r["flags"]) for r in rows_])
        for grp in groups:
            m = g == grp
            row(f"{name} {grp}", x_[m], y_[m], [rows_[i] for i in np.flatnonzero(m)], fl[m])

    # wmt21 dev at the threshold
    rows_, x_, y_ = data["wmt21_dev"]
    fl = np.array([bool(r["flags"]) for r in rows_])
    r_new = model.risk(x_, fl)
    m_, p_, rc_ = mcc_pr(r_new >= threshold, y_)
    print(
        f"\nwmt21 dev, risk >= {threshold:.3f}: MCC {m_:.3f} precision {p_:.3f} recall {rc_:.3f}; "
        f"mean risk {model.prob(x_).mean():.3f} vs ERR rate {y_.mean():.3f}"
    )
    if old is not None:
        om = json.loads((work_dir() / OLD_MODEL).with_name("old_risk_model.json").read_text(encoding="utf-8"))
        mo = mcc_pr(old(rows_) >= om["threshold"], y_)
        print(
            f"  old model, risk >= {om['threshold']}: MCC {mo[0]:.3f} "
            f"precision {mo[1]:.3f} recall {mo[2]:.3f}"
        )
    figures["wmt21_dev MCC"] = round(m_, 3)

    # DEMETR
    rows_, x_, _ = data["demetr"]
    fl = np.array([bool(r["flags"]) for r in rows_])
    share, per = demetr_share(model.risk(x_, fl), rows_)
    share_p, _ = demetr_share(model.prob(x_), rows_)
    line = f"\nDEMETR mean flagged at 5 % clean (critical+major): new {share:.3f} (no lift {share_p:.3f})"
    if old is not None:
        line += f"; old {demetr_share(old(rows_), rows_)[0]:.3f}"
    print(line)
    print("  " + ", ".join(f"{k.split('_', 2)[-1]} {v:.2f}" for k, v in per.items()))
    figures["demetr"] = round(share, 3)

    # calibration on held-out
    print("\ncalibration, held-out split (calibrated probability, no lift): decile mean predicted / observed")
    for s in TRAIN_SETS:
        m = held & (src == s)
        p = model.prob(x[m])
        print(
            f"  {s}: mean {p.mean():.3f} vs rate {y[m].mean():.3f}; "
            + " ".join(f"{a_:.2f}/{b_:.2f}" for a_, b_, _ in deciles(p, y[m]))
        )
    for name in ("mqm_ted", "gmt23"):
        rows_, x_, y_ = data[name]
        print(f"  {name}: mean predicted {model.prob(x_).mean():.3f} vs rate {y_.mean():.3f}")

    if a.lgbm:
        compare_lgbm(x, y, w8, tr, held, src, data)

    if a.write:
        today = datetime.date.today().isoformat()
        out = {
            "_provenance": (
                f"Fit {today} by benchmarks/risk_fit/fit.py on (1) Google MQM annotations of WMT21 news "
                "zh-en (mqm-train/newstest2021; google/wmt-mqm-human-evaluation, Apache-2.0; "
                "Freitag et al. 2021; label: any rater "
                "marked a Major Accuracy/* or Non_translation error), a 6,000-item sample, 80 % of "
                "documents; (2) pairs of NTREX-128 (Federmann, Kocmi and Xin 2022, Microsoft, CC BY-SA 4.0; "
                "English from WMT19 news) and MLQE-PE (Fomicheva et al. 2022, CC0-1.0), each untouched (0) "
                "and with one planted error (1), both directions. Weights derived from "
                "CC BY-SA 4.0 data: share alike. Never fit on wmt21-ced-enzh, "
                "MQM-TED, DEMETR, generalMT2023, mac-dev, bible, wmt-docs or newstest2020. "
                f"Command: {COMMAND}."
            ),
            "comment": (
                "Logistic regression over standardised features (L2 1.0, flag weights >= 0, f_other set to "
                "the mean flag-family weight), then Platt scaling ('calibration': p = sigmoid(a*logit + b)) "
                "fit on 5-fold out-of-fold predictions; threshold = best out-of-fold MCC; flag_floor = 90th "
                "percentile "
                "of unflagged out-of-fold risk; null_floor hand-set. 'figures' are ROC-AUC unless named "
                "(held-out = 20 % of documents not fit on; evaluation sets never fit on)."
            ),
            "features": list(FEATURES),
            "mean": [round(float(v), 6) for v in mean],
            "scale": [round(float(v), 6) for v in scale],
            "coef": [round(float(v), 6) for v in coef],
            "intercept": round(b, 6),
            "calibration": {"method": "platt", "a": round(pa, 6), "b": round(pb, 6)},
            "threshold": round(threshold, 4),
            "ref_median": round(float(np.median(x[tr][:, 0])), 6),
            "null_floor": NULL_FLOOR,
            "flag_floor": round(floor, 6),
            "figures": figures,
        }
        MODEL_PATH.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
