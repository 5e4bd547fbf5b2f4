import os  # noqa
import sys, re; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np
from evalproto import build_all, evaluate, show, overl
sets = build_all(1500)
ADJ_SUF = ('ful', 'less', 'ous', 'ive', 'able', 'ible', 'al', 'ic', 'ary', 'ent', 'ant', 'ern', 'ish', 'est', 'ier')
FUNC = set('the a an of to in on at by for with from and or but as that this these those is are was were be been it its'.split())
def modfeat(c, it):
    en = it['en']; t = c['text']; w = t.split()[-1].lower()
    ly = w.endswith('ly') and len(w) > 4
    suf = w.endswith(ADJ_SUF) or w.startswith(('un', 'in', 'im', 'non'))
    after = en[c['span'][1]:]
    m = re.match(r'\s+([A-Za-z][A-Za-z-]*)', after)
    attrib = bool(m) and m.group(1).lower() not in FUNC
    return ly, suf, attrib
def rule(te, ge, mod=True):
    def r(c, it):
        if c['side'] != 'en': return False
        if c['minlink'] >= te or c['g_win'] <= ge: return False
        if mod:
            ly, suf, attrib = modfeat(c, it)
            return ly or attrib
        return True
    return r
for te in (0.4, 0.45, 0.5, 0.55):
    for ge in (-1, -0.01, 0.0, 0.01):
        show(evaluate(sets, rule(te, ge)), f'mod te={te} ge={ge}')
pos = [modfeat(c, it) for it in sets['critical_id6_addition'] for c in it['cands'] if c['side']=='en' and overl(c['span'], it['region_en'])]
neg = [modfeat(c, it) for it in sets['clean_mqm'] for c in it['cands'] if c['side']=='en' and c['minlink'] < 0.5]
print('pos', np.mean(pos, axis=0), 'neg', np.mean(neg, axis=0))
print('-----FP')
r = rule(0.5, -0.01)
def fmt(c): return f"[{c['text']}] link={c['minlink']:.2f} gs={c['g_sent']:.3f} gw={c['g_win']:.3f} cs={c['cov_same']:.2f} co={c['cov_other']:.2f} pc={c['pair_cos']:.2f}"
for name in ['clean_demetr', 'clean_mqm', 'mac']:
    k = 0
    for it in sets[name]:
        for c in it['cands']:
            if r(c, it):
                k += 1
                if k < 15: print(name, fmt(c), '|', it['en'][:120], '|', it['zh'][:60])
print('----TP/FN')
for it in sets['critical_id6_addition']:
    cs = [c for c in it['cands'] if c['side']=='en' and overl(c['span'], it['region_en'])]
    rb = it['region_en']
    print('HIT' if any(r(c, it) for c in cs) else 'miss', it['en'][rb[0]:rb[1]], [fmt(c) for c in cs], modfeat(cs[0], it) if cs else '')
