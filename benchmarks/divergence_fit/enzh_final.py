import os  # noqa
"""Flag rates of check_pair on clean en->zh data: demo faithful 1-1 beads, Bible verses, WMT21 NOT."""
import sys, random, csv, re
from align.checks.divergence import check_pair
from align.bench.datasets import load_set
import align
from align.pipeline import demo_paths
import time
t = time.time()
rep = align.check(*demo_paths(), checks=['coverage'])
demo = [(rep.bead_text(i, 'source'), rep.bead_text(i, 'target')) for i, b in enumerate(rep.beads) if len(b.source) == 1 and len(b.target) == 1]
t1 = time.time()
fl = [check_pair(s, 'en', t_, 'zh') for s, t_ in demo]
print('demo 1-1 beads', len(demo), 'flagged', sum(map(bool, fl)), [f.message for x in fl for f in x], '%.1fs' % (time.time() - t1))
bible = load_set('bible', '/work/shared/data')[0]
beads = [(s, t_) for s, t_ in bible.gold if s and t_ and len(s) <= 2 and len(t_) <= 3]
random.seed(1); beads = random.sample(beads, 400)
fb = [check_pair(' '.join(bible.src_lines[i] for i in s), 'en', ''.join(bible.tgt_lines[i] for i in t_), 'zh') for s, t_ in beads]
print('bible', len(fb), 'flagged %.3f' % (sum(map(bool, fb)) / len(fb)))
rows = list(csv.reader(open('/work/shared/data/wmt21-ced-enzh/dev.tsv', encoding='utf-8'), delimiter='\t', quoting=csv.QUOTE_NONE))
def unspace(z): return re.sub(r'(?<=[\u3400-\u9fff，。！？；：、“”）（])\s+(?=[\u3400-\u9fff，。！？；：、“”）（])', '', z)
for lab in ('NOT', 'ERR'):
    rs = [r for r in rows if r[-1] == lab][:400]
    fw = [check_pair(r[1], 'en', unspace(r[2]), 'zh') for r in rs]
    print('wmt21', lab, len(fw), 'flagged %.3f' % (sum(map(bool, fw)) / len(fw)))
