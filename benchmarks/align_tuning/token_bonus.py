"""Does a token-level second opinion on each bead fix the aligner's remaining MAC-Dev errors?

Each sentence gets contextual e5 token vectors (``align.embed.e5tokens``, layer ``LAYER``); a
bead's token score is the mean, over the content tokens of both sides, of each token's best cosine
with the other side's tokens *inside the bead* (BERTScore-style). It is added to the DP's bead
score as ``w * (token score - c)`` through ``align_vectors(bead_bonus=...)``. Merging two beads
always raises the token score a little (more candidates), so ``c`` sets how much it must rise.

Run from the project root (warm cache)::

    ALIGN_CACHE=/work/.cache_align .venv/bin/python benchmarks/align_tuning/token_bonus.py

Prints in-sample strict F1 per (w, c) and the leave-one-chapter-out figure. ``TOKEN_MODE`` picks
the bead's token score: ``mean`` (pooled over both sides), ``f`` (harmonic mean of the sides),
``min`` (the worse-covered side). ``token_bonus.py bible 1.0 0.55`` scores one setting on the Bible.
"""

from __future__ import annotations

import os
import pickle
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import evaluate, load  # noqa: E402

from align.aligner import AlignParams, align_vectors  # noqa: E402
from align.aligner.tokenbonus import LAYER, TokenBonus, sentence_tokens  # noqa: E402
from align.bench.datasets import load_set  # noqa: E402
from align.segment import segment_lines  # noqa: E402

MODE = os.environ.get("TOKEN_MODE", "mean")  # mean | f | min
WORK = Path(__file__).resolve().parent / "work"


def token_vectors(name: str) -> list[tuple[list[np.ndarray], list[np.ndarray]]]:
    """Per document: (source sentences' token matrices, target sentences' token matrices)."""
    WORK.mkdir(exist_ok=True)
    path = WORK / f"tokens_{name}_L{LAYER}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    out = []
    t0 = time.perf_counter()
    for d in load_set(name):
        src = segment_lines(list(d.src_lines), d.src_lang, "source").sentences
        tgt = segment_lines(list(d.tgt_lines), d.tgt_lang, "target").sentences
        toks = sentence_tokens([s.text for s in src] + [s.text for s in tgt])
        out.append((toks[: len(src)], toks[len(src) :]))
        print(f"  tokens {d.name}: {time.perf_counter() - t0:.0f} s", flush=True)
    path.write_bytes(pickle.dumps(out))
    return out


class TokenScorer(TokenBonus):
    """The shipped ``align.aligner.tokenbonus.TokenBonus`` with the bead score chosen by ``TOKEN_MODE``."""

    def score(self, i0: int, a: int, j0: int, b: int) -> float:
        ps, ns, pt, nt = self.side_sums(i0, a, j0, b)
        if MODE == "f":  # harmonic mean of the two sides' means (BERTScore F)
            p, r = ps / ns, pt / nt
            return 2 * p * r / max(p + r, 1e-9)
        if MODE == "min":  # the worse-covered side: what shipped
            return min(ps / ns, pt / nt)
        return (ps + pt) / (ns + nt)


def bonus_fn(scorer: TokenScorer, w: float, c: float):
    scorer.weight, scorer.centre = w, c
    return scorer


def run(docs, scorers, w: float, c: float, params: AlignParams | None = None) -> list[list]:
    preds = []
    for d, sc in zip(docs, scorers, strict=True):
        kw = dict(d.kwargs)
        kw["params"] = params or AlignParams()
        kw["bead_bonus"] = bonus_fn(sc, w, c)
        beads = align_vectors(*d.args, **kw)
        preds.append([(b.source, b.target) for b in beads])
    return preds


def check_set(name: str, w: float, c: float) -> None:
    """One setting on another set (the Bible: does the MAC-Dev choice transfer?)."""
    docs = load(name)
    toks = token_vectors(name)
    scorers = [TokenScorer(s, t) for s, t in toks]
    base = evaluate(docs, run(docs, scorers, 0.0, 0.0)).strict_f1
    t0 = time.perf_counter()
    f1 = evaluate(docs, run(docs, scorers, w, c)).strict_f1
    print(f"{name}: no bonus {base:.4f}; w={w} c={c} ({MODE}) {f1:.4f} ({time.perf_counter() - t0:.0f} s)")


def main() -> None:
    if len(sys.argv) == 4:  # token_bonus.py bible W C
        check_set(sys.argv[1], float(sys.argv[2]), float(sys.argv[3]))
        return
    docs = load("mac-dev")
    toks = token_vectors("mac-dev")
    scorers = [TokenScorer(s, t) for s, t in toks]
    for d, (s, t) in zip(docs, toks, strict=True):
        assert len(s) == d.args[0].shape[0] and len(t) == d.args[1].shape[0], d.name
    base = evaluate(docs, run(docs, scorers, 0.0, 0.0)).strict_f1
    print(f"no bonus: strict F1 {base:.4f}", flush=True)
    grid = [(w, c) for w in (0.5, 1.0, 1.5, 2.0, 3.0) for c in (0.4, 0.45, 0.5, 0.55, 0.6)]
    preds = {}
    for w, c in grid:
        t0 = time.perf_counter()
        preds[(w, c)] = run(docs, scorers, w, c)
        f1 = evaluate(docs, preds[(w, c)]).strict_f1
        print(f"w={w} c={c}: strict F1 {f1:.4f} ({time.perf_counter() - t0:.0f} s)", flush=True)
    held = []
    for i in range(len(docs)):
        rest = [j for j in range(len(docs)) if j != i]
        others = [docs[j] for j in rest]
        best = max(grid, key=lambda g: evaluate(others, [preds[g][j] for j in rest]).strict_f1)
        held.append(preds[best][i])
        print(f"  held out {docs[i].name}: chose {best}")
    print(f"leave-one-chapter-out strict F1 {evaluate(docs, held).strict_f1:.4f}")


if __name__ == "__main__":
    main()
