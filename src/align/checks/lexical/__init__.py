"""Key-term meaning shifts: lost or added negation, opposites and scale shifts (小国 vs "middle power").

Why a word-level check: a sentence that keeps every word but one can say the opposite, and
sentence embeddings barely notice (cosine moves by ~0.005 for 小国 vs "middle power"). Two rules,
tuned for precision rather than recall, because every false flag costs an editor time:

* **Polarity** — count the negations that reverse a clause on each side (不/没有/未/无法…, not/never/
  no/without…). Words whose meaning contains a negation (拒绝 "refuse", 无关 "irrelevant", unable,
  impossible, lack …) are *weak*: one may stand for a negation on the other side (不能 = unable),
  so it absorbs one unmatched negation there, unless the other side already renders it by its own
  word (拒绝 next to "refused"). Fixed expressions that only look negative (不断 "constantly",
  非常 "very", 不得不 "must", 是不是 questions, not only, no doubt, tag questions …) do not count,
  nor do litotes (差别不大 = "the difference is small"). A flag is raised when one side keeps a
  negation nothing on the other side accounts for, *and* the clause around it is rendered on the
  other side (the negated word, or a third of the clause's content words, found through CC-CEDICT
  glosses): a negation in a clause the translator dropped or rewrote freely is an omission or a
  free rendering, not a polarity flip (this cut MAC-Dev false flags from 12.2 % to 5.2 % of gold
  beads). Negations inside rhetorical questions (难道, 岂, "Why not …?") and idioms that only look
  negative (怪不得, 免不了, 不一定 …) are weak or ignored.
* **Opposites and scales** — a hand-written table (``data/lex_opposites.tsv``) lists English
  opposites (increase/decrease, accept/reject, ally/rival …) and ordered scales
  (small < medium < large). A Chinese word takes a value through its CC-CEDICT glosses (小 → small,
  加息 → raise …). A flag needs all of: the Chinese word names value A through a *main* sense; the
  English has a word of an opposite value B; the English says A fewer times than the Chinese
  (usually never); the Chinese has fewer words that could mean B, through any sense even a rare
  one, than the English has B words; the Chinese word is not already rendered by another English
  word (下降 "fall/decline" next to "fell" is translated, whatever else "decline" may mean); and a
  single-character trigger sits at a comparable place in its sentence. Negated
  occurrences (不大 = small), words inside names (Middle East, Great Britain) and function-word
  characters (上, 内, 对 …) are never the trigger. Negative affixes are opposites too (responsible vs
  irresponsible, careful vs careless).

Each flag is kind ``mistranslation`` with a span on both sides where a counterpart is found.

The rules live in one module per family: ``tables`` (the data files), ``analysis`` (each side
read once), ``negwords`` (what negates), ``findings`` (shared helpers), ``opposites``, ``swaps``,
``affixes``, ``negation`` (polarity) and ``moves`` (a figure's direction).
"""

from __future__ import annotations

import re

from align.checks.base import PairCheck
from align.checks.lexical.analysis import _analyse_en, _analyse_zh
from align.checks.lexical.findings import _Finding
from align.checks.lexical.moves import _figure_move_findings
from align.checks.lexical.negation import _negation_findings
from align.checks.lexical.opposites import _opposite_findings
from align.checks.numbers.relative import relative_dates
from align.text.zh import HAN as _HAN
from align.types import Flag, spans_overlap


def findings(zh_text: str, en_text: str) -> list[_Finding]:
    """All findings for one Chinese/English pair, deduplicated (direction-free)."""
    z = _analyse_zh(zh_text)
    e = _analyse_en(en_text)
    opp = _figure_move_findings(z, e) + _opposite_findings(z, e)
    # one finding per Chinese word and per English word, the most severe first
    opp.sort(key=lambda f: (f.severity != "critical", -f.confidence))
    kept: list[_Finding] = []
    for f in opp:
        if any(spans_overlap(f.zh_span, k.zh_span) or spans_overlap(f.en_span, k.en_span) for k in kept):
            continue
        kept.append(f)
    for f in _negation_findings(z, e):
        if any(spans_overlap(f.zh_span, k.zh_span) or spans_overlap(f.en_span, k.en_span) for k in kept):
            continue  # 不再 vs "still" is already reported as an opposite
        kept.append(f)
    return kept


