"""How strongly do the base and base+token risks follow segment length (``size``) on MQM? Spearman rho.

Usage: ALIGN_CACHE=/work/.cache_align .venv/bin/python benchmarks/risk_fit/token_exp/length_check.py
"""
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from analysis import fit_model  # noqa: E402
from features import cache_rows, load_features  # noqa: E402
from fit import features as base_features  # noqa: E402

from align.checks.risk import FEATURES, FLAG_FEATURES  # noqa: E402


def rank(v):
    r = np.empty(len(v))
    r[np.argsort(v, kind="mergesort")] = np.arange(len(v))
    return r


train, mqm = cache_rows("wmt21_train"), cache_rows("mqm_ted")
grp = np.array([r["group"] for r in mqm])
yt = np.array([r["label"] for r in train])
bt, bm = base_features(train, doc_relative=False), base_features(mqm, doc_relative=False)
tt, tm = load_features("wmt21_train"), load_features("mqm_ted")
size = bm[:, list(FEATURES).index("size")]
nn = np.array([n in FLAG_FEATURES for n in FEATURES])
for name, xt, xm in (("base", bt, bm), ("base+token(6,8,10)", np.c_[bt, tt], np.c_[bm, tm])):
    m, _ = fit_model(xt, yt, np.r_[nn, np.zeros(xt.shape[1] - len(nn), dtype=bool)])
    p = m.predict(xm)
    print(name, " ".join(f"{g}: rho(risk,size)={np.corrcoef(rank(p[grp == g]), rank(size[grp == g]))[0, 1]:+.3f}"
                         for g in ("MT", "human")))
