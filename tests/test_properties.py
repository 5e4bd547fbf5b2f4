"""Invariants on random edits of a real text pair (hypothesis): nothing lost, nothing duplicated."""

from __future__ import annotations

import warnings

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align.io import InputWarning
from align.pipeline import align_documents, demo_paths
from align.segment import segment_lines, split_sentences

EN, ZH = (p.read_text(encoding="utf-8") for p in demo_paths())
EN_SENTS = [s.text for s in split_sentences(EN, "en", "source").sentences]
ZH_SENTS = [s.text for s in split_sentences(ZH, "zh", "target").sentences]


@st.composite
def edited(draw, sentences: list[str]) -> list[str]:
    """Delete, duplicate, swap or cut sentences: what careless editing does to a translation."""
    out = list(sentences)
    for _ in range(draw(st.integers(0, 6))):
        if not out:
            break
        k = draw(st.integers(0, len(out) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "cut"]))
        if op == "delete":
            out.pop(k)
        elif op == "duplicate":
            out.insert(k, out[k])
        elif op == "swap" and k + 1 < len(out):
            out[k], out[k + 1] = out[k + 1], out[k]
        elif op == "cut" and len(out[k]) > 4:
            out[k] = out[k][: len(out[k]) // 2]
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edited(EN_SENTS), edited(ZH_SENTS))
def test_every_sentence_in_exactly_one_bead_after_random_edits(embedder, en, zh):
    src = segment_lines(en, "en", "source")
    tgt = segment_lines(zh, "zh", "target")
    beads, *_ = align_documents(src, tgt, embedder=embedder)
    assert [k for b in beads for k in b.source] == list(range(len(en)))
    assert [k for b in beads for k in b.target] == list(range(len(zh)))
    assert all(b.source or b.target for b in beads)


@settings(max_examples=40, deadline=None)
@given(edited(ZH_SENTS))
def test_split_then_join_returns_the_characters_of_a_real_text(zh):
    text = "\n\n".join(zh)
    doc = split_sentences(text, "zh", "target")
    assert "".join(s.text for s in doc.sentences).replace(" ", "") == text.replace("\n", "").replace(" ", "")


_NOISE = [
    "“",
    "”",
    "「",
    "」",
    "‘",
    "’",
    '"',
    "'",
    "……",
    "…",
    "...",
    "。",
    "！",
    "?",
    ". ",
    "\n",
    "\n\n",
    "，",
    ", ",
]


@st.composite
def noisy_text(draw, sentences: list[str]) -> str:
    """Edited real sentences with quotes and ellipses dropped in anywhere (balanced or not), and
    sometimes every full stop turned into a comma: a run-on that must be cut, not lost."""
    parts = draw(edited(sentences))
    out = []
    for s in parts:
        k = draw(st.integers(0, len(s)))
        noise = draw(st.lists(st.sampled_from(_NOISE), max_size=3))
        out.append(s[:k] + "".join(noise) + s[k:])
    text = draw(st.sampled_from([" ", "\n", "\n\n"])).join(out)
    if draw(st.booleans()):
        text = text.replace("。", "，").replace(". ", ", ")
    return text


@settings(max_examples=60, deadline=None)
@given(st.data(), st.sampled_from(["en", "zh"]))
def test_split_then_join_keeps_every_character_with_quotes_ellipses_and_run_ons(data, lang):
    """Both languages: sentences, in order and without overlap, cover every non-space character."""
    text = data.draw(noisy_text(EN_SENTS if lang == "en" else ZH_SENTS))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)  # run-on cuts are announced; not under test here
        doc = split_sentences(text, lang, "source")
    assert "".join("".join(s.text for s in doc.sentences).split()) == "".join(text.split())
    assert all("".join(text[s.start : s.end].split()) == "".join(s.text.split()) for s in doc.sentences)
    assert all(a.end <= b.start for a, b in zip(doc.sentences, doc.sentences[1:], strict=False))
