import os  # noqa
import json
from align.pipeline import demo_paths
import align
from align.checks.divergence import check_pair, divergences
rep = align.check(*demo_paths(), checks=['coverage'])
n = 0
for i, b in enumerate(rep.beads):
    if len(b.source) != 1 or len(b.target) != 1: continue
    n += 1
    s, t = rep.bead_text(i, 'source'), rep.bead_text(i, 'target')
    fl = check_pair(s, 'en', t, 'zh')
    for f in fl:
        span = f.source_span or f.target_span
        print(i, f.kind, f.severity, f.confidence, f.message, '|', s[:80], '|', t[:50])
    for d in divergences(t, s):
        if d.score > d.threshold - 1.5:
            print('   near', i, d.side, d.text, round(d.score, 2), d.threshold, d.cleared_by_synonym)
print('1-1 beads', n)
