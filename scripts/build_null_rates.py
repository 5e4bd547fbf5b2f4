#!/usr/bin/env python
"""Build ``src/align/data/null_rates.tsv.gz``: how often human translators leave each word without a
counterpart, as the check-time word linker sees it.

Why: an unlinked content word is weak evidence of an omission or an addition, because translators
drop and add some words all the time ("get", "along", 人, 进行) and almost never others ("wild",
"spectroscopy", 制裁). How often a word goes unrendered is learnable from human translations: link
every pair of ``shared/data/parallel`` with :func:`align.text.wordlinks.word_links` (the learned
table, CC-CEDICT, words written alike: the linker the checks and the risk use) and count, per
English lemma and per Chinese word, its content occurrences and those left unlinked.

One command, deterministic (counts do not depend on the order of the pairs)::

    .venv/bin/python scripts/build_null_rates.py [--data ../shared/data/parallel] \
        [--out src/align/data] [-j 2]

Caveat written into the card: the translation table was learned from the same pairs, so links are
found more easily here than in new text; every rate is somewhat low, and the risk model that reads
them is fit on other material (benchmarks/risk_fit).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import multiprocessing as mp
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from build_ttable import SOURCES, read_pairs, source_lines, to_simplified  # noqa: E402

MIN_N = 3  # rows for words seen fewer times are left out (the prior decides for them)


def count(pairs: list[tuple[str, str]]) -> tuple[Counter, Counter]:
    """(occurrences, unlinked occurrences) keyed by (side, word) over ``pairs`` of (en, zh)."""
    from align.text.wordlinks import word_links

    n: Counter = Counter()
    u: Counter = Counter()
    for en, zh in pairs:
        wl = word_links(en, zh)
        for i in wl.en_content:
            key = ("en", wl.en[i].lemma)
            n[key] += 1
            u[key] += i not in wl.en_linked
        for j in wl.zh_content:
            key = ("zh", wl.zh[j][0])
            n[key] += 1
            u[key] += j not in wl.zh_linked
    return n, u


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "parallel")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "align" / "data")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    t0 = time.time()
    per_source: Counter = Counter()
    pairs = []
    for name, en, zh in read_pairs(args.data):
        if en.strip() and zh.strip():
            pairs.append((en, to_simplified(zh)))
            per_source[name] += 1
    from align.text.ttable import load_table

    load_table()  # once, before the fork
    chunks = [pairs[k :: args.jobs * 4] for k in range(args.jobs * 4)]
    if args.jobs > 1:
        with mp.get_context("fork").Pool(args.jobs) as pool:
            parts = pool.map(count, chunks)
    else:
        parts = [count(c) for c in chunks]
    n: Counter = Counter()
    u: Counter = Counter()
    for a, b in parts:
        n.update(a)
        u.update(b)
    totals = {
        s: (sum(v for k, v in n.items() if k[0] == s), sum(v for k, v in u.items() if k[0] == s))
        for s in ("en", "zh")
    }
    rows = sorted((k, n[k], u[k]) for k in n if n[k] >= MIN_N)
    header = [
        "align null rates: how often human translators leave a word without a counterpart, as",
        "align.text.wordlinks.word_links (learned table + CC-CEDICT + identical strings) links it.",
        "Licence: CC BY-SA 4.0 (inherited from the CC BY-SA sources below). See null_rates.md.",
        *source_lines({name: per_source[name] for name in SOURCES}),
    ]
    header += [
        "Rebuild: .venv/bin/python scripts/build_null_rates.py"
        " [--data ../shared/data/parallel] [--out src/align/data]",
        f"Counts: {len(pairs)} pairs; content occurrences / unlinked:"
        f" en {totals['en'][0]} / {totals['en'][1]},"
        f" zh {totals['zh'][0]} / {totals['zh'][1]}; rows (seen >= {MIN_N} times): {len(rows)}.",
        "Columns: side (en = lower-cased lemma, zh = jieba word), word, n = content occurrences,"
        " unlinked = occurrences with no link.",
        f"TOTAL\ten\t{totals['en'][0]}\t{totals['en'][1]}",
        f"TOTAL\tzh\t{totals['zh'][0]}\t{totals['zh'][1]}",
    ]
    buf = io.StringIO()
    for h in header:
        buf.write(f"# {h}\n")
    buf.write("side\tword\tn\tunlinked\n")
    for (side, word), k, m in rows:
        buf.write(f"{side}\t{word}\t{k}\t{m}\n")
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / "null_rates.tsv.gz"
    with (
        out.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz,
    ):
        gz.write(buf.getvalue().encode("utf-8"))
    digest = hashlib.sha256(out.read_bytes()).hexdigest()[:16]
    print(
        f"pairs={len(pairs)}\trows={len(rows)}\ten={totals['en']}\tzh={totals['zh']}\t"
        f"bytes={out.stat().st_size}\tsha256={digest}\tseconds={time.time() - t0:.0f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
