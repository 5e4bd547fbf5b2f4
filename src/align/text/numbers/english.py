"""English extraction: every number of an English text, with its unit class and character span.

Numbers come as digits with whatever clings to them (``$3bn``, ``24th``, ``1990s``, ``3:50 p.m.``,
``1/3``) and as words (``twenty-five``, ``a third``, ``half a dozen``, ``twice``). Digits glued to
letters are names (``G7``, ``F-35``, ``COVID-19``), and so is a capitalised number word inside a
sentence (``the Big Four``, ``World War Two``).
"""

from __future__ import annotations

from dataclasses import replace

import regex

from align.text.numbers.english_context import currency_before, read_bounds, read_day, read_tail
from align.text.numbers.english_numerals import (
    DECADE_WORDS,
    DENOMS,
    MONTH_ABBR,
    MONTHS,
    ORDINALS,
    ROMAN,
    SCALES,
    SHORT_SCALES,
    TENS,
    UNITS,
    Tok,
    glued,
    is_number_word,
    parse_words,
    roman,
    tok_index,
)
from align.text.numbers.model import Quantity, decimals, slash, weaken, words

_EN_TOKEN = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[A-Za-z]+|\S")
# Letters glued after digits that are a unit (5km, 3kg, 20mph), not part of a name (5G, A380).
_EN_UNIT_SUFFIX = set(
    words(
        "km kg cm mm g t mg ml kw mw gw kwh mwh gwh h hr hrs min mins sec secs ms mph kph ft lb lbs oz gb "
        "mb tb kb mbps gbps hz khz mhz ghz w v x l sq bp bps mi yd in"
    )
)
# "three-dimensional", "3-D", "two dimensions": a name for the geometry, as 三维 is
_DIMENSION = regex.compile(r"\s*-?\s*(?:dimensional|dimensions?|D)\b")
_OF_A_SCALE = regex.compile(r"\s+of\s+an?\s+(hundred|thousand|million|billion|trillion)\b")
# Words before ``May``/``March`` that make them months rather than a verb or a walk.
_BEFORE_A_MONTH = words("in of since until by early late mid last next this from through till between and -")


# Every word that can start a number (a branch of ``en_quantities`` or ``_spelled`` looks at it);
# any other word is passed over at once, as those branches would pass it (most words of a text).
_MAY_START = frozenset(
    (
        *UNITS,
        *TENS,
        *SCALES,
        *DENOMS,
        *ORDINALS,
        *DECADE_WORDS,
        *words(
            "a an one several few couple many thrice hundreds thousands millions billions dozens tens "
            "scores quarter half decade once single twice double both pair dozen"
        ),
    )
)


def _passed_over(t: Tok) -> bool:
    """Whether token ``t`` can start no number: not a figure, a number word, a month or a numeral."""
    low = t.low
    return not (
        low in _MAY_START
        or t.text[0].isdigit()
        or low.endswith(("fold", "score"))
        or t.text.capitalize() in MONTHS
        or t.text in MONTH_ABBR
        or t.text[0] in "IVXL"
    )


def en_quantities(text: str) -> list[Quantity]:
    """Every number in an English text, with its unit class and character span."""
    toks = [Tok(m.group(), m.start(), m.end()) for m in _EN_TOKEN.finditer(text)]
    out: list[Quantity] = []
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if _passed_over(t):
            i += 1
            continue
        if (ratio := _one_in(text, toks, i)) is not None:
            qs, j = ratio
        elif t.text[0].isdigit():
            qs, j = _digits(text, toks, i)
        elif t.low in DECADE_WORDS and i > 0 and toks[i - 1].low == "the":
            value = float(DECADE_WORDS[t.low])
            qs, j = [Quantity(value, "decade", t.start, t.end, t.text, word=True)], i + 1
        elif (
            t.text in MONTHS
            or t.text in MONTH_ABBR
            or (
                t.text.islower()
                and t.text.capitalize() in MONTHS
                and t.text not in ("may", "march")
                and (
                    (i + 1 < n and toks[i + 1].text[0].isdigit()) or (i > 0 and toks[i - 1].text[0].isdigit())
                )
            )
        ):
            qs, j = _month(toks, i), i + 1
        elif ROMAN.match(t.text) and i > 0 and toks[i - 1].text[:1].isupper() and not glued(toks, i):
            qs, j = [Quantity(float(roman(t.text)), "name", t.start, t.end, t.text, word=True)], i + 1
        else:
            qs, j = _spelled(text, toks, i)
        out.extend(qs)
        i = max(j, i + 1)
    return out


