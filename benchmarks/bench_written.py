"""Whole documents, both ways round: `python benchmarks/bench_written.py`.

Why: DEMETR and MQM judge single sentences; an editor checks a whole article, where the aligner
merges and splits sentences and a name or a date may rest on a sentence three paragraphs earlier.
The texts in tests/data/ (budget, energy, india, rates, snap) were written for this project, each an
English article with a faithful Chinese translation that does what translators do (sentences split
and merged, a descriptor rendered as the name it stands for, an idiom rendered freely).

Another folder laid out the same way (NAME.en.txt, NAME.zh.txt, slips.json) can be given with
``--data DIR``, to measure texts the checks were not tuned on.

For each text and each direction (English original → Chinese translation, and the reverse) this
prints the flags raised on the faithful pair (each a false alarm), then plants the slips of
tests/data/slips.json **one at a time** and counts the slips that get at least one flag more than the
faithful pair had, listing the ones that do not. The pipeline runs with default settings and the USE
embedder; no evaluation data is needed.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from align.embed import get_embedder
from align.pipeline import check

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
DIRECTIONS = {"en-zh": ("en", "zh"), "zh-en": ("zh", "en")}


def _flags(original: Path, translation: Path, embedder) -> list[str]:
    report = check(original, translation, embedder=embedder)
    return [f.message for fs in report.flags for f in fs]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA, help="folder of NAME.en.txt, NAME.zh.txt, slips.json")
    data = ap.parse_args(argv).data
    slips = json.loads((data / "slips.json").read_text(encoding="utf-8"))
    texts = [k for k in slips if not k.startswith("_")]
    emb = get_embedder("use")
    print("| text | direction | flags on the faithful pair | slips found (one at a time) | missed |")
    print("|---|---|---|---|---|")
    total = {"false": 0, "found": 0, "planted": 0}
    with tempfile.TemporaryDirectory() as tmp:
        for text in texts:
            for direction, (src, tgt) in DIRECTIONS.items():
                original, translation = data / f"{text}.{src}.txt", data / f"{text}.{tgt}.txt"
                base = _flags(original, translation, emb)
                total["false"] += len(base)
                found, missed = 0, []
                for slip in slips.get(text, {}).get("slips", []):
                    old, new = slip[tgt]
                    body = translation.read_text(encoding="utf-8")
                    planted = Path(tmp) / translation.name
                    planted.write_text(body.replace(old, new), encoding="utf-8")
                    if len(_flags(original, planted, emb)) > len(base):
                        found += 1
                    else:
                        missed.append(slip["what"])
                n = found + len(missed)
                total["found"] += found
                total["planted"] += n
                cell = f"{found} / {n}"
                print(f"| {text} | {direction} | {len(base)} | {cell} | {'; '.join(missed)} |", flush=True)
    print(
        f"\nall: {total['false']} flags on faithful pairs; "
        f"{total['found']} of {total['planted']} slips found one at a time"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
