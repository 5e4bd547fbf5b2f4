"""USE vectors of words and short phrases, memoised in memory only.

The span checks (``clause``, ``divergence``) embed every word, two-word phrase and leave-one-out
rest of a bead; keeping those in the project's disk cache would add ~2 kB per string for little
reuse, so they live for the process only, bounded in size.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from align.embed.base import Embedder, get_embedder, normalise_rows, sanitise


class MemoEmbedder:
    """An uncached USE encoder with an in-memory memo of at most ``limit`` strings."""

    def __init__(self, limit: int = 20000, inner: Embedder | None = None) -> None:  # 20k x 512 floats = 40 MB
        self._inner = inner if inner is not None else get_embedder("use", cache=False)
        self.model_id = self._inner.model_id
        self._memo: dict[str, np.ndarray] = {}
        self._limit = limit

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        clean = [sanitise(t) for t in texts]
        unique = list(dict.fromkeys(clean))
        found = {t: self._memo[t] for t in unique if t in self._memo}
        missing = [t for t in unique if t not in found]
        if missing:
            new = dict(zip(missing, normalise_rows(self._inner.encode(missing)), strict=True))
            if len(self._memo) + len(new) > self._limit:
                self._memo.clear()  # crude but bounded; a document's words come back soon enough
            self._memo.update(new)
            found.update(new)
        return np.stack([found[t] for t in clean]) if clean else np.zeros((0, 512), np.float32)
