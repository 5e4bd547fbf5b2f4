"""Word links from the learned translation table: a term rendered as its neighbour, and a run of words
the other side does not render (sentences written for these tests)."""

from __future__ import annotations

import pytest

from align.checks.links import check_pair
from align.text.wordlinks import word_links

EN_SANCTIONS = "The United States imposed new sanctions on Russia after the talks collapsed."
ZH_SANCTIONS = "谈判破裂后，美国对俄罗斯实施了新的制裁。"
EN_AUSTIN = (
    "Defense Secretary Lloyd Austin spoke after a meeting with Gen Nakatani, his Japanese counterpart, "
    "on Sunday; he said the alliance was stronger than ever."
)
ZH_AUSTIN = (
    "国防部长劳埃德·奥斯汀周日在与日本防卫大臣中谷元会晤后发表讲话；他说，同盟比以往任何时候都更加强大。"
)
ZH_AUSTIN_CUT = "国防部长劳埃德·奥斯汀发表讲话；他说，同盟比以往任何时候都更加强大。"


def test_links_cover_a_faithful_pair_and_leave_a_swapped_term_unlinked() -> None:
    ok = word_links(EN_SANCTIONS, ZH_SANCTIONS)
    assert "sanctions" not in [ok.en[i].text for i in ok.en_unlinked()]
    swapped = word_links(EN_SANCTIONS, ZH_SANCTIONS.replace("制裁", "关税"))
    assert "sanctions" in [swapped.en[i].text for i in swapped.en_unlinked()]
    assert "关税" in [swapped.zh[j][0] for j in swapped.zh_unlinked()]
    assert 0 < swapped.stats()["en_unlinked"] <= 1


@pytest.mark.parametrize("direction", ["en-zh", "zh-en"])
def test_a_term_swap_is_a_mistranslation_with_both_words_and_glosses(direction: str) -> None:
    zh = ZH_SANCTIONS.replace("制裁", "关税")
    args = (EN_SANCTIONS, "en", zh, "zh") if direction == "en-zh" else (zh, "zh", EN_SANCTIONS, "en")
    flags = check_pair(*args)
    assert [f.kind for f in flags] == ["mistranslation"]
    f = flags[0]
    assert all(w in f.message for w in ("sanctions", "关税", '"tariff"', "制裁"))
    spans = (f.source_span, f.target_span)
    en_span, zh_span = spans if direction == "en-zh" else spans[::-1]
    assert EN_SANCTIONS[en_span[0] : en_span[1]] == "sanctions"
    assert zh[zh_span[0] : zh_span[1]] == "关税"


def test_faithful_pairs_raise_nothing() -> None:
    assert check_pair(EN_SANCTIONS, "en", ZH_SANCTIONS, "zh") == []
    assert check_pair(ZH_SANCTIONS, "zh", EN_SANCTIONS, "en") == []
    assert check_pair(EN_AUSTIN, "en", ZH_AUSTIN, "zh") == []


def test_a_clause_dropped_without_a_comma_cue_is_found_with_its_span() -> None:
    flags = check_pair(EN_AUSTIN, "en", ZH_AUSTIN_CUT, "zh")
    assert [f.kind for f in flags] == ["omission"]
    s, e = flags[0].source_span
    assert EN_AUSTIN[s:e].startswith("after a meeting with Gen Nakatani")
    assert EN_AUSTIN[s:e].endswith("Sunday")
    # the same clause in a Chinese original is an addition in the English translation
    back = check_pair(ZH_AUSTIN_CUT, "zh", EN_AUSTIN, "en")
    assert [f.kind for f in back] == ["addition"] and back[0].target_span == (s, e)


def test_other_language_pairs_are_left_alone() -> None:
    assert check_pair(EN_SANCTIONS, "en", EN_SANCTIONS, "en") == []
    assert check_pair(EN_SANCTIONS, "en", "  ", "zh") == []
