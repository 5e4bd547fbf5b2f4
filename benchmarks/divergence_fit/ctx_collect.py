"""Collect the divergence check's candidates with their features plus contextual e5 token features.

Writes work/ctx_<set>.pkl: per pair, (pair texts, [(side, span, units, feats, ctx feats)]).
Run: .venv/bin/python benchmarks/divergence_fit/ctx_collect.py
"""
import os, sys, pickle, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np
import data
from align.checks.divergence import divergences
from align.embed.e5tokens import shared

W = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'work')
TAU = os.environ.get('LINK_TAU')
if TAU:
    import align.checks.divergence as _dv
    _dv.LINK_TAU = float(TAU)
    W = W + '/tau' + TAU
    os.makedirs(W, exist_ok=True)
LAYERS = (6, 8, 10)
m = shared()


def tokvecs(text):
    tok = m.tokenize(text)
    n_pre = sum(1 for s in tok.spans if s == (-1, -1))
    hs = m.forward(tok.ids[: m.MAXP], list(LAYERS))
    spans = tok.spans[n_pre:]
    keep = [i for i, (a, b) in enumerate(spans) if b > a and text[a:b].strip()]
    out = {}
    for L in LAYERS:
        h = hs[L][1 + n_pre: -1][: len(spans)]
        h = h / np.linalg.norm(h, axis=1, keepdims=True)
        out[L] = h[[i for i in keep if i < len(h)]]
    return out, [spans[i] for i in keep if i < len(hs[LAYERS[0]]) - 2 - n_pre]


def ctx_feats(d, zh, en, tz, te):
    (hz, sz), (he, se) = tz, te
    mine, other = ((hz, sz), (he, se)) if d.side == 'zh' else ((he, se), (hz, sz))
    s, e = d.span
    idx = [i for i, (a, b) in enumerate(mine[1]) if a < e and b > s]
    out = {}
    for L in LAYERS:
        if not idx or len(other[0][L]) == 0:
            out[f'c{L}'] = 0.0; out[f'm{L}'] = 0.0; continue
        S = mine[0][L] @ other[0][L].T  # mine tokens x other tokens
        rowmax = S[idx].max(1)
        out[f'c{L}'] = float(rowmax.max())  # best token of the span
        out[f'cm{L}'] = float(rowmax.mean())
        # competition: is any of my span's tokens the best partner of its best other-side token?
        j = S[idx].argmax(1)
        colmax = S[:, j].max(0)
        out[f'm{L}'] = float((rowmax - colmax).max())
        # relative to the sentence's typical token link
        allmax = S.max(1)
        out[f'r{L}'] = float(rowmax.max() - np.median(allmax))
    return out


def run(tag, pairs):
    path = f'{W}/ctx_{tag}.pkl'
    if os.path.exists(path):
        return pickle.load(open(path, 'rb'))
    t = time.time(); res = []
    for zh, en in pairs:
        ds = divergences(zh, en)
        if ds:
            tz, te = tokvecs(zh), tokvecs(en)
            res.append(((zh, en), [(d.side, d.span, list(d.units), dict(d.feats), ctx_feats(d, zh, en, tz, te), d.cleared_by_synonym, d.phrase, d.score, d.threshold) for d in ds]))
        else:
            res.append(((zh, en), []))
    pickle.dump(res, open(path, 'wb'))
    print(tag, len(pairs), f'{time.time() - t:.0f}s', flush=True)
    return res


if __name__ == '__main__':
    dm = data.demetr()
    for name, rows in dm.items():
        run('pert_' + name, [(r['src_sent'], r['pert_sent']) for r in rows])
    run('clean_demetr', data.demetr_clean())
    run('clean_mqm', [p[:2] for p in data.mqm_clean()[:1500]])
    run('mac', data.mac_beads(max_side=9))
