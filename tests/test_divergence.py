"""Omitted and added words or phrases inside an otherwise translated pair (``align.checks.divergence``).

Hand-written pairs in both directions: a modifier or a phrase added or dropped must be flagged with
its exact span, and faithful but free renderings must not be. The DEMETR-zh figures are checked
against floors a little below the measured ones, and skip where the shared evaluation data is absent
(a user's clone).
"""

from __future__ import annotations

import json

import pytest

from align.bench.datasets import data_root
from align.checks.divergence import DIRECTION_OFFSET, check_pair, divergences
from align.types import Flag

UNHCR = "联合国希望成立一项基金，帮助有关国家应对全球变暖的影响。"
UNHCR_EN = (
    "The United Nations hopes to set up a fund to help countries deal with the effects of global warming."
)
COMMITTEE = "委员会建议前任主席辞职，以推动国家走向新的选举。"
COMMITTEE_EN = (
    "The committee recommended the resignation of the former chairman "
    "to push the country toward new elections."
)
FISH = "研究人员在受污染河流的鱼类体内发现了大量塑料微粒。"
FISH_EN = "Researchers found large amounts of plastic particles in fish from polluted rivers."
# The whole sentence: with only its first clause ("She is in private custody pending prosecution
# and trial.") the added "private" scores just under the threshold since the contextual features
# came in (-2.29 against -2.15): a pair that short and that loose (cosine 0.68) is trusted less.
CUSTODY = "她被拘留，等待起诉和审判；但是任何目击者的证据都可能受到负面影响，因为她的形象已被广泛发布。"
CUSTODY_EN = (
    "She is in custody pending prosecution and trial; but any witness evidence could be negatively "
    "impacted because her image has been widely published."
)


def _quoted(flag: Flag, src: str, tgt: str) -> str:
    if flag.source_span is not None:
        return src[flag.source_span[0] : flag.source_span[1]]
    assert flag.target_span is not None
    return tgt[flag.target_span[0] : flag.target_span[1]]


def _only(flags: list[Flag], kind: str) -> Flag:
    assert len(flags) == 1, flags
    assert flags[0].kind == kind, flags
    return flags[0]


# --------------------------------------------------------------------------------------------------
# Additions and omissions that must be found
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zh", "en", "word"),
    [
        (FISH, FISH_EN.replace("in fish", "in wild fish"), "wild"),
        (CUSTODY, CUSTODY_EN.replace("in custody", "in private custody"), "private"),
        (COMMITTEE, COMMITTEE_EN.replace("the resignation", "the unsuccessful resignation"), "unsuccessful"),
        (
            "你给远方的朋友打电话时，就会用到卫星。",
            "When you joyfully call a friend far away, satellites are used.",
            "joyfully",
        ),
    ],
)
def test_added_modifier_in_english_translation(zh: str, en: str, word: str) -> None:
    flag = _only(check_pair(zh, "zh", en, "en"), "addition")
    assert flag.target_span is not None and flag.source_span is None
    assert _quoted(flag, zh, en) == word
    assert flag.severity == "minor"  # a single modifier
    assert f'"{word}"' in flag.message and "added" in flag.message
    assert 0.0 < flag.confidence <= 1.0


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        (COMMITTEE, COMMITTEE_EN.replace(" toward new elections", ""), "选举"),
        (UNHCR, UNHCR_EN.replace(" of global warming", ""), "全球变暖"),
        (FISH, FISH_EN.replace(" from polluted rivers", ""), "污染河流"),
    ],
)
def test_omitted_phrase_of_chinese_original(zh: str, en: str, expected: str) -> None:
    flag = _only(check_pair(zh, "zh", en, "en"), "omission")
    assert flag.source_span is not None and flag.target_span is None
    quoted = _quoted(flag, zh, en)
    assert expected in quoted
    assert flag.severity == "major"  # a phrase, not one modifier
    assert f'"{quoted}"' in flag.message and "omitted" in flag.message


def test_english_original_clause_missing_from_chinese_translation() -> None:
    zh = "委员会建议前任主席辞职。"
    flag = _only(check_pair(COMMITTEE_EN, "en", zh, "zh"), "omission")
    quoted = _quoted(flag, COMMITTEE_EN, zh)
    assert "new elections" in quoted and "committee" not in quoted
    assert flag.severity == "major"


