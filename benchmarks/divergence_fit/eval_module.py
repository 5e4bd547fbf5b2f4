"""Evaluate align.checks.divergence on DEMETR-zh, clean MQM-TED, MAC-dev and real MQM errors.

Run: cd <project root> && .venv/bin/python benchmarks/divergence_fit/eval_module.py
"""
import sys, os, pickle, time, csv, collections
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np
import data
from align.checks.divergence import divergences

def overl(a, b): return a and b and a[0] < b[1] and b[0] < a[1]

def run(tag, pairs):
    path = f'{os.path.join(os.path.dirname(os.path.abspath(__file__)), "work")}/mod_{tag}.pkl'
    if os.path.exists(path): return pickle.load(open(path, 'rb'))
    t = time.time()
    out = [[(d.side, d.span, d.text, d.score, d.threshold, d.cleared_by_synonym, len(d.units), d.phrase) for d in divergences(p[0], p[1])] for p in pairs]
    pickle.dump(out, open(path, 'wb'))
    print(f'{tag}: {len(pairs)} pairs in {time.time() - t:.0f}s', flush=True)
    return out

def flags(ds, off_en=0.0, off_zh=0.0, phrase=True):
    return [d for d in ds if not d[5] and ((phrase and d[7]) or d[3] >= d[4] + (off_en if d[0] == 'en' else off_zh))]

OFFSETS = [(-1.0, 99), (-0.5, 99), (0, 99), (0.5, 99), (1.0, 99), (99, -0.5), (99, 0), (99, 0.5), (99, 1.0),
           (-0.5, 0), (0, 0), (0, 0.5), (0.5, 0.5), (1, 1), (-0.5, -0.5), (-0.5, -0.25), (-1, -0.5)]


def main():
    dm = data.demetr()
    pert = {name: run('pert_' + name, [(r['src_sent'], r['pert_sent']) for r in rows]) for name, rows in dm.items()}
    golds = {}
    import evalproto  # gold Chinese regions of omissions (words that lose their English counterpart)
    gp = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'work') + '/golds.pkl'
    if os.path.exists(gp): golds = pickle.load(open(gp, 'rb'))
    else:
        for name, rows in dm.items():
            if data.KINDS[name] == 'omission': golds[name] = [evalproto.gold_zh(r) for r in rows]
        pickle.dump(golds, open(gp, 'wb'))
    clean_dem = run('clean_demetr', data.demetr_clean())
    mq = data.mqm_clean()
    clean_mqm = run('clean_mqm_all', mq)
    mac = run('mac', data.mac_beads(max_side=9))
    # real MQM errors: segments with a Major Accuracy/Addition or Omission, spans from <v>
    rows = list(csv.reader(open(data.D / 'mqm-zhen/ted/mqm_ted_zhen.tsv', encoding='utf-8'), delimiter='\t', quoting=csv.QUOTE_NONE))[1:]
    real = {'addition': [], 'omission': []}
    seen = set()
    for sysn, doc, docid, seg, rater, src, tgt, cat, sev in rows:
        if sev != 'Major' or cat not in ('Accuracy/Addition', 'Accuracy/Omission'): continue
        kind = cat.split('/')[1].lower()
        side_text = tgt if kind == 'addition' else src
        if '<v>' not in side_text: continue
        s = side_text.index('<v>'); e = side_text.index('</v>') - 3
        key = (sysn, doc, seg, kind)
        if key in seen: continue
        seen.add(key)
        real[kind].append((src.replace('<v>', '').replace('</v>', ''), tgt.replace('<v>', '').replace('</v>', ''), (s, e)))
    real_out = {k: run('real_' + k, v) for k, v in real.items()}

    def table(off_en, off_zh):
        res = {}
        for name, outs in pert.items():
            kind = data.KINDS[name]; hit = 0
            for k, (r, ds) in enumerate(zip(dm[name], outs)):
                fl = flags(ds, off_en, off_zh)
                if kind == 'addition':
                    _, rb = data.diff_region(r['mt_sent'], r['pert_sent'])
                    hit += any(d[0] == 'en' and overl(d[1], rb) for d in fl)
                else:
                    hit += any(d[0] == 'zh' and any(overl(d[1], g) for g in golds[name][k]) for d in fl)
            res[name] = hit / len(outs)
        res['clean_demetr'] = np.mean([bool(flags(ds, off_en, off_zh)) for ds in clean_dem])
        res['clean_mqm'] = np.mean([bool(flags(ds, off_en, off_zh)) for ds in clean_mqm])
        res['clean_mqm_human'] = np.mean([bool(flags(ds, off_en, off_zh)) for ds, p in zip(clean_mqm, mq) if p[2] in ('ref', 'refB')])
        res['mac'] = np.mean([bool(flags(ds, off_en, off_zh)) for ds in mac])
        for kind, outs in real_out.items():
            side = 'en' if kind == 'addition' else 'zh'
            res['mqm_real_' + kind] = np.mean([any(d[0] == side and overl(d[1], p[2]) for d in flags(ds, off_en, off_zh)) for ds, p in zip(outs, real[kind])])
            res['mqm_real_' + kind + '_any'] = np.mean([bool(flags(ds, off_en, off_zh)) for ds in outs])
        return res
    short = {'critical_id6_addition': 'add', 'major_id5_pp_removed': 'pp', 'critical_id21_adj_adv_removed': 'adj',
             'critical_id22_verb_removed': 'verb', 'critical_id23_noun_removed': 'noun', 'critical_id24_subj_removed': 'subj',
             'clean_demetr': 'cl_dem', 'clean_mqm': 'cl_mqm', 'clean_mqm_human': 'cl_mqm_hum', 'mac': 'mac',
             'mqm_real_addition': 'mqmA', 'mqm_real_addition_any': 'mqmA_any', 'mqm_real_omission': 'mqmO', 'mqm_real_omission_any': 'mqmO_any'}
    print('n: clean_demetr', len(clean_dem), 'clean_mqm', len(clean_mqm), 'mac', len(mac), 'real add', len(real['addition']), 'real om', len(real['omission']))
    for oe, oz in OFFSETS:
        res = table(oe, oz)
        print(f'off_en={oe:+5.1f} off_zh={oz:+5.1f} ' + ' '.join(f'{short[k]}={v:.3f}' for k, v in res.items()))

if __name__ == '__main__':
    main()
