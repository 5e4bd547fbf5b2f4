"""The learned flag model: its file, the severity it gives, what it leaves alone, and the pipeline hook.

The weights are fit on data (benchmarks/flag_fit), so these tests assert properties a user relies on
whatever the exact weights are: a well-formed model, severities ordered by probability, flags of
checks the model does not know kept as they are, and evidence that should lower a flag's probability
(the flagged words are rendered after all) doing so.
"""

from __future__ import annotations

import json

import pytest

from align.flagmodel import (
    CHECKS,
    FEATURES,
    MODEL_PATH,
    flag_features,
    load_model,
    probability,
    rate_flags,
    rule_of,
    severity_of,
    span_link_features,
)
from align.types import Bead, Flag

EN = "The minister met Gen Nakatani on Sunday and discussed sanctions against the regime."
ZH = "部长周日会见了中谷元将军，讨论了对该政权的制裁。"
ZH_SWAPPED = "部长周日会见了中谷元将军，讨论了对该政权的关税。"


def test_model_file_is_consistent() -> None:
    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert model["features"][: len(FEATURES)] == list(FEATURES)
    assert all(f.startswith("r:") for f in model["features"][len(FEATURES) :])  # one per rule seen
    n = len(model["features"])
    assert len(model["mean"]) == len(model["scale"]) == len(model["coef"]) == n
    assert all(s > 0 for s in model["scale"])
    assert model["calibration"]["a"] > 0  # calibration keeps the order
    t = model["thresholds"]
    assert 0 <= t["minor"] <= t["major"] <= t["critical"] <= 1
    assert set(model["checks"]) <= set(CHECKS)
    assert "ntrex" in model["training_data"].lower() and model["command"]


def test_severity_follows_the_probability() -> None:
    thr = {"critical": 0.9, "major": 0.6, "minor": 0.3}
    assert severity_of(0.95, thr) == "critical"
    assert severity_of(0.6, thr) == "major"
    assert severity_of(0.59, thr) == "minor"
    assert severity_of(0.29, thr) is None


def _features(zh: str, flag: Flag) -> dict[str, float]:
    bead = Bead((0,), (0,), 0.7)
    return flag_features([bead], [[flag]], [(EN, zh)], ("en", "zh"))[0][0]


def test_features_are_complete_and_finite() -> None:
    flag = Flag("mistranslation", "major", 0.6, "x", (75, 84), (17, 19), check="links")
    row = _features(ZH_SWAPPED, flag)
    assert set(FEATURES) <= set(row)
    assert all(isinstance(row[k], float) and abs(row[k]) < 1e6 for k in FEATURES)
    assert row["c_links"] == 1.0 and row["confidence*c_links"] == pytest.approx(0.6)


def test_a_rendered_span_counts_as_linked_and_a_swapped_one_does_not() -> None:
    span = (EN.index("sanctions"), EN.index("sanctions") + len("sanctions"))
    ok = span_link_features((span, None), (EN, ZH), ("en", "zh"))
    swapped = span_link_features((span, None), (EN, ZH_SWAPPED), ("en", "zh"))
    assert ok["span_linked"] == 1.0
    assert swapped["span_linked"] == 0.0
    assert ok["rest_linked"] > 0.5 and swapped["rest_linked"] > 0.5


def test_the_same_flag_is_less_likely_real_where_its_words_are_rendered() -> None:
    model = load_model()
    span = (EN.index("sanctions"), EN.index("sanctions") + len("sanctions"))
    flag = Flag("omission", "major", 0.55, "x", source_span=span, check="links")
    p_ok = probability(_features(ZH, flag), model)
    p_swapped = probability(_features(ZH_SWAPPED, flag), model)
    assert 0.0 < p_ok < p_swapped < 1.0


def test_rate_flags_keeps_other_checks_and_orders_by_severity() -> None:
    beads = [Bead((0,), (0,), 0.7)]
    mine = Flag("name", "major", 0.6, "a plugin's flag", check="shouting")
    rated = Flag("number", "major", 0.9, "the figure 25 is 52", (0, 3), (0, 2), check="number")
    out = rate_flags(beads, [[mine, rated]], [(EN, ZH)], ("en", "zh"))[0]
    assert mine in out  # untouched: the model was not fit on that check
    ranks = [("critical", "major", "minor").index(f.severity) for f in out]
    assert ranks == sorted(ranks)
    assert all(f.message in ("a plugin's flag", "the figure 25 is 52") for f in out)


def test_a_rule_is_read_from_the_wording_not_the_words_quoted() -> None:
    said = 'negation added: the translation says "{0}" ("{0}") but the original is affirmative'
    a, b = rule_of("lexical", said.format("不")), rule_of("lexical", said.format("没有"))
    assert a == b == "lexical|negation added"
    assert rule_of("name", 'name "Paddington" in the original has no counterpart') == rule_of(
        "name", 'name "帕丁顿 (pa ding dun)" in the original has no counterpart'
    )
    assert rule_of("name", "x") != rule_of("number", "x")


def test_flags_are_rated_not_withheld_by_default() -> None:
    # the shipped thresholds keep every flag (minor 0): the model sets severities, the rules decide
    # what is raised (withholding flags cost DEMETR's name and negation files, benchmarks/RESULTS.md)
    assert load_model()["thresholds"]["minor"] == 0.0
    beads = [Bead((0,), (0,), 0.2)]
    weak = Flag("name", "critical", 0.5, 'name "Zhang" in the original has no counterpart', check="name")
    out = rate_flags(beads, [[weak]], [(EN, ZH)], ("en", "zh"))[0]
    assert len(out) == 1 and out[0].message == weak.message


def test_the_pipeline_rates_the_rules_flags_and_says_so(embedder, demo_report) -> None:
    from align.pipeline import check, demo_paths

    other = "rules" if demo_report.signature["severity"].startswith("learned") else "learned"
    again = check(*demo_paths(), embedder=embedder, severity=other)
    learned, rules = (demo_report, again) if other == "rules" else (again, demo_report)
    assert rules.signature["severity"] == "rules"
    assert learned.signature["severity"] == f"learned ({load_model()['fitted']})"

    def flags(r):
        return [(i, f.check, f.kind, f.message) for i, fl in enumerate(r.flags) for f in fl]

    assert sorted(flags(learned)) == sorted(flags(rules))  # the same flags; only severities may differ
    assert learned.risk == rules.risk  # the risk reads the flags' confidences, not their severities
    for fl in learned.flags:
        ranks = [("critical", "major", "minor").index(f.severity) for f in fl]
        assert ranks == sorted(ranks)


def test_an_unknown_severity_source_is_refused_before_any_work() -> None:
    from align.errors import AlignError
    from align.pipeline import check

    with pytest.raises(AlignError, match="unknown severity source 'strict'"):
        check("/nonexistent/a.txt", "/nonexistent/b.txt", severity="strict")