def test_chinese_translation_adds_a_phrase_to_an_english_original() -> None:
    en = UNHCR_EN.replace(" of global warming", "")
    flag = _only(check_pair(en, "en", UNHCR, "zh"), "addition")
    assert _quoted(flag, en, UNHCR) == "全球变暖"


def test_english_original_modifier_missing_from_chinese_translation() -> None:
    en = FISH_EN.replace("in fish", "in wild fish")
    flag = _only(check_pair(en, "en", FISH, "zh"), "omission")
    assert _quoted(flag, en, FISH) == "wild"


# --------------------------------------------------------------------------------------------------
# Faithful renderings, literal or free, that must not be flagged
# --------------------------------------------------------------------------------------------------

FAITHFUL_ZH_EN = [
    (FISH, FISH_EN),
    (CUSTODY, CUSTODY_EN),
    (COMMITTEE, COMMITTEE_EN),
    (UNHCR, UNHCR_EN),
    ("你给远方的朋友打电话时，就会用到卫星。", "When you call a friend far away, satellites are used."),
    ("他说，这个计划需要很多年才能完成。", "He said the plan would take many years to complete."),
    ("会开得很乱。", "The meeting was a complete mess."),  # free: 乱 "chaotic" as "a complete mess"
    ("那婆娘是个寡妇，泼得厉害。", "The woman was a widow, and a real shrew."),
    ("我们花了相当的时间。", "We spent quite a bit of time."),
]
FAITHFUL_EN_ZH = [
    (
        "Many in the room suspected the story was more complicated than that.",
        "在场的许多人则怀疑，事情远比这复杂。",
    ),
    (
        "In 2014 the government lifted a long-standing ban on arms exports, "
        "yet sales abroad have remained modest.",
        "2014年，政府解除了长期实行的武器出口禁令，但海外销售额至今仍然有限。",
    ),
    (
        '"What is new is that Tokyo has decided to carry more of the load itself," she said.',
        "“新变化在于，东京已决定自己承担更多的负担，”她说。",
    ),
]


@pytest.mark.parametrize(("zh", "en"), FAITHFUL_ZH_EN)
def test_faithful_chinese_original_not_flagged(zh: str, en: str) -> None:
    assert check_pair(zh, "zh", en, "en") == []


@pytest.mark.parametrize(("en", "zh"), FAITHFUL_EN_ZH)
def test_faithful_english_original_not_flagged(en: str, zh: str) -> None:
    assert check_pair(en, "en", zh, "zh") == []


def test_names_and_numbers_are_left_to_their_own_checks() -> None:
    # a dropped place name is the name check's business, a changed figure the number check's
    zh = "香港岛大部分城市发展都集中在北岸，面积约80平方公里。"
    en = "Most urban development is concentrated on the north shore, covering about 80 square kilometres."
    for f in check_pair(zh, "zh", en, "en"):
        assert "香港" not in _quoted(f, zh, en)


# --------------------------------------------------------------------------------------------------
# Interface
# --------------------------------------------------------------------------------------------------


def test_other_language_pairs_and_empty_sides_give_nothing() -> None:
    assert check_pair("Bonjour.", "fr", "Hello.", "en") == []
    assert check_pair("", "zh", "Hello there.", "en") == []
    assert check_pair(FISH, "zh", "   ", "en") == []


def test_divergences_expose_scores_and_spans() -> None:
    en = FISH_EN.replace("in fish", "in wild fish")
    ds = divergences(FISH, en)
    flagged = [d for d in ds if d.flagged]
    assert [d.text for d in flagged] == ["wild"]
    for d in ds:
        text = FISH if d.side == "zh" else en
        assert text[d.span[0] : d.span[1]] == d.text
        assert {"minlink", "gs", "gw", "pc", "gsim", "ns", "no"} <= set(d.feats)


def test_memo_embedder_stays_bounded_and_correct() -> None:
    from align.embed.memo import MemoEmbedder

    memo = MemoEmbedder(limit=3)
    first = memo.encode(["鱼", "fish", "river"])
    again = memo.encode(["fish", "河流", "river", "鱼"])  # overflows: the memo is emptied, not the answer
    assert again.shape == (4, first.shape[1])
    assert abs(float(again[0] @ first[1]) - 1.0) < 1e-5
    assert abs(float(again[3] @ first[0]) - 1.0) < 1e-5
    assert len(memo._memo) <= 3


