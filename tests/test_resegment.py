"""A translation that lost its sentence punctuation is cut where the original's sentences end.

The demo pair with 。！？； deleted from the Chinese (what OCR, subtitles or a chat export leave) must
give at most two flags more than the punctuated demo's four and still point at its four planted
errors; faithful articles without their full stops must stay as quiet as with them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import align
from align.pipeline import demo_paths
from align.resegment import clauses
from align.segment import split_sentences

DATA = Path(__file__).parent / "data"


def _unpunctuated(src: Path, tmp_path: Path) -> Path:
    out = tmp_path / src.name
    out.write_text(re.sub("[。！？；]", "", src.read_text(encoding="utf-8")), encoding="utf-8")
    return out


def test_clauses_cover_every_sentence_without_gaps():
    doc = split_sentences("他说，今天下雨；我们不去了：明天再说。好的！", "zh", "target")
    spans = clauses(doc)
    assert [doc.text[a:b] for a, b, _ in spans] == [
        "他说，",
        "今天下雨；",
        "我们不去了：",
        "明天再说。",
        "好的！",
    ]


def test_demo_without_sentence_punctuation_keeps_its_planted_errors(tmp_path):
    en, zh = demo_paths()
    report = align.check(en, _unpunctuated(zh, tmp_path))
    assert any("no sentence punctuation" in w for w in report.warnings)
    flags = [(i, f) for i, fl in enumerate(report.flags) for f in fl]
    assert len(flags) <= 6, [f.message for _, f in flags]
    kinds = {f.kind for _, f in flags}
    assert {"omission", "number", "mistranslation"} <= kinds
    assert any("小国" in f.message for _, f in flags) and any("42亿" in f.message for _, f in flags)
    # the added sentence (东南亚其他国家也已私下表达了类似的支持) is pointed at, whatever the kind
    added = [
        report.bead_text(i, "target")[f.target_span[0] : f.target_span[1]]
        if f.target_span
        else report.bead_text(i, "target")
        for i, f in flags
        if f.kind in ("addition", "name")
    ]
    assert any("东南亚" in t for t in added)


@pytest.mark.parametrize("name", ["malaria", "energy"])
def test_a_faithful_article_without_full_stops_stays_quiet(name, tmp_path):
    en, zh = DATA / f"{name}.en.txt", DATA / f"{name}.zh.txt"
    with_stops = align.check(en, zh)
    without = align.check(en, _unpunctuated(zh, tmp_path))
    count = lambda r: sum(1 for fl in r.flags for f in fl if f.severity != "minor")  # noqa: E731
    assert count(without) <= count(with_stops)
    assert sorted(k for b in without.beads for k in b.target) == list(range(len(without.target)))