def check_pair(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Flag]:
    """Flag lost/added negation and opposite or scale-shifted key terms between a bead's two sides.

    Works in both directions (en→zh and zh→en); spans index into ``src_text`` / ``tgt_text``.
    Pairs that are not one English and one Chinese side return no flag.
    """
    if {src_lang, tgt_lang} != {"en", "zh"} or not src_text.strip() or not tgt_text.strip():
        return []
    zh_is_src = src_lang == "zh"
    zh_text, en_text = (src_text, tgt_text) if zh_is_src else (tgt_text, src_text)
    if not _HAN.search(zh_text) or not re.search(r"[A-Za-z]", en_text):
        return []  # a side with no words at all is an omission, reported by the coverage check
    # "last year" vs 明年 is a date, reported by the number check (align.checks.numbers.relative)
    zh_dates = [(s, e) for _, _, s, e in relative_dates(zh_text, "zh")]
    en_dates = [(s, e) for _, _, s, e in relative_dates(en_text, "en")]
    flags: list[Flag] = []
    for f in findings(zh_text, en_text):
        if _inside(f.zh_span, zh_dates) or _inside(f.en_span, en_dates):
            continue  # "last" of "last year" is no "final" (原定): dates are the number check's
        src_span, tgt_span = (f.zh_span, f.en_span) if zh_is_src else (f.en_span, f.zh_span)
        flags.append(
            Flag(
                kind="mistranslation",
                severity=f.severity,
                confidence=f.confidence,
                message=_message(f, zh_text, en_text, zh_is_src),
                source_span=src_span,
                target_span=tgt_span,
            )
        )
    return flags


def _inside(span: tuple[int, int] | None, spans: list[tuple[int, int]]) -> bool:
    return span is not None and any(s <= span[0] and span[1] <= e for s, e in spans)


def _quote(text: str, span: tuple[int, int] | None) -> str:
    return f'"{text[span[0] : span[1]]}"' if span else ""


def _message(f: _Finding, zh_text: str, en_text: str, zh_is_src: bool) -> str:
    zq, eq = _quote(zh_text, f.zh_span), _quote(en_text, f.en_span)
    src_q, tgt_q = (zq, eq) if zh_is_src else (eq, zq)
    if f.rule == "antonym":
        return f"opposite meaning: the original says {src_q} but the translation says {tgt_q} ({f.detail})"
    if f.rule == "scale":
        return (
            f"different degree: the original says {src_q} but the translation says {tgt_q} ({f.detail}), "
            "another point on the same scale"
        )
    neg_in_zh = f.rule == "negation-in-zh"
    neg_q = zq if neg_in_zh else eq
    other_q = eq if neg_in_zh else zq
    if neg_in_zh == zh_is_src:
        tail = f"; it says {other_q} without negation" if other_q else ""
        return (
            f"negation lost: the original says {neg_q} ({f.detail}), "
            f"the translation has no matching negation{tail}"
        )
    tail = f" ({other_q})" if other_q else ""
    return f"negation added: the translation says {neg_q} ({f.detail}) but the original is affirmative{tail}"


class LexicalCheck(PairCheck):
    """Meaning shifts through CC-CEDICT: negation, opposites, scales, a figure's movement."""

    name = "lexical"
    heavy = True  # ~10 s of the Bible's checks: both sides analysed word by word
    kinds = ("mistranslation",)
    summary = "lost or added negation, opposites, scale shifts such as middle power → 小国"

    pure = True  # reads the two texts only: a repeated pair is checked once (PairCheck)

    def check_pair(self, src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Flag]:
        return check_pair(src_text, src_lang, tgt_text, tgt_lang)