def test_english_originals_are_held_to_a_stricter_threshold() -> None:
    assert DIRECTION_OFFSET[("en", "zh")]["en"] > DIRECTION_OFFSET[("zh", "en")]["en"]
    assert DIRECTION_OFFSET[("en", "zh")]["zh"] > DIRECTION_OFFSET[("zh", "en")]["zh"]


# --------------------------------------------------------------------------------------------------
# Real data (skipped without ../shared/data)
# --------------------------------------------------------------------------------------------------

ROOT = data_root()
needs_data = pytest.mark.skipif(
    ROOT is None or not (ROOT / "demetr-zh").is_dir(),
    reason="evaluation data not found (../shared/data or $ALIGN_DATA); demetr-zh checks skipped",
)


def _rows(name: str) -> list[dict]:
    assert ROOT is not None
    rows = json.loads((ROOT / "demetr-zh" / f"{name}.json").read_text(encoding="utf-8"))
    return [r for r in rows if r["pert_check"]]


def _inserted_region(mt: str, pert: str) -> tuple[int, int]:
    """Character span of the words DEMETR inserted into ``pert``."""
    import difflib
    import re

    a = [(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", mt)]
    b = [(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", pert)]
    sm = difflib.SequenceMatcher(a=[w for w, _, _ in a], b=[w for w, _, _ in b], autojunk=False)
    ins = [(b[j1][1], b[j2 - 1][2]) for t, _, _, j1, j2 in sm.get_opcodes() if t != "equal" and j2 > j1]
    return min(s for s, _ in ins), max(e for _, e in ins)


@needs_data
def test_demetr_added_words_found_at_the_right_place() -> None:
    """Measured: 0.56 of the insertions flagged as an addition overlapping the inserted word."""
    rows = _rows("critical_id6_addition")
    hits = 0
    for r in rows:
        s, e = _inserted_region(r["mt_sent"], r["pert_sent"])
        flags = check_pair(r["src_sent"], "zh", r["pert_sent"], "en")
        hits += any(
            f.kind == "addition" and f.target_span and f.target_span[0] < e and s < f.target_span[1]
            for f in flags
        )
    assert hits / len(rows) >= 0.46, hits


@needs_data
def test_demetr_removed_phrases_give_omissions() -> None:
    """Measured: 0.30 of the pairs with a prepositional phrase removed get an omission flag."""
    rows = _rows("major_id5_pp_removed")
    hits = sum(
        any(f.kind == "omission" for f in check_pair(r["src_sent"], "zh", r["pert_sent"], "en")) for r in rows
    )
    assert hits / len(rows) >= 0.2, hits


@needs_data
def test_demetr_clean_pairs_rarely_flagged() -> None:
    """Measured: 1 of 50 clean pairs (2%)."""
    assert ROOT is not None
    clean: dict[int, tuple[str, str]] = {}
    for path in sorted((ROOT / "demetr-zh").glob("*.json")):
        for x in json.loads(path.read_text(encoding="utf-8")):
            clean.setdefault(x["id"], (x["src_sent"], x["mt_sent"]))
    flagged = sum(bool(check_pair(s, "zh", m, "en")) for s, m in clean.values())
    assert flagged / len(clean) <= 0.04, flagged


def test_contextual_token_links_feed_the_scorer() -> None:
    """The added word's contextual e5 link to the Chinese is weaker than a translated word's."""
    from align.checks.divergence import CTX_FEATURES, _scorers

    assert set(CTX_FEATURES) <= set(_scorers()["en"].features)
    zh = FISH
    en = FISH_EN.replace("in fish", "in wild fish")
    cands = {d.text: d for d in divergences(zh, en)}
    assert "wild" in cands
    wild = cands["wild"].feats
    assert all(f in wild for f in CTX_FEATURES)
    from align.embed.e5tokens import shared

    ev, es = shared().token_vectors(en, (8,))
    zv, _ = shared().token_vectors(zh, (8,))
    best = (ev[8] @ zv[8].T).max(1)
    fish = next(k for k, (a, b) in enumerate(es) if en[a:b] == "fish")
    assert wild["c8"] < best[fish] - 0.1
