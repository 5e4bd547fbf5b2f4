"""Numbers as alignment anchors: a bead that keeps a figure with its rendering scores higher.

Why: sentence vectors barely see numbers, and when a translator drops a clause the length model
pulls a neighbouring sentence in to make up the length. In the demo article with one clause cut,
"另有41%的选民表示反对" then slid into the next bead, away from the English "... and 41 percent
opposed it", and the number check reported 41 % twice (missing here, extra there). A figure is the
surest sign of which sentence renders which, so each bead gets

    ``weight * (2 * matched - unmatched)``

where ``matched`` counts the figures found on both sides of the bead and ``unmatched`` those found
on one side only (normalised by the number check's extractors: ``41%`` = ``41 percent``, ``5.4万`` =
``54,000``). Merging two beads that each keep their figures changes nothing (the matches add up);
splitting a figure from its rendering costs ``3 * weight``. Small spelled-out numbers and the
extractors' weak readings are left out (一个 is often just "a").

Passed to :func:`align.aligner.align_vectors` as ``bead_bonus`` (with the opt-in token bonus, the two
are summed). Measured in ``benchmarks/align_tuning/README.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

BonusFn = Callable[[int, int, int, np.ndarray], np.ndarray]


class NumberBonus:
    """``bead_bonus`` from the figures of each sentence, ``weight`` per figure.

    ``src`` and ``tgt`` hold each sentence's :func:`align.aligner.lexvec.number_keys`.
    """

    def __init__(self, src: Sequence[Sequence[str]], tgt: Sequence[Sequence[str]], weight: float) -> None:
        self.weight = weight
        self.src = [frozenset(k) for k in src]
        self.tgt = [frozenset(k) for k in tgt]
        # prefix counts: a window without any figure on either side needs no set arithmetic
        self._cs = np.concatenate([[0], np.cumsum([len(x) for x in self.src])])
        self._ct = np.concatenate([[0], np.cumsum([len(x) for x in self.tgt])])
        self._src_windows: dict[tuple[int, int], frozenset[str]] = {}
        self._tgt_windows: dict[tuple[int, int], frozenset[str]] = {}
        self._tgt_sizes: dict[int, np.ndarray] = {}  # window size -> distinct figures by start
        self._tgt_positions: dict[str, np.ndarray] | None = None

    @property
    def active(self) -> bool:
        """Whether any figure occurs at all (otherwise the bonus is always zero)."""
        return self.weight != 0 and bool(self._cs[-1] or self._ct[-1])

    def score(self, i0: int, a: int, j0: int, b: int) -> float:
        """``2 * matched - unmatched`` figures of the bead (source ``i0:i0+a``, target ``j0:j0+b``)."""
        s = self._window(self.src, self._src_windows, i0, a)
        t = self._window(self.tgt, self._tgt_windows, j0, b)
        both = len(s & t)
        return 2.0 * both - (len(s) - both) - (len(t) - both)

    WINDOWS_KEPT = 65536

    @classmethod
    def _window(
        cls, keys: list[frozenset[str]], memo: dict[tuple[int, int], frozenset[str]], start: int, size: int
    ) -> frozenset[str]:
        """The figures of ``size`` sentences from ``start`` (memoised: the aligner asks for each window
        once per cell of its band row; cleared when full)."""
        got = memo.get((start, size))
        if got is None:
            got = frozenset().union(*keys[start : start + size])
            if len(memo) >= cls.WINDOWS_KEPT:
                memo.clear()
            memo[(start, size)] = got
        return got

    def _union_sizes(self, size: int) -> np.ndarray:
        """How many distinct figures each target window of ``size`` sentences holds, by start."""
        got = self._tgt_sizes.get(size)
        if got is None:
            m = len(self.tgt)
            got = np.zeros(m + 1, dtype=np.float64)
            for j0 in np.flatnonzero(self._ct[size:] - self._ct[: max(0, m - size + 1)] > 0).tolist():
                got[j0] = len(frozenset().union(*self.tgt[j0 : j0 + size]))
            self._tgt_sizes[size] = got
        return got

    def __call__(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        return self.block(a, b, np.array([i]), np.asarray(js)[None, :])[0]

    def block(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """The bonus of many beads at once: at ``[k, c]`` the bead of ``a`` source sentences ending
        before ``rows[k]`` and ``b`` target sentences ending before ``cols[k, c]`` (the aligner's
        blocks of band rows). The same numbers as ``score`` cell by cell, in a few vector steps."""
        out = np.zeros(cols.shape)
        if a == 0 or b == 0 or self.weight == 0:
            return out
        has_src = self._cs[rows] - self._cs[rows - a] > 0
        starts = cols - b
        sizes = self._union_sizes(b)
        # no figure in the source window: each target figure is unmatched, -1 each
        plain = (self._ct[cols] - self._ct[starts] > 0) & ~has_src[:, None]
        out[plain] = self.weight * -sizes[starts[plain]]
        for k in np.flatnonzero(has_src).tolist():
            # 2 * matched - unmatched = 4 * matched - |source figures| - |target figures|: whole
            # numbers, so the same value as ``score`` gives
            s = self._window(self.src, self._src_windows, int(rows[k]) - a, a)
            both = np.zeros(cols.shape[1], dtype=np.int64)
            for key in s:
                at = self._tgt_at().get(key)
                if at is not None:  # some target sentence holds it: is one inside each window?
                    both += np.searchsorted(at, starts[k]) < np.searchsorted(at, cols[k])
            out[k] = self.weight * (4 * both - len(s) - sizes[starts[k]])
        return out

    def _tgt_at(self) -> dict[str, np.ndarray]:
        """The target sentences holding each figure, in order (made on first use)."""
        if self._tgt_positions is None:
            at: dict[str, list[int]] = {}
            for j, keys in enumerate(self.tgt):
                for key in keys:
                    at.setdefault(key, []).append(j)
            self._tgt_positions = {k: np.asarray(v, dtype=np.int64) for k, v in at.items()}
        return self._tgt_positions


def combine(*bonuses: BonusFn | None) -> BonusFn | None:
    """One ``bead_bonus`` that sums the given ones (``None`` entries skipped; ``None`` if none left)."""
    live = [b for b in bonuses if b is not None]
    if not live:
        return None
    if len(live) == 1:
        return live[0]

    def total(a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        return sum(fn(a, b, i, js) for fn in live)  # type: ignore[return-value]

    return total
