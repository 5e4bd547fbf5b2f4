"""USE vectors of words and short phrases, memoised in memory (and, for sentence remainders, on disk).

The span checks (``clause``, ``divergence``) embed every word, two-word phrase and leave-one-out
rest of a bead; keeping the words and phrases in the project's disk cache would add ~2 kB per
string for little reuse, so they live for the process only, bounded in size. The clause check's
rests (a sentence without one of its clauses, a few per bead) are kept on disk as well
(:meth:`MemoEmbedder.encode_kept`): a second run on the same document then needs no model at all
(loading USE took 2 s of a 36-sentence document's run, embedding the rests most of the clause
check's time on the Bible).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from align.embed.base import Embedder, get_embedder, normalise_rows, sanitise

# The disk cache's key for the rests: apart from sentence vectors, so that a rest equal to a
# sentence keeps the vector it always had (USE's vectors vary in the last bits with the batch).
KEPT_SUFFIX = "#rest"


class MemoEmbedder:
    """An uncached USE encoder with an in-memory memo of at most ``limit`` strings."""

    def __init__(self, limit: int = 20000, inner: Embedder | None = None) -> None:  # 20k x 512 floats = 40 MB
        self._inner = inner if inner is not None else get_embedder("use", cache=False)
        self.model_id = self._inner.model_id
        self._memo: dict[str, np.ndarray] = {}
        self._limit = limit
        self._disk = None  # the embedding cache, opened on the first encode_kept

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, disk=False)

    def encode_kept(self, texts: Sequence[str]) -> np.ndarray:
        """Like :meth:`encode`, and what the memo lacks is read from (and added to) the disk cache."""
        return self._encode(texts, disk=True)

    def _encode(self, texts: Sequence[str], *, disk: bool) -> np.ndarray:
        clean = [sanitise(t) for t in texts]
        unique = list(dict.fromkeys(clean))
        found = {t: self._memo[t] for t in unique if t in self._memo}
        missing = [t for t in unique if t not in found]
        stored: dict[str, np.ndarray] = {}
        if missing and disk:
            stored = self._disk_cache().get_many(self.model_id + KEPT_SUFFIX, missing)
            missing = [t for t in missing if t not in stored]
        new = dict(zip(missing, normalise_rows(self._inner.encode(missing)), strict=True)) if missing else {}
        if new and disk:
            self._disk_cache().put_many(self.model_id + KEPT_SUFFIX, new)
        new.update(stored)
        if new:
            if len(self._memo) + len(new) > self._limit:
                self._memo.clear()  # crude but bounded; a document's words come back soon enough
            self._memo.update(new)
            found.update(new)
        return np.stack([found[t] for t in clean]) if clean else np.zeros((0, 512), np.float32)

    def _disk_cache(self):  # noqa: ANN202 - align.embed.cache.EmbeddingCache
        if self._disk is None:
            from align.embed.cache import EmbeddingCache

            self._disk = EmbeddingCache()
        return self._disk
