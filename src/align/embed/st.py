"""sentence-transformers backend for users who have LaBSE or another model in a local folder.

Needs the ``[st]`` extra. The hub is never contacted: a name that is not a local folder must
already be in the user's Hugging Face cache.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np

from align.errors import AlignError


class STEmbedder:
    def __init__(self, name: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise AlignError('the st backend needs sentence-transformers: pip install "align[st]"') from None
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            self._model = SentenceTransformer(name, device="cpu")
        except Exception as e:  # the library raises many kinds for a missing model
            raise AlignError(
                f"cannot load sentence-transformers model {name!r} offline: {e}".splitlines()[0]
            ) from None
        self.model_id = f"st-{os.path.abspath(name) if os.path.isdir(name) else name}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        v = self._model.encode(list(texts), batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
        return np.asarray(v, dtype=np.float32)
