"""Which sentence of a merged bead has no counterpart: a model learned from human translations.

Why: when a translator drops a whole sentence, the aligner often folds the orphan into its
neighbour's bead (a 2-1 bead) instead of leaving it unpaired (1-0), since the lengths still fit. The
omission is then inside a bead whose similarity stays ordinary. A hand rule (the sentence alone
unlike the other side, and leaving it out raising the bead's similarity by 0.04) found half of these
on NTREX documents; long news sentences on a shared topic keep a moderate similarity with a
neighbour's translation, and leaving one out of a long pair moves USE's average little.

The model reads, for each sentence of the longer side of a merged bead, how like the other side it is
alone and how much the bead gains without it (sentence vectors), how many of its content words
CC-CEDICT finds on the other side against how many of the rest's, and its share of the bead's
content. It was fit on beads built from NTREX (``parallel/ntrex.tsv``, CC BY-SA): two consecutive
sentences facing the translation of one of them (the other is dropped: real), and facing the
translator's two sentences joined into one (a merge: nothing dropped), both directions; see
``align/data/merged_model.md`` and ``benchmarks/merged_fit/fit.py``.
"""

from __future__ import annotations

import math

from align import logistic
from align.text.datafiles import data_path

MODEL_NAME = "merged_model.json"
MODEL_PATH = data_path(MODEL_NAME)

FEATURES = (
    "alone",  # cosine of the sentence alone with the other side
    "alone_rel",  # the same, less the document's median bead similarity
    "without",  # cosine of the rest of the bead with the other side
    "gain",  # without - cosine of the whole bead: leaving the sentence out brings the sides closer
    "alone_gap",  # alone - without: the sentence is less like the other side than the rest is
    "cov",  # share of its content words CC-CEDICT finds on the other side
    "cov_rest",  # the same for the rest of the bead
    "cov_gap",  # cov_rest - cov
    "log_size",  # log(1 + content words / Han characters)
    "size_share",  # its share of the bead side's content
    "zh",  # the sentence is Chinese
    "addition",  # the sentence is on the translation's side
)


def sentence_features(
    *,
    alone: float,
    full: float,
    without: float,
    median: float,
    cov: float,
    cov_rest: float,
    size: int,
    size_rest: int,
    lang: str,
    side: str,
) -> dict[str, float]:
    """The model's features of one sentence of a merged bead (see ``FEATURES``)."""
    return {
        "alone": alone,
        "alone_rel": alone - median,
        "without": without,
        "gain": without - full,
        "alone_gap": alone - without,
        "cov": cov,
        "cov_rest": cov_rest,
        "cov_gap": cov_rest - cov,
        "log_size": math.log1p(size),
        "size_share": size / max(size + size_rest, 1),
        "zh": float(lang == "zh"),
        "addition": float(side == "target"),
    }


def load_model() -> dict:
    """The fitted model: weights over standardised features, the threshold, where it came from."""
    return logistic.load(MODEL_NAME)


def probability(row: dict[str, float], model: dict | None = None) -> float:
    """Probability that the sentence has no counterpart on the other side of its bead."""
    return logistic.probability(row, model or load_model())
