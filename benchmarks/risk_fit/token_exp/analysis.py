"""Follow-up to evaluate.py: is the gain real, and is it more than segment length?

1. Paired bootstrap (2,000 resamples) of AUC(base + token, layers 6,8,10) - AUC(base): wmt21 dev by
   pair; MQM by source segment (all translations of one source sentence resampled together).
2. Length-stratified AUC on MQM: the mean AUC within quintiles of the ``size`` feature, for the base
   model, base + token, and ``size`` alone, to see how much of each ranking is segment length.
3. One extra variant (chosen after seeing evaluate.py, so its MQM figure is NOT a clean test):
   counts instead of shares of weak tokens, log1p(number of content tokens below the layer's q10).

Models as in evaluate.py (fit on wmt21 train only, L2 by 5-fold CV on train).
Usage: ``ALIGN_CACHE=/work/.cache_align .venv/bin/python benchmarks/risk_fit/token_exp/analysis.py``
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from evaluate import L2_GRID, Model, oof  # noqa: E402
from features import LAYERS, WORK, cache_rows, feature_names, is_content, load_features, quantile_thresholds  # noqa: E402
from fit import features as base_features  # noqa: E402

from align.bench.metric import roc_auc  # noqa: E402
from align.checks.risk import FEATURES, FLAG_FEATURES  # noqa: E402


def weak_counts(name: str) -> np.ndarray:
    """log1p(# content tokens with best cosine < layer q10), source and target side, per layer."""
    q = quantile_thresholds()
    d = np.load(WORK / f"{name}.npz")
    toks = [json.loads(x) for x in (WORK / f"{name}_tokens.jsonl").read_text(encoding="utf-8").splitlines()]
    flat = {L: d[f"S{L}"] for L in LAYERS}
    out, off = [], 0
    for (nt, ns), tk in zip(d["shapes"], toks, strict=True):
        row = []
        cs = np.array([is_content(x) for x in tk["src"]], dtype=bool)
        ct = np.array([is_content(x) for x in tk["tgt"]], dtype=bool)
        for L in LAYERS:
            S = flat[L][off : off + nt * ns].astype(np.float32).reshape(nt, ns)
            if S.size == 0:
                row += [0.0, 0.0]
                continue
            row += [np.log1p(((S.max(0) < q[L][0]) & cs).sum()), np.log1p(((S.max(1) < q[L][0]) & ct).sum())]
        off += nt * ns
        out.append(row)
    return np.array(out)


def fit_model(xt: np.ndarray, yt: np.ndarray, nonneg: np.ndarray) -> Model:
    cv = {l2: roc_auc(oof(xt, yt, l2, nonneg), yt) for l2 in L2_GRID}
    l2 = max(L2_GRID, key=lambda v: (round(cv[v], 4), v))
    return Model(l2, nonneg).fit(xt, yt), cv[l2]


def boot_diff(pa: np.ndarray, pb: np.ndarray, y: np.ndarray, cluster: np.ndarray, n: int = 2000) -> tuple[float, float, float]:
    rng = np.random.default_rng(1)
    ids, inv = np.unique(cluster, return_inverse=True)
    members = [np.flatnonzero(inv == k) for k in range(len(ids))]
    diffs = []
    for _ in range(n):
        pick = np.concatenate([members[k] for k in rng.integers(0, len(ids), len(ids))])
        diffs.append(roc_auc(pa[pick], y[pick]) - roc_auc(pb[pick], y[pick]))
    d = np.array(diffs)
    return roc_auc(pa, y) - roc_auc(pb, y), float(np.quantile(d, 0.025)), float(np.quantile(d, 0.975))


def strat_auc(p: np.ndarray, y: np.ndarray, size: np.ndarray) -> float:
    edges = np.quantile(size, [0.2, 0.4, 0.6, 0.8])
    bin_ = np.searchsorted(edges, size)
    return float(np.mean([roc_auc(p[bin_ == b], y[bin_ == b]) for b in range(5)]))


def main() -> int:
    train, dev, mqm = cache_rows("wmt21_train"), cache_rows("wmt21_dev"), cache_rows("mqm_ted")
    grp = np.array([r["group"] for r in mqm])
    seg = np.array([r["id"].split("|", 1)[1] for r in mqm])  # doc|seg_id: one source sentence
    ys = {"train": np.array([r["label"] for r in train]), "dev": np.array([r["label"] for r in dev]),
          "mqm": np.array([r["label"] for r in mqm])}
    base = {"train": base_features(train, doc_relative=False), "dev": base_features(dev, doc_relative=False),
            "mqm": base_features(mqm, doc_relative=False)}
    tok = {s: load_features(n) for s, n in (("train", "wmt21_train"), ("dev", "wmt21_dev"), ("mqm", "mqm_ted"))}
    cnt = {s: weak_counts(n) for s, n in (("train", "wmt21_train"), ("dev", "wmt21_dev"), ("mqm", "mqm_ted"))}
    nb = len(FEATURES)
    nonneg_b = np.array([n in FLAG_FEATURES for n in FEATURES])
    size_col = list(FEATURES).index("size")

    variants = {
        "base": lambda s: base[s],
        "base+token(6,8,10)": lambda s: np.column_stack([base[s], tok[s]]),
        "base+token+weak counts": lambda s: np.column_stack([base[s], tok[s], cnt[s]]),
        "base+weak counts": lambda s: np.column_stack([base[s], cnt[s]]),
    }
    preds = {}
    print(f"{'model':26s} {'trainCV':>7s} {'dev':>6s} {'MT':>6s} {'human':>6s} | size-stratified MQM: {'MT':>6s} {'human':>6s}")
    for name, mk in variants.items():
        xt = mk("train")
        nonneg = np.r_[nonneg_b, np.zeros(xt.shape[1] - nb, dtype=bool)]
        m, cv = fit_model(xt, ys["train"], nonneg)
        pd_, pm = m.predict(mk("dev")), m.predict(mk("mqm"))
        preds[name] = (pd_, pm)
        sz = base["mqm"][:, size_col]
        r = [roc_auc(pd_, ys["dev"])] + [roc_auc(pm[grp == g], ys["mqm"][grp == g]) for g in ("MT", "human")]
        st = [strat_auc(pm[grp == g], ys["mqm"][grp == g], sz[grp == g]) for g in ("MT", "human")]
        print(f"{name:26s} {cv:7.3f} " + " ".join(f"{v:6.3f}" for v in r) + "  |                      "
              + " ".join(f"{v:6.3f}" for v in st))
    sz = base["mqm"][:, size_col]
    print("size alone (MQM, higher = risk):  MT %.3f human %.3f; stratified by its own quintiles: ~0.5 by design"
          % tuple(roc_auc(sz[grp == g], ys["mqm"][grp == g]) for g in ("MT", "human")))
    for L in LAYERS:
        j = feature_names().index(f"F{L}")
        print(f"F{L} alone, size-stratified MQM (lower F = risk): MT %.3f human %.3f" % tuple(
            strat_auc(-tok["mqm"][grp == g, j], ys["mqm"][grp == g], sz[grp == g]) for g in ("MT", "human")))
        print(f"   corr(F{L}, size) on MQM: %.3f, on wmt21 train: %.3f" % (
            np.corrcoef(tok["mqm"][:, j], sz)[0, 1], np.corrcoef(tok["train"][:, j], base["train"][:, size_col])[0, 1]))

    print("\npaired bootstrap of AUC(base+token(6,8,10)) - AUC(base), 95% interval")
    a, b = preds["base+token(6,8,10)"], preds["base"]
    d = boot_diff(a[0], b[0], ys["dev"], np.arange(len(ys["dev"])))
    print(f"  wmt21 dev (by pair):            {d[0]:+.3f} [{d[1]:+.3f}, {d[2]:+.3f}]")
    for g in ("MT", "human"):
        s = grp == g
        d = boot_diff(a[1][s], b[1][s], ys["mqm"][s], seg[s])
        print(f"  MQM {g:5s} (by source segment): {d[0]:+.3f} [{d[1]:+.3f}, {d[2]:+.3f}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
