import sys, os, pickle, random, time, numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__))); import data, proto

def overl(a, b): return a and b and a[0] < b[1] and b[0] < a[1]

def gold_zh(r):
    """Chinese units that lose their counterpart when mt -> pert (omission gold region)."""
    ra, _ = data.diff_region(r['mt_sent'], r['pert_sent'])
    A0 = proto.analyse(r['src_sent'], r['mt_sent']); A1 = proto.analyse(r['src_sent'], r['pert_sent'])
    g = set()
    for i in A0['zu']:
        if A0['zlink'][i] - A1['zlink'][i] >= 0.1: g.add(A0['zw'][i][1:])
    from align.lexicon import translation_overlap
    ov = translation_overlap(A0['zw'], A0['toks'])
    for i, j in ov.pairs:
        t = A0['toks'][j]
        if ra and overl((t.start, t.end), ra): g.add(A0['zw'][i][1:])
    return sorted(g)

def build(tag, pairs, extra=None):
    path = f'{os.path.join(os.path.dirname(os.path.abspath(__file__)), "work")}/cache_{tag}.pkl'
    if os.path.exists(path): return pickle.load(open(path, 'rb'))
    out = []
    t = time.time()
    for k, p in enumerate(pairs):
        zh, en = p[0], p[1]
        A, c = proto.candidates(zh, en)
        out.append(dict(zh=zh, en=en, cands=c, meta=p[2:] if len(p) > 2 else None,
                        ncz=len(A['zu']), nce=len(A['eu'])))
    pickle.dump(out, open(path, 'wb'))
    print(tag, len(out), 'built in %.0fs' % (time.time() - t), flush=True)
    return out

def build_all(mqm_n=None):
    dm = data.demetr()
    sets = {}
    for name, rows in dm.items():
        items = build('pert_' + name, [(r['src_sent'], r['pert_sent']) for r in rows])
        for it, r in zip(items, rows):
            _, rb = data.diff_region(r['mt_sent'], r['pert_sent'])
            it['region_en'] = rb
            if data.KINDS[name] == 'omission' and 'gold' not in it:
                it['gold'] = gold_zh(r)
        sets[name] = items
    sets['clean_demetr'] = build('clean_demetr', data.demetr_clean())
    mq = data.mqm_clean()
    if mqm_n: random.seed(0); mq = random.sample(mq, mqm_n)
    sets['clean_mqm'] = build('clean_mqm%s' % (mqm_n or ''), mq)
    sets['mac'] = build('mac', data.mac_beads(max_side=9))
    return sets

def evaluate(sets, rule, verbose=False):
    res = {}
    for name, items in sets.items():
        hits = 0; flagged = 0
        for it in items:
            flags = [c for c in it['cands'] if rule(c, it)]
            if flags: flagged += 1
            if name in data.KINDS:
                kind = data.KINDS[name]
                if kind == 'addition':
                    ok = any(c['side'] == 'en' and overl(c['span'], it['region_en']) for c in flags)
                else:
                    ok = any(c['side'] == 'zh' and any(overl(c['span'], g) for g in it['gold']) for c in flags)
                hits += ok
        res[name] = (hits / len(items)) if name in data.KINDS else flagged / len(items)
    return res

SHORT = {'critical_id6_addition': 'add', 'major_id5_pp_removed': 'pp', 'critical_id21_adj_adv_removed': 'adj',
         'critical_id22_verb_removed': 'verb', 'critical_id23_noun_removed': 'noun', 'critical_id24_subj_removed': 'subj',
         'clean_demetr': 'cl_dem', 'clean_mqm': 'cl_mqm', 'mac': 'mac'}

def show(res, label=''):
    print(f'{label:40s}', ' '.join(f'{SHORT[k]}={v:.2f}' for k, v in res.items()))

if __name__ == '__main__':
    sets = build_all(int(sys.argv[1]) if len(sys.argv) > 1 else None)
