"""Several embedders as one: ``use+e5`` concatenates their unit vectors (scaled by 1/sqrt(k)).

The cosine of two concatenated vectors is the mean of the members' cosines, so models that err
differently can vote. Each member keeps its own cache entries.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from align.embed.base import Embedder


class EnsembleEmbedder:
    def __init__(self, members: Sequence[Embedder]) -> None:
        self.members = list(members)
        self.model_id = "+".join(m.model_id for m in self.members)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        parts = [m.encode(texts) for m in self.members]
        return np.concatenate(parts, axis=1) / np.sqrt(len(parts))
