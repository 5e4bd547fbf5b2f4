"""Clause-level omissions and additions (``align.checks.clauses``): a dropped or added phrase of an
otherwise translated sentence is found, with the span of that phrase, in both directions; a
complete translation of the same sentence, however reordered, is left alone."""

from __future__ import annotations

from align.checks.clauses import check_pair, chunks

EN_MEETING = (
    "Japan will raise its defense budget to 2 percent of GDP by 2027, Prime Minister Shigeru Ishiba "
    "said on Monday following a meeting with U.S. Defense Secretary Pete Hegseth in Tokyo."
)
ZH_MEETING_FULL = (
    "日本首相石破茂周一在东京与美国国防部长皮特·赫格塞思会晤后表示，"
    "日本将在2027年前把防卫预算提高到国内生产总值的2%。"
)
ZH_MEETING_CUT = "日本首相石破茂周一表示，日本将在2027年前把防卫预算提高到国内生产总值的2%。"

EN_RULES = (
    "The ministry said the new rules would take effect in March, after a two-month consultation "
    "with industry groups."
)
ZH_RULES_FULL = "该部表示，在与行业团体进行为期两个月的磋商后，新规定将于三月生效。"
ZH_RULES_CUT = "该部表示，新规定将于三月生效。"


def _spans(text: str, lang: str) -> list[str]:
    return [text[s:e] for s, e in chunks(text, lang)]


def test_chunks_cut_at_punctuation_and_adjuncts_not_at_abbreviations() -> None:
    assert _spans(EN_MEETING, "en") == [
        "Japan will raise its defense budget to 2 percent of GDP by 2027",
        "Prime Minister Shigeru Ishiba said on Monday",
        "following a meeting with U.S. Defense Secretary Pete Hegseth in Tokyo",
    ]
    assert _spans(ZH_RULES_FULL, "zh") == [
        "该部表示",
        "在与行业团体进行为期两个月的磋商后",
        "新规定将于三月生效",
    ]


def test_a_sentence_of_one_chunk_gives_none() -> None:
    # a whole sentence without counterpart belongs to the coverage check
    assert chunks("Officials said the talks were productive.", "en") == []
    text = "He left. She said the talks were productive, and both sides agreed to meet again."
    assert _spans(text, "en") == ["She said the talks were productive", "and both sides agreed to meet again"]


def test_dropped_adjunct_in_a_chinese_translation_is_an_omission_with_its_span() -> None:
    for en, zh, dropped in (
        (EN_MEETING, ZH_MEETING_CUT, "following a meeting with U.S. Defense Secretary Pete Hegseth in Tokyo"),
        (EN_RULES, ZH_RULES_CUT, "after a two-month consultation with industry groups"),
    ):
        flags = check_pair(en, "en", zh, "zh")
        assert [f.kind for f in flags] == ["omission"], flags
        assert en[slice(*flags[0].source_span)] == dropped
        assert flags[0].severity == "major" and flags[0].target_span is None


def test_complete_translations_are_not_flagged() -> None:
    assert check_pair(EN_MEETING, "en", ZH_MEETING_FULL, "zh") == []
    assert check_pair(EN_RULES, "en", ZH_RULES_FULL, "zh") == []
    assert (
        check_pair(
            "他说，会谈富有成效，双方同意下月在日内瓦再次会面。",
            "zh",
            "He said the talks were productive, and both sides agreed to meet again in Geneva next month.",
            "en",
        )
        == []
    )


def test_clause_added_to_an_english_translation_is_an_addition() -> None:
    en = "He said the talks were productive, and both sides agreed to meet again in Geneva next month."
    flags = check_pair("他说，会谈富有成效。", "zh", en, "en")
    assert [f.kind for f in flags] == ["addition"], flags
    assert en[slice(*flags[0].target_span)] == "and both sides agreed to meet again in Geneva next month"
    # the same pair read the other way round: the Chinese original lacks nothing, the English has more
    assert [f.kind for f in check_pair(en, "en", "他说，会谈富有成效。", "zh")] == ["omission"]


def test_other_languages_and_empty_sides_are_skipped() -> None:
    assert check_pair(EN_RULES, "en", EN_RULES, "en") == []
    assert check_pair(EN_RULES, "en", "  ", "zh") == []


