"""Sentence embedders behind one small protocol, plus an on-disk cache.

An embedder is anything with ``encode(list[str]) -> ndarray`` of shape (n, d), float32, rows
L2-normalised, and a ``model_id`` string naming the model and its version (the cache key). Built-ins
are looked up by name (``use``, ``e5``, ``st:<name-or-path>``) and imported lazily, so a user without
the ``[st]`` extra never pays for torch.
"""

from align.embed.base import EMBEDDERS, CachedEmbedder, Embedder, get_embedder

__all__ = ["EMBEDDERS", "CachedEmbedder", "Embedder", "get_embedder"]
