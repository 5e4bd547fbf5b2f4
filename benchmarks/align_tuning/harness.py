"""Sweep harness: embed each document once, then re-run only ``align_vectors`` per setting.

``align.bench.runner.run`` re-embeds (from cache) and rebuilds dictionary vectors on every call;
for a sweep of many settings that dominates. Here ``align.pipeline.align_vectors`` is wrapped once
to capture exactly what the pipeline hands the aligner (mixed vectors, lengths, the window
function), window vectors are memoised, and each setting re-runs the aligner alone. Scores come
from the project's own metric, so figures match ``align bench``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

import align.pipeline as pipeline
from align.aligner import AlignParams, align_vectors
from align.bench.datasets import load_set
from align.bench.metric import Scores, score
from align.embed import get_embedder
from align.segment import segment_lines


@dataclass
class DocInput:
    """Everything ``align_vectors`` needs for one document, plus its gold beads."""

    name: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    gold: list
    verse: tuple[list, list] | None


def _memo_windows(fn):
    cache: dict[tuple[str, int, int], np.ndarray] = {}

    def windows(side: str, keys: list[tuple[int, int]]) -> np.ndarray:
        missing = [k for k in keys if (side, *k) not in cache]
        if missing:
            for k, v in zip(missing, fn(side, missing), strict=True):
                cache[(side, *k)] = v
        return np.stack([cache[(side, *k)] for k in keys])

    return windows


def load(name: str) -> list[DocInput]:
    """Embed and capture the aligner inputs of every document of set ``name``."""
    docs = load_set(name)
    emb = get_embedder("use")
    captured: list[tuple[tuple, dict]] = []
    orig = pipeline.align_vectors

    def spy(*args: Any, **kwargs: Any):
        args = list(args)
        args[4] = _memo_windows(args[4])
        captured.append((tuple(args), dict(kwargs)))
        return orig(*args, **kwargs)

    pipeline.align_vectors = spy
    try:
        out = []
        for d in docs:
            src = segment_lines(list(d.src_lines), d.src_lang, "source")
            tgt = segment_lines(list(d.tgt_lines), d.tgt_lang, "target")
            pipeline.align_documents(src, tgt, embedder=emb)
            args, kwargs = captured[-1]
            verse = (list(d.src_verse), list(d.tgt_verse)) if d.src_verse is not None else None
            out.append(DocInput(d.name, args, kwargs, list(d.gold), verse))
    finally:
        pipeline.align_vectors = orig
    return out


def predict(docs: Sequence[DocInput], params: AlignParams) -> list[list]:
    res = []
    for d in docs:
        kw = dict(d.kwargs)
        kw["params"] = params
        beads = align_vectors(*d.args, **kw)
        res.append([(b.source, b.target) for b in beads])
    return res


def evaluate(docs: Sequence[DocInput], preds: Sequence[list]) -> Scores:
    verse = [d.verse for d in docs] if any(d.verse is not None for d in docs) else None
    return score(list(preds), [d.gold for d in docs], verse=verse)


def loocv(docs: Sequence[DocInput], grid: Sequence[AlignParams]) -> tuple[Scores, list[AlignParams]]:
    """Leave-one-document-out: pick the best grid point on the others, score the held-out one, pool."""
    preds = {k: predict(docs, p) for k, p in enumerate(grid)}
    held, chosen = [], []
    for i in range(len(docs)):
        rest = [j for j in range(len(docs)) if j != i]
        best = max(
            range(len(grid)),
            key=lambda k: (evaluate([docs[j] for j in rest], [preds[k][j] for j in rest]).strict_f1, -k),
        )
        chosen.append(grid[best])
        held.append(preds[best][i])
    return evaluate(docs, held), chosen
