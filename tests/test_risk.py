"""The fitted bead risk: range, monotonic behaviour, determinism, and its model file.

The weights are fit on data (benchmarks/risk_fit), so these tests assert the properties a user
relies on whatever the exact weights are, not particular values.
"""

from __future__ import annotations

import json

import pytest

from align.risk import FEATURES, FLAG_FEATURES, MODEL_PATH, bead_risks, load_model, pair_risk
from align.types import Bead, Flag

EN = "The central bank raised interest rates by a quarter point on Tuesday."
ZH = "央行周二将利率上调了25个基点。"
ZH_SHORT = "央行周二。"


def _flag(severity: str = "critical", confidence: float = 0.9, kind: str = "number") -> Flag:
    return Flag(kind, severity, confidence, "test flag")


def test_model_file_loads_and_is_consistent():
    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert model["features"] == list(FEATURES)
    assert len(model["mean"]) == len(model["scale"]) == len(model["coef"]) == len(FEATURES)
    assert all(s > 0 for s in model["scale"])
    assert "wmt21" in model["comment"] and "fit.py" in model["comment"]
    assert 0.0 < model["threshold"] < 1.0 and 0.0 <= model["null_floor"] <= 1.0
    # a flag may only raise the risk: the fit keeps these weights non-negative
    for name, c in zip(model["features"], model["coef"], strict=True):
        if name in FLAG_FEATURES:
            assert c >= 0.0, name
    assert load_model() == model


@pytest.mark.parametrize("sim", [-0.2, 0.0, 0.3, 0.6, 0.9, 1.0])
def test_range_zero_to_one(sim):
    many = [_flag(s, 1.0, k) for s in ("critical", "major", "minor") for k in ("number", "name", "omission")]
    for flags in ([], many):
        r = pair_risk(flags, sim)
        assert 0.0 <= r <= 1.0
        r = pair_risk(flags, sim, src_text=EN, src_lang="en", tgt_text=ZH, tgt_lang="zh")
        assert 0.0 <= r <= 1.0


def test_critical_flag_raises_risk():
    for sim in (0.4, 0.7, 0.9):
        base = pair_risk([], sim, src_text=EN, src_lang="en", tgt_text=ZH, tgt_lang="zh")
        flagged = pair_risk([_flag()], sim, src_text=EN, src_lang="en", tgt_text=ZH, tgt_lang="zh")
        assert flagged > base


def test_higher_similarity_lowers_risk():
    risks = [pair_risk([], s) for s in (0.2, 0.4, 0.6, 0.8, 0.95)]
    assert all(a > b for a, b in zip(risks, risks[1:], strict=False))
    risks = [pair_risk([_flag("major", 0.8)], s) for s in (0.2, 0.5, 0.9)]
    assert all(a > b for a, b in zip(risks, risks[1:], strict=False))


def test_translation_missing_most_words_is_riskier():
    full = pair_risk([], 0.7, src_text=EN, src_lang="en", tgt_text=ZH, tgt_lang="zh")
    short = pair_risk([], 0.7, src_text=EN, src_lang="en", tgt_text=ZH_SHORT, tgt_lang="zh")
    assert short > full


def test_deterministic():
    args = dict(src_text=EN, src_lang="en", tgt_text=ZH, tgt_lang="zh")
    assert len({pair_risk([_flag()], 0.63, **args) for _ in range(5)}) == 1
    beads = (Bead((0,), (0,), 0.8), Bead((1,), (1,), 0.5), Bead((2,), (), 0.0))
    flags = [[], [_flag("major", 0.7)], []]
    assert bead_risks(beads, flags) == bead_risks(beads, flags)


def test_bead_risks_flagged_beads_rank_first_and_null_beads_are_risky():
    beads = (
        Bead((0,), (0,), 0.85),
        Bead((1,), (1,), 0.35),  # weak pair, but no check found anything
        Bead((2,), (2,), 0.9),  # strong pair with a minor flag
        Bead((3,), (), 0.0),  # sentence left untranslated
        Bead((4,), (3,), 0.88),
    )
    flags = [[], [], [_flag("minor", 0.4, "name")], [], [_flag("critical", 0.9)]]
    texts = [(EN, ZH), (EN, ZH), (EN, ZH), (EN, ""), (EN, ZH)]
    for kwargs in ({}, {"texts": texts, "langs": ("en", "zh")}):
        r = bead_risks(beads, flags, **kwargs)
        assert len(r) == len(beads) and all(0.0 <= x <= 1.0 for x in r)
        assert min(r[2], r[4]) > max(r[0], r[1])
        assert r[4] > r[2]  # the critical flag still outranks the minor one
        assert r[1] > r[0]  # among unflagged beads the weak pair ranks higher
        assert r[3] >= load_model()["null_floor"]


def test_bead_risks_accepts_the_pipeline_call_without_texts():
    beads = (Bead((0,), (0,), 0.7),)
    assert bead_risks(beads, [[]]) == [pair_risk([], 0.7)]
    shifted = bead_risks((beads[0], Bead((1,), (1,), 0.5)), [[], []], doc_relative=True)
    assert shifted[0] != pair_risk([], 0.7) and shifted[0] < shifted[1]