def _month(toks: list[Tok], i: int) -> list[Quantity]:
    """A month name is a number (July = 7); ``May``/``March`` only where a date is plain."""
    t = toks[i]
    month = MONTHS.get(t.text.capitalize()) or MONTH_ABBR.get(t.text)
    nxt = toks[i + 1].text if i + 1 < len(toks) else ""
    if t.text in MONTH_ABBR and not (nxt == "." or nxt[:1].isdigit()):
        return []
    if t.text in ("May", "March"):
        prev = toks[i - 1].low if i > 0 else ""
        if not (nxt[:1].isdigit() or (prev[:1].isdigit() and not glued(toks, i)) or prev in _BEFORE_A_MONTH):
            return []
    return [Quantity(float(month), "month", t.start, t.end, t.text, word=True)]


_PERIOD_BEFORE = frozenset(
    ("first", "last", "past", "previous", "next", "coming", "consecutive", "straight", "fiscal", "financial")
)
_PERIOD_AFTER = regex.compile(
    r"\s+(?:in\s+a\s+row|running|of\s+(?:the|this|last|next|that)\s+(?:fiscal\s+|financial\s+)?year"
    r"|of\s+(?:fiscal\s+|FY\s*)?(?:19|20)\d\d)\b",
    regex.I,
)


def _quarters_of_a_year(text: str, prev: str, end: int) -> bool:
    """Whether "<n> quarters" ending at ``end`` counts quarters of a year ("the past two quarters",
    "three quarters in a row", "the first three quarters of 2024") rather than a fraction."""
    return prev in _PERIOD_BEFORE or bool(_PERIOD_AFTER.match(text, end))


def _one_in(text: str, toks: list[Tok], i: int) -> tuple[list[Quantity], int] | None:
    """ "one in five" and "1 in 10" are a ratio (五分之一, 10%), not the counts one and five."""
    n = len(toks)
    if toks[i].low not in ("one", "1") or i + 2 >= n or toks[i + 1].low != "in":
        return None
    d = toks[i + 2]
    den = float(d.text) if d.text.isdigit() else float(UNITS.get(d.low) or TENS.get(d.low) or 0)
    if den < 2 or (i + 3 < n and toks[i + 3].low in SCALES):
        return None
    start, end = toks[i].start, d.end
    return [Quantity(1.0 / den, "fraction", start, end, text[start:end], word=not d.text.isdigit())], i + 3


