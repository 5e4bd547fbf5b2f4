"""The ``number`` check: every number of the original must reach the translation with its value.

Numbers are the one part of a translation a reader trusts blindly and an editor can check
mechanically, so this check is precise rather than clever: it extracts every quantity on both
sides (digits, number words, Chinese numerals, percentages, money, dates, ordinals, fractions,
decades), normalises each to a value plus a *unit class* (plain, percent, pp, fraction,
currency:XXX, year, decade, ordinal, month, day, hour, name), and compares the two multisets.

What it deliberately tolerates, because translators legitimately do it:

* different writing of one value: ``1.2万`` = ``12,000``, ``$3 billion`` = ``30亿美元``,
  ``百分之二十五`` = ``25 percent``, ``三分之一`` = ``one third`` ≈ ``33%``;
* rounding and approximation: ``about``/``约``/``左右`` allow ~5 %, ``4.2 million`` covers
  ``4,176,000`` (the precision the writer chose);
* *weak* numbers — ``a``/``one``/``一``/``first``/``两``/``both``-like small words, ranges
  (``三四天``) — which often vanish or appear in good translations (``一名男子`` → ``a man``,
  ``这两人`` → ``the pair``): they can serve as a counterpart but never raise a flag alone;
* numbers that are part of a name (``G7``, ``F-35``, ``COVID-19``, ``World War II``): they absorb an
  equal number on the other side (``七国集团``) and are never flagged themselves;
* numerals inside Chinese words and idioms (``一直``, ``统一``, ``千万不要``, ``三思``, ``千方百计``),
  found through jieba word boundaries, and weekday names (``周六``), which are not numbers.

What it flags (kind ``number``): a value that differs (``21`` for ``25``), a number missing from
or added to the translation, the same amount in another currency, a percentage rendered as an
absolute number (or as percentage points), ``more than`` turned into ``less than``, a vague
magnitude of another order (``vague``: "tens of thousands" vs 数千) and a date relative to today
that moved (``relative``: 去年 vs "this year"; a year given outright for "last year" is accepted).

The package, by responsibility: ``model`` (the ``Quantity`` type and the rules both extractors
share), ``units`` (currencies and physical measures), ``chinese_numerals`` and ``chinese``
(reading Chinese numerals; extraction from Chinese text), ``english_numerals``,
``english_context`` and ``english`` (number words; what surrounds an English number; extraction
from English text), ``extract`` (``extract_numbers`` for either language), ``describe`` (how a
quantity reads in a message) and ``compare`` (matching and flags).
"""

from __future__ import annotations

from dataclasses import replace

from align.checks.base import PairCheck
from align.checks.numbers.compare import compare_quantities
from align.checks.numbers.describe import describe
from align.checks.numbers.multipliers import check_pair as multipliers
from align.checks.numbers.relative import (
    RelativeDate,
    century_follows,
    compare_relative,
    relative_century,
    relative_dates,
)
from align.checks.numbers.vague import check_pair as vague_magnitudes
from align.text.dateline import dateline_end
from align.text.numbers.extract import extract_numbers
from align.text.numbers.model import Quantity
from align.types import Flag, spans_overlap

__all__ = ["Quantity", "check_pair", "compare_quantities", "describe", "extract_numbers"]


def check_pair(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Flag]:
    """Number flags for one bead: spans index into ``src_text`` / ``tgt_text``.

    Works in either direction (en→zh or zh→en); each side is read with its own language's
    extractor, so a Chinese source with an English translation and the reverse are handled alike.
    """
    # a dateline's date (【新华社布鲁塞尔10月4日电】) is the filing date: it is never reported, but it
    # may still be where the translation put the body's date ("BEIJING, March 5 (Xinhua) --")
    src_from, tgt_from = dateline_end(src_text, src_lang), dateline_end(tgt_text, tgt_lang)
    src = [q if q.start >= src_from else replace(q, weak=True) for q in extract_numbers(src_text, src_lang)]
    tgt = [q if q.start >= tgt_from else replace(q, weak=True) for q in extract_numbers(tgt_text, tgt_lang)]
    # dates relative to today (去年, "last week"), read once a side
    src_rel, tgt_rel = relative_dates(src_text, src_lang), relative_dates(tgt_text, tgt_lang)
    src = _dated_by_relative(src, src_text, src_rel, tgt_text, tgt_rel)
    tgt = _dated_by_relative(tgt, tgt_text, tgt_rel, src_text, src_rel)
    flags = vague_magnitudes(src_text, src_lang, tgt_text, tgt_lang)  # "tens of thousands" vs 数千
    mult = multipliers(src_text, src_lang, tgt_text, tgt_lang)  # "twice as much" vs 一半
    flags += mult
    if {src_lang, tgt_lang} == {"en", "zh"}:
        flags += compare_relative(src_rel, tgt_rel, src_text, tgt_text)  # "last year" vs 今年
    if not src and not tgt:
        return flags
    found = compare_quantities(src, tgt, len(src_text), len(tgt_text))
    # a changed multiplier is reported once, as such ("twice" vs 三倍, not also 2 vs 3)
    found = [
        f
        for f in found
        if not any(
            spans_overlap(f.source_span, m.source_span) or spans_overlap(f.target_span, m.target_span)
            for m in mult
        )
    ]
    return found + flags


def _dated_by_relative(
    qs: list[Quantity], text: str, mine: list[RelativeDate], other_text: str, theirs: list[RelativeDate]
) -> list[Quantity]:
    """``qs`` (read from ``text``, whose relative dates are ``mine``) with a year, month or day made
    weak where the other side says "last year" (or yesterday, next month …) and this side has no
    such word: "Last year" → 2024年 is a free rendering whose value the check cannot know, so the
    figure can match but is not reported. Likewise a century or decade against 上世纪/本世纪."""
    out = qs
    if qs and relative_century(other_text) and not relative_century(text):
        # 上世纪 for "the 20th century", 本世纪初 for "the early 2000s"
        out = [
            replace(q, weak=True)
            if q.unit == "decade" or (q.unit == "ordinal" and century_follows(text, q.end))
            else q
            for q in out
        ]
    for unit in ("year", "month", "day"):
        excess = sum(r[0] == unit for r in theirs) - sum(r[0] == unit for r in mine)
        idx = [k for k, q in enumerate(out) if q.unit == unit and not q.weak]
        if excess > 0 and 0 < len(idx) <= excess:
            out = [replace(q, weak=True) if k in idx else q for k, q in enumerate(out)]
    return out


class NumberCheck(PairCheck):
    """Figures, units, multipliers and dates, each side read with its own language's extractor."""

    name = "number"
    kinds = ("number",)
    summary = "figures, units, multipliers, clock times and dates that differ"

    pure = True  # reads the two texts only: a repeated pair is checked once (PairCheck)

    def check_pair(self, src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Flag]:
        return check_pair(src_text, src_lang, tgt_text, tgt_lang)
