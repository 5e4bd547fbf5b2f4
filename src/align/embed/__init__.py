"""Sentence embedders behind one small protocol, plus an on-disk cache.

An embedder is anything with ``encode(list[str]) -> ndarray`` of shape (n, d), float32, rows
L2-normalised, and a ``model_id`` string naming the model and its version (the cache key). Built-ins
are looked up by name (``use``, ``e5``, ``st:<name-or-path>``) and imported lazily, so a user without
the ``[st]`` extra never pays for torch. An embedder that also offers ``encode_parts`` and
``compose`` (see ``Composable``; USE does) lets the aligner build multi-sentence window vectors from
per-sentence parts instead of embedding every window.
"""

from align.embed.base import EMBEDDERS, CachedEmbedder, Composable, Embedder, get_embedder, is_composable

__all__ = ["EMBEDDERS", "CachedEmbedder", "Composable", "Embedder", "get_embedder", "is_composable"]