def _spelled(text: str, toks: list[Tok], i: int) -> tuple[list[Quantity], int]:
    """Spelled-out numbers, ordinals, fractions, ``a dozen``, ``a decade``, ``a quarter point``."""
    n = len(toks)
    t = toks[i]
    w = t.low
    nxt = toks[i + 1].low if i + 1 < n else ""
    nxt2 = toks[i + 2].low if i + 2 < n else ""
    prev = toks[i - 1].low if i > 0 else ""
    # several hundred, a few thousand, a couple of thousand: no definite value
    if w in ("several", "few", "couple", "many") and (
        nxt in SCALES or nxt == "dozen" or (nxt == "of" and nxt2 in SCALES)
    ):
        j = i + 1
        while j < n and (toks[j].low in SCALES or toks[j].low in ("of", "dozen")):
            j += 1
        return [], j
    # sevenfold, a hundredfold, 10-fold
    if w.endswith("fold") and (w[:-4] in UNITS or w[:-4] in TENS or w[:-4] in SCALES):
        v = float(UNITS.get(w[:-4]) or TENS.get(w[:-4]) or SCALES[w[:-4]])
        q = Quantity(v, "plain", t.start, t.end, t.text, word=True, weak=w[:-4] in SCALES)
        return [weaken(q)], i + 1
    if w == "thrice":
        return [Quantity(3.0, "plain", t.start, t.end, t.text, word=True)], i + 1
    # vague plurals: hundreds of, thousands of, dozens of, tens of thousands
    if w in ("hundreds", "thousands", "millions", "billions", "dozens", "tens", "scores"):
        j = i + 1
        while j < n and toks[j].low in ("of", "hundreds", "thousands", "millions", "billions"):
            j += 1
        return [], j
    # a quarter point / quarter-point / half a percentage point
    window = text[t.start : t.start + 60]
    point = None
    if w in ("a", "one", "quarter"):
        point, v = regex.match(r"(?:a |one )?quarter(?:[- ]percentage)?[- ]points?\b", window, regex.I), 0.25
    elif w == "half":
        point, v = regex.match(r"half (?:a )?(?:percentage )?points?\b", window, regex.I), 0.5
    if point:
        end = t.start + point.end()
        return [Quantity(v, "pp", t.start, end, text[t.start : end], word=True)], tok_index(toks, end)
    # a decade, a century, half a century
    if w in ("a", "one") and nxt in ("decade", "century"):
        v = 10.0 if nxt == "decade" else 100.0
        q = Quantity(v, "plain", t.start, toks[i + 1].end, text[t.start : toks[i + 1].end], word=True)
        return [q], i + 2
    if w == "half" and nxt == "a" and nxt2 in ("decade", "century"):
        v = 5.0 if nxt2 == "decade" else 50.0
        end = toks[i + 2].end
        return [Quantity(v, "plain", t.start, end, text[t.start : end], word=True)], i + 3
    if w == "decade" and prev in ("past", "last", "previous", "next", "coming"):
        return [Quantity(10.0, "plain", t.start, t.end, t.text, word=True, weak=True)], i + 1
    # fractions: one third, a third of, two-thirds, three quarters, a quarter of, half
    if w in ("a", "an", "one") or w in UNITS or w in TENS:
        k = i + 1
        if k < n and toks[k].text == "-" and glued(toks, k) and k + 1 < n and glued(toks, k + 1):
            k += 1
        den_w = toks[k].low if k < n else ""
        periods = den_w == "quarters" and w not in ("a", "an", "one")
        if periods and _quarters_of_a_year(text, prev, toks[k].end):
            # "the first three quarters" (前三季度) counts periods: 3, not the fraction 3/4
            count = float(UNITS.get(w, TENS.get(w, 0)))
            return [Quantity(count, "plain", t.start, t.end, t.text, word=True)], k + 1
        if den_w in DENOMS and den_w not in ("half", "halves"):
            numer = 1.0 if w in ("a", "an", "one") else float(UNITS.get(w, TENS.get(w, 0)))
            plural = den_w.endswith("s")
            after = toks[k + 1].low if k + 1 < n else ""
            if (
                w == "one"
                or plural
                or after in ("of", "part", "parts", "deal", "deals")
                or (w in ("a", "an") and after in ("", ",", ".", ";"))
            ):
                sm = _OF_A_SCALE.match(text, toks[k].end)
                if numer and sm:  # a quarter of a million
                    end = sm.end()
                    sc = SCALES[sm.group(1)]
                    v = numer / DENOMS[den_w] * sc
                    q = Quantity(v, "plain", t.start, end, text[t.start : end], word=True, scale=sc)
                    return [q], tok_index(toks, end)
                if numer:
                    q = Quantity(
                        numer / DENOMS[den_w],
                        "fraction",
                        t.start,
                        toks[k].end,
                        text[t.start : toks[k].end],
                        word=True,
                    )
                    return [q], k + 1
            if w in ("a", "an") and den_w in ORDINALS:
                q = Quantity(
                    float(ORDINALS[den_w]), "ordinal", toks[k].start, toks[k].end, toks[k].text, word=True
                )
                return [weaken(q)], k + 1
    if w == "half" and (
        sm := regex.match(
            r"half\s+an?\s+(dozen|hundred|thousand|million|billion|trillion)\b", window, regex.I
        )
    ):
        end = t.start + sm.end()
        sc = 12.0 if sm.group(1).lower() == "dozen" else SCALES[sm.group(1).lower()]
        q = Quantity(0.5 * sc, "plain", t.start, end, text[t.start : end], word=True, scale=sc)
        return [q], tok_index(toks, end)
    if w == "half" and prev not in ("first", "second", "other", "latter", "former", "back"):
        return [Quantity(0.5, "fraction", t.start, t.end, t.text, word=True, weak=True)], i + 1
    if w in DENOMS and nxt in ("part", "parts", "deal", "deals") and w not in ("half", "halves"):
        return [
            Quantity(
                1 / DENOMS[w],
                "fraction",
                t.start,
                toks[i + 1].end,
                text[t.start : toks[i + 1].end],
                word=True,
            )
        ], i + 2
    if w in ORDINALS and not (w in DENOMS and prev in ("a", "an", "one")):
        if w == "second" and (
            prev in ("a", "per", "split", "every", "one", "each", "nano", "milli")
            and not regex.match(r"[a-z]", nxt)
            or nxt in ("later", "ago", "or", "and")
            or prev[:1].isdigit()
        ):
            return [], i + 1
        q = Quantity(float(ORDINALS[w]), "ordinal", t.start, t.end, t.text, word=True)
        return [weaken(read_bounds(text, toks, i, q))], i + 1
    if w in ("once", "single"):
        return [Quantity(1.0, "plain", t.start, t.end, t.text, word=True, weak=True)], i + 1
    if w in ("twice", "double", "both", "pair", "couple"):
        if w in ("pair", "couple") and prev != "a":
            return [], i + 1
        return [Quantity(2.0, "plain", t.start, t.end, t.text, word=True, weak=True)], i + 1
    if not is_number_word(toks, i):
        return [], i + 1
    if (dm := _DIMENSION.match(text, t.end)) and w in UNITS:
        return [Quantity(float(UNITS[w]), "name", t.start, dm.end(), text[t.start : dm.end()], word=True)], (
            tok_index(toks, dm.end())
        )
    if w == "one" and nxt in ("another", "day", "of", "by", "way", "hand", "thing", "or", "another's"):
        return [Quantity(1.0, "plain", t.start, t.end, t.text, word=True, weak=True)], i + 1
    parsed = parse_words(toks, i)
    if parsed is None:
        return [], i + 1
    value, j, ordinal = parsed
    # "Three Body", "the Big Four", "World War Two": a capitalised number word inside a sentence is a name
    if (
        t.text[:1].isupper()
        and not t.text.isupper()
        and i > 0
        and not regex.match(r"[.!?:;\"“”'‘’(\[—–-]", toks[i - 1].text)
    ):
        end = toks[j - 1].end
        return [Quantity(value, "name", t.start, end, text[t.start : end], word=True)], j
    if ordinal:
        q = Quantity(value, "ordinal", t.start, toks[j - 1].end, text[t.start : toks[j - 1].end], word=True)
        return [weaken(q)], j
    if j < n and toks[j].low in ("decades", "centuries", "decade", "century"):
        value *= 10 if toks[j].low.startswith("decade") else 100
        q = Quantity(value, "plain", t.start, toks[j].end, text[t.start : toks[j].end], word=True)
        return [weaken(q)], j + 1
    if j < n and toks[j].low in ("hundreds", "thousands", "millions") and toks[j - 1].low in SCALES:
        return [], j + 1
    if j < n and toks[j].text == "-" and glued(toks, j) and j + 1 < n and toks[j + 1].low == "fold":
        q = Quantity(value, "plain", t.start, toks[j + 1].end, text[t.start : toks[j + 1].end], word=True)
        return [weaken(q)], j + 2
    qs, k = read_tail(text, toks, i, j, value, word=True, decimals=0, has_scale=False)
    if w in ("a", "an") and j == i + 2 and qs and qs[0].unit == "plain":
        qs = [replace(qs[0], weak=True)]  # "a thousand", "a million" are as often a manner of speaking
    return qs, k


