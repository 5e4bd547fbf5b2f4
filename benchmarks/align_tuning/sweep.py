"""Reproduce the shipped lever's figures: length weight x document-adapted length model.

Run from the project root (warm cache: about 2 minutes for mac-dev, plus ~40 s for the Bible)::

    ALIGN_CACHE=/work/.cache_align .venv/bin/python benchmarks/align_tuning/sweep.py [--bible]

Prints in-sample strict F1 per setting and the leave-one-chapter-out figure (the weight is picked
on five chapters and the sixth is scored; the six held-out chapters are pooled), because MAC-Dev
is both the development and the test set.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import evaluate, load, loocv, predict  # noqa: E402

from align.aligner import AlignParams  # noqa: E402

WEIGHTS = (0.03, 0.04, 0.05, 0.06)


def main() -> None:
    docs = load("mac-dev")
    for adapt in (False, True):
        grid = [AlignParams(length_weight=w, adapt_length=adapt) for w in WEIGHTS]
        for p in grid:
            f1 = evaluate(docs, predict(docs, p)).strict_f1
            print(f"mac-dev adapt={adapt} length_weight={p.length_weight}: strict F1 {f1:.4f}")
        cv, chosen = loocv(docs, grid)
        picked = [c.length_weight for c in chosen]
        print(f"mac-dev adapt={adapt} LOO-CV strict F1 {cv.strict_f1:.4f} (chosen {picked})")
    both = [AlignParams(length_weight=w, adapt_length=a) for a in (False, True) for w in WEIGHTS]
    cv, chosen = loocv(docs, both)
    print(f"mac-dev LOO-CV over both knobs: {cv.strict_f1:.4f}")
    if "--bible" in sys.argv:
        bible = load("bible")
        for p in (AlignParams(length_weight=0.06, adapt_length=False), AlignParams()):
            f1 = evaluate(bible, predict(bible, p)).strict_f1
            print(f"bible length_weight={p.length_weight} adapt={p.adapt_length}: strict F1 {f1:.4f}")


if __name__ == "__main__":
    main()
