import os  # noqa
"""Precision of flags by margin band on DEMETR (perturbed pairs: a flag is right when it has the right kind and
overlaps the perturbation; any flag on a clean DEMETR pair is wrong)."""
import sys, pickle; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np, data
from eval_module import overl
dm = data.demetr(); golds = pickle.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'work') + '/golds.pkl', 'rb'))
stats = {}
def add(side, band, ok):
    stats.setdefault((side, band), [0, 0]); stats[(side, band)][0] += ok; stats[(side, band)][1] += 1
def band(m, phrase):
    if m < 0: return 'phrase' if phrase else None
    return '>=1.5' if m >= 1.5 else ('1-1.5' if m >= 1 else '0-1')
for name, rows in dm.items():
    outs = pickle.load(open(f'{os.path.join(os.path.dirname(os.path.abspath(__file__)), "work")}/mod_pert_{name}.pkl', 'rb'))
    for k, (r, ds) in enumerate(zip(rows, outs)):
        _, rb = data.diff_region(r['mt_sent'], r['pert_sent'])
        for d in ds:
            if d[5]: continue
            b = band(d[3] - d[4] - 0.5, d[7])
            if b is None: continue
            if data.KINDS[name] == 'addition': ok = d[0] == 'en' and overl(d[1], rb)
            else: ok = d[0] == 'zh' and any(overl(d[1], g) for g in golds[name][k])
            add(d[0], b, int(bool(ok)))
for ds in pickle.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'work') + '/mod_clean_demetr.pkl', 'rb')):
    for d in ds:
        if d[5]: continue
        b = band(d[3] - d[4] - 0.5, d[7])
        if b: add(d[0], b, 0)
for k in sorted(stats): print(k, stats[k], round(stats[k][0] / stats[k][1], 2))
