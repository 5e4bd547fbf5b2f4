"""Refit src/align/data/div_model.json on the module's own candidates, with the contextual features.

Run after ctx_collect.py: .venv/bin/python benchmarks/divergence_fit/ctx_export.py
Each side's threshold is set so that that side alone flags RATE of the clean MQM-TED segments
(out-of-fold scores, so the rate holds for text the weights were not fit on).
"""
import os, sys, json
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np
from ctx_fit import BASE, load, rows_for, cv, pair_rates
from lr import fit
from align.checks.divergence import CTX_FEATURES

FEATS = BASE + list(CTX_FEATURES)
RATE = {'en': 0.012, 'zh': 0.012}
out = {'_about': 'Logistic scorers for align.checks.divergence, one per side (en words, zh words). Fit by '
       'benchmarks/divergence_fit/ctx_export.py on the candidates the module itself produces for DEMETR-zh '
       'perturbations (addition; pp/adj/verb/noun/subject removed) as positives and clean DEMETR, 1500 clean '
       'MQM-TED segments and MAC-dev gold beads as negatives; features include contextual e5 token links '
       '(c/cm/m/r at layers 8 and 10). z = (x - mean) / sd; score = w.z + bias; a span is flagged when '
       'score >= threshold (set on out-of-fold scores: each side alone flags 1.2% of clean MQM segments).',
       'features': FEATS}
sets, dm, golds = load()
for side in ('en', 'zh'):
    rows = rows_for(side, sets, dm, golds, FEATS)
    X = np.array([r[3] for r in rows]); y = np.array([r[2] for r in rows])
    mu, sd = X.mean(0), X.std(0) + 1e-9
    w = fit((X - mu) / sd, y, 1.0)
    sc, _ = cv(rows)
    lo, hi = -20.0, 20.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if pair_rates(rows, sc, mid, sets)['clean_mqm'] > RATE[side]: lo = mid
        else: hi = mid
    res = pair_rates(rows, sc, hi, sets)
    print(side, f'threshold {hi:.3f}', ' '.join(f'{k[:14]}={v:.2f}' for k, v in res.items()))
    out[side] = {'mean': [round(float(v), 5) for v in mu], 'sd': [round(float(v), 5) for v in sd],
                 'weights': [round(float(v), 4) for v in w[:-1]], 'bias': round(float(w[-1]), 4), 'threshold': round(hi, 3)}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'src', 'align', 'data', 'div_model.json')
json.dump(out, open(path, 'w'), indent=1)
