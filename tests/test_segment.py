"""Segmenters on tricky text: abbreviations, quotes, dashes, numbers, paragraphs and offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.segment import detect_lang, split_sentences
from align.text.zh import zh_words


def texts(doc):
    return [s.text for s in doc.sentences]


def test_english_abbreviations_quotes_and_dashes():
    t = (
        "The U.S. Defense Secretary, Mr. Hegseth, met Gen. Smith at 3 p.m. on Sunday. "
        '"We are ready. Fully ready," he said — and left. Japan—a middle power—acts. '
        "It cost $3.2 billion, or 2.5% of the budget."
    )
    assert texts(split_sentences(t, "en", "source")) == [
        "The U.S. Defense Secretary, Mr. Hegseth, met Gen. Smith at 3 p.m. on Sunday.",
        '"We are ready. Fully ready," he said — and left.',
        "Japan—a middle power—acts.",
        "It cost $3.2 billion, or 2.5% of the budget.",
    ]


def test_chinese_terminals_closing_quotes_and_numbers():
    t = "他说：“我们准备好了。完全准备好了。”然后离开。增长了3.5%。真的吗？！是的……第二句，1。5不是数字。"
    assert texts(split_sentences(t, "zh", "target")) == [
        "他说：“我们准备好了。完全准备好了。”",
        "然后离开。",
        "增长了3.5%。",
        "真的吗？！",
        "是的……",
        "第二句，1。",
        "5不是数字。",
    ]


def test_chinese_quote_then_attribution_stays_one_sentence():
    t = "“走吧。”他说。然后离开了。"
    assert texts(split_sentences(t, "zh", "target")) == ["“走吧。”他说。", "然后离开了。"]


def test_ellipsis_before_comma_does_not_split():
    assert texts(split_sentences("第二段……，继续。好的。", "zh", "target")) == ["第二段……，继续。", "好的。"]


def test_unclosed_quote_falls_back_to_plain_splitting():
    assert texts(split_sentences("他说：“第一句。第二句。", "zh", "target")) == [
        "他说：“第一句。",
        "第二句。",
    ]


def test_paragraphs_titles_and_wrapped_lines():
    t = "A Title\n\nFirst para starts\nand is wrapped here. Second sentence.\n\nNew para."
    doc = split_sentences(t, "en", "source")
    assert texts(doc) == [
        "A Title",
        "First para starts and is wrapped here.",
        "Second sentence.",
        "New para.",
    ]
    assert [s.paragraph for s in doc.sentences] == [0, 1, 1, 2]


def test_offsets_point_at_the_text():
    t = "标题\n\n第一句。第二句！\n\n第三句？"
    doc = split_sentences(t, "zh", "target")
    for s in doc.sentences:
        assert t[s.start : s.end] == s.text
    assert [s.idx for s in doc.sentences] == list(range(len(doc.sentences)))


def test_presplit_keeps_lines_and_blank_line_paragraphs():
    doc = split_sentences("One. Two.\nThree\n\nFour.", "en", "source", presplit=True)
    assert texts(doc) == ["One. Two.", "Three", "Four."]
    assert [s.paragraph for s in doc.sentences] == [0, 0, 1]


def test_one_line_per_paragraph_files_without_blank_lines():
    doc = split_sentences("标题\n第一段。\n第二段。", "zh", "target")
    assert texts(doc) == ["标题", "第一段。", "第二段。"]
    assert [s.paragraph for s in doc.sentences] == [0, 1, 2]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Hello world, this is English.", "en"),
        ("这是中文。", "zh"),
        ("這是繁體中文。", "zh"),
        ("日本首相石破茂(Shigeru Ishiba)表示。", "zh"),
    ],
)
def test_detect_lang(text, lang):
    assert detect_lang(text) == lang


def test_jieba_words_with_offsets():
    text = "日本作为一个小国行事"
    words = zh_words(text)
    assert ("小国", 6, 8) in words or any(w == "小国" for w, _, _ in words)
    assert all(text[s:e] == w for w, s, e in words)


_alphabet = st.sampled_from(list("abc XYZ.!?。！？“”，,\n") + ["U.S.", "Mr.", "日本", "……", "3.5", "\n\n"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_alphabet, min_size=1, max_size=40).map("".join), st.sampled_from(["en", "zh"]))
def test_split_then_join_gives_back_the_characters(text, lang):
    """No character is lost or duplicated: sentences cover every non-space character, in order."""
    doc = split_sentences(text, lang, "source")
    joined = "".join(text[s.start : s.end] for s in doc.sentences)
    assert "".join(joined.split()) == "".join(text.split())
    ends = [(s.start, s.end) for s in doc.sentences]
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:], strict=False))


def test_each_list_item_is_its_own_sentence():
    """Bullet lines rarely end in punctuation, so they used to run together into one sentence."""
    en = (
        "Japan's budget\n\nKey facts:\n- Defense budget: $52 billion\n- Troops: about 247,000\n"
        "1. First point\n2) Second point\nthat wraps here."
    )
    assert texts(split_sentences(en, "en", "source")) == [
        "Japan's budget",
        "Key facts:",
        "- Defense budget: $52 billion",
        "- Troops: about 247,000",
        "1. First point",
        "2) Second point that wraps here.",
    ]
    zh = "要点：\n一、防卫预算增长\n二、兵力约24.7万人\n（三）目标为2%"
    assert texts(split_sentences(zh, "zh", "target")) == [
        "要点：",
        "一、防卫预算增长",
        "二、兵力约24.7万人",
        "（三）目标为2%",
    ]
    # a hyphen that opens a wrapped line without a space is no bullet
    wrapped = "Title\n\nA long-\nawaited reform passed."
    assert texts(split_sentences(wrapped, "en", "source")) == ["Title", "A long- awaited reform passed."]