def _digits(text: str, toks: list[Tok], i: int) -> tuple[list[Quantity], int]:
    """A number written with digits and whatever clings to it: $, %, million, 1990s, 24th, 3:50 p.m."""
    n = len(toks)
    t = toks[i]
    s = t.start
    raw = t.text
    value = float(raw.replace(",", ""))
    nxt = toks[i + 1] if i + 1 < n else None
    # clock times 15:50, 3:30 p.m.
    if (
        nxt
        and nxt.text == ":"
        and glued(toks, i + 1)
        and i + 2 < n
        and glued(toks, i + 2)
        and (regex.fullmatch(r"\d{2}", toks[i + 2].text) and value <= 24)
    ):
        minute = float(toks[i + 2].text)
        pm = regex.match(
            r"\s*([ap])\.?m\.?(?![A-Za-z])", text[toks[i + 2].end : toks[i + 2].end + 12], regex.I
        )
        end = toks[i + 2].end + (pm.end() if pm else 0)  # the half of the day: extract._clock
        out = [Quantity(value, "hour", s, toks[i].end, raw)]
        if minute:
            out.append(Quantity(minute, "plain", toks[i + 2].start, toks[i + 2].end, toks[i + 2].text))
        return out, tok_index(toks, end)
    # fractions and slashes: 1/3, 24/7, 9/11
    if (
        nxt
        and nxt.text == "/"
        and glued(toks, i + 1)
        and i + 2 < n
        and glued(toks, i + 2)
        and (toks[i + 2].text.isdigit())
    ):
        den = float(toks[i + 2].text)
        end = toks[i + 2].end
        return slash(text, s, t.end, end, value, den), i + 3
    if (dm := _DIMENSION.match(text, t.end)) and value < 10:
        return [Quantity(value, "name", s, dm.end(), text[s : dm.end()])], tok_index(toks, dm.end())
    # glued to letters: a name (G7, F-35, COVID-19, 5G) unless a known suffix (24th, 1990s, 3bn, 5km)
    prev = toks[i - 1] if i > 0 else None
    if prev is not None and glued(toks, i):
        if prev.text[0].isalpha() and prev.text not in ("US", "HK", "NT"):
            return [Quantity(value, "name", s, t.end, raw)], i + 1
        if (
            prev.text == "-"
            and i >= 2
            and glued(toks, i - 1)
            and toks[i - 2].text[0].isalpha()
            and any(c.isupper() for c in toks[i - 2].text)
        ):
            return [Quantity(value, "name", s, t.end, raw)], i + 1
    if (
        prev is not None
        and prev.text in ("'", "’")
        and glued(toks, i)
        and nxt
        and nxt.low == "s"
        and (glued(toks, i + 1))
    ):
        return [Quantity(value, "decade", prev.start, nxt.end, text[prev.start : nxt.end])], i + 2
    j = i + 1
    dec = decimals(raw)
    if nxt and glued(toks, i + 1) and nxt.text[0].isalpha():
        suf = nxt.low
        if suf in ("st", "nd", "rd", "th"):
            q = Quantity(value, "ordinal", s, nxt.end, text[s : nxt.end])
            q = read_day(toks, i, q)
            return [weaken(q)], i + 2
        if suf == "s" and value % 10 == 0 and "," not in raw:
            return [Quantity(value, "decade", s, nxt.end, text[s : nxt.end])], i + 2
        if suf in ("am", "pm"):
            frac = raw.partition(".")[2]
            if len(frac) == 2 and int(frac) < 60 and value < 13:
                # "7.55am", the British clock: 7:55, not 7.55 hours
                dot = s + raw.index(".")
                out = [Quantity(float(int(value)), "hour", s, nxt.end, text[s : nxt.end])]
                if int(frac):  # as for 7:00 a.m., no minute figure for 7.00am
                    out.append(Quantity(float(frac), "plain", dot + 1, t.end, frac))
                return out, i + 2
            return [Quantity(value, "hour", s, nxt.end, text[s : nxt.end])], i + 2
        if nxt.text in ("G", "D", "K", "X", "S", "C"):
            return [Quantity(value, "name", s, nxt.end, text[s : nxt.end])], i + 2
        # "€3.1billion", "$4.5bn": the scale word typed glued ("m" a scale only after a currency)
        if suf in SCALES and suf != "hundred":
            glued_scale = SCALES[suf]
        elif suf in SHORT_SCALES and (suf != "m" or currency_before(text, toks, i)):
            glued_scale = SHORT_SCALES[suf]
        else:
            glued_scale = None
        if glued_scale is not None:
            return read_tail(
                text, toks, i, i + 2, value * glued_scale,
                word=False, decimals=dec, has_scale=True, scale=glued_scale,
            )
        if suf in _EN_UNIT_SUFFIX or suf in ("m",):
            j = i + 2
        else:
            return [Quantity(value, "name", s, nxt.end, text[s : nxt.end])], i + 2
    return read_tail(text, toks, i, j, value, word=False, decimals=dec, has_scale=False)
