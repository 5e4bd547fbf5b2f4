"""The alignment metric on hand-worked examples, properties, and the published Bertalign figures.

Every expected number below is derived by hand in the comments so a change in the metric shows up
as a disagreement with arithmetic anyone can redo, not with a number copied from the code.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align.bench.datasets import data_root, load_set
from align.bench.metric import Scores, merge_by_verse, score

ROOT = data_root()
needs_data = pytest.mark.skipif(
    ROOT is None, reason="evaluation data not found (../shared/data or $ALIGN_DATA); real-data check skipped"
)


def approx(x: float) -> object:
    return pytest.approx(x, abs=1e-12)


# --------------------------------------------------------------------------------------------------
# Hand-worked cases
# --------------------------------------------------------------------------------------------------


def test_perfect_match() -> None:
    gold = [([0], [0]), ([1, 2], [1]), ([3], []), ([], [2])]
    s = score([gold], [gold])
    # Precision judges all 4 beads (nulls included), all identical -> 4/4.
    # Recall drops the two null beads and judges 2 gold beads, both found -> 2/2.
    assert (s.n_pred, s.n_pred_strict, s.n_pred_lax) == (4, 4, 4)
    assert (s.n_gold, s.n_gold_strict, s.n_gold_lax) == (2, 2, 2)
    for v in (s.strict_p, s.strict_r, s.strict_f1, s.lax_p, s.lax_r, s.lax_f1):
        assert v == approx(1.0)


def test_two_to_one_predicted_as_one_one_plus_one_zero() -> None:
    gold = [([0, 1], [0]), ([2], [1])]
    pred = [([0], [0]), ([1], []), ([2], [1])]
    s = score([pred], [gold])
    # Precision, 3 beads:
    #   [0]:[0]  not in gold; gold links 0 -> {0}; {0} & {0} non-empty -> lax only
    #   [1]:[]   null bead not in gold -> wrong (strict and lax)
    #   [2]:[1]  identical in gold -> strict (and lax)
    #   strict P = 1/3, lax P = 2/3
    # Recall, gold non-null [0,1]:[0], [2]:[1] against pred non-null [0]:[0], [2]:[1]:
    #   [0,1]:[0] not predicted; pred links 0 -> {0}, 1 -> {} ; {0} & {0} -> lax only
    #   [2]:[1]   strict
    #   strict R = 1/2, lax R = 2/2
    # strict F1 = 2 * 1/3 * 1/2 / (1/3 + 1/2) = (1/3) / (5/6) = 2/5
    # lax F1    = 2 * 2/3 * 1 / (2/3 + 1)     = (4/3) / (5/3) = 4/5
    assert (s.n_pred, s.n_pred_strict, s.n_pred_lax) == (3, 1, 2)
    assert (s.n_gold, s.n_gold_strict, s.n_gold_lax) == (2, 1, 2)
    assert s.strict_p == approx(1 / 3)
    assert s.strict_r == approx(1 / 2)
    assert s.strict_f1 == approx(2 / 5)
    assert s.lax_p == approx(2 / 3)
    assert s.lax_r == approx(1.0)
    assert s.lax_f1 == approx(4 / 5)


def test_wrong_merge_of_two_one_to_one_beads() -> None:
    gold = [([0], [0]), ([1], [1]), ([2], [2])]
    pred = [([0, 1], [0, 1]), ([2], [2])]
    s = score([pred], [gold])
    # Precision, 2 beads: [0,1]:[0,1] not in gold, gold links {0,1} -> {0,1}, overlaps -> lax only;
    #   [2]:[2] strict.  strict P = 1/2, lax P = 1.
    # Recall, 3 gold beads: [0]:[0] and [1]:[1] not predicted, pred links 0 -> {0,1} and 1 -> {0,1},
    #   each overlaps its gold target -> lax only; [2]:[2] strict.  strict R = 1/3, lax R = 1.
    # strict F1 = 2 * 1/2 * 1/3 / (1/2 + 1/3) = (1/3) / (5/6) = 2/5; lax F1 = 1.
    assert (s.n_pred, s.n_pred_strict, s.n_pred_lax) == (2, 1, 2)
    assert (s.n_gold, s.n_gold_strict, s.n_gold_lax) == (3, 1, 3)
    assert s.strict_f1 == approx(2 / 5)
    assert s.lax_f1 == approx(1.0)


def test_crossed_beads_are_wrong_even_lax_and_zero_over_zero_is_zero() -> None:
    gold = [([0], [0]), ([1], [1])]
    pred = [([0], [1]), ([1], [0])]
    s = score([pred], [gold])
    # [0]:[1]: gold links 0 -> {0}, no overlap with {1}; same for [1]:[0]. Recall likewise.
    # P = R = 0 for both, and F1 = 0/0 is reported as 0.
    assert (s.n_pred_strict, s.n_pred_lax, s.n_gold_strict, s.n_gold_lax) == (0, 0, 0, 0)
    assert s.strict_f1 == 0.0 and s.lax_f1 == 0.0


def test_null_beads_right() -> None:
    gold = [([0], [0]), ([1], []), ([], [1]), ([2], [2])]
    s = score([list(gold)], [gold])
    # Precision judges 4 beads incl. the two nulls, all identical -> 1. Recall judges only the 2
    # non-null gold beads -> 1.
    assert (s.n_pred, s.n_pred_strict, s.n_pred_lax) == (4, 4, 4)
    assert (s.n_gold, s.n_gold_strict) == (2, 2)
    assert s.strict_f1 == approx(1.0)


def test_null_beads_wrong() -> None:
    gold = [([0], [0]), ([1], [1])]
    pred = [([0], [0]), ([1], []), ([], [1])]
    s = score([pred], [gold])
    # Precision, 3 beads: [0]:[0] strict; [1]:[] is a null bead absent from gold -> wrong even lax
    #   (gold links 1 -> {1}, but the bead has no target to intersect); []:[1] has no source id,
    #   so gold links it to nothing -> wrong.  strict P = lax P = 1/3.
    # Recall: gold [0]:[0] strict; gold [1]:[1] against pred non-null [0]:[0] only: pred links
    #   1 -> {} -> wrong.  strict R = lax R = 1/2.
    # F1 = 2 * 1/3 * 1/2 / (5/6) = 2/5 (strict and lax).
    assert (s.n_pred, s.n_pred_strict, s.n_pred_lax) == (3, 1, 1)
    assert (s.n_gold, s.n_gold_strict, s.n_gold_lax) == (2, 1, 1)
    assert s.strict_f1 == approx(2 / 5)
    assert s.lax_f1 == approx(2 / 5)


def test_null_bead_in_gold_that_prediction_misses() -> None:
    gold = [([0], [0]), ([1], [])]
    pred = [([0, 1], [0])]
    s = score([pred], [gold])
    # Precision, 1 bead: [0,1]:[0] not in gold; gold links 0 -> {0}, 1 -> {} -> overlap -> lax only.
    # Recall: gold's null bead is dropped; [0]:[0] not predicted; pred links 0 -> {0} -> lax only.
    # strict P = R = 0; lax P = R = 1. The lax score forgives swallowing an omission.
    assert (s.n_pred, s.n_pred_strict, s.n_pred_lax) == (1, 0, 1)
    assert (s.n_gold, s.n_gold_strict, s.n_gold_lax) == (1, 0, 1)
    assert s.strict_f1 == 0.0
    assert s.lax_f1 == approx(1.0)


def test_empty_bead_is_ignored() -> None:
    gold = [([0], [0]), ([1], [1])]
    pred = [([0], [0]), ([], []), ([1], [1])]
    s = score([pred], [gold])
    # []:[] is skipped: 2 beads judged, both strict.
    assert s.n_pred == 2 and s.strict_f1 == approx(1.0)


def test_pooling_over_documents_differs_from_averaging() -> None:
    gold_a = [([0], [0])]
    pred_a = [([0], [0])]
    gold_b = [([0], [0]), ([1], [1]), ([2], [2])]
    pred_b = [([0, 1, 2], [0, 1, 2])]
    # Doc A alone: P = R = F1 = 1.  Doc B alone: strict P = 0/1, R = 0/3, F1 = 0.
    # Mean of the two F1s = 0.5 (mean P = mean R = 0.5 gives 0.5 as well).
    # Pooled: strict P = (1+0)/(1+1) = 1/2, strict R = (1+0)/(1+3) = 1/4,
    #   strict F1 = 2 * 1/2 * 1/4 / (3/4) = 1/3.
    s = score([pred_a, pred_b], [gold_a, gold_b])
    assert (s.n_pred, s.n_pred_strict, s.n_gold, s.n_gold_strict) == (2, 1, 4, 1)
    assert s.strict_p == approx(1 / 2)
    assert s.strict_r == approx(1 / 4)
    assert s.strict_f1 == approx(1 / 3)
    a, b = score([pred_a], [gold_a]), score([pred_b], [gold_b])
    assert (a.strict_f1 + b.strict_f1) / 2 == approx(0.5)
    assert s.strict_f1 != pytest.approx((a.strict_f1 + b.strict_f1) / 2)


def test_as_dict_and_bead_objects() -> None:
    from align.types import Bead

    gold = [([0], [0]), ([1], [1])]
    pred = [Bead((0,), (0,)), Bead((1,), (1,), score=0.3)]
    s = score([pred], [gold])
    d = s.as_dict()
    assert isinstance(s, Scores)
    assert d["strict_f1"] == approx(1.0) and d["n_pred"] == 2
    assert set(d) >= {"strict_p", "strict_r", "strict_f1", "lax_p", "lax_r", "lax_f1"}


def test_argument_errors() -> None:
    gold = [([0], [0])]
    with pytest.raises(ValueError, match="documents"):
        score([gold, gold], [gold])
    with pytest.raises(TypeError, match="list of documents"):
        score(gold, gold)  # one document's beads instead of a list of documents
    with pytest.raises(ValueError, match="verse"):
        score([gold], [gold], verse=[])


# --------------------------------------------------------------------------------------------------
# Verse merge
# --------------------------------------------------------------------------------------------------

SRC_V = ["v1", "v1", "v2", "v3"]
TGT_V = ["v1", "v2", "v2", "v3", "v3"]


def test_merge_by_verse_merges_runs_inside_one_verse() -> None:
    pred = [([0], [0]), ([1], []), ([2], [1]), ([], [2]), ([3], [3]), ([], [4])]
    # [0]:[0] is in v1; [1]:[] has source verse v1 and its null side takes v1 -> merged.
    # [2]:[1] v2, []:[2] v2 -> merged.  [3]:[3] v3, []:[4] v3 -> merged.
    assert merge_by_verse(pred, SRC_V, TGT_V) == [((0, 1), (0,)), ((2,), (1, 2)), ((3,), (3, 4))]


def test_merge_by_verse_leaves_cross_verse_and_non_consecutive_beads() -> None:
    # [0,2]:[0] spans v1 and v2 on the source side -> no verse, kept as it is.
    assert merge_by_verse([([0, 2], [0]), ([3], [3])], SRC_V, TGT_V) == [((0, 2), (0,)), ((3,), (3,))]
    # Both sides inside one verse each, but different verses (a vs b): not inside any verse.
    assert merge_by_verse([([0], [0]), ([1], [1])], ["a", "a"], ["b", "b"]) == [((0,), (0,)), ((1,), (1,))]
    # Same verse but not consecutive (v1, v2, v1): only consecutive beads merge.
    beads = [([0], []), ([], [0]), ([1], [])]
    assert merge_by_verse(beads, ["v1", "v1"], ["v2"]) == [((0,), ()), ((), (0,)), ((1,), ())]
    # An empty bead has no verse and is passed through.
    assert merge_by_verse([([], [])], [], []) == [((), ())]


def test_merge_by_verse_rejects_ids_beyond_verse_lists() -> None:
    with pytest.raises(ValueError, match="beyond"):
        merge_by_verse([([5], [0])], SRC_V, TGT_V)


def test_score_with_verse_merge() -> None:
    gold = [([0, 1], [0]), ([2], [1, 2]), ([3], [3, 4])]
    pred = [([0], [0]), ([1], []), ([2], [1]), ([], [2]), ([3], [3]), ([], [4])]
    # Without merging, precision judges 6 beads: the three 1-1 beads are lax-correct (each shares
    # a source and a target sentence with a gold bead), the three null beads are wrong, none is
    # strict -> strict P = 0, lax P = 3/6.
    plain = score([pred], [gold])
    assert (plain.n_pred, plain.n_pred_strict, plain.n_pred_lax) == (6, 0, 3)
    assert plain.strict_f1 == 0.0
    # Merged, the prediction equals gold -> 1.0.
    merged = score([pred], [gold], verse=[(SRC_V, TGT_V)])
    assert merged.n_pred == 3 and merged.strict_f1 == approx(1.0)
    # A None entry leaves that document unmerged.
    assert score([pred], [gold], verse=[None]) == plain


# --------------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------------

_shapes = st.lists(
    st.tuples(st.integers(0, 3), st.integers(0, 3)).filter(lambda ab: ab != (0, 0)), min_size=1, max_size=25
)


def _alignment(shapes: list[tuple[int, int]]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """A monotone alignment whose bead sizes are ``shapes``."""
    i = j = 0
    out = []
    for a, b in shapes:
        out.append((tuple(range(i, i + a)), tuple(range(j, j + b))))
        i, j = i + a, j + b
    return out


@given(_shapes)
def test_gold_against_itself_is_perfect(shapes: list[tuple[int, int]]) -> None:
    gold = _alignment(shapes)
    s = score([gold], [gold])
    assert s.strict_p == 1.0 and s.lax_p == 1.0
    if any(src and tgt for src, tgt in gold):
        assert s.strict_f1 == 1.0 and s.lax_f1 == 1.0
    else:  # only null beads: nothing to recall, R = 0/0 -> 0
        assert s.n_gold == 0 and s.strict_r == 0.0


@given(_shapes, _shapes)
def test_counts_are_ordered(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> None:
    s = score([_alignment(a)], [_alignment(b)])
    assert 0 <= s.n_pred_strict <= s.n_pred_lax <= s.n_pred
    assert 0 <= s.n_gold_strict <= s.n_gold_lax <= s.n_gold
    assert s.strict_f1 <= s.lax_f1 + 1e-12


# --------------------------------------------------------------------------------------------------
# Published figures on the real data
# --------------------------------------------------------------------------------------------------


@needs_data
def test_bertalign_reproduces_published_mac_dev_figure() -> None:
    docs = load_set("mac-dev", ROOT)
    s = score([d.bertalign for d in docs], [d.gold for d in docs])
    assert s.strict_f1 == pytest.approx(0.911, abs=0.002)
    assert s.lax_f1 == pytest.approx(0.998, abs=0.002)
    g = score([d.gold for d in docs], [d.gold for d in docs])
    assert g.strict_f1 == 1.0 and g.lax_f1 == 1.0


@needs_data
def test_bertalign_reproduces_published_bible_figure_with_verse_merge() -> None:
    docs = load_set("bible", ROOT)
    verse = [(d.src_verse, d.tgt_verse) for d in docs]
    s = score([d.bertalign for d in docs], [d.gold for d in docs], verse=verse)
    # Published 0.979; the stored output scores 0.9776 with the reference merge and metric.
    assert s.strict_f1 == pytest.approx(0.978, abs=0.002)
    unmerged = score([d.bertalign for d in docs], [d.gold for d in docs])
    assert unmerged.strict_f1 < s.strict_f1 - 0.03  # the merge matters on verse-level gold
    g = score([d.gold for d in docs], [d.gold for d in docs], verse=verse)
    assert g.strict_f1 == 1.0


def test_roc_auc_by_hand():
    from align.bench.metric import roc_auc

    # positives 0.9, 0.4; negatives 0.5, 0.1: of the 4 (pos, neg) pairs, 3 are ordered right
    assert roc_auc([0.9, 0.4, 0.5, 0.1], [True, True, False, False]) == pytest.approx(0.75)
    # a tie between a positive and a negative counts half: (1 + 0.5) / 2
    assert roc_auc([0.7, 0.3, 0.3], [True, True, False]) == pytest.approx(0.75)
    assert roc_auc([0.1, 0.2], [False, True]) == 1.0
    assert math.isnan(roc_auc([0.1, 0.2], [True, True]))
