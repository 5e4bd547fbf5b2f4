import os  # noqa
"""Loaders for measuring the divergence check."""
import csv, json, difflib, collections, re
from pathlib import Path
D = Path('/work/shared/data')
KINDS = {'critical_id6_addition': 'addition', 'major_id5_pp_removed': 'omission',
         'critical_id21_adj_adv_removed': 'omission', 'critical_id22_verb_removed': 'omission',
         'critical_id23_noun_removed': 'omission', 'critical_id24_subj_removed': 'omission'}

def word_spans(s):
    return [(m.group(), m.start(), m.end()) for m in re.finditer(r'\S+', s)]

def diff_region(mt, pert):
    """(region in mt (deleted chars), region in pert (inserted chars)) as char spans or None."""
    a, b = word_spans(mt), word_spans(pert)
    sm = difflib.SequenceMatcher(a=[w for w, _, _ in a], b=[w for w, _, _ in b], autojunk=False)
    ra = rb = None
    for t, i1, i2, j1, j2 in sm.get_opcodes():
        if t == 'equal':
            continue
        if i2 > i1:
            s, e = a[i1][1], a[i2 - 1][2]
            ra = (min(ra[0], s), max(ra[1], e)) if ra else (s, e)
        if j2 > j1:
            s, e = b[j1][1], b[j2 - 1][2]
            rb = (min(rb[0], s), max(rb[1], e)) if rb else (s, e)
    return ra, rb

def demetr():
    out = {}
    for name in KINDS:
        rows = [r for r in json.load(open(D / 'demetr-zh' / f'{name}.json')) if r['pert_check']]
        out[name] = rows
    return out

def demetr_clean():
    seen = {}
    for p in sorted((D / 'demetr-zh').glob('*.json')):
        for r in json.load(open(p)):
            seen.setdefault(r['id'], (r['src_sent'], r['mt_sent']))
    return [seen[k] for k in sorted(seen)]

def mqm_segments():
    rows = list(csv.reader(open(D / 'mqm-zhen/ted/mqm_ted_zhen.tsv', encoding='utf-8'), delimiter='\t', quoting=csv.QUOTE_NONE))[1:]
    segs = {}
    for sysn, doc, docid, seg, rater, src, tgt, cat, sev in rows:
        k = (sysn, doc, seg)
        s = segs.setdefault(k, {'cats': set(), 'src': src.replace('<v>', '').replace('</v>', ''),
                                'tgt': tgt.replace('<v>', '').replace('</v>', ''), 'sys': sysn})
        s['cats'].add(cat)
    return segs

def mqm_clean():
    return [(s['src'], s['tgt'], s['sys']) for s in mqm_segments().values()
            if not any(c.startswith('Accuracy') for c in s['cats'])]

def mac_beads(max_side=2):
    from align.bench.datasets import load_set
    out = []
    for doc in load_set('mac-dev', D):
        for src_ids, tgt_ids in doc.gold:
            if not src_ids or not tgt_ids:
                continue
            if len(src_ids) > max_side or len(tgt_ids) > max_side:
                continue
            out.append((''.join(doc.src_lines[i] for i in src_ids), ' '.join(doc.tgt_lines[i] for i in tgt_ids)))
    return out
