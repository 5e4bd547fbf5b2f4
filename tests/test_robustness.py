"""Inputs real users bring: each gets a clear one-line error or a correct result, never a traceback."""

from __future__ import annotations

import pytest

from align.errors import AlignError
from align.pipeline import check, demo_paths

EN, ZH = demo_paths()


def _partition_ok(report) -> None:
    assert [k for b in report.beads for k in b.source] == list(range(len(report.source)))
    assert [k for b in report.beads for k in b.target] == list(range(len(report.target)))


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("gb18030", b""),
        ("gbk", b""),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-16-le", b""),
        ("utf-16-be", b""),
    ],
)
def test_translation_in_any_common_encoding_gives_the_same_result(tmp_path, embedder, encoding, bom):
    text = ZH.read_text(encoding="utf-8").replace("\n", "\r\n")
    p = tmp_path / "zh.txt"
    p.write_bytes(bom + text.encode(encoding))
    report = check(EN, p, embedder=embedder, checks=["coverage"])
    reference = check(EN, ZH, embedder=embedder, checks=["coverage"])
    assert [s.text for s in report.target.sentences] == [s.text for s in reference.target.sentences]
    assert report.beads == reference.beads


def test_traditional_chinese_in_big5(tmp_path, embedder):
    p = tmp_path / "zh-hant.txt"
    p.write_bytes("日本與美國的同盟正在改變。東京決定增加國防預算。".encode("big5"))
    q = tmp_path / "en.txt"
    q.write_text(
        "The alliance between Japan and the United States is changing. "
        "Tokyo decided to raise its defense budget."
    )
    report = check(q, p, embedder=embedder)
    assert report.target.lang == "zh" and len(report.target) == 2
    assert [(b.source, b.target) for b in report.beads] == [((0,), (0,)), ((1,), (1,))]


def test_reversed_arguments_are_detected_and_aligned(embedder):
    report = check(ZH, EN, embedder=embedder, checks=["coverage"])
    assert (report.source.lang, report.target.lang) == ("zh", "en")
    _partition_ok(report)


def test_nul_bytes_and_mixed_language_sentences(tmp_path, embedder):
    p = tmp_path / "zh.txt"
    p.write_bytes("日本首相石破茂(Shigeru Ishiba)表示\x00同盟很重要。他说：“This is fine.”".encode())
    q = tmp_path / "en.txt"
    q.write_text('Prime Minister Shigeru Ishiba said the alliance matters. He said: "This is fine."')
    report = check(q, p, embedder=embedder)
    assert any("1 NUL byte" in w for w in report.warnings), report.warnings  # reported, not lost
    assert "\x00" not in report.target.text
    _partition_ok(report)


def test_lone_surrogates_from_a_broken_export_are_replaced_not_fatal(tmp_path, embedder):
    p = tmp_path / "zh.txt"
    # CESU-style encoded lone surrogate: invalid UTF-8; replaced by U+FFFD with a warning
    p.write_bytes("同盟很重要。".encode() + b"\xed\xa0\x80" + "第二句。".encode())
    q = tmp_path / "en.txt"
    q.write_text("The alliance matters. A second sentence.")
    report = check(q, p, embedder=embedder)
    assert any("replaced" in w for w in report.warnings), report.warnings  # reported, not lost
    _partition_ok(report)
    assert report.target.text.replace("\ufffd", "") == "同盟很重要。第二句。"


def test_a_5000_character_line_without_punctuation(tmp_path, embedder):
    """Cut into pieces so it can be aligned; every character is still in exactly one sentence."""
    p = tmp_path / "zh.txt"
    p.write_text("日本与美国的同盟" * 625, encoding="utf-8")
    q = tmp_path / "en.txt"
    q.write_text("The alliance between Japan and the United States. " * 20, encoding="utf-8")
    report = check(q, p, embedder=embedder)
    assert any("run-on" in w for w in report.warnings), report.warnings  # reported, not lost
    assert len(report.target) > 1
    assert "".join(s.text for s in report.target.sentences) == "日本与美国的同盟" * 625
    _partition_ok(report)


def test_a_translation_that_lost_its_full_stops_is_still_aligned(tmp_path, embedder):
    """Every 。 turned into a comma and the paragraphs run together: one 1,300-character "sentence".

    Left whole it matches nothing and the pair is reported as unrelated texts.
    """
    zh = ZH.read_text(encoding="utf-8")
    p = tmp_path / "zh.txt"
    p.write_text(zh.replace("。", "，").replace("？", "，").replace("\n\n", "，"), encoding="utf-8")
    report = check(EN, p, embedder=embedder, checks=["coverage"])
    assert any("run-on" in w for w in report.warnings), report.warnings  # reported, not lost
    assert not report.unrelated
    assert len(report.target) >= 20
    _partition_ok(report)


def test_one_sentence_each(tmp_path, embedder):
    p, q = tmp_path / "zh.txt", tmp_path / "en.txt"
    p.write_text("东京决定增加国防预算。", encoding="utf-8")
    q.write_text("Tokyo decided to raise its defense budget.", encoding="utf-8")
    report = check(q, p, embedder=embedder)
    assert [(b.source, b.target) for b in report.beads] == [((0,), (0,))]
    assert not any(report.flags)


def test_both_chinese_is_refused_with_what_was_detected(tmp_path, embedder):
    with pytest.raises(AlignError, match="both files look like Chinese"):
        check(ZH, ZH, embedder=embedder)


def test_explicit_languages_override_detection(tmp_path, embedder):
    """A user who insists both are English (e.g. checking an edit) gets an alignment, not an error."""
    report = check(EN, EN, embedder=embedder, source_lang="en", target_lang="en", checks=["coverage"])
    assert all(len(b.source) == 1 and b.source == b.target for b in report.beads)
