"""Quality and speed of the learned translation table (``align.text.ttable``); prints numbers.

1. Word alignment: alignment error rate, precision and recall of ``link()`` on
   ``benchmarks/data/handaligned.tsv`` (42 sentence pairs written and aligned by hand for this
   project; sure ``i-j`` and possible ``i?j`` links, Och & Ney 2003 definitions).
2. Agreement with CC-CEDICT: for the 1,000 most frequent English lemmas of the table that CC-CEDICT
   glosses somewhere, the share whose top-1 (any of top-3) Chinese translation is a CC-CEDICT
   headword with that lemma among its glosses; and the same from the Chinese side.
3. Spot checks and timings.

Run: ``.venv/bin/python benchmarks/bench_ttable.py``
"""

from __future__ import annotations

import csv
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from align.text.ttable import TranslationTable, link, load_table  # noqa: E402

GOLD = ROOT / "benchmarks" / "data" / "handaligned.tsv"
SPOT = [
    "sanctions",
    "tariffs",
    "inflation",
    "deflation",
    "threat",
    "election",
    "middle",
    "power",
    "small",
    "country",
    "meeting",
    "counterpart",
]


def read_gold(
    path: Path = GOLD,
) -> list[tuple[list[str], list[str], set[tuple[int, int]], set[tuple[int, int]]]]:
    """(en tokens, zh tokens, sure links, possible links ⊇ sure) per sentence pair."""
    out = []
    with path.open(encoding="utf-8") as f:
        lines = [ln for ln in f if not ln.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        sure: set[tuple[int, int]] = set()
        poss: set[tuple[int, int]] = set()
        for x in row["links"].split():
            i, j = map(int, re.split(r"[-?]", x))
            poss.add((i, j))
            if "-" in x:
                sure.add((i, j))
        out.append((row["en_tokens"].split(), row["zh_tokens"].split(), sure, poss))
    return out


def alignment_scores(table: TranslationTable) -> dict[str, float]:
    a_s = a_p = n_a = n_s = 0
    for en, zh, sure, poss in read_gold():
        pred = {(i, j) for i, j, _ in link(table, en, zh)}
        a_s += len(pred & sure)
        a_p += len(pred & poss)
        n_a += len(pred)
        n_s += len(sure)
    return {
        "pairs": len(read_gold()),
        "sure": n_s,
        "predicted": n_a,
        "precision": a_p / n_a if n_a else 0.0,
        "recall": a_s / n_s if n_s else 0.0,
        "aer": 1 - (a_s + a_p) / (n_a + n_s),
    }


def cedict_index() -> tuple[dict[str, frozenset[str]], dict[str, set[str]]]:
    """CC-CEDICT as zh headword → its gloss lemmas, and gloss lemma → headwords (every sense)."""
    from align.text.cedict import headwords, senses

    zh2en: dict[str, frozenset[str]] = {}
    en2zh: dict[str, set[str]] = defaultdict(set)
    for hw in headwords():
        ws = frozenset(w for s in senses(hw) for w in s.words if " " not in w)
        if ws:
            zh2en[hw] = ws
            for w in ws:
                en2zh[w].add(hw)
    return zh2en, en2zh


def cedict_precision(table: TranslationTable, n: int = 1000) -> dict[str, float]:
    zh2en, en2zh = cedict_index()
    freq_en: Counter = Counter()
    freq_zh: Counter = Counter()
    for e, z, c in zip(table.en_ids.tolist(), table.zh_ids.tolist(), table.count.tolist(), strict=True):
        freq_en[table.en_words[e]] += c
        freq_zh[table.zh_words[z]] += c
    res: dict[str, float] = {}
    en_words = [w for w, _ in sorted(freq_en.items(), key=lambda x: (-x[1], x[0])) if w in en2zh][:n]
    top1 = top3 = 0
    for w in en_words:
        tr = [z for z, _ in table.translations(w, "en", top=3)]
        ok = [w in zh2en.get(z, ()) for z in tr]
        top1 += bool(ok and ok[0])
        top3 += any(ok)
    res["en_words"] = len(en_words)
    res["en_top1"] = top1 / len(en_words)
    res["en_top3"] = top3 / len(en_words)
    zh_words = [w for w, _ in sorted(freq_zh.items(), key=lambda x: (-x[1], x[0])) if w in zh2en][:n]
    top1 = top3 = 0
    for z in zh_words:
        tr = [e for e, _ in table.translations(z, "zh", top=3)]
        ok = [e in zh2en[z] for e in tr]
        top1 += bool(ok and ok[0])
        top3 += any(ok)
    res["zh_words"] = len(zh_words)
    res["zh_top1"] = top1 / len(zh_words)
    res["zh_top3"] = top3 / len(zh_words)
    return res


def link_speed(table: TranslationTable, reps: int = 300) -> float:
    """Median milliseconds of link() on a 30 × 40 word pair built from gold sentences."""
    gold = read_gold()
    en = [w for g in gold[:6] for w in g[0]][:30]
    zh = [w for g in gold[:6] for w in g[1]][:40]
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        link(table, en, zh)
        times.append(time.perf_counter() - t)
    return float(np.median(times) * 1000)


def main() -> int:
    t = time.perf_counter()
    table = load_table()
    t_load = time.perf_counter() - t
    print(
        f"table: {len(table)} rows, {len(table.en_vocab)} en, {len(table.zh_vocab)} zh; load {t_load:.2f} s"
    )
    for line in table.comments:
        if line.startswith("Counts"):
            print(" ", line)

    a = alignment_scores(table)
    print(
        f"\nlink() on {GOLD.relative_to(ROOT)}: {a['pairs']} pairs, {a['sure']} sure gold links, "
        f"{a['predicted']} predicted"
    )
    print(f"  AER {a['aer']:.3f}   precision {a['precision']:.3f}   recall {a['recall']:.3f}")
    print(f"  speed: {link_speed(table):.2f} ms per 30x40 word pair (median)")

    c = cedict_precision(table)
    print(f"\nCC-CEDICT agreement ({int(c['en_words'])} frequent en lemmas CC-CEDICT glosses):")
    print(f"  en→zh top-1 {c['en_top1']:.3f}   top-3 {c['en_top3']:.3f}")
    print(f"CC-CEDICT agreement ({int(c['zh_words'])} frequent zh headwords):")
    print(f"  zh→en top-1 {c['zh_top1']:.3f}   top-3 {c['zh_top3']:.3f}")

    print("\nspot checks (p(zh|en)):")
    for w in SPOT:
        tr = table.translations(w, "en", top=5)
        print(f"  {w:12s} " + (", ".join(f"{z} {p:.2f}" for z, p in tr) or "—"))
    print("spot checks (p(en|zh)):")
    for z in ("制裁", "关税", "通胀", "通货紧缩", "中等强国", "小国", "会晤", "对手"):
        tr = table.translations(z, "zh", top=5)
        print(f"  {z:8s} " + (", ".join(f"{e} {p:.2f}" for e, p in tr) or "—"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
