"""The token-level bead score behind ``--precise`` (``align.aligner.tokenbonus``)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from align.aligner.tokenbonus import TokenBonus, sentence_tokens
from align.pipeline import align_documents
from align.segment import split_sentences


def _unit(rng, n):
    m = rng.normal(size=(n, 8)).astype(np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def _brute(src, tgt, i0, a, j0, b):
    s = np.concatenate(src[i0 : i0 + a])
    t = np.concatenate(tgt[j0 : j0 + b])
    sims = s @ t.T
    return min(sims.max(axis=1).mean(), sims.max(axis=0).mean())


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 4), st.integers(1, 4))
def test_bead_score_equals_the_brute_force_definition(seed, a, b):
    """Whatever order beads are asked in (blocks are widened on demand), the score is the worse
    side's mean best in-bead cosine."""
    rng = np.random.default_rng(seed)
    src = [_unit(rng, int(rng.integers(1, 6))) for _ in range(30)]
    tgt = [_unit(rng, int(rng.integers(1, 6))) for _ in range(30)]
    tb = TokenBonus(src, tgt, reach=2)
    for _ in range(6):
        i0 = int(rng.integers(0, 30 - a + 1))
        j0 = int(rng.integers(0, 30 - b + 1))
        assert abs(tb.score(i0, a, j0, b) - _brute(src, tgt, i0, a, j0, b)) < 1e-5


def test_bonus_is_weighted_and_centred_and_zero_for_null_beads():
    rng = np.random.default_rng(0)
    src = [_unit(rng, 3) for _ in range(5)]
    tgt = [_unit(rng, 3) for _ in range(5)]
    tb = TokenBonus(src, tgt, weight=2.0, centre=0.5)
    js = np.array([2, 3])
    got = tb(1, 1, 2, js)
    want = [2.0 * (_brute(src, tgt, 1, 1, j - 1, 1) - 0.5) for j in js]
    np.testing.assert_allclose(got, want, rtol=1e-5)
    assert not tb(1, 0, 2, js).any() and not tb(0, 1, 2, js).any()


def test_a_clause_moved_to_the_next_sentence_scores_higher_merged():
    """The point of the token score: 他走了 moved into the second English sentence makes the
    2-2 bead cover both sides better than the first 1-1 bead does."""
    zh = ["他昨天去了北京，见了他的老朋友。", "他们一起吃了晚饭。"]
    en = ["Yesterday he went to Beijing.", "He met his old friend, and they had dinner together."]
    toks = sentence_tokens(zh + en)
    tb = TokenBonus(toks[:2], toks[2:])
    assert tb.score(0, 2, 0, 2) > tb.score(0, 1, 0, 1)
    assert all(len(t) > 0 for t in toks)


def test_precise_alignment_keeps_every_sentence_once():
    from align.aligner import AlignParams

    zh_text = "他昨天去了北京。他见了老朋友。他们一起吃了晚饭。天气很好。"
    en_text = (
        "Yesterday he went to Beijing. He met an old friend. They had dinner together. The weather was fine."
    )
    src = split_sentences(en_text, "en", "source")
    tgt = split_sentences(zh_text, "zh", "target")
    beads, *_, timings = align_documents(src, tgt, params=AlignParams(token_weight=1.0))
    assert sorted(k for b in beads for k in b.source) == list(range(len(src.sentences)))
    assert sorted(k for b in beads for k in b.target) == list(range(len(tgt.sentences)))
    assert [(b.source, b.target) for b in beads] == [((k,), (k,)) for k in range(4)]
    assert timings["tokens"] > 0
