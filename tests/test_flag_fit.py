"""benchmarks/flag_fit/fit.py on a small dump written here: the figures it reports and the thresholds
it chooses (the rules that make the shipped flag model's severities), offline."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks" / "flag_fit"))

import fit as F  # noqa: E402


def _row(doc: str, run: str, label: int, severity: str = "major", right: bool = True, check: str = "number"):
    return {"folder": "ntrex.en-zh", "doc": doc, "segments": 50, "run": run, "label": label,
            "right": right, "check": check, "kind": "number", "severity": severity}


def _marker(doc: str, run: str):
    return {"folder": "ntrex.en-zh", "doc": doc, "segments": 50, "run": run, "marker": True}


def _dump():
    # two documents of 50 segments: faithful flags (false) and one planted copy each
    rows = [
        _row("a", "faithful", 0), _row("a", "faithful", 0, "critical"),
        _row("b", "faithful", 0), _row("b", "faithful", 0, "minor", check="form"),
        _row("a", "number", 1), _row("b", "number", 1, right=False),
    ]
    markers = [_marker("a", "number"), _marker("b", "number")]
    return rows, markers


def test_figures_with_the_rules_severities() -> None:
    rows, markers = _dump()
    f = F.figures(rows, markers, None, None)
    assert f["segments"] == 100 and f["docs"] == 2
    assert f["major_per_50"] == 1.5  # three major-or-critical false flags in 100 segments
    assert f["any_per_50"] == 2.0
    assert f["docs_critical"] == 0.5
    assert f["planted"] == 2 and f["recall"] == 0.5 and f["recall_major"] == 0.5  # b's flag: wrong kind


def test_figures_with_a_models_severities_keep_unrated_flags_as_the_rules_have_them() -> None:
    rows, markers = _dump()
    thr = {"critical": 0.9, "major": 0.6, "minor": 0.0}
    p = np.array([0.1, 0.2, 0.7, np.nan, 0.95, 0.95])  # the form flag is not rated
    f = F.figures(rows, markers, p, thr)
    assert f["major_per_50"] == 0.5  # one false flag stays major
    assert f["any_per_50"] == 2.0  # nothing withheld at minor 0
    assert f["docs_critical"] == 0.0
    assert f["recall"] == 0.5 and f["recall_major"] == 0.5


def test_thresholds_meet_their_budgets_on_the_probabilities_given() -> None:
    rows, markers = _dump()
    p = np.array([0.1, 0.2, 0.7, np.nan, 0.95, 0.95])
    thr = F.choose(rows, markers, p, ff_major=0.5, ff_any=None)
    f = F.figures(rows, markers, p, thr)
    assert f["major_per_50"] <= 0.5 and thr["major"] <= 0.7  # the lowest threshold within budget
    assert thr["minor"] == 0.0 <= thr["major"] <= thr["critical"] <= 1.0
    assert f["docs_critical"] <= 0.05
    strict = F.choose(rows, markers, p, ff_major=0.0, ff_any=None)
    assert strict["major"] > 0.7  # no false flag may stay major: above every faithful probability


def test_a_dump_file_round_trips_and_markers_are_apart(tmp_path: Path) -> None:
    rows, markers = _dump()
    path = tmp_path / "dump.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in [*rows, *markers]), encoding="utf-8")
    got_rows, got_markers = F.load(str(path))
    assert got_rows == rows and got_markers == markers
