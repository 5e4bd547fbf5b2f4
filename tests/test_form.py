"""Errors of form (``align.checks.form``): untranslated text, question vs statement, subject pronoun
gender, a visible hole in an English translation — found, placed, and not raised on faithful pairs."""

from __future__ import annotations

import pytest

from align.checks.form import check_pair
from align.types import Flag

ZH = "通过红外光谱进行比较后发现，这些结晶的成分与在受影响宠物的尿液中发现的结晶成分吻合。"
EN = (
    "A comparison by infrared spectroscopy revealed that the composition of these crystals matched "
    "those found in the urine of affected pets."
)


def _one(flags: list[Flag]) -> Flag:
    assert len(flags) == 1, flags
    return flags[0]


def test_chinese_left_in_an_english_translation() -> None:
    en = EN.replace("affected", "受影响")
    f = _one(check_pair(ZH, "zh", en, "en"))
    assert f.kind == "mistranslation" and f.severity == "major"
    assert en[slice(*f.target_span)] == "受影响"
    assert ZH[slice(*f.source_span)] == "受影响"
    assert "untranslated" in f.message


def test_chinese_gloss_in_brackets_or_not_from_the_source_is_fine() -> None:
    assert check_pair(ZH, "zh", EN.replace("affected pets", "affected pets (受影响宠物)"), "en") == []
    assert check_pair("他谈到了关系。", "zh", "He talked about guanxi (关系).", "en") == []
    # Han characters that are not the original's (a quoted sign, say) are not "left untranslated"
    assert check_pair(ZH, "zh", EN.replace("pets", "pets, a sign read 禁止", 1), "en") == []


def test_english_left_in_a_chinese_translation() -> None:
    en = "The committee recommended the resignation of the former chairman."
    zh = "委员会建议前任 chairman 辞职。"
    f = _one(check_pair(en, "en", zh, "zh"))
    assert zh[slice(*f.target_span)] == "chairman"
    assert en[slice(*f.source_span)] == "chairman"


@pytest.mark.parametrize(
    "zh",
    [
        "苹果公司发布了新款 iPhone，售价999美元。",  # a product name
        "世卫组织（WHO）发布了警告。",  # an acronym in brackets
        "请访问 www.example.com 了解详情。",  # a web address
        "他用 email 把文件发给了我。",  # a loanword Chinese writes as it is
    ],
)
def test_names_acronyms_addresses_and_loans_in_chinese_are_fine(zh: str) -> None:
    en = (
        "Apple released a new iPhone priced at $999; WHO issued a warning; visit www.example.com; "
        "he sent me the file by email."
    )
    assert check_pair(en, "en", zh, "zh") == []


def test_statement_turned_into_a_question() -> None:
    en = "Did a comparison by infrared spectroscopy reveal that the crystals matched those of affected pets?"
    f = _one(check_pair(ZH, "zh", en, "en"))
    assert f.kind == "mistranslation" and "question" in f.message
    assert en[slice(*f.target_span)] == en  # the whole question sentence


def test_questions_that_are_questions_on_both_sides_are_fine() -> None:
    assert check_pair("你信我干吗。", "zh", "Why did you believe me?", "en") == []  # 干吗 asks
    assert check_pair("你来吗？", "zh", "Are you coming?", "en") == []
    assert check_pair("I wonder whether they will come.", "en", "他们会来吗？", "zh") == []
    # a question rendered as a statement is often legitimate (rhetorical): not flagged
    assert check_pair("难道这不是真的吗？", "zh", "Surely this is true.", "en") == []


def test_subject_pronoun_of_the_other_gender() -> None:
    zh = "她被拘留，等待起诉和审判。"
    f = _one(check_pair(zh, "zh", "He is in custody pending prosecution and trial.", "en"))
    assert f.kind == "mistranslation" and "a woman" in f.message and "a man" in f.message
    assert zh[slice(*f.source_span)] == "她"
    assert check_pair(zh, "zh", "She is in custody pending prosecution and trial.", "en") == []
    # pronouns inside the sentence often refer to different people: left alone
    assert (
        check_pair("女孩子身上有个口子，男人就要使用她。", "zh", "A man thinks he has to use it.", "en") == []
    )


@pytest.mark.parametrize(
    ("en", "gap"),
    [
        (EN.replace("A comparison by", "A by"), "A by"),
        (EN.replace("the composition of", "the of"), "the of"),
        (EN.replace("affected pets.", "affected the."), "the."),
        (EN.replace("affected pets.", "affected pets, as the can show."), "the can"),
        (EN.replace("affected pets.", "pets, insisted on a."), "a."),
    ],
)
def test_visible_hole_in_an_english_translation(en: str, gap: str) -> None:
    f = _one(check_pair(ZH, "zh", en, "en"))
    assert f.kind == "omission" and en[slice(*f.target_span)] == gap


@pytest.mark.parametrize(
    "en",
    [
        "It was the will of heaven.",  # "will" is a noun here
        "The might of the empire grew.",
        "Point a, b and c were agreed.",
        "What disgusted her was the act itself.",  # "her was": an object pronoun, not a determiner
        "He opened a can of beans and the will to live returned.",
        "May 5 was the day. May also came and went.",
        "(a) the first item; (b) the second.",
    ],
)
def test_grammatical_english_has_no_hole(en: str) -> None:
    assert check_pair("这是天意。", "zh", en, "en") == []


def test_sentence_that_lost_its_subject() -> None:
    zh = "彗星可能是地球上的水和有机物的来源。"
    en = "May have been the source of Earth's water and organic matter."
    f = _one(check_pair(zh, "zh", en, "en"))
    assert f.kind == "omission" and en[slice(*f.target_span)] == "May have"
    assert check_pair(zh, "zh", "Comets " + en[0].lower() + en[1:], "en") == []
    # a question that opens with a modal is not a lost subject (and asks what the original asks)
    q = "Could comets have been the source of water?"
    assert check_pair("彗星可能是水的来源吗？", "zh", q, "en") == []


def test_future_where_the_original_has_none() -> None:
    zh = "7月24日，阿荣旗公安局接到报警称，当地有6名学生溺水。"
    en = "On July 24, the police will receive a report that six students had drowned."
    f = _one(check_pair(zh, "zh", en, "en"))
    assert f.kind == "mistranslation" and f.severity == "minor"
    assert en[slice(*f.target_span)] == "will receive"
    # the original has a future (将) or a plan (计划): "will" is right
    assert check_pair("土耳其将接管看守任务。", "zh", "Turkey will take over the guarding.", "en") == []
    assert check_pair("公司计划明年上市。", "zh", "The company will go public next year.", "en") == []
    # dialogue leaves the future implicit in Chinese
    assert check_pair("“你过来，我指给你看。”", "zh", "'Come here and I will show you.'", "en") == []


def test_other_languages_and_empty_sides_give_nothing() -> None:
    assert check_pair("Bonjour.", "fr", "Hello 你好.", "en") == []
    assert check_pair("", "zh", "The of.", "en") == []


def test_an_acronym_after_the_is_no_hole() -> None:
    """ "the WHO" is no "the who"; "the who considers" still is."""
    zh = "每剂约4美元，是世卫组织认为可负担价格的两倍。"
    assert (
        check_pair(zh, "zh", "Each dose costs about $4, twice the price the WHO considers fair.", "en") == []
    )
    assert check_pair(zh, "zh", "Each dose costs about $4, twice the who considers fair.", "en")