def test_document_check_equals_the_pair_check_and_reuses_the_run_vectors() -> None:
    """Through the pipeline's context: the aligner's sentences, batched encoding and the shared
    sentence vectors give exactly the flags of ``check_pair`` on each bead."""
    from align.checks.clauses import clause_check
    from align.checks.context import CheckContext
    from align.pipeline import align_documents
    from align.resources import default_resources
    from align.segment import split_sentences

    en = " ".join([EN_MEETING, EN_RULES, "Officials said the talks were productive."])
    zh = ZH_MEETING_CUT + ZH_RULES_CUT + "官员们表示，会谈富有成效。"
    src, tgt = split_sentences(en, "en", "source"), split_sentences(zh, "zh", "target")
    beads, sv, tv, emb, _ = align_documents(src, tgt, embedder="use")
    ctx = CheckContext(src, tgt, beads, emb, sv, tv)
    # the run's vectors are the ones the threshold was set on (same model, same text)
    assert (
        float(
            ctx.window_vector("source", beads[0].source)
            @ default_resources().word_vectors().encode([EN_MEETING])[0]
        )
        > 0.9999
    )
    got = clause_check(ctx)
    want = {}
    for i in range(len(beads)):
        s, t = ctx.bead_texts(i)
        flags = check_pair(s, "en", t, "zh")
        if flags:
            want[i] = flags
    assert got == want
    assert sorted(f.kind for fl in got.values() for f in fl) == ["omission", "omission"]
    # cut into interleaved shares (a long document's check runs across the processes): the same
    shares = [clause_check(ctx, part, 2) for part in range(2)]
    assert all(i % 2 == part for part, got_part in enumerate(shares) for i in got_part)
    assert {**shares[0], **shares[1]} == got and all(shares)


def test_document_check_with_another_embedder_encodes_the_sides_itself() -> None:
    """With e5 (or any other model) the run's vectors are not USE's: the threshold's own encoder
    embeds both sides, so the flags are still those of ``check_pair``."""
    import numpy as np

    from align.checks.clauses import clause_check
    from align.checks.context import CheckContext
    from align.segment import split_sentences
    from align.types import Bead

    class Other:
        model_id = "another-model"

        def encode(self, texts: list[str]) -> np.ndarray:
            return np.ones((len(texts), 4), np.float32) / 2.0  # useless on purpose

    en = " ".join([EN_RULES, EN_MEETING])
    zh = ZH_RULES_CUT + ZH_MEETING_FULL
    src, tgt = split_sentences(en, "en", "source"), split_sentences(zh, "zh", "target")
    beads = (Bead((0,), (0,), 0.8), Bead((1,), (1,), 0.8))
    vecs = np.ones((2, 4), np.float32) / 2.0
    got = clause_check(CheckContext(src, tgt, beads, Other(), vecs, vecs))
    assert list(got) == [0] and [f.kind for f in got[0]] == ["omission"]
    assert got[0] == check_pair(EN_RULES, "en", ZH_RULES_CUT, "zh")


def test_a_predicate_joined_by_and_without_a_comma_is_a_chunk() -> None:
    """ "reacted sharply and summoned the Japanese ambassador": a second predicate (a past-tense verb
    after "and") is its own chunk, so an added one is found; "Italy and Greece" is not cut."""
    en = "Beijing reacted sharply and summoned the Japanese ambassador."
    assert _spans(en, "en") == ["Beijing reacted sharply", "and summoned the Japanese ambassador"]
    assert _spans("Poland, Italy and Greece pushed for a lower ceiling.", "en") == [
        "Poland",
        "Italy and Greece pushed for a lower ceiling",
    ]
    flags = check_pair("北京反应强烈。", "zh", en, "en")
    assert [en[slice(*f.target_span)] for f in flags] == ["and summoned the Japanese ambassador"]
    zh = "北京反应强烈，并召见了日本大使。"
    assert check_pair(zh, "zh", en, "en") == []


def test_an_added_chunk_the_dictionary_finds_nothing_of_needs_less_gain() -> None:
    """并威胁要否决整个方案 ("and threatened to veto the whole package") brings the rest 0.10 closer
    to the English: below the addition's 0.12, but none of its words is in the English, so it is
    new content rather than a clarification."""
    en = (
        "Poland, Italy and Greece, which rely more heavily on imported liquefied natural gas, pushed "
        "for a lower ceiling."
    )
    zh = "更依赖进口液化天然气的波兰、意大利和希腊则力主降低上限，并威胁要否决整个方案。"
    flags = check_pair(en, "en", zh, "zh")
    assert [zh[slice(*f.target_span)] for f in flags] == ["并威胁要否决整个方案"]
    assert check_pair(en, "en", zh.replace("，并威胁要否决整个方案", ""), "zh") == []


def test_the_clause_model_reads_the_gain_and_the_links() -> None:
    """The shipped model: a chunk whose removal brings the sides closer, or fewer of whose words are
    linked to the other side, is more likely unrendered; the file says where it was learned."""
    import math

    from align.checks.clauses import CHUNK_FEATURES, chunk_features, clause_model
    from align.logistic import probability

    model = clause_model()
    assert tuple(model["features"]) == CHUNK_FEATURES and 0.5 < model["threshold"] < 1.0
    assert "ntrex" in model["data"].lower() and "clause_fit/fit.py" in model["command"]
    static = {"cov": 0.0, "cov_gap": 0.5, "log_size": math.log1p(6), "size_share": 0.3, "zh": 0.0,
              "first": 0.0, "last": 1.0, "linked": 0.0, "run": 0.0, "figures_gone": 0.0}

    def p(gain: float, **change: float) -> float:
        return probability(chunk_features(gain=gain, full=0.6, static=static | change), model)

    assert p(0.12) > p(0.03) > p(-0.05)
    assert p(0.05, linked=0.0) > p(0.05, linked=1.0)
    # a chunk whose figures the other side has nowhere ("70 percent of new loans" dropped)
    assert p(0.05, figures_gone=1.0) > p(0.05)
    assert p(0.12) >= model["threshold"] > p(-0.05, linked=1.0, cov=0.5)
    # a run of unlinked words has its own operating point, no looser than the chunks' (fewer faithful
    # runs may be flagged than faithful chunks)
    assert model["threshold"] <= model["threshold_run"] < 1.0


