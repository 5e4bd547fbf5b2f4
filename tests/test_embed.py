"""Embedder backends, the disk cache, the ensemble and input sanitising."""

from __future__ import annotations

import numpy as np
import pytest

from align.embed import get_embedder
from align.embed.base import CachedEmbedder, sanitise
from align.embed.cache import EmbeddingCache
from align.embed.ensemble import EnsembleEmbedder
from align.errors import AlignError


class Counting:
    """A toy backend that records what it was asked to embed."""

    model_id = "counting-1"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts):
        self.seen.extend(texts)
        return np.array([[len(t), 1.0, t.count("a")] for t in texts], dtype=np.float32)


def test_no_string_is_embedded_twice_across_calls_and_runs(tmp_path):
    inner = Counting()
    emb = CachedEmbedder(inner, EmbeddingCache(tmp_path / "c.sqlite"))
    a = emb.encode(["one", "two", "one"])
    b = emb.encode(["two", "three"])
    assert inner.seen == ["one", "two", "three"]
    np.testing.assert_allclose(a[1], b[0])
    np.testing.assert_allclose(np.linalg.norm(a, axis=1), 1.0, rtol=1e-6)
    # a new process (new wrapper, same file) finds everything on disk
    inner2 = Counting()
    again = CachedEmbedder(inner2, EmbeddingCache(tmp_path / "c.sqlite")).encode(["three", "one"])
    assert inner2.seen == []
    np.testing.assert_allclose(again[0], b[1])


def test_sanitise_removes_what_breaks_backends():
    assert sanitise("a\x00b  c\n") == "a b c"
    assert sanitise("x\ud800y") == "x?y"


def test_ensemble_cosine_is_the_mean_of_member_cosines(tmp_path):
    m1 = CachedEmbedder(Counting(), EmbeddingCache(tmp_path / "1.sqlite"))
    ens = EnsembleEmbedder([m1, m1])
    v = ens.encode(["banana", "apple"])
    assert v.shape == (2, 6)
    single = m1.encode(["banana", "apple"])
    assert float(v[0] @ v[1]) == pytest.approx(float(single[0] @ single[1]), rel=1e-5)
    assert ens.model_id == "counting-1+counting-1"


def test_unknown_backend_and_missing_st_model_are_one_line_errors():
    with pytest.raises(AlignError, match="unknown embedder"):
        get_embedder("labse")
    with pytest.raises(AlignError, match="st backend needs a model"):
        get_embedder("st:")


def test_use_backend_puts_translations_close(embedder):
    v = embedder.encode(["The alliance is strong.", "同盟很牢固。", "The weather is cold today."])
    assert v.shape == (3, 512)
    assert float(v[0] @ v[1]) > float(v[0] @ v[2]) + 0.2


def test_e5_backend_is_deterministic_and_multilingual():
    e5 = get_embedder("e5")
    a = e5.encode(["The alliance is strong.", "同盟很牢固。", "Bananas are yellow."])
    b = get_embedder("e5", cache=False).encode(
        ["The alliance is strong.", "同盟很牢固。", "Bananas are yellow."]
    )
    np.testing.assert_allclose(a, b, atol=1e-6)
    assert a.shape == (3, 384)
    assert float(a[0] @ a[1]) > float(a[0] @ a[2])


def test_use_parts_compose_single_sentences_exactly_and_windows_closely(embedder):
    """Composition is the aligner's window shortcut: singles must be exact, windows near the real thing."""
    from align.embed import is_composable
    from align.types import joiner

    assert is_composable(embedder)
    en = [
        "The minister arrived in Tokyo on Sunday.",
        "She met the prime minister for two hours.",
        "Neither side spoke to reporters afterwards.",
        "Trade and security were on the agenda.",
        "A joint statement is expected next week.",
    ]
    zh = [
        "部长周日抵达东京。",
        "她与首相会谈了两个小时。",
        "双方事后都没有对记者发表讲话。",
        "议程包括贸易和安全。",
        "预计下周将发表联合声明。",
    ]
    for lang, sents in (("en", en), ("zh", zh)):
        parts = embedder.encode_parts(sents)
        singles = embedder.compose(parts, np.ones(len(sents)), lang)
        np.testing.assert_allclose(np.sum(singles * embedder.encode(sents), axis=1), 1.0, atol=1e-4)
        for size in (2, 3, 4):
            starts = range(len(sents) - size + 1)
            real = embedder.encode([joiner(lang).join(sents[s : s + size]) for s in starts])
            composed = embedder.compose(
                np.stack([parts[s : s + size].sum(axis=0) for s in starts]), np.full(len(starts), size), lang
            )
            cos = np.sum(real * composed, axis=1)
            assert cos.min() > 0.93, (lang, size, cos)
            # and much closer than the naive stand-in, the normalised sum of sentence vectors
            naive = np.stack([singles[s : s + size].sum(axis=0) for s in starts])
            naive /= np.linalg.norm(naive, axis=1, keepdims=True)
            assert cos.mean() > np.sum(real * naive, axis=1).mean()


def test_parts_are_cached_like_vectors(tmp_path):
    from align.embed.use import USEEmbedder

    inner = USEEmbedder()
    calls = []
    original = inner.encode_parts

    def counting(texts):
        calls.append(list(texts))
        return original(texts)

    inner.encode_parts = counting  # type: ignore[method-assign]
    emb = CachedEmbedder(inner, EmbeddingCache(tmp_path / "c.sqlite"))
    first = emb.encode_parts(["One sentence.", "另一句。", "One sentence."])
    again = CachedEmbedder(inner, EmbeddingCache(tmp_path / "c.sqlite")).encode_parts(["另一句。"])
    assert calls == [["One sentence.", "另一句。"]]
    np.testing.assert_array_equal(first[1], again[0])
    np.testing.assert_array_equal(first[0], first[2])


def test_a_backend_without_parts_is_not_composable(tmp_path):
    from align.embed import is_composable

    assert not is_composable(CachedEmbedder(Counting(), EmbeddingCache(tmp_path / "c.sqlite")))
    assert not is_composable(Counting())
