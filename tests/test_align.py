"""The aligner on a hand-written pair (merge, split, omission, addition) and its invariants."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.aligner import AlignParams, Band, align_vectors, anchor_path, banded_dp
from align.pipeline import align_documents
from align.segment import split_sentences

EN = """The city council met on Monday to discuss the new water plan.
The plan would replace old pipes across the northern districts.
Engineers said the work could take five years.
Residents complained about the noise. They also worried about traffic.
The mayor defended the project in a long speech.
She promised that no family would lose water for more than a day.
The opposition leader called the budget unrealistic and said the city could not afford it.
He asked the council to delay the vote.
The council approved the plan by a narrow margin.
Work will begin next spring."""

ZH = """市议会周一开会讨论新的供水计划。
该计划将更换北部各区的旧水管。
居民们抱怨噪音，也担心交通问题。
市长发表长篇讲话为该项目辩护。
她承诺，任何家庭的停水时间都不会超过一天。
反对党领袖称预算不切实际。他说该市负担不起。
他要求市议会推迟表决。
市议会以微弱多数批准了该计划。
工程将于明年春天开始。
另外，市政府还计划新建一座公园。"""
# en 2 ("Engineers said the work could take five years.") is omitted; en 3+4 -> zh 2 (merge, 2-1);
# en 7 is split into zh 5 and zh 6 (1-2); zh 10 (the park) is added.


@pytest.fixture(scope="module")
def docs():
    src = split_sentences(EN, "en", "source", presplit=False)
    tgt = split_sentences(ZH, "zh", "target", presplit=False)
    return src, tgt


def test_hand_written_pair(docs, embedder):
    src, tgt = docs
    assert len(src) == 11 and len(tgt) == 11
    beads, *_ = align_documents(src, tgt, embedder=embedder)
    got = [(b.source, b.target) for b in beads]
    assert got == [
        ((0,), (0,)),
        ((1,), (1,)),
        ((2,), ()),  # "Engineers said the work could take five years." has no translation
        ((3, 4), (2,)),  # merge: two English sentences, one Chinese
        ((5,), (3,)),
        ((6,), (4,)),
        ((7,), (5, 6)),  # the budget sentence, split in two
        ((8,), (7,)),
        ((9,), (8,)),
        ((10,), (9,)),
        ((), (10,)),  # the park sentence was added
    ]


def test_every_sentence_in_exactly_one_bead_in_order(docs, embedder):
    src, tgt = docs
    beads, *_ = align_documents(src, tgt, embedder=embedder)
    assert [k for b in beads for k in b.source] == list(range(len(src)))
    assert [k for b in beads for k in b.target] == list(range(len(tgt)))
    assert all(len(b.source) <= 4 and len(b.target) <= 4 for b in beads)


def _random_unit(rng, n, d=16):
    v = rng.normal(size=(n, d)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 40), st.integers(0, 40), st.integers(0, 2**31 - 1), st.booleans())
def test_partition_invariant_on_random_vectors(n, m, seed, windows):
    rng = np.random.default_rng(seed)
    src, tgt = _random_unit(rng, n), _random_unit(rng, m)
    beads = align_vectors(src, tgt, rng.integers(1, 200, n), rng.integers(1, 80, m), langs=("en", "zh"))
    assert [k for b in beads for k in b.source] == list(range(n))
    assert [k for b in beads for k in b.target] == list(range(m))


def test_identity_alignment_and_long_documents_stay_banded(monkeypatch):
    """A long document goes through the coarse-to-fine anchor pass and still finds the diagonal."""
    import align.aligner.dp as mod

    monkeypatch.setattr(mod, "FULL_MATRIX_LIMIT", 10_000)
    monkeypatch.setattr(mod, "COARSE_SIZE", 50)
    rng = np.random.default_rng(0)
    src = _random_unit(rng, 400, 32)
    noise = _random_unit(rng, 400, 32)
    tgt = src + 0.3 * noise
    tgt /= np.linalg.norm(tgt, axis=1, keepdims=True)
    path = anchor_path(src, tgt, AlignParams())
    assert path == [((i,), (i,)) for i in range(400)]


def test_banded_dp_respects_the_band():
    band = Band.around([(0, 0), (1, 1), (2, 2), (3, 3)], 3, 3, 0)
    seen = []

    def score(a, b, i, js):
        seen.extend((i, int(j)) for j in js)
        return np.full(len(js), 1.0 if a and b else -1.0)

    shapes = banded_dp(3, 3, band, [(1, 0), (0, 1), (1, 1)], score)
    assert shapes == [(1, 1)] * 3
    assert all(abs(i - j) <= 1 for i, j in seen)


def test_document_length_mean_is_clipped_around_the_prior():
    from align.aligner import LENGTH_ADAPT_MAX, document_length_mean

    prior = 1.35
    assert document_length_mean(100.0, 100.0 * np.exp(prior + 0.2), prior) == pytest.approx(prior + 0.2)
    assert document_length_mean(100.0, 100.0 * np.exp(prior + 3.0), prior) == pytest.approx(
        prior + LENGTH_ADAPT_MAX
    )
    assert document_length_mean(100.0, 100.0, prior) == pytest.approx(prior - LENGTH_ADAPT_MAX)
    assert document_length_mean(0.0, 50.0, prior) == prior


def _split_translation(seed: int, noise: float, scale: float):
    """40 source sentences, every third split in two on the target side; target lengths x ``scale``."""
    rng = np.random.default_rng(seed)
    src = _random_unit(rng, 40, 32)
    tgt, src_lens, tgt_lens, gold = [], [], [], []
    for i in range(40):
        length = int(rng.integers(10, 40))
        src_lens.append(length)
        k = 2 if i % 3 == 0 else 1
        gold.append(((i,), tuple(range(len(tgt), len(tgt) + k))))
        for _ in range(k):
            tgt.append(src[i] + noise * rng.normal(size=32) / np.sqrt(32))
            tgt_lens.append(int(scale * length * np.exp(1.35) / k))
    tgt_m = np.array(tgt)
    tgt_m /= np.linalg.norm(tgt_m, axis=1, keepdims=True)
    return src, tgt_m, src_lens, tgt_lens, gold


def test_length_model_follows_the_documents_own_ratio():
    """A translator who writes 1.6x longer than the prior expects must not cost beads: with the
    adapted length model the alignment is the same as at the prior's ratio, and better than with
    the fixed prior, which pushes split sentences into the wrong neighbour."""

    def hits(scale: float, adapt: bool) -> tuple[int, list]:
        src, tgt, sl, tl, gold = _split_translation(0, 2.0, scale)
        beads = align_vectors(src, tgt, sl, tl, langs=("zh", "en"), params=AlignParams(adapt_length=adapt))
        got = [(b.source, b.target) for b in beads]
        return sum(b in gold for b in got), got

    base_hits, base = hits(1.0, True)
    long_hits, long = hits(1.6, True)
    fixed_hits, _ = hits(1.6, False)
    assert long == base
    assert long_hits > fixed_hits


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 7), st.integers(1, 7), st.integers(0, 2**31 - 1))
def test_banded_dp_finds_the_best_path_on_a_full_band(n, m, seed):
    """Against a plain cell-by-cell DP: the vectorised 0-1 steps must not change the optimum."""
    rng = np.random.default_rng(seed)
    shapes = [(1, 0), (0, 1), (1, 1), (1, 2), (2, 1), (2, 2)]
    table = {s: rng.normal(size=(n + 1, m + 1)) for s in shapes}

    def score(a, b, i, js):
        return table[(a, b)][i, js]

    best = np.full((n + 1, m + 1), -np.inf)
    best[0, 0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            for a, b in shapes:
                if i - a >= 0 and j - b >= 0 and best[i - a, j - b] > -np.inf:
                    best[i, j] = max(best[i, j], best[i - a, j - b] + table[(a, b)][i, j])
    path = banded_dp(n, m, Band.full(n, m), shapes, score)
    total, i, j = 0.0, 0, 0
    for a, b in path:
        i, j = i + a, j + b
        total += table[(a, b)][i, j]
    assert (i, j) == (n, m)
    assert total == pytest.approx(best[n, m], abs=1e-9)


def test_bead_bonus_is_a_second_opinion_the_dp_follows():
    """``bead_bonus`` adds to a bead's score: a strong bonus for one 2-2 bead makes the DP merge
    there, a zero bonus changes nothing, and the partition invariant holds either way."""
    rng = np.random.default_rng(3)
    n = 12
    src = rng.normal(size=(n, 16)).astype(np.float32)
    src /= np.linalg.norm(src, axis=1, keepdims=True)
    tgt = src + 0.05 * rng.normal(size=src.shape).astype(np.float32)
    tgt /= np.linalg.norm(tgt, axis=1, keepdims=True)
    lens = [40] * n
    plain = align_vectors(src, tgt, lens, lens, langs=("en", "en"))
    assert [(b.source, b.target) for b in plain] == [((k,), (k,)) for k in range(n)]

    def zero(a, b, i, js):
        return np.zeros(js.shape[0])

    same = align_vectors(src, tgt, lens, lens, langs=("en", "en"), bead_bonus=zero)
    assert [(b.source, b.target) for b in same] == [(b.source, b.target) for b in plain]

    def merge_4_5(a, b, i, js):
        return np.where((a == 2) & (b == 2) & (i == 6) & (js == 6), 10.0, 0.0)

    merged = align_vectors(src, tgt, lens, lens, langs=("en", "en"), bead_bonus=merge_4_5)
    pairs = [(b.source, b.target) for b in merged]
    assert ((4, 5), (4, 5)) in pairs
    assert sorted(k for b in merged for k in b.source) == list(range(n))
