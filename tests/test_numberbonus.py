"""Numbers as alignment anchors (``align.aligner.numberbonus``) and as tokens of the dictionary vectors."""

from __future__ import annotations

import numpy as np

from align.aligner import AlignParams
from align.aligner.lexvec import number_keys
from align.aligner.numberbonus import NumberBonus, combine
from align.pipeline import check, demo_paths

EN = [
    "The debate has been sharp.",
    "A survey found that 48 percent of voters supported the budget and 41 percent opposed it.",
    "Lawmakers want to know how the government will pay for it.",
]
ZH = [
    "辩论很激烈。",
    "调查显示，48%的选民支持预算。",
    "另有41%的选民表示反对。",
    "议员们想知道政府将如何筹钱。",
]


def bonus(src: list[str], src_lang: str, tgt: list[str], tgt_lang: str, weight: float) -> NumberBonus:
    return NumberBonus(
        [number_keys(t, src_lang) for t in src], [number_keys(t, tgt_lang) for t in tgt], weight
    )


def test_number_keys_are_language_neutral():
    assert number_keys("48 percent and 5.4 million", "en") == number_keys("48%和540万", "zh")
    assert number_keys("约5.4万名美军", "zh") == number_keys("about 54,000 troops", "en")
    # a small spelled-out number is not an anchor (一个 is often just "a")
    assert number_keys("一个国家", "zh") == []
    assert number_keys("nine hundred and thirty years", "en") == number_keys("九百三十岁", "zh") != []
    # the number check's reading: a list marker is no figure, a bare 9点 (9 or 21) no anchor
    assert number_keys("1. Prices rose 5%.", "en") == number_keys("物价上涨了5%。", "zh") == ["#0.05"]
    assert number_keys("会议9点开始。", "zh") == [] and number_keys("at 9 p.m.", "en") == ["#21"]


def test_bead_score_counts_kept_and_split_figures():
    nb = bonus(EN, "en", ZH, "zh", 0.1)
    assert nb.active
    assert nb.score(1, 1, 1, 2) == 4.0  # 48 and 41 both kept
    assert nb.score(1, 1, 1, 1) == 1.0  # 48 kept, 41 left on the English side
    assert nb.score(2, 1, 2, 2) == -1.0  # 41 here without its rendering
    assert nb.score(0, 1, 0, 1) == 0.0  # no figures at all
    js = np.array([2, 3, 4])
    got = nb(1, 1, 2, js)  # source sentence 1 against target sentences 1, 2, 3
    assert np.allclose(got, [0.1 * 1.0, 0.1 * 1.0, 0.1 * -2.0])  # 48 kept; 41 kept; neither
    assert np.allclose(nb(1, 0, 2, js), 0.0)  # a skipped sentence is the skip score's business


def test_no_figures_no_work():
    nb = bonus(["No numbers here."], "en", ["这里没有数字。"], "zh", 0.1)
    assert not nb.active
    assert np.allclose(nb(1, 1, 1, np.array([1])), 0.0)


def test_combine_sums_and_skips_none():
    a = bonus(EN, "en", ZH, "zh", 0.1)
    b = bonus(EN, "en", ZH, "zh", 0.3)
    js = np.array([2, 3])
    assert np.allclose(combine(a, None, b)(1, 1, 2, js), a(1, 1, 2, js) + b(1, 1, 2, js))
    assert combine(None, a) is a
    assert combine(None, None) is None


def test_a_dropped_clause_no_longer_drags_a_figure_into_the_next_bead(tmp_path, embedder):
    """The demo with one clause cut from its Chinese: without figures as anchors the aligner moved
    "另有41%的选民表示反对。" into the next bead, so 41 % was reported missing from its own bead and the
    moved sentence was flagged in the next one (as an added sentence, or as a figure the original lacks)."""
    en, zh = demo_paths()
    cut = "，因为该计划部分依赖于尚未在国会获得通过的企业增税。"
    text = zh.read_text(encoding="utf-8")
    assert cut in text
    (tmp_path / "zh.txt").write_text(text.replace(cut, "。"), encoding="utf-8")

    def flags(params):
        rep = check(en, tmp_path / "zh.txt", embedder=embedder, params=params)
        return rep, [(i, f) for i, fs in enumerate(rep.flags) for f in fs]

    old, before = flags(AlignParams(number_weight=0.0))
    assert sum(f.kind == "number" and "41 percent" in f.message for _, f in before) == 1
    moved = next(
        i for i, b in enumerate(old.beads) if any("41%" in old.target.sentences[t].text for t in b.target)
    )
    assert not any("41 percent" in old.source.sentences[s].text for s in old.beads[moved].source)
    assert any(
        i == moved and (f.kind == "addition" or (f.kind == "number" and "41" in f.message)) for i, f in before
    )
    rep, after = flags(None)  # the defaults
    assert not any(f.kind == "number" and "41" in f.message for _, f in after)
    bead = next(
        i for i, b in enumerate(rep.beads) if any("41%" in rep.target.sentences[t].text for t in b.target)
    )
    assert any("41 percent" in rep.source.sentences[s].text for s in rep.beads[bead].source)
    omitted = [f for _, f in after if f.kind == "omission" and f.source_span]
    assert any("corporate tax rise" in f.message for f in omitted)
