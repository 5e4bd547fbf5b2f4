import os  # noqa
import sys, re; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np
from evalproto import build_all, overl, show
import contextlib, io
with contextlib.redirect_stdout(io.StringIO()):
    from rules2 import modfeat
import data
sets = build_all(1500)

def feats(c, it):
    ly, suf, attrib = modfeat(c, it) if c['side'] == 'en' else (0, 0, 0)
    ns = sum(1 for x in it['cands'] if x['side'] == c['side']) - 1
    no = sum(1 for x in it['cands'] if x['side'] != c['side'])
    return [min(ns, 4), min(no, 4), c['minlink'], c['meanlink'], min(c['n'], 4), max(c['gloc'], -0.3), c['g_sent'] * 10, c['g_win'] * 10,
            c['dcov_same'], c['dcov_other'], c['nbr_linked'], float(ly), float(suf), float(attrib), c['pair_cos'],
            min(len(c['text']), 40) / 10, c['wsent'], c['gsim']]
NAMES = 'ns no minlink meanlink n gloc gs gw dcs dco nbr ly suf attrib pc len wsent gsim'.split()

def fit(X, y, l2=1.0, w_pos=1.0):
    X1 = np.hstack([X, np.ones((len(X), 1))]); w = np.zeros(X1.shape[1])
    sw = np.where(y == 1, w_pos, 1.0)
    for _ in range(50):
        p = 1 / (1 + np.exp(-X1 @ w))
        g = X1.T @ (sw * (p - y)) + l2 * np.r_[w[:-1], 0]
        H = (X1 * (sw * p * (1 - p))[:, None]).T @ X1 + l2 * np.diag(np.r_[np.ones(len(w) - 1), 0])
        w -= np.linalg.solve(H, g)
    return w

def score(w, X): return np.hstack([X, np.ones((len(X), 1))]) @ w

def collect(side):
    """rows: (set name, pair idx, is_pos, feats)"""
    rows = []
    for name, items in sets.items():
        for k, it in enumerate(items):
            for c in it['cands']:
                if c['side'] != side: continue
                if c['gsim'] >= (0.7 if side == 'en' else 0.75): continue
                pos = 0
                if name == 'critical_id6_addition' and side == 'en': pos = int(overl(c['span'], it['region_en']))
                if name in data.KINDS and data.KINDS[name] == 'omission' and side == 'zh':
                    pos = int(any(overl(c['span'], g) for g in it['gold']))
                rows.append((name, k, pos, feats(c, it)))
    return rows

def cv_scores(rows, train_sets, folds=5, l2=1.0):
    """Out-of-fold scores for every row (fold by pair index)."""
    X = np.array([r[3] for r in rows]); y = np.array([r[2] for r in rows]); out = np.zeros(len(rows))
    fold = np.array([hash((r[0], r[1])) % folds for r in rows])
    use = np.array([r[0] in train_sets for r in rows])
    mu, sd = X.mean(0), X.std(0) + 1e-9; Xs = (X - mu) / sd
    for f in range(folds):
        tr = use & (fold != f)
        w = fit(Xs[tr], y[tr], l2)
        out[fold == f] = score(w, Xs[fold == f])
    wall = fit(Xs[use], y[use], l2)
    return out, wall, mu, sd

def pair_level(rows, sc, thr, setname, need_pos):
    items = sets[setname]; flagged = set(); hit = set()
    for r, s in zip(rows, sc):
        if r[0] != setname or s < thr: continue
        flagged.add(r[1])
        if r[2]: hit.add(r[1])
    return (len(hit) if need_pos else len(flagged)) / len(items)

KEEP = None
def select(rows):
    if KEEP is None: return rows
    idx = [NAMES.index(k) for k in KEEP]
    return [(a, b, c, [d[i] for i in idx]) for a, b, c, d in rows]

if __name__ == '__main__':
    if len(sys.argv) > 1: KEEP = sys.argv[1].split(',')
    for side, train in (('en', {'critical_id6_addition', 'clean_mqm', 'clean_demetr', 'mac'}),
                        ('zh', {'major_id5_pp_removed', 'critical_id21_adj_adv_removed', 'critical_id22_verb_removed', 'critical_id23_noun_removed', 'critical_id24_subj_removed', 'clean_mqm', 'clean_demetr', 'mac'})):
        rows = select(collect(side))
        sc, w, mu, sd = cv_scores(rows, train)
        print(side, 'weights', {n: round(x, 2) for n, x in zip((KEEP or NAMES) + ['b'], w)})
        for thr in np.arange(-5, 1.01, 0.5):
            res = {}
            for name in sets:
                pos = name in data.KINDS
                res[name] = pair_level(rows, sc, thr, name, pos)
            show(res, f'{side} thr={thr:.1f}')
