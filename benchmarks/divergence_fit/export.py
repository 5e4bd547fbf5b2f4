import os  # noqa
"""Fit the two logistic scorers on all candidates and write src/align/data/div_model.json."""
import sys, json; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np
import lr
FEATS = 'ns,no,minlink,n,gs,gw,dcs,dco,nbr,ly,suf,attrib,pc,wsent,gsim'.split(',')
lr.KEEP = FEATS
TR = {'en': {'critical_id6_addition', 'clean_mqm', 'clean_demetr', 'mac'},
      'zh': {'major_id5_pp_removed', 'critical_id21_adj_adv_removed', 'critical_id22_verb_removed', 'critical_id23_noun_removed', 'critical_id24_subj_removed', 'clean_mqm', 'clean_demetr', 'mac'}}
THR = {'en': -2.0, 'zh': -0.5}
out = {'_about': 'Logistic scorers for align.checks.divergence, one per side of the pair (en words, zh words). '
       'Fit by benchmarks/divergence_fit/export.py on DEMETR-zh perturbations (addition; pp/adj/verb/noun/subject removed) as positives and clean '
       'DEMETR, 1500 clean MQM-TED segments and MAC-dev gold beads as negatives. z = (x - mean) / sd; score = w.z + bias; '
       'a span is flagged when score >= threshold.', 'features': FEATS}
for side in ('en', 'zh'):
    rows = lr.select(lr.collect(side))
    X = np.array([r[3] for r in rows]); y = np.array([r[2] for r in rows])
    use = np.array([r[0] in TR[side] for r in rows])
    mu, sd = X[use].mean(0), X[use].std(0) + 1e-9
    w = lr.fit((X[use] - mu) / sd, y[use], 1.0)
    out[side] = {'mean': [round(float(v), 5) for v in mu], 'sd': [round(float(v), 5) for v in sd],
                 'weights': [round(float(v), 4) for v in w[:-1]], 'bias': round(float(w[-1]), 4), 'threshold': THR[side]}
    print(side, dict(zip(FEATS, out[side]['weights'])), out[side]['bias'])
json.dump(out, open('' + os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'src', 'align', 'data', 'div_model.json') + '', 'w'), indent=1)
