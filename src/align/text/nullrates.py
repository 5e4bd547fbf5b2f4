"""How often human translators leave a word without a counterpart: ``data/null_rates.tsv.gz``.

Why: an unlinked content word is weak evidence on its own, since translators drop and add some
words all the time ("get", "along", 人, 进行) and almost never others ("wild", "spectroscopy",
制裁). The rates were counted on the human translations of ``shared/data/parallel`` with the same
linker the checks use (:func:`align.text.wordlinks.word_links`); ``scripts/build_null_rates.py``
rebuilds the file, ``data/null_rates.md`` is its card.

A word's rate is smoothed towards its side's overall rate (a Beta prior worth :data:`PRIOR` pairs),
so a word seen three times does not get a rate of 0; a word not in the file gets the overall rate.
:meth:`NullRates.surprise` is ``log(overall / rate)``: 0 for an ordinary word, large for a word
translators nearly always render, negative for one they often leave out.
"""

from __future__ import annotations

import functools
import gzip
import math
from dataclasses import dataclass
from typing import Literal

from align.text.datafiles import data_path

Side = Literal["en", "zh"]
PRIOR = 4.0
NULL_RATES_PATH = data_path("null_rates.tsv.gz")


@dataclass(frozen=True)
class NullRates:
    """Per-side word counts: ``counts[side][word] = (occurrences, unlinked)``, and side totals."""

    counts: dict[str, dict[str, tuple[int, int]]]
    totals: dict[str, tuple[int, int]]

    def overall(self, side: Side) -> float:
        n, u = self.totals[side]
        return u / n if n else 0.2

    def rate(self, word: str, side: Side) -> float:
        """Smoothed share of the word's occurrences that translators left unrendered."""
        r0 = self.overall(side)
        n, u = self.counts[side].get(word, (0, 0))
        return (u + PRIOR * r0) / (n + PRIOR)

    def surprise(self, word: str, side: Side) -> float:
        """``log(overall rate / word's rate)``: how unusual it is to see this word unrendered."""
        return math.log(self.overall(side) / self.rate(word, side))


def read_null_rates(path=None) -> NullRates:
    """Read a null-rates file (default: ``NULL_RATES_PATH``, looked up at call time like the table's
    ``TABLE_PATH``): ``#`` comments (two ``# TOTAL`` lines), a header, then rows."""
    path = NULL_RATES_PATH if path is None else path
    counts: dict[str, dict[str, tuple[int, int]]] = {"en": {}, "zh": {}}
    totals: dict[str, tuple[int, int]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# TOTAL\t"):
                _, side, n, u = line.split("\t")
                totals[side] = (int(n), int(u))
            elif line.startswith("#") or line.startswith("side\t"):
                continue
            elif line:
                side, word, n, u = line.split("\t")
                counts[side][word] = (int(n), int(u))
    if set(totals) != {"en", "zh"}:
        raise ValueError(f"{path}: the TOTAL lines are missing")
    return NullRates(counts, totals)


@functools.lru_cache(maxsize=1)
def load_null_rates() -> NullRates:
    """The shipped rates, read once per process (about 30 ms)."""
    return read_null_rates()
