"""Planting functions of benchmarks/bench_planted.py, on sentences written for these tests (offline)."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))

import planting as P  # noqa: E402


def rng(seed: int = 0) -> random.Random:
    return random.Random(seed)


def figures(text: str) -> list[str]:
    return re.findall(r"\d[\d,.]*", text)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The factory made 4,500 cars in 2018 and sold 37 of them to the city.", "en"),
        ("这家工厂2018年生产了4500辆汽车，卖给市政府37辆。", "zh"),
    ],
)
def test_plant_number_changes_exactly_one_figure(text, lang):
    for seed in range(20):
        out = P.plant_number(text, lang, rng(seed))
        before, after = figures(text), figures(out)
        assert len(before) == len(after)
        assert sum(a != b for a, b in zip(before, after, strict=True)) == 1
        assert re.sub(r"\d[\d,.]*", "#", out) == re.sub(r"\d[\d,.]*", "#", text)


def test_plant_number_chinese_forms_and_nothing_to_change():
    out = P.plant_number("去年游客达到三万人次。", "zh", rng())
    assert out and out != "去年游客达到三万人次。" and "万" in out
    out = P.plant_number("销售额为5亿元。", "zh", rng(3))
    assert out != "销售额为5亿元。" and re.search(r"\d[万亿]元", out)
    assert P.plant_number("No figures at all in this sentence.", "en", rng()) is None
    assert P.plant_number("COVID-19 hit G7 countries.", "en", rng()) is None
    assert P.plant_number("我们统一了意见。", "zh", rng()) is None


def test_plant_number_keeps_dates_plausible():
    for seed in range(10):
        out = P.plant_number("会议定于12月5日举行。", "zh", rng(seed))
        m = re.search(r"(\d+)月(\d+)日", out)
        assert 1 <= int(m.group(1)) <= 12 and 1 <= int(m.group(2)) <= 31


def test_plant_negation_english():
    assert P.plant_negation("He did not attend the meeting.", "en", rng()) == "He did attend the meeting."
    assert P.plant_negation("They can't leave.", "en", rng()) == "They can leave."
    out = P.plant_negation("The plan is ready.", "en", rng())
    assert out == "The plan is not ready."
    assert P.plant_negation("Prices rose sharply.", "en", rng()) is None


def test_plant_negation_chinese():
    out = P.plant_negation("他没有出席会议。", "zh", rng())
    assert out is not None and "没有" not in out
    out = P.plant_negation("政府实施了新的措施。", "zh", rng())
    assert out in ("政府没有实施新的措施。", "政府不实施了新的措施。")
    assert P.plant_negation("北京。", "zh", rng()) is None


def test_plant_antonym_chinese():
    assert P.plant_antonym("出口增加了。", "zh", rng()) == "出口减少了。"
    # a one-character opposite only after a degree adverb, never inside a word
    assert P.plant_antonym("这个问题很大。", "zh", rng()) == "这个问题很小。"
    assert P.plant_antonym("他是大学老师。", "zh", rng()) is None


@pytest.mark.skipif(not P.WORDNET.exists(), reason="WordNet absent: apt-get install wordnet-base")
def test_plant_antonym_english_wordnet():
    ants = P.load_wordnet_antonyms()
    assert "low" in ants["adj"]["high"]
    out = P.plant_antonym("Costs remain high.", "en", rng(), antonyms=ants)
    assert out == "Costs remain low."
    out = P.plant_antonym("The bank increased rates.", "en", rng(), antonyms=ants)
    assert out == "The bank decreased rates."


def test_plant_antonym_english_without_wordnet_is_none():
    assert P.plant_antonym("Costs remain high.", "en", rng(), antonyms=None) is None


def test_plant_name_same_type_from_pool():
    pool = {"person": ["Alice Moreau", "Tanaka"], "place": ["Lisbon"]}
    typer = {"Kowalski": "person", "Oslo": "place"}.get
    out = P.plant_name("Yesterday Kowalski flew to Oslo.", "en", rng(), pool=pool, name_type=typer)
    assert out in (
        "Yesterday Alice Moreau flew to Oslo.",
        "Yesterday Tanaka flew to Oslo.",
        "Yesterday Kowalski flew to Lisbon.",
    )
    # the first word of a sentence is no name candidate; no pool, no planting
    assert P.plant_name("Kowalski flew home.", "en", rng(), pool=pool, name_type=typer) is None
    assert P.plant_name("Yesterday Kowalski flew to Oslo.", "en", rng(), pool={}) is None


def test_plant_name_chinese():
    out = P.plant_name("习近平在北京发表讲话。", "zh", rng(), pool={"place": ["上海"], "person": ["李明"]})
    assert out in ("习近平在上海发表讲话。", "李明在北京发表讲话。")


def test_plant_term_chinese_list():
    assert P.plant_term("美国提高了关税。", "zh", rng()) == "美国提高了制裁。"
    assert P.plant_term("天气很好。", "zh", rng()) is None


def test_plant_term_english_uses_given_net():
    net = P.NounNet(
        senses={"inflation": ["1"], "deflation": ["2"]},
        words={"1": ["inflation"], "2": ["deflation"], "0": ["process"]},
        hyper={"1": ["0"], "2": ["0"]},
        hypo={"0": ["1", "2"]},
    )
    assert P.plant_term("They fear inflation now.", "en", rng(), nouns=net) == "They fear deflation now."
    assert P.plant_term("They fear inflation now.", "en", rng(), nouns=net, vocab={"other"}) is None
    assert P.plant_term("They fear inflation now.", "en", rng(), nouns=None) is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("After the long meeting ended, the minister told reporters, that the talks would continue.", "en"),
        ("会议结束之后，部长对记者表示，谈判将在下周继续进行。", "zh"),
    ],
)
def test_drop_clause_removes_exactly_one_chunk(text, lang):
    chunks, end = P._chunks(text, lang)
    seen = set()
    for seed in range(10):
        out = P.drop_clause(text, lang, rng(seed))
        assert out and out.endswith(end)
        left, _ = P._chunks(out, lang)
        assert len(left) == len(chunks) - 1
        seen.add(out)
    assert len(seen) >= 2


def test_drop_clause_none_where_no_chunk_qualifies():
    assert P.drop_clause("A short sentence without commas.", "en", rng()) is None
    assert P.drop_clause("Yes, he said.", "en", rng()) is None
    assert P.drop_clause("他说，好的。", "zh", rng()) is None


def test_document_planting_is_deterministic_and_records_the_line():
    lines = ["The first line has no figure.", "Sales rose 12 percent in 2019.", "Nothing here, really."]
    a = P.plant_document("number", lines, "en", random.Random("s|d|number"))
    b = P.plant_document("number", lines, "en", random.Random("s|d|number"))
    assert a == b and a.line == 1 and a.side == "target" and a.lines[0] == lines[0]
    assert P.plant_document("number", ["No figures.", "None here."], "en", rng()) is None


def test_sentence_drop_and_add():
    lines = ["One two three four five.", "Six seven eight nine ten.", "Short."]
    p = P.drop_sentence(lines, "en", rng())
    assert p.side == "source" and len(p.lines) == 2 and lines[p.line] not in p.lines
    assert p.line in (0, 1)  # "Short." is too short to count as a dropped sentence
    others = ["A sentence from another document entirely.", "Tiny."]
    q = P.add_sentence(lines, "en", rng(), others)
    assert len(q.lines) == 4 and q.lines[q.line] == others[0] and q.side == "target"
    assert P.add_sentence(lines, "en", rng(), ["Tiny."]) is None
