"""The fitted bead risk: range, monotonic behaviour, calibration keys, determinism, its model file.

The weights are fit on data (benchmarks/risk_fit), so these tests assert the properties a user
relies on whatever the exact weights are, not particular values.
"""

from __future__ import annotations

import dataclasses
import json

import pytest

from align.risk import (
    FEATURES,
    FLAG_CHECKS,
    FLAG_FEATURES,
    MODEL_PATH,
    bead_risks,
    flag_features,
    link_features,
    load_model,
    pair_risk,
)
from align.types import Bead, Flag

EN = "The central bank raised interest rates by a quarter point on Tuesday."
ZH = "央行周二将利率上调了25个基点。"
ZH_SHORT = "央行周二。"
ZH_ADDED = "央行周二将利率上调了25个基点，足球队昨晚在雨中赢得了冠军比赛。"
TEXT = dict(src_text=EN, src_lang="en", tgt_text=ZH, tgt_lang="zh")


def _flag(severity: str = "critical", confidence: float = 0.9, kind: str = "number", check: str = "") -> Flag:
    return Flag(kind, severity, confidence, "test flag", check=check)


def test_model_file_loads_and_is_consistent():
    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert model["features"] == list(FEATURES)
    assert len(model["mean"]) == len(model["scale"]) == len(model["coef"]) == len(FEATURES)
    assert all(s > 0 for s in model["scale"])
    prov = model["_provenance"]
    assert "fit.py" in prov and "newstest2021" in prov.lower() and "NTREX" in prov
    assert "wmt21-ced-enzh" in prov  # named only as never fit on
    cal = model["calibration"]
    assert cal["method"] == "platt" and cal["a"] > 0.0 and isinstance(cal["b"], float)
    assert 0.0 < model["threshold"] < 1.0 and 0.0 <= model["null_floor"] <= 1.0
    assert 0.0 < model["flag_floor"] < 1.0
    # a flag may only raise the risk: the fit keeps these weights non-negative
    for name, c in zip(model["features"], model["coef"], strict=True):
        if name in FLAG_FEATURES:
            assert c >= 0.0, name
    assert load_model() == model


@pytest.mark.parametrize("sim", [-0.2, 0.0, 0.3, 0.6, 0.9, 1.0])
def test_range_zero_to_one(sim):
    many = [_flag(s, 1.0, k) for s in ("critical", "major", "minor") for k in ("number", "name", "omission")]
    for flags in ([], many):
        for calibrated in (False, True):
            r = pair_risk(flags, sim, calibrated=calibrated)
            assert 0.0 <= r <= 1.0
            r = pair_risk(flags, sim, calibrated=calibrated, **TEXT)
            assert 0.0 <= r <= 1.0


@pytest.mark.parametrize("check", [*FLAG_CHECKS, "coverage"])
def test_monotonic_in_a_flags_confidence(check):
    """The calibrated probability never falls as a flag's confidence rises, whatever check raised it."""
    kind = {"number": "number", "name": "name"}.get(check, "mistranslation")
    risks = [
        pair_risk([_flag("major", c, kind, check)], 0.7, calibrated=True, **TEXT)
        for c in (0.1, 0.4, 0.7, 1.0)
    ]
    assert all(a <= b for a, b in zip(risks, risks[1:], strict=False))
    assert risks[-1] > pair_risk([], 0.7, calibrated=True, **TEXT) or risks[-1] == risks[0]


def test_critical_flag_raises_risk():
    for sim in (0.4, 0.7, 0.9):
        base = pair_risk([], sim, **TEXT)
        flagged = pair_risk([_flag()], sim, **TEXT)
        assert flagged > base
        assert pair_risk([_flag(check="number")], sim, calibrated=True, **TEXT) > pair_risk(
            [], sim, calibrated=True, **TEXT
        )


def test_flag_without_check_is_attributed_by_kind():
    assert flag_features([_flag(kind="number")]) == flag_features([_flag(kind="number", check="number")])
    f = flag_features([_flag(kind="omission", check="coverage", confidence=0.6)])
    assert f["f_other"] == 0.6 and all(f[f"f_{c}"] == 0.0 for c in FLAG_CHECKS)


def test_higher_similarity_lowers_risk():
    risks = [pair_risk([], s) for s in (0.2, 0.4, 0.6, 0.8, 0.95)]
    assert all(a > b for a, b in zip(risks, risks[1:], strict=False))
    risks = [pair_risk([_flag("major", 0.8)], s) for s in (0.2, 0.5, 0.9)]
    assert all(a > b for a, b in zip(risks, risks[1:], strict=False))


def test_translation_missing_most_words_is_riskier():
    full = pair_risk([], 0.7, **TEXT)
    short = pair_risk([], 0.7, src_text=EN, src_lang="en", tgt_text=ZH_SHORT, tgt_lang="zh")
    assert short > full


def test_link_features_see_an_added_clause():
    base, added = link_features(ZH, EN), link_features(ZH_ADDED, EN)
    assert added["zh_unlinked"] > base["zh_unlinked"]
    assert added["zh_run"] > base["zh_run"] and added["n_unlinked"] > base["n_unlinked"]
    assert 0.0 < base["link_mean"] <= 1.0 and base["zh_unlinked"] < 0.8


def test_deterministic():
    assert len({pair_risk([_flag()], 0.63, **TEXT) for _ in range(5)}) == 1
    beads = (Bead((0,), (0,), 0.8), Bead((1,), (1,), 0.5), Bead((2,), (), 0.0))
    flags = [[], [_flag("major", 0.7)], []]
    assert bead_risks(beads, flags) == bead_risks(beads, flags)


def test_bead_risks_flagged_beads_rank_first_and_null_beads_are_risky():
    beads = (
        Bead((0,), (0,), 0.85),
        Bead((1,), (1,), 0.35),  # weak pair, but no check found anything
        Bead((2,), (2,), 0.9),  # strong pair with a minor flag
        Bead((3,), (), 0.0),  # sentence left untranslated (a 1-0 bead)
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
        assert r[3] > max(r[0], r[1])  # an untranslated sentence is riskier than any unflagged pair
        plain = bead_risks(beads, flags, flags_first=False, **kwargs)
        assert all(0.0 <= x <= 1.0 for x in plain)
        assert plain[0] == r[0] and plain[1] == r[1]  # the lift only touches flagged beads
        assert plain[4] > plain[0]


def test_bead_risks_matches_pair_risk_and_the_pipeline_call():
    beads = (Bead((0,), (0,), 0.7),)
    assert bead_risks(beads, [[]]) == [pair_risk([], 0.7)]
    with_text = bead_risks(beads, [[]], texts=[(EN, ZH)], langs=("en", "zh"))
    assert with_text == [pair_risk([], 0.7, **TEXT)]
    fl = [_flag("major", 0.7, check="lexical", kind="mistranslation")]
    assert bead_risks(beads, [fl], flags_first=False) == [pair_risk(fl, 0.7, calibrated=True)]
    shifted = bead_risks((beads[0], Bead((1,), (1,), 0.5)), [[], []], doc_relative=True)
    assert shifted[0] != pair_risk([], 0.7) and shifted[0] < shifted[1]


def test_a_flag_with_check_stamped_by_the_pipeline_counts_the_same():
    f = _flag("major", 0.8, "name")
    assert pair_risk([f], 0.6, **TEXT) == pair_risk([dataclasses.replace(f, check="name")], 0.6, **TEXT)
