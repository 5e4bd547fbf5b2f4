"""What surrounds an English number: scale, percent, currency, measure, sign, bound, day of month.

``$3.5 billion``, ``about 20 percent``, ``more than 300 km``, ``July 24``: once the figure itself
is read (digits or words), the words around it decide its unit class and how exact it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import regex

from align.text.numbers.english_numerals import (
    MONTH_ABBR,
    MONTHS,
    SCALES,
    SHORT_SCALES,
    Tok,
    glued,
    tok_index,
)
from align.text.numbers.model import Quantity, pick_bound, weaken
from align.text.numbers.units import (
    CODE_CURRENCY,
    DOLLAR_PREFIX,
    EN_CURRENCY_AFTER,
    EN_MEASURE,
    SYMBOL_CURRENCY,
    en_measure,
)


def _phrases(text: str) -> tuple[tuple[str, ...], ...]:
    """Comma-separated phrases as tuples of words, in order."""
    return tuple(tuple(p.split()) for p in text.split(","))


_EN_APPROX = _phrases(
    "about, around, approximately, roughly, some, nearly, almost, close to, an estimated, estimated, "
    "circa, approx"
)
_EN_GT = _phrases(
    "more than, over, above, exceeding, at least, upwards of, in excess of, greater than, higher than, "
    "just over, over than"
)
_EN_LT = _phrases(
    "less than, fewer than, under, below, up to, at most, no more than, nearly, almost, just under, "
    "lower than"
)


def _lookback(toks: list[Tok], i: int, phrases: Iterable[tuple[str, ...]]) -> str:
    """The longest of ``phrases`` that the tokens just before token ``i`` spell, as written."""
    for p in sorted(phrases, key=len, reverse=True):
        k = len(p)
        if i - k >= 0 and tuple(t.low for t in toks[i - k : i]) == p:
            return " ".join(t.text for t in toks[i - k : i])
    return ""


def currency_before(text: str, toks: list[Tok], i: int) -> tuple[str, int] | None:
    """Currency written before the number: ``$``, ``US$``, ``€``, ``RMB``; returns (code, start)."""
    if i == 0:
        return None
    p = toks[i - 1]
    if p.text in SYMBOL_CURRENCY and glued(toks, i):
        code, start = SYMBOL_CURRENCY[p.text], p.start
        if p.text == "$" and i >= 2 and glued(toks, i - 1) and toks[i - 2].text in DOLLAR_PREFIX:
            code, start = DOLLAR_PREFIX[toks[i - 2].text], toks[i - 2].start
        elif p.text == "$" and text[max(0, p.start - 4) : p.start] == "U.S.":
            code, start = "USD", p.start - 4
        return code, start
    if p.text in CODE_CURRENCY:
        return CODE_CURRENCY[p.text], p.start
    return None


def read_tail(
    text: str,
    toks: list[Tok],
    i: int,
    j: int,
    value: float,
    *,
    word: bool,
    decimals: int,
    has_scale: bool,
    scale: float = 1.0,
) -> tuple[list[Quantity], int]:
    """Scale, percent, currency, bounds and dates around a number that spans tokens ``i..j-1``."""
    n = len(toks)
    s, e = toks[i].start, toks[j - 1].end
    unit = "plain"
    # and a half million / 1.5 million
    if (
        j < n
        and toks[j].low in SCALES
        and toks[j].low != "hundred"
        or (j < n and toks[j].low in ("bn", "tn", "trn", "mn", "mln"))
    ):
        sc = SCALES.get(toks[j].low) or SHORT_SCALES[toks[j].low]
        scale = sc
        value *= sc
        has_scale = True
        e = toks[j].end
        j += 1
    if word and toks[j - 1].low in SCALES:
        scale = SCALES[toks[j - 1].low]
    precision = 0.5 * 10 ** (-decimals) * scale if has_scale and decimals else 0.0
    rest = text[e : e + 40]
    if m := regex.match(r"\s?%|\s*per\s?cent\b|\s*pct\b", rest, regex.I):
        unit, e = "percent", e + m.end()
    elif m := regex.match(r"\s*percentage[- ]points?\b|\s*pp\b", rest, regex.I):
        unit, e = "pp", e + m.end()
    elif m := regex.match(r"\s*(?:basis[- ]points?|bps?)\b", rest, regex.I):
        unit, value, e = "pp", value / 100.0, e + m.end()
    cur = currency_before(text, toks, i)
    if cur and unit == "plain":
        unit, s = f"currency:{cur[0]}", cur[1]
    elif unit == "plain":
        for pat, code in EN_CURRENCY_AFTER:
            if m := regex.match(rf"\s+(?:{pat})\b", text[e : e + 40]):
                code = code or m.group().strip().upper()
                unit, e = f"currency:{code}", e + m.end()
                break
    measure = ""
    if unit == "plain" and (mm := EN_MEASURE.match(text, e)):
        # "pounds" here is a weight: a price in pounds carries £ or "sterling", read above.
        measure = en_measure(mm.group("u"))
    while j < n and toks[j].end <= e:
        j += 1
    if (
        unit == "plain"
        and not (word or has_scale or measure or decimals)
        and (regex.fullmatch(r"1\d{3}|20\d{2}|2100", toks[i].text) and 1000 <= value <= 2100)
    ):
        unit = "year"
    q = Quantity(value, unit, s, e, text[s:e], word=word, precision=precision, scale=scale, measure=measure)
    if unit == "plain" and not has_scale:
        q = read_day(toks, i, q)
        if (m := regex.match(r"\s*([ap])\.m\.|\s*o'clock", text[e : e + 12], regex.I)) and value <= 12:
            q = replace(q, unit="hour")  # a.m./p.m. is read in extract._clock
    # sign
    minus = i > 0 and toks[i - 1].text in ("-", "−") and glued(toks, i) and not glued(toks, i - 1)
    if minus and q.unit != "year":
        q = replace(q, value=-q.value, start=toks[i - 1].start, text=text[toks[i - 1].start : q.end])
    elif i > 0 and toks[i - 1].low in ("minus", "negative"):
        q = replace(q, value=-q.value)
    if regex.match(r"\s*(?:degrees?\s*)?(?:°C?\s*)?below zero", text[q.end : q.end + 30]):
        q = replace(q, value=-abs(q.value))
    q = read_bounds(text, toks, tok_index(toks, q.start) if cur else i, q)
    return [weaken(q)], j


def read_bounds(text: str, toks: list[Tok], i: int, q: Quantity) -> Quantity:
    """Approximation and bound words around an English number: about, more than, up to, or so."""
    gt = _lookback(toks, i, _EN_GT)
    lt = _lookback(toks, i, _EN_LT)
    ap = _lookback(toks, i, _EN_APPROX)
    bound, bound_text = pick_bound(gt, lt)
    approx = False
    if ap:
        approx, bound_text = True, bound_text or ap
    rest = text[q.end : q.end + 12]
    if regex.match(r"\s*or so\b|-odd\b|\s*odd\b", rest):
        approx = True
    elif regex.match(r"\+|-plus\b|\s*plus\b(?!\s+\d)", rest):
        bound, bound_text = ">", bound_text or "plus"
    elif regex.match(r"\s*or (?:more|above|over)\b", rest):
        bound, bound_text = ">", bound_text or "or more"
    if not (bound or approx):
        return q
    return replace(q, bound=bound, bound_text=bound_text, approx=approx or q.approx)


def read_day(toks: list[Tok], i: int, q: Quantity) -> Quantity:
    """A small number next to a month name is a day of the month (July 24, 24 July, the 24th)."""
    if not (1 <= q.value <= 31 and q.value == int(q.value)):
        return q
    prev = toks[i - 1].text if i > 0 else ""
    k = tok_index(toks, q.end)
    nxt = (
        toks[k + 1].text
        if k < len(toks) and toks[k].low == "of" and k + 1 < len(toks)
        else (toks[k].text if k < len(toks) else "")
    )
    abbr_dot = prev == "." and i >= 2 and toks[i - 2].text in MONTH_ABBR
    if prev in MONTHS or prev in MONTH_ABBR or abbr_dot or nxt in MONTHS or nxt in MONTH_ABBR:
        return replace(q, unit="day")
    if q.unit == "ordinal" and prev.lower() == "the" and nxt.lower() not in _ORDINAL_NOUNS:
        return replace(q, unit="day") if q.value > 1 else q
    return q


# "the 20th century", "the 19th Party Congress": an ordinal, not the 20th of a month
_ORDINAL_NOUNS = frozenset(
    (
        "century",
        "centuries",
        "anniversary",
        "birthday",
        "amendment",
        "congress",
        "session",
        "round",
        "floor",
        "edition",
        "term",
        "place",
        "party",
        "plenum",
    )
)
