"""False flags of the pair checks on faithful human translations:
`python benchmarks/bench_false_flags.py [--checks lexical,names] [--sets mac-dev,bible,mqm-clean] [--show N]`.

Why: DEMETR measures recall on planted errors with only 50 clean pairs, far too few to see a
false-flag rate of a few percent. The gold beads of MAC-Dev (Chinese novels with their published
English translations) and of the Bible are faithful translations, free and literary, so nearly every
flag raised on them costs an editor time for nothing. Closer to the news the tool is for:
``mqm-clean``, MQM-TED segments (talks, zh→en, human and MT) no rater marked with an accuracy error,
and ``wmt21-not``, WMT21 dev pairs (Wikipedia comments, en→zh MT) labelled without a critical error.
This prints, per set and check, the share of beads (both sides non-empty) with at least one flag,
and with ``--show`` some flagged beads.

Each bead's sentences are joined the way the pipeline joins them (``align.types.joiner``).
Skips with a message where ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from align.bench.datasets import data_root, load_set, read_mqm, read_wmt21
from align.types import joiner

CHECK_MODULES = {
    "lexical": "lexical",
    "names": "names",
    "numbers": "numbers",
    "form": "form",
    "clause": "clauses",
    "divergence": "divergence",
}


def share(hits: int, total: int) -> str:
    """``"hits / total (pct)"``, the cell format of the precision tables in RESULTS.md."""
    return f"{hits} / {total} ({hits / max(total, 1):.1%})"


def gold_texts(doc) -> list[tuple[str, str]]:  # noqa: ANN001 - a datasets.Doc
    """(source text, target text) of each gold bead of one document with both sides non-empty."""
    return [
        (
            joiner(doc.src_lang).join(doc.src_lines[i] for i in src_ids),
            joiner(doc.tgt_lang).join(doc.tgt_lines[i] for i in tgt_ids),
        )
        for src_ids, tgt_ids in doc.gold
        if src_ids and tgt_ids
    ]


def gold_beads(name: str) -> list[tuple[str, str, str, str]]:
    """(src_text, src_lang, tgt_text, tgt_lang) for every gold bead with both sides non-empty, or
    for ``mqm-clean`` every MQM-TED segment no rater marked with any accuracy error (zh→en, human
    and MT), for ``wmt21-not`` every WMT21 dev pair labelled NOT (en→zh)."""
    if name == "mqm-clean":
        return [(s.src, "zh", s.tgt, "en") for s in read_mqm(data_root()) if not s.accuracy]
    if name == "wmt21-not":
        return [(p.src, "en", p.tgt, "zh") for p in read_wmt21(data_root(), "dev") if not p.critical]
    return [(s, doc.src_lang, t, doc.tgt_lang) for doc in load_set(name) for s, t in gold_texts(doc)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--checks",
        default="lexical,names",
        help="comma-separated: lexical, names, numbers, form, clause, divergence",
    )
    ap.add_argument(
        "--sets", default="mac-dev,bible", help="comma-separated: mac-dev, bible, mqm-clean, wmt21-not"
    )
    ap.add_argument("--show", type=int, default=0, help="print this many flagged beads per set and check")
    args = ap.parse_args(argv)
    if data_root() is None:
        print("skipped: ../shared/data not found (set ALIGN_DATA to the data folder)")
        return 0
    checks = {
        c: importlib.import_module(f"align.checks.{CHECK_MODULES[c]}").check_pair
        for c in args.checks.split(",")
    }
    print("| set | beads | " + " | ".join(f"{c} flagged" for c in checks) + " | any of these |")
    print("|---|---|" + "---|" * (len(checks) + 1))
    shown: list[str] = []
    for name in args.sets.split(","):
        beads = gold_beads(name)
        counts = dict.fromkeys(checks, 0)
        any_count = 0
        for src, sl, tgt, tl in beads:
            hit = False
            for c, fn in checks.items():
                flags = fn(src, sl, tgt, tl)
                if flags:
                    counts[c] += 1
                    hit = True
                    if sum(s.startswith(f"[{name} {c}]") for s in shown) < args.show:
                        msgs = "\n    ".join(f.message for f in flags)
                        shown.append(f"[{name} {c}] {src}\n  {tgt}\n    {msgs}")
            any_count += hit
        n = max(1, len(beads))
        cells = " | ".join(f"{counts[c] / n:.3f} ({counts[c]})" for c in checks)
        print(f"| {name} | {len(beads)} | {cells} | {any_count / n:.3f} ({any_count}) |")
    if shown:
        print()
        print("\n\n".join(shown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