# A stretch the translation leaves out with no comma to cut it off: only the word links see its edges.
EN_BRIDGE = (
    "Engineers found that the old railway bridge could no longer carry heavy freight trains after the flood."
)
DROPPED = "old railway bridge could no longer carry heavy freight trains"
ZH_BRIDGE_FULL = "工程师发现，洪水过后，这座旧铁路桥已无法再承载重型货运列车。"
ZH_BRIDGE_CUT = "工程师发现，洪水过后。"


def test_unlinked_runs_are_candidates_beside_the_punctuation_chunks() -> None:
    from align.checks.clauses import unlinked_runs
    from align.text.wordlinks import word_links

    sentence = [(0, len(EN_BRIDGE))]
    runs = unlinked_runs(word_links(EN_BRIDGE, ZH_BRIDGE_CUT), "en", EN_BRIDGE, sentence)
    assert [EN_BRIDGE[s:e] for s, e in runs] == [DROPPED]
    # rendered in full: nothing unlinked worth a candidate
    assert unlinked_runs(word_links(EN_BRIDGE, ZH_BRIDGE_FULL), "en", EN_BRIDGE, sentence) == []
    # a sentence with next to nothing linked is a free rendering or a whole omission, not a run
    assert unlinked_runs(word_links(EN_BRIDGE, "完全无关的句子。"), "en", EN_BRIDGE, sentence) == []
    # a name breaks a run (the name check owns names; a transliteration is never linked word by word)
    en = "Officials said Tobias Ellwood would chair the committee that reviews defence spending next year."
    zh = "官员表示，明年将审查国防开支。"
    spans = [en[s:e] for s, e in unlinked_runs(word_links(en, zh), "en", en, [(0, len(en))])]
    assert all("Ellwood" not in sp and "Tobias" not in sp for sp in spans)


def test_a_stretch_dropped_without_punctuation_is_one_omission_with_its_span() -> None:
    flags = check_pair(EN_BRIDGE, "en", ZH_BRIDGE_CUT, "zh")
    assert [f.kind for f in flags] == ["omission"], flags  # the run, not also the chunk around it
    assert EN_BRIDGE[slice(*flags[0].source_span)] == DROPPED
    assert check_pair(EN_BRIDGE, "en", ZH_BRIDGE_FULL, "zh") == []


def test_a_run_in_the_translation_is_not_a_candidate_addition() -> None:
    # read the other way round (a Chinese original, an English translation with more in it), the same
    # run is not judged: translators add words to make things explicit
    flags = check_pair(ZH_BRIDGE_CUT, "zh", EN_BRIDGE, "en")
    assert all(EN_BRIDGE[slice(*f.target_span)] != DROPPED for f in flags if f.target_span), flags


def test_the_run_pre_filter_spares_word_links_but_never_hides_a_run() -> None:
    from align.checks.clauses import _pair_links, unlinked_runs
    from align.segment import sentence_spans
    from align.text.wordlinks import word_links

    pairs = [
        (EN_MEETING, ZH_MEETING_FULL),
        (EN_MEETING, ZH_MEETING_CUT),
        (EN_RULES, ZH_RULES_FULL),
        (EN_RULES, ZH_RULES_CUT),
        (EN_BRIDGE, ZH_BRIDGE_FULL),
        (EN_BRIDGE, ZH_BRIDGE_CUT),
    ]
    spared = 0
    for en, zh in pairs:
        for original, text in (("en", en), ("zh", zh)):
            sentences = sentence_spans(text, original)
            runs = unlinked_runs(word_links(en, zh), original, text, sentences)
            if _pair_links(en, zh, original, sentences) is None:
                spared += 1
                assert runs == [], (original, text)
    assert spared >= 4  # closely translated pairs are not linked word by word just to look for runs


def test_a_chunk_whose_figures_the_other_side_lacks_says_so() -> None:
    """Feature ``figures_gone``: the share of a chunk's figures found nowhere on the other side."""
    from align.checks.clauses import _sides

    en = "Banks raised rates on variable-rate mortgages, which account for roughly 70 percent of new loans."

    def gone(zh: str) -> dict[str, float]:
        side = next(sd for sd in _sides(en, "en", zh, "zh") if sd.kind == "omission")
        spans = zip(side.spans, side.static, strict=True)
        return {side.text[s:e]: st["figures_gone"] for (s, e), st in spans}

    chunk = "which account for roughly 70 percent of new loans"
    assert gone("银行上调了浮动利率抵押贷款的利率。")[chunk] == 1.0
    assert gone("银行上调了浮动利率抵押贷款的利率，这类贷款约占新增住房贷款的70%。")[chunk] == 0.0
