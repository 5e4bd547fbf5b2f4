"""The ``Embedder`` protocol, the registry of built-in backends and the caching wrapper."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from align.errors import AlignError


@runtime_checkable
class Embedder(Protocol):
    """Anything that turns sentences into unit vectors; ``model_id`` keys the cache."""

    model_id: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


@runtime_checkable
class Composable(Protocol):
    """An embedder whose vector of joined sentences can be built from per-sentence parts.

    The aligner scores thousands of 2-4 sentence windows; composing them from parts computed once
    per sentence avoids a forward pass per window (see ``align.embed.use``).
    """

    def encode_parts(self, texts: Sequence[str]) -> np.ndarray: ...

    def compose(self, sums: np.ndarray, sizes: np.ndarray, lang: str) -> np.ndarray: ...


def _use(_: str) -> Embedder:
    from align.embed.use import USEEmbedder

    return USEEmbedder()


def _e5(_: str) -> Embedder:
    from align.embed.e5 import E5Embedder

    return E5Embedder()


def _st(spec: str) -> Embedder:
    from align.embed.st import STEmbedder

    name = spec.split(":", 1)[1] if ":" in spec else ""
    if not name:
        raise AlignError("the st backend needs a model: --embedder st:<name-or-local-path>")
    return STEmbedder(name)


EMBEDDERS: dict[str, Callable[[str], Embedder]] = {"use": _use, "e5": _e5, "st": _st}


_SURROGATE = re.compile("[\ud800-\udfff]")


def sanitise(text: str) -> str:
    """Make a string safe for every backend.

    e5 silently truncates at NUL and raises on lone surrogates; whitespace runs carry no meaning.
    """
    text = text.replace("\x00", " ")
    if _SURROGATE.search(text):
        text = text.encode("utf-8", "replace").decode("utf-8")
    return " ".join(text.split())


def normalise_rows(v: np.ndarray) -> np.ndarray:
    """Unit-length float32 rows (a zero row stays zero rather than becoming NaN)."""
    v = np.asarray(v, dtype=np.float32)
    n = np.linalg.norm(v, axis=1, keepdims=True)
    return v / np.maximum(n, 1e-12)


class CachedEmbedder:
    """Wrap an embedder so that no string is embedded twice, in this run or any later one.

    Identical strings inside one call are embedded once; results are stored on disk by
    ``(model_id, sha256(text))`` (see ``align.embed.cache``).
    """

    def __init__(self, inner: Embedder, cache=None) -> None:
        from align.embed.cache import EmbeddingCache

        self.inner = inner
        self.model_id = inner.model_id
        self.cache = cache if cache is not None else EmbeddingCache()
        self.calls = 0
        self.computed = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        return self._cached(texts, self.model_id, lambda missing: normalise_rows(self.inner.encode(missing)))

    def encode_parts(self, texts: Sequence[str]) -> np.ndarray:
        """The inner embedder's composable parts, cached like vectors (under ``model_id#parts``)."""
        parts = self.inner.encode_parts  # type: ignore[attr-defined]
        return self._cached(texts, f"{self.model_id}#parts", parts)

    def _cached(
        self, texts: Sequence[str], key: str, compute: Callable[[list[str]], np.ndarray]
    ) -> np.ndarray:
        """Rows for ``texts`` from the disk cache under ``key``, computing (once) only the missing ones."""
        texts = [sanitise(t) for t in texts]
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        unique = list(dict.fromkeys(texts))
        found = self.cache.get_many(key, unique) if self.cache else {}
        missing = [t for t in unique if t not in found]
        if missing:
            new = dict(zip(missing, np.asarray(compute(missing), dtype=np.float32), strict=True))
            self.computed += len(missing)
            if self.cache:
                self.cache.put_many(key, new)
            found.update(new)
        return np.stack([found[t] for t in texts]).astype(np.float32, copy=False)

    def compose(self, sums: np.ndarray, sizes: np.ndarray, lang: str) -> np.ndarray:
        return self.inner.compose(sums, sizes, lang)  # type: ignore[attr-defined]

    @property
    def composable(self) -> bool:
        return isinstance(self.inner, Composable)


def is_composable(emb: object) -> bool:
    """Whether ``emb`` can build window vectors from per-sentence parts (a cache wraps its inner one)."""
    if isinstance(emb, CachedEmbedder):
        return emb.composable
    return isinstance(emb, Composable)


def get_embedder(spec: str | Embedder = "use", *, cache: bool = True) -> Embedder:
    """Resolve a backend name (or pass an instance through) and wrap it in the disk cache."""
    if not isinstance(spec, str):
        inner = spec
    elif "+" in spec:
        from align.embed.ensemble import EnsembleEmbedder

        # each member is cached on its own, so the ensemble itself is not wrapped again
        return EnsembleEmbedder([get_embedder(part, cache=cache) for part in spec.split("+")])
    else:
        key = spec.split(":", 1)[0]
        if key not in EMBEDDERS:
            raise AlignError(
                f"unknown embedder {spec!r}; choose one of: use, e5, st:<name-or-path> "
                "(or several joined by +, e.g. use+e5)"
            )
        inner = EMBEDDERS[key](spec)
    from align.embed.ensemble import EnsembleEmbedder

    if isinstance(inner, CachedEmbedder | EnsembleEmbedder) or not cache:
        return inner
    return CachedEmbedder(inner)
