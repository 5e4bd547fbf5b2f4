"""Glossary terms: flagged where the approved rendering is missing, silent where it is used."""

from __future__ import annotations

import pytest

from align.checks.glossary import read_glossary
from align.errors import AlignError
from align.pipeline import check, demo_paths


def test_glossary_flags_a_missing_rendering_only(tmp_path, embedder):
    g = tmp_path / "terms.csv"
    g.write_text(
        "source,target,note\n"
        "middle power,中等强国|中等国家,house style\n"
        "Tokyo,东京,\n"
        "NATO,北约|北大西洋公约组织,\n",
        encoding="utf-8",
    )
    report = check(*demo_paths(), embedder=embedder, glossary=g)
    terms = [(i, f) for i, fl in enumerate(report.flags) for f in fl if f.kind == "term"]
    assert len(terms) == 1
    i, f = terms[0]
    assert report.bead_text(i, "source")[f.source_span[0] : f.source_span[1]] == "middle power"
    assert "中等强国" in f.message and "house style" in f.message
    assert "term" in report.signature["checks"]


def test_english_terms_match_whole_words_case_insensitively(tmp_path, embedder):
    import re

    g = tmp_path / "terms.csv"
    g.write_text("source,target\nALLY,同伴\n", encoding="utf-8")  # a rendering the demo never uses
    report = check(*demo_paths(), embedder=embedder, glossary=g, checks=["coverage"])
    flagged = {i for i, fl in enumerate(report.flags) for f in fl if f.kind == "term"}
    expected = {
        i
        for i, b in enumerate(report.beads)
        if not b.is_null and re.search(r"\bally\b", report.bead_text(i, "source"), re.IGNORECASE)
    }
    assert expected and flagged == expected  # "alliance" and "allies" do not count as "ally"


@pytest.mark.parametrize(
    ("content", "message"),
    [("a,b\nx,y\n", "header row"), ("source,target\nally,\n", "line 2"), ("", "empty")],
)
def test_malformed_glossary_is_a_one_line_error(tmp_path, content, message):
    g = tmp_path / "terms.csv"
    g.write_text(content, encoding="utf-8")
    with pytest.raises(AlignError, match=message):
        read_glossary(g)
