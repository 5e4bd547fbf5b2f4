"""Traditional → Simplified through OpenCC: right by phrase, and never moving an offset."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from align.text.zh import HAN, simplified_char, to_simplified, to_simplified_keeping_offsets


def test_phrases_a_character_table_gets_wrong_are_converted_right() -> None:
    # a one-character table maps 乾 → 干 and 著 → 着 everywhere
    assert to_simplified_keeping_offsets("乾隆皇帝是著名的學者") == "乾隆皇帝是著名的学者"
    assert to_simplified_keeping_offsets("天氣乾燥") == "天气干燥"
    assert to_simplified("並未") == "并未"
    assert to_simplified_keeping_offsets("後來的東西") == "后来的东西"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=30))
def test_conversion_keeps_every_offset(text: str) -> None:
    out = to_simplified_keeping_offsets(text)
    assert len(out) == len(text)
    assert all(len(simplified_char(c)) == 1 for c in text[:5])


def test_one_han_pattern_covers_characters_outside_the_bmp() -> None:
    assert HAN.search("𠀀") and HAN.search("〇") and not HAN.search("abc，。")
