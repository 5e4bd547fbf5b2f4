"""Does a contextual e5 token feature help the divergence scorers? Cross-validated comparison.

Run after ctx_collect.py: .venv/bin/python benchmarks/divergence_fit/ctx_fit.py [extra,features]
"""
import os, sys, pickle, zlib
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np
import data
from lr import fit, score

W = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'work') + ('/tau' + os.environ['LINK_TAU'] if os.environ.get('LINK_TAU') else '')
BASE = 'ns,no,minlink,n,gs,gw,dcs,dco,nbr,ly,suf,attrib,pc,wsent,gsim'.split(',')
NEG = ('clean_demetr', 'clean_mqm', 'mac')


def overl(a, b): return bool(a and b and a[0] < b[1] and b[0] < a[1])


def load():
    sets = {}
    dm = data.demetr()
    for name in data.KINDS:
        sets[name] = pickle.load(open(f'{W}/ctx_pert_{name}.pkl', 'rb'))
    for n in NEG:
        sets[n] = pickle.load(open(f'{W}/ctx_{n}.pkl', 'rb'))
    gp = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'work', 'golds.pkl')
    if os.path.exists(gp):
        golds = pickle.load(open(gp, 'rb'))
    else:
        import evalproto
        golds = {name: [evalproto.gold_zh(r) for r in rows] for name, rows in dm.items() if data.KINDS[name] == 'omission'}
        pickle.dump(golds, open(gp, 'wb'))
    return sets, dm, golds


def rows_for(side, sets, dm, golds, feats):
    rows = []
    for name, items in sets.items():
        if name in data.KINDS and (data.KINDS[name] == 'addition') != (side == 'en'):
            continue
        for k, (pair, cands) in enumerate(items):
            for c in cands:
                sd, span, units, f, cf, cleared, phrase, sc, thr = c
                if sd != side or cleared:
                    continue
                pos = 0
                if name == 'critical_id6_addition':
                    pos = int(overl(span, data.diff_region(dm[name][k]['mt_sent'], dm[name][k]['pert_sent'])[1]))
                elif name in golds:
                    pos = int(any(overl(span, g) for g in golds[name][k]))
                allf = {**f, **cf}
                rows.append((name, k, pos, [allf.get(x, 0.0) for x in feats], sc - thr))
    return rows


def cv(rows, folds=5, l2=1.0):
    X = np.array([r[3] for r in rows]); y = np.array([r[2] for r in rows])
    fold = np.array([zlib.crc32(f'{r[0]}:{r[1]}'.encode()) % folds for r in rows])
    mu, sd = X.mean(0), X.std(0) + 1e-9; Xs = (X - mu) / sd
    out = np.zeros(len(rows))
    for f in range(folds):
        w = fit(Xs[fold != f], y[fold != f], l2)
        out[fold == f] = score(w, Xs[fold == f])
    return out, fit(Xs, y, l2)


def pair_rates(rows, sc, thr, sets):
    flagged = {}; hit = {}
    for r, s in zip(rows, sc):
        if s >= thr:
            flagged.setdefault(r[0], set()).add(r[1])
            if r[2]:
                hit.setdefault(r[0], set()).add(r[1])
    res = {}
    for name in sets:
        if name in NEG:
            res[name] = len(flagged.get(name, ())) / len(sets[name])
        else:
            res[name] = len(hit.get(name, ())) / len(sets[name])
    return res


if __name__ == '__main__':
    extra = sys.argv[1].split(',') if len(sys.argv) > 1 else []
    sets, dm, golds = load()
    for side in ('en', 'zh'):
        for feats in (BASE, BASE + extra):
            rows = rows_for(side, sets, dm, golds, feats)
            sc, w = cv(rows)
            print(side, 'features', len(feats), 'candidates', len(rows), 'positives', sum(r[2] for r in rows))
            if len(feats) > len(BASE):
                print('  weights', {n: round(x, 2) for n, x in zip(feats + ['b'], w)})
            # thresholds by clean MQM false-flag rate
            for target in (0.01, 0.024, 0.05):
                lo, hi = -20.0, 20.0
                for _ in range(50):
                    mid = (lo + hi) / 2
                    if pair_rates(rows, sc, mid, sets)['clean_mqm'] > target: lo = mid
                    else: hi = mid
                res = pair_rates(rows, sc, hi, sets)
                print(f'  mqm<={target:.3f}', ' '.join(f'{k[:14]}={v:.2f}' for k, v in res.items() if (k in NEG) or (k in data.KINDS and (data.KINDS[k] == 'addition') == (side == 'en'))))
