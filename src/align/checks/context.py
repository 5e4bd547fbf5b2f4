"""What a check gets to look at: both documents, the beads, and vectors on demand."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from align.embed.base import Embedder
from align.resources import Resources
from align.types import Bead, Document, joiner


@dataclass
class CheckContext:
    """Shared by every check of one run, so a vector is computed at most once per run.

    ``src_vecs``/``tgt_vecs`` are the single-sentence vectors the aligner already used; joined
    windows are embedded on demand through ``embedder`` (which is disk-cached). Other models a check
    needs (a word-level USE, e5 as a second opinion, contextual token vectors) come from
    ``resources``, made once per process and only when first asked for: a check never builds one.
    """

    source: Document
    target: Document
    beads: tuple[Bead, ...]
    embedder: Embedder
    src_vecs: np.ndarray
    tgt_vecs: np.ndarray
    options: dict = field(default_factory=dict)  # e.g. ``glossary``: the parsed terms of --glossary
    resources: Resources | None = None
    _windows: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.resources is None:
            self.resources = Resources(self.embedder)

    def sentence_vector(self, side: str, k: int) -> np.ndarray:
        return self.src_vecs[k] if side == "source" else self.tgt_vecs[k]

    def window_vector(self, side: str, ids: tuple[int, ...]) -> np.ndarray:
        if len(ids) == 1:
            return self.sentence_vector(side, ids[0])
        key = (side, ids)
        if key not in self._windows:
            doc = self.source if side == "source" else self.target
            text = joiner(doc.lang).join(doc.sentences[k].text for k in ids)
            self._windows[key] = self.embedder.encode([text])[0]
        return self._windows[key]

    def bead_texts(self, i: int) -> tuple[str, str]:
        b = self.beads[i]
        s = joiner(self.source.lang).join(self.source.sentences[k].text for k in b.source)
        t = joiner(self.target.lang).join(self.target.sentences[k].text for k in b.target)
        return s, t

    def best_nearby_similarity(self, side: str, k: int, reach: int = 3) -> float:
        """Best cosine of sentence ``k`` with the other side's sentences in the beads around it."""
        bead_of = self._bead_index(side)
        i = bead_of[k]
        lo, hi = max(0, i - reach), min(len(self.beads), i + reach + 1)
        other = [x for b in self.beads[lo:hi] for x in (b.target if side == "source" else b.source)]
        if not other:
            return 0.0
        mine = self.sentence_vector(side, k)
        others = self.tgt_vecs[other] if side == "source" else self.src_vecs[other]
        return float((others @ mine).max())

    def _bead_index(self, side: str) -> dict[int, int]:
        key = ("bead_of", side)
        if key not in self._windows:
            self._windows[key] = {
                k: i for i, b in enumerate(self.beads) for k in (b.source if side == "source" else b.target)
            }
        return self._windows[key]
