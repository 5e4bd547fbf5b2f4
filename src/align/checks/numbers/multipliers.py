"""Multipliers: "twice as much" is 两倍, not 一半 ("half").

Why: the number extractors read "twice" and 两 as small counts a translation may drop or add (weak
numbers), and 一半 not at all, so "twice as much as the price" rendered 价格的一半 passed. Here each
side's multipliers are read as factors (twice = 2, "three times as" = 3, 一半 = 0.5, 翻一番 = 2), and a
bead is flagged when each side has exactly one and they differ. After a comparative or a verb of
growth (多一倍, 大一倍, 增加了两倍) N倍 may count the increase, so it accepts N and N + 1 (多一倍 is
"twice as much"; usage differs on 增加了两倍).
"""

from __future__ import annotations

import regex

from align.text.numbers.chinese_numerals import parse_zh_run
from align.types import Flag

_EN_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_EN_WORDS |= {"nine": 9, "ten": 10}
_EN = regex.compile(
    r"\b(?:(?P<two>twice|double[sd]?|doubling)|(?P<three>triple[sd]?|tripling)"
    r"|(?P<four>quadruple[sd]?)|(?P<half>half)\s+(?:as\s+(?:much|many|large|big|high|long)|the\s+(?:price|size|"
    r"level|rate|amount|cost))"
    r"|(?P<n>\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)\s+times\s+"
    r"(?=as\b|more\b|higher\b|larger\b|greater\b|bigger\b|faster\b|the\b|that\b|what\b|its\b|their\b))",
    regex.I,
)
_ZH = regex.compile(
    r"(?P<grew>增加了|增长了|提高了|上升了|上涨了|扩大了|[多大高长快贵重强]出?)?"
    r"(?P<n>[\d.]+|[一二两三四五六七八九十]+)倍|(?P<half>的一半)|(?P<fan>翻(?P<k>一|两|三)?番)"
)


def multipliers(text: str, lang: str) -> list[tuple[frozenset[float], int, int]]:
    """(accepted factors, start, end) of every multiplier in ``text``."""
    out: list[tuple[frozenset[float], int, int]] = []
    if lang == "zh":
        for m in _ZH.finditer(text):
            if m.group("half"):
                s = m.start("half") + 1  # the highlight is 一半, not 的
                out.append((frozenset({0.5}), s, m.end()))
            elif m.group("fan"):
                k = {"一": 1, "两": 2, "三": 3}.get(m.group("k") or "一", 1)
                out.append((frozenset({float(2**k)}), m.start("fan"), m.end()))
            else:
                raw = m.group("n")
                run = None if raw[0].isdigit() else parse_zh_run(raw)
                if not raw[0].isdigit() and (run is None or len(run.values) != 1):
                    continue
                v = float(raw) if run is None else run.values[0]
                factors = {v, v + 1} if m.group("grew") else {v}
                out.append((frozenset(factors), m.start("n"), m.end()))
        return out
    for m in _EN.finditer(text):
        if m.group("two"):
            f = 2.0
        elif m.group("three"):
            f = 3.0
        elif m.group("four"):
            f = 4.0
        elif m.group("half"):
            f = 0.5
        else:
            raw = m.group("n").lower()
            f = float(raw) if raw[0].isdigit() else float(_EN_WORDS[raw])
        end = m.end("n") + len(" times") if m.group("n") else m.end()
        out.append((frozenset({f}), m.start(), min(end, m.end())))
    return out


def check_pair(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Flag]:
    """A ``number`` flag where each side has one multiplier and they differ."""
    if {src_lang, tgt_lang} != {"en", "zh"}:
        return []
    a, b = multipliers(src_text, src_lang), multipliers(tgt_text, tgt_lang)
    if len(a) != 1 or len(b) != 1:
        return []
    (fa, as_, ae), (fb, bs, be) = a[0], b[0]
    if fa & fb:
        return []
    msg = (
        f"multiplier '{src_text[as_:ae]}' in the original is '{tgt_text[bs:be]}' in the translation "
        f"(×{min(fa):g} against ×{min(fb):g})"
    )
    return [Flag("number", "major", 0.75, msg, source_span=(as_, ae), target_span=(bs, be))]
