"""A token-level second opinion on each bead, for the opt-in precise alignment (``--precise``).

Why: sentence vectors blur where a bead's boundary falls. When the translator moved a clause into
the next sentence, the clause's *tokens* still find their partners there. Each sentence gets
contextual e5 token vectors (``align.embed.e5tokens``, layer 8, punctuation dropped). A bead's
token score is the worse of its two sides' coverage: for every token of a side, the best cosine
with the other side's tokens *inside the bead*, averaged over the side. It enters the DP as
``weight * (score - centre)`` (``align_vectors(bead_bonus=...)``).

Measured (benchmarks/align_tuning/README.md): MAC-Dev strict F1 0.8985 → 0.9076 in-sample,
0.9036 leave-one-chapter-out; the Bible 0.9833 → 0.9859 with the same (weight, centre) = (1.0, 0.55).
Cost: ~12 ms a sentence for the token vectors (MAC-Dev 53.8 s instead of 4.7 s, the Bible 211 s),
which is why it is not on by default.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from align.embed.e5tokens import shared

LAYER = 8
_PUNCT = re.compile(r"^[\W_]+$")


def sentence_tokens(
    texts: Sequence[str], progress: Callable[[int, int], None] | None = None
) -> list[np.ndarray]:
    """Unit token vectors (layer 8, float32) of each sentence, punctuation-only tokens dropped."""
    enc = shared()
    out: list[np.ndarray] = []
    step = 400
    for k0 in range(0, len(texts), step):
        if progress:
            progress(k0, len(texts))
        chunk = texts[k0 : k0 + step]
        for text, (vecs, spans) in zip(chunk, enc.token_vectors_many(chunk, (LAYER,)), strict=True):
            keep = [i for i, (a, b) in enumerate(spans) if not _PUNCT.match(text[a:b])]
            mat = vecs[LAYER][keep] if keep else vecs[LAYER][:1]
            out.append(mat if len(mat) else np.zeros((1, enc.H), np.float32))
    return out


class TokenBonus:
    """``bead_bonus`` for :func:`align.aligner.align_vectors` from per-sentence token matrices.

    For a sentence ``k`` of one side and a window of the other side's sentences, the sum over
    ``k``'s tokens of their best cosine inside the window is computed from one matrix product of
    ``k``'s tokens with a block of the other side's sentences (kept per ``k`` and widened on
    demand), so a bead's score is a few lookups.
    """

    def __init__(
        self,
        src: Sequence[np.ndarray],
        tgt: Sequence[np.ndarray],
        weight: float = 1.0,
        centre: float = 0.55,
        reach: int = 12,
    ) -> None:
        self.sides = {"s": (list(src), list(tgt)), "t": (list(tgt), list(src))}
        self.weight = weight
        self.centre = centre
        self.reach = reach
        self._blocks: dict[tuple[str, int], tuple[int, int, np.ndarray]] = {}
        self._sums: dict[tuple[str, int, int, int], float] = {}

    def _block(self, side: str, k: int, start: int, stop: int) -> tuple[int, np.ndarray]:
        """Per-token maxima of sentence ``k`` against each other-side sentence in [lo, hi)."""
        got = self._blocks.get((side, k))
        if got is None or start < got[0] or stop > got[1]:
            mine, other = self.sides[side]
            lo = max(0, min(start, got[0] if got else start) - self.reach)
            hi = min(len(other), max(stop, got[1] if got else stop) + self.reach)
            sizes = [len(other[j]) for j in range(lo, hi)]
            sims = mine[k] @ np.concatenate(other[lo:hi]).T
            offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
            got = (lo, hi, np.maximum.reduceat(sims, offsets, axis=1))
            self._blocks[(side, k)] = got
        return got[0], got[2]

    def best_sum(self, side: str, k: int, start: int, size: int) -> float:
        """Sum over sentence ``k``'s tokens of the best cosine in the other side's ``start:start+size``."""
        key = (side, k, start, size)
        v = self._sums.get(key)
        if v is None:
            lo, per = self._block(side, k, start, start + size)
            v = float(per[:, start - lo : start - lo + size].max(axis=1).sum())
            self._sums[key] = v
        return v

    def side_sums(self, i0: int, a: int, j0: int, b: int) -> tuple[float, int, float, int]:
        """For the bead (source ``i0:i0+a``, target ``j0:j0+b``): the sum of the source tokens'
        best in-bead cosines, their number, and the same for the target tokens."""
        src, tgt = self.sides["s"]
        ps = sum(self.best_sum("s", k, j0, b) for k in range(i0, i0 + a))
        pt = sum(self.best_sum("t", k, i0, a) for k in range(j0, j0 + b))
        ns = sum(len(src[k]) for k in range(i0, i0 + a))
        nt = sum(len(tgt[k]) for k in range(j0, j0 + b))
        return ps, ns, pt, nt

    def score(self, i0: int, a: int, j0: int, b: int) -> float:
        """Token score of the bead: the worse-covered side's mean."""
        ps, ns, pt, nt = self.side_sums(i0, a, j0, b)
        return min(ps / ns, pt / nt)

    def __call__(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        if a == 0 or b == 0 or self.weight == 0:
            return np.zeros(js.shape[0])
        return np.array([self.weight * (self.score(i - a, a, int(j) - b, b) - self.centre) for j in js])
