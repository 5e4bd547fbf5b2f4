"""Does a dictionary second opinion on each bead fix boundary errors? (measured, not shipped)

A bead's score is the share of its content words whose CC-CEDICT translation occurs on the other
side *inside the bead* — the worse-covered side (``min``) or the Chinese side (``zh``) — added to
the DP's bead score as ``w * (coverage - c)`` through ``align_vectors(bead_bonus=...)``.

Run from the project root (warm cache)::

    ALIGN_CACHE=/work/.cache_align .venv/bin/python benchmarks/align_tuning/lex_bonus.py [bible]

Prints strict F1 per (mode, w, c) and, for MAC-Dev, the leave-one-chapter-out figure (the setting
is chosen on five chapters and the sixth is scored; the six held-out chapters are pooled).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import evaluate, load  # noqa: E402

from align.aligner import AlignParams, align_vectors  # noqa: E402
from align.bench.datasets import load_set  # noqa: E402
from align.segment import segment_lines  # noqa: E402

# --- the measured (not shipped) bead bonus; it lived in src/align/lexbonus.py while measured ---
Words = list[frozenset[str]]  # one sentence: for each content word, the English lemmas it can be


def sentence_words(texts: Sequence[str], lang: str) -> tuple[list[Words], list[frozenset[str]]]:
    """For each sentence, its content words as sets of English lemmas, and all the lemmas it offers.

    A Chinese word is the set of its CC-CEDICT glosses (single words, stopwords dropped); words
    the dictionary does not know are left out, since nothing could match them. An English word is
    the set of its lemma readings.
    """
    from align.text.cedict import glosses
    from align.text.en import STOPWORDS, en_tokens

    words: list[Words] = []
    if lang == "zh":
        from align.text.zh import zh_words

        for text in texts:
            row = []
            for w, _, _ in zh_words(text):
                g = frozenset(x for x in glosses(w, strict=True) if " " not in x and x not in STOPWORDS)
                if g:
                    row.append(g)
            words.append(row)
    else:
        for text in texts:
            words.append(
                [
                    frozenset(t.lemmas[:2])
                    for t in en_tokens(text)
                    if t.lemma not in STOPWORDS and t.text[:1].isalpha()
                ]
            )
    offers = [frozenset().union(*row) if row else frozenset() for row in words]
    return words, offers


class DictionaryBonus:
    """``bead_bonus`` for :func:`align.aligner.align_vectors` from dictionary coverage inside a bead.

    ``mode`` is ``"min"`` (the worse-covered side) or ``"zh"`` (the Chinese side's coverage). For
    a sentence ``k`` and the other side's sentences within ``reach``, a 0/1 matrix "word covered by
    that sentence" is built once (and widened on demand), so a bead's score is a few lookups.
    """

    def __init__(
        self,
        src: tuple[list[Words], list[frozenset[str]]],
        tgt: tuple[list[Words], list[frozenset[str]]],
        *,
        weight: float,
        centre: float,
        mode: str = "min",
        zh_side: str = "s",
        reach: int = 12,
    ) -> None:
        if mode not in ("min", "zh"):
            raise ValueError(f"mode must be 'min' or 'zh', not {mode!r}")
        self.words = {"s": src[0], "t": tgt[0]}
        self.offers = {"s": tgt[1], "t": src[1]}  # what the *other* side offers, per sentence
        self.weight, self.centre, self.mode, self.zh_side, self.reach = weight, centre, mode, zh_side, reach
        self._blocks: dict[tuple[str, int], tuple[int, int, np.ndarray]] = {}

    def _block(self, side: str, k: int, start: int, stop: int) -> tuple[int, np.ndarray]:
        got = self._blocks.get((side, k))
        if got is None or start < got[0] or stop > got[1]:
            offers = self.offers[side]
            lo = max(0, min(start, got[0] if got else start) - self.reach)
            hi = min(len(offers), max(stop, got[1] if got else stop) + self.reach)
            words = self.words[side][k]
            hit = np.array(
                [[not w.isdisjoint(offers[j]) for j in range(lo, hi)] for w in words], dtype=bool
            ).reshape(len(words), hi - lo)
            got = (lo, hi, hit)
            self._blocks[(side, k)] = got
        return got[0], got[2]

    def _covered(self, side: str, k: int, start: int, size: int) -> int:
        lo, hit = self._block(side, k, start, start + size)
        return int(hit[:, start - lo : start - lo + size].any(axis=1).sum())

    def _share(self, side: str, first: int, count: int, start: int, size: int) -> float | None:
        n = sum(len(self.words[side][k]) for k in range(first, first + count))
        if n == 0:
            return None
        return sum(self._covered(side, k, start, size) for k in range(first, first + count)) / n

    def score(self, i0: int, a: int, j0: int, b: int) -> float | None:
        """Coverage of the bead (source ``i0:i0+a``, target ``j0:j0+b``); None if it has no words."""
        s = self._share("s", i0, a, j0, b)
        t = self._share("t", j0, b, i0, a)
        if self.mode == "zh":
            return s if self.zh_side == "s" else t
        known = [x for x in (s, t) if x is not None]
        return min(known) if known else None

    def __call__(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        if a == 0 or b == 0 or self.weight == 0:
            return np.zeros(js.shape[0])
        out = np.zeros(js.shape[0])
        for r, j in enumerate(js):
            sc = self.score(i - a, a, int(j) - b, b)
            if sc is not None:
                out[r] = self.weight * (sc - self.centre)
        return out


GRID = [(m, w, c) for m in ("min", "zh") for w in (0.1, 0.2, 0.3, 0.4) for c in (0.0, 0.2, 0.4)]


def main() -> None:
    name = sys.argv[1] if len(sys.argv) > 1 else "mac-dev"
    docs = load(name)
    words = []
    t0 = time.perf_counter()
    for d in load_set(name):
        src = segment_lines(list(d.src_lines), d.src_lang, "source")
        tgt = segment_lines(list(d.tgt_lines), d.tgt_lang, "target")
        words.append(
            (
                sentence_words([s.text for s in src.sentences], d.src_lang),
                sentence_words([s.text for s in tgt.sentences], d.tgt_lang),
                "s" if d.src_lang == "zh" else "t",
            )
        )
    print(f"words looked up in {time.perf_counter() - t0:.1f} s")
    print(f"{name} no bonus: strict F1 {evaluate(docs, [run(d, None) for d in docs]).strict_f1:.4f}")
    grid = GRID if name == "mac-dev" else [g for g in GRID if g[1] in (0.2, 0.3) and g[2] == 0.2]
    preds = {}
    for mode, w, c in grid:
        t1 = time.perf_counter()
        preds[(mode, w, c)] = [
            run(d, DictionaryBonus(s, t, weight=w, centre=c, mode=mode, zh_side=z))
            for d, (s, t, z) in zip(docs, words, strict=True)
        ]
        f1 = evaluate(docs, preds[(mode, w, c)]).strict_f1
        print(
            f"{name} mode={mode} w={w} c={c}: strict F1 {f1:.4f} ({time.perf_counter() - t1:.1f} s)",
            flush=True,
        )
    if len(docs) > 1:
        held, chosen = [], []
        for i in range(len(docs)):
            rest = [j for j in range(len(docs)) if j != i]
            best = max(
                grid, key=lambda g: evaluate([docs[j] for j in rest], [preds[g][j] for j in rest]).strict_f1
            )
            held.append(preds[best][i])
            chosen.append(best)
        print(f"{name} leave-one-out strict F1 {evaluate(docs, held).strict_f1:.4f}, chosen {chosen}")


def run(d, bonus):
    kw = dict(d.kwargs)
    kw["params"] = AlignParams()
    kw["bead_bonus"] = bonus
    return [(b.source, b.target) for b in align_vectors(*d.args, **kw)]


if __name__ == "__main__":
    main()
