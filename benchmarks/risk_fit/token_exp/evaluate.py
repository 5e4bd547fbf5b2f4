"""Do token-alignment features (features.py) raise the bead risk's ROC-AUC? Fit on wmt21 train only.

(a) ROC-AUC of each raw token feature alone (higher value = more risk; < 0.5 means low values go
    with errors) on wmt21 train, wmt21 dev, MQM-TED MT and MQM-TED human.
(b) L2 logistic regression (Newton, numpy, standardised features, intercept unpenalised, flag
    weights held >= 0 as in fit.py), fit on wmt21 train; L2 strength picked per model from
    {1, 3, 10, 30, 100} by 5-fold CV AUC on wmt21 train. Reported: train CV AUC, dev AUC, MQM MT and
    human AUC, without and with fit.py's flag lift (floor = 90th pct of unflagged out-of-fold risk).
    MQM is only scored, never used to fit or to choose anything.

The token features are defined by source/target side. wmt21 is en->zh and MQM zh->en, so a model
fit on wmt21 sees "target" = Chinese, while on MQM the target is English. Both mappings are shown
for MQM: "st" (by role, primary) and "lang" (source/target columns swapped so that each feature
keeps its language). wmt21 cannot tell them apart, so neither is picked; both are reported.

Usage: ``ALIGN_CACHE=/work/.cache_align .venv/bin/python benchmarks/risk_fit/token_exp/evaluate.py``
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from features import LAYERS, cache_rows, feature_names, load_features  # noqa: E402
from fit import features as base_features  # noqa: E402  (fit.py's feature matrix, pair_features)
from fit import lifted  # noqa: E402

from align.bench.metric import roc_auc  # noqa: E402
from align.checks.risk import FEATURES, FLAG_FEATURES  # noqa: E402

L2_GRID = (1.0, 3.0, 10.0, 30.0, 100.0)
FOLDS = 5


def swap_roles(x: np.ndarray, names: list[str]) -> np.ndarray:
    """Exchange source-side and target-side columns (P<->R, minS<->minT, lowS*<->lowT*)."""
    idx = {n: i for i, n in enumerate(names)}
    out = x.copy()
    for n, i in idx.items():
        for a, b in (("P", "R"), ("minS", "minT"), ("lowS", "lowT")):
            if n.startswith(a) and (a != "P" or n[1:].isdigit()):
                out[:, i] = x[:, idx[b + n[len(a):]]]
            elif n.startswith(b) and (b != "R" or n[1:].isdigit()):
                out[:, i] = x[:, idx[a + n[len(b):]]]
    return out


def newton_logreg(z: np.ndarray, y: np.ndarray, l2: float, cols: np.ndarray) -> tuple[float, np.ndarray]:
    """Penalised maximum likelihood on the columns ``cols`` of ``z``; other weights are 0."""
    a = np.column_stack([np.ones(len(z)), z[:, cols]])
    w = np.zeros(a.shape[1])
    reg = np.r_[0.0, np.full(a.shape[1] - 1, l2)]
    for _ in range(100):
        m = a @ w
        p = 0.5 * (1.0 + np.tanh(0.5 * m))  # the logistic function, overflow-free
        g = a.T @ (p - y) + reg * w
        h = a.T @ (a * (p * (1.0 - p))[:, None]) + np.diag(reg + 1e-8)
        d = np.linalg.solve(h, g)
        w = w - d
        if np.max(np.abs(d)) < 1e-9:
            break
    full = np.zeros(z.shape[1])
    full[cols] = w[1:]
    return float(w[0]), full


class Model:
    """Standardise on train, fit, keep sign-constrained columns non-negative by dropping and refitting."""

    def __init__(self, l2: float, nonneg: np.ndarray) -> None:
        self.l2, self.nonneg = l2, nonneg

    def fit(self, x: np.ndarray, y: np.ndarray) -> Model:
        self.mu = x.mean(0)
        self.sd = x.std(0)
        self.sd[self.sd < 1e-9] = 1.0
        z = (x - self.mu) / self.sd
        cols = np.ones(x.shape[1], dtype=bool)
        while True:
            self.b, self.w = newton_logreg(z, y.astype(float), self.l2, cols)
            neg = cols & self.nonneg & (self.w < 0)
            if not neg.any():
                return self
            cols &= ~neg

    def predict(self, x: np.ndarray) -> np.ndarray:
        return 0.5 * (1.0 + np.tanh(0.5 * (self.b + ((x - self.mu) / self.sd) @ self.w)))


def oof(x: np.ndarray, y: np.ndarray, l2: float, nonneg: np.ndarray) -> np.ndarray:
    fold = np.random.default_rng(0).permutation(len(y)) % FOLDS
    p = np.empty(len(y))
    for k in range(FOLDS):
        p[fold == k] = Model(l2, nonneg).fit(x[fold != k], y[fold != k]).predict(x[fold == k])
    return p


def main() -> int:
    names = feature_names()
    train, dev, mqm = cache_rows("wmt21_train"), cache_rows("wmt21_dev"), cache_rows("mqm_ted")
    y = {"train": np.array([r["label"] for r in train]), "dev": np.array([r["label"] for r in dev])}
    ym = np.array([r["label"] for r in mqm])
    grp = np.array([r["group"] for r in mqm])
    y["MT"], y["human"] = ym[grp == "MT"], ym[grp == "human"]
    flg = {
        "train": np.array([bool(r["flags"]) for r in train]),
        "dev": np.array([bool(r["flags"]) for r in dev]),
    }
    fm = np.array([bool(r["flags"]) for r in mqm])
    flg["MT"], flg["human"] = fm[grp == "MT"], fm[grp == "human"]

    tok_m = load_features("mqm_ted")
    tok = {"train": load_features("wmt21_train"), "dev": load_features("wmt21_dev")}
    tok_st = dict(tok, MT=tok_m[grp == "MT"], human=tok_m[grp == "human"])
    tok_sw = swap_roles(tok_m, names)
    tok_lang = dict(tok, MT=tok_sw[grp == "MT"], human=tok_sw[grp == "human"])
    bm = base_features(mqm, doc_relative=False)
    base = {
        "train": base_features(train, doc_relative=False),
        "dev": base_features(dev, doc_relative=False),
        "MT": bm[grp == "MT"],
        "human": bm[grp == "human"],
    }
    sets = ("train", "dev", "MT", "human")
    print("n / positives: " + ", ".join(f"{s} {len(y[s])}/{int(y[s].sum())}" for s in sets))

    # (a) single features
    print("\n(a) ROC-AUC of each feature alone, higher value = more risk (MQM by role 'st' | by language 'lang')")
    print(f"{'feature':14s} {'train':>6s} {'dev':>6s} {'MT':>6s} {'human':>6s} | {'MT':>6s} {'human':>6s}")
    for j, n in enumerate(names):
        r = [roc_auc(tok_st[s][:, j], y[s]) for s in sets] + [roc_auc(tok_lang[s][:, j], y[s]) for s in ("MT", "human")]
        print(f"{n:14s} " + " ".join(f"{v:6.3f}" for v in r[:4]) + " | " + " ".join(f"{v:6.3f}" for v in r[4:]))
    for j, n in enumerate(FEATURES):
        if n in ("sim", "size", "len_dev", "zh_cov", "en_cov"):
            r = [roc_auc(base[s][:, j], y[s]) for s in sets]
            print(f"[base] {n:7s} " + " ".join(f"{v:6.3f}" for v in r))

    # (b) models
    ix = {n: i for i, n in enumerate(names)}
    sim_col = [list(FEATURES).index("sim")]

    def tok_cols(layers: tuple[int, ...], only: tuple[str, ...] | None = None) -> list[int]:
        out = []
        for n in names:
            stem, layer = re.fullmatch(r"(.*?)_?(6|8|10)", n).groups()
            L = int(layer)
            if L in layers and (only is None or stem in only):
                out.append(ix[n])
        return out

    specs: list[tuple[str, list[int], list[int]]] = [("base (current risk features)", list(range(len(FEATURES))), [])]
    allb = list(range(len(FEATURES)))
    specs.append(("base + token, layers 6,8,10", allb, tok_cols(LAYERS)))
    for L in LAYERS:
        specs.append((f"base + token, layer {L}", allb, tok_cols((L,))))
    specs.append(("base + P,R,F (6,8,10)", allb, tok_cols(LAYERS, ("P", "R", "F"))))
    specs.append(("base + F,minS,minT,lowq25 (6,8,10)", allb, tok_cols(LAYERS, ("F", "minS", "minT", "lowSq25", "lowTq25"))))
    specs.append(("sim + token, layers 6,8,10", sim_col, tok_cols(LAYERS)))
    for L in LAYERS:
        specs.append((f"sim + token, layer {L}", sim_col, tok_cols((L,))))
    specs.append(("token only, layers 6,8,10", [], tok_cols(LAYERS)))

    print("\n(b) logistic regression fit on wmt21 train; AUC without lift [with flag lift]")
    print(f"{'model':36s} {'L2':>4s} {'trainCV':>7s} {'dev':>13s} {'MT st':>13s} {'human st':>13s} {'MT lang':>13s} {'human lang':>13s}")
    for label, bcols, tcols in specs:
        def mat(s: str, tk: dict) -> np.ndarray:
            return np.column_stack([base[s][:, bcols], tk[s][:, tcols]])

        nonneg = np.array([FEATURES[c] in FLAG_FEATURES for c in bcols] + [False] * len(tcols))
        xt = mat("train", tok_st)
        cv = {l2: roc_auc(oof(xt, y["train"], l2, nonneg), y["train"]) for l2 in L2_GRID}
        l2 = max(L2_GRID, key=lambda v: (round(cv[v], 4), v))
        p_oof = oof(xt, y["train"], l2, nonneg)
        floor = float(np.quantile(p_oof[~flg["train"]], 0.9))
        m = Model(l2, nonneg).fit(xt, y["train"])
        cells = []
        for s, tk in (("dev", tok_st), ("MT", tok_st), ("human", tok_st), ("MT", tok_lang), ("human", tok_lang)):
            p = m.predict(mat(s, tk))
            pl = lifted(p, flg[s], floor)
            cells.append(f"{roc_auc(p, y[s]):.3f} [{roc_auc(pl, y[s]):.3f}]")
        print(f"{label:36s} {l2:4.0f} {cv[l2]:7.3f} " + " ".join(f"{c:>13s}" for c in cells), flush=True)
        if label.startswith("base + token, layers"):
            big = np.argsort(-np.abs(m.w))[:12]
            coln = [FEATURES[c] for c in bcols] + [names[c] for c in tcols]
            print("    largest standardised weights: " + ", ".join(f"{coln[i]} {m.w[i]:+.2f}" for i in big))
    return 0


if __name__ == "__main__":
    sys.exit(main())
