"""Numbers as alignment anchors (``align.numberbonus``, ``align.lexvec.number_keys``): do they help?

Two ways in, measured separately and together: figures as tokens of the dictionary vectors
(``lexvec.NUMBER_WEIGHT``, per figure against one English lemma), and a bead bonus
``w * (2 * matched - unmatched)`` over the figures of a bead (``AlignParams.number_weight``).

Run from the project root (warm cache)::

    ALIGN_CACHE=/work/.cache_align .venv/bin/python benchmarks/align_tuning/number_anchors.py [mac-dev|bible]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import evaluate, load  # noqa: E402

import align.lexvec as lexvec  # noqa: E402
from align.align import AlignParams, align_vectors  # noqa: E402
from align.bench.datasets import load_set  # noqa: E402
from align.numberbonus import NumberBonus  # noqa: E402
from align.segment import segment_lines  # noqa: E402

BONUS = (0.0, 0.02, 0.05, 0.1, 0.2)
TOKENS = (0.0, 2.0)


def main() -> None:
    name = sys.argv[1] if len(sys.argv) > 1 else "mac-dev"
    figures = []  # each document's sentences' number keys, read once
    for d in load_set(name):
        src = segment_lines(list(d.src_lines), d.src_lang, "source")
        tgt = segment_lines(list(d.tgt_lines), d.tgt_lang, "target")
        figures.append(
            (
                [lexvec.number_keys(s.text, d.src_lang) for s in src.sentences],
                [lexvec.number_keys(s.text, d.tgt_lang) for s in tgt.sentences],
            )
        )
    for tok in TOKENS:
        lexvec.NUMBER_WEIGHT = tok
        docs = load(name)
        for w in BONUS:
            preds = []
            for d, keys in zip(docs, figures, strict=True):
                kw = dict(d.kwargs)
                kw["params"] = AlignParams(number_weight=w)
                kw["bead_bonus"] = NumberBonus(*keys, w) if w else None
                preds.append([(b.source, b.target) for b in align_vectors(*d.args, **kw)])
            sc = evaluate(docs, preds)
            print(f"{name} number tokens {tok} bead bonus {w}: strict F1 {sc.strict_f1:.4f}", flush=True)


if __name__ == "__main__":
    main()
