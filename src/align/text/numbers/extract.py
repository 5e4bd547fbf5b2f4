"""``extract_numbers``: every quantity of a text, whichever language it is in.

Each language has its own extractor (``chinese``, ``english``); what is common to both happens
here: full-width digits are read as ASCII, list markers (``1.``, ``三、``) are dropped, a range
shares the unit written after its second end (``3至5万``), and a name number gets its context.
"""

from __future__ import annotations

import functools
from dataclasses import replace

import regex

from align.text.numbers.chinese import zh_quantities
from align.text.numbers.english import en_quantities
from align.text.numbers.model import Quantity

# Same-length replacements so offsets into the normalised text are offsets into the input.
_FULLWIDTH = str.maketrans("０１２３４５６７８９％．：＄￥", "0123456789%.:$¥")


def extract_numbers(text: str, lang: str) -> list[Quantity]:
    """All quantities of ``text`` (``lang`` ``"en"`` or ``"zh"``), in text order, with spans.

    Chinese text may contain English-style numbers (``2020``, ``25%``, ``$3``) and vice versa,
    so each extractor reads digits and symbols too. Memoised (the number check and the lexical
    check's figure rule read the same bead); a fresh list each call, of frozen quantities.
    """
    return list(_extract(text, lang))


# Spaces that professional Chinese typesetting puts between a figure and the characters around it
# (达到了 31 亿欧元, 上午 7 时 55 分, 增长 89 %): read as if absent, so 31 亿 is 3.1 billion.
_ZH_FIGURE_SPACE = regex.compile(
    r"(?<=[\d%])[ \u00a0\u3000]+(?=[\p{Han}%％])|(?<=\p{Han})[ \u00a0\u3000]+(?=\d)"
)


# Every sentence and bead text of a book-length document: the aligner, the number check, the
# lexical check's figure rule and the risk model read the same texts one after the other, and with
# 4,096 each of them missed on the Bible.
@functools.lru_cache(maxsize=32768)
def _extract(text: str, lang: str) -> tuple[Quantity, ...]:
    if lang == "zh" and _ZH_FIGURE_SPACE.search(text):
        return _without_figure_spaces(text)
    norm = text.translate(_FULLWIDTH)
    qs = zh_quantities(norm) if lang == "zh" else en_quantities(norm)
    qs = [q for q in qs if not _list_marker(norm, q, lang)]
    qs = _share_units(norm, sorted(qs, key=lambda q: (q.start, q.end)), lang)
    qs = [_clock(norm, q, lang) if q.unit == "hour" else q for q in qs]
    qs = [replace(q, context=_name_context(norm, q)) if q.unit == "name" else q for q in qs]
    # spans and texts come from the caller's text (same length as the normalised one)
    return tuple(sorted((replace(q, text=text[q.start : q.end]) for q in qs), key=lambda q: (q.start, q.end)))


def _without_figure_spaces(text: str) -> tuple[Quantity, ...]:
    """The quantities of ``text`` read with the spaces around its figures removed, their spans
    mapped back to ``text``."""
    keep = [True] * len(text)
    for m in _ZH_FIGURE_SPACE.finditer(text):
        keep[m.start() : m.end()] = [False] * (m.end() - m.start())
    where = [i for i, k in enumerate(keep) if k]
    compact = "".join(text[i] for i in where)
    out = []
    for q in _extract(compact, "zh"):
        start, end = where[q.start], where[q.end - 1] + 1
        out.append(replace(q, start=start, end=end, text=text[start:end]))
    return tuple(out)


_ZH_AM = regex.compile(r"(?:上午|早上|凌晨|清晨|早晨)\S{0,2}$")
_ZH_PM = regex.compile(r"(?:下午|晚上|傍晚|夜里|夜间|中午|晚)\S{0,2}$")
_EN_MERIDIEM = regex.compile(r"(?::\d{2})?\s*([ap])\.?\s?m\b\.?", regex.I)


def _clock(text: str, q: Quantity, lang: str) -> Quantity:
    """An hour on the 24-hour clock where the text says which half of the day (9 p.m. = 21,
    晚上9点 = 21, 上午9点 = 9), else both readings (9点 may be 9 or 21): so "9 p.m." against
    上午9点 is a changed time, and against a bare 9点 it is not."""
    h = q.value
    if h > 12 or h < 0:
        return replace(q, alts=())
    if lang == "zh":
        before = text[max(0, q.start - 6) : q.start]
        half = "am" if _ZH_AM.search(before) else "pm" if _ZH_PM.search(before) else ""
    else:
        m = regex.search(r"([ap])\.?\s?m\.?$", q.text, regex.I) or _EN_MERIDIEM.match(text, q.end)
        half = {"a": "am", "p": "pm"}.get(m.group(1).lower(), "") if m else ""
    if half == "pm":
        return replace(q, value=h + 12 if h < 12 else h, alts=())
    if half == "am":
        return replace(q, alts=())
    return replace(q, alts=(h + 12,) if h < 12 else ())


def _name_context(text: str, q: Quantity) -> str:
    """The token a name number belongs to (``F-35``, ``pbl1998``, ``6/8``); ``#D`` for 3-D or 三维."""
    if q.text.endswith("维") or regex.search(r"(?:\s*-?\s*D|dimensional|dimensions?)$", q.text):
        return "#D"
    s, e = q.start, q.end
    ok = "-/"
    while s > 0 and text[s - 1].isascii() and (text[s - 1].isalnum() or text[s - 1] in ok):
        s -= 1
    while e < len(text) and text[e].isascii() and (text[e].isalnum() or text[e] in ok):
        e += 1
    tok = text[s:e].strip(ok)
    if not tok and q.word:  # World War II: the word before
        m = regex.search(r"(\w+)\s+$", text[max(0, q.start - 30) : q.start])
        tok = f"{m.group(1)} {q.text}" if m else q.text
    return tok


def _list_marker(text: str, q: Quantity, lang: str) -> bool:
    """``1.`` / ``(2)`` / ``三、`` at the start of a line is a list marker, not a number."""
    line_start = text.rfind("\n", 0, q.start) + 1
    head = text[line_start : q.start].strip()
    if head not in ("", "(", "（", "[", "-", "•", "*"):
        return False
    tail = text[q.end : q.end + 2]
    if lang == "zh":
        return bool(regex.match(r"[、.)）．]", tail)) and not regex.match(r"\.\d", tail)
    # a digit, not a word: "Nov. 3, 2025" opening a line is a date, not list item 11
    return bool(regex.match(r"[.)]\s|\)|[.)]$", tail)) and q.value < 100 and text[q.start : q.end].isdigit()


_RANGE_GAP = {
    "en": regex.compile(r"\s*(?:or|to|and|-|–|—|~)\s*"),
    "zh": regex.compile(r"\s*(?:至|到|或|和|与|及|-|–|—|~|～|、)\s*"),
}


def _share_units(text: str, qs: list[Quantity], lang: str) -> list[Quantity]:
    """Give the first number of a range the unit written only after the second one.

    ``60 or 65 percent``, ``3 to 5 million``, ``3至5万``: the first number means 60 %, 3 million,
    30,000. Spelled-out ranges (``fourteen or fifteen``, ``between ten and twenty``) are rough
    estimates a translator renders freely (``十四五岁``), so both ends become weak.
    """
    out = list(qs)
    for k in range(len(out) - 1, 0, -1):
        a, b = out[k - 1], out[k]
        if not _RANGE_GAP[lang].fullmatch(text[a.end : b.start]) or "name" in (a.unit, b.unit):
            continue
        if a.unit == "plain" and a.scale == 1 and not a.precision:
            unit = b.unit if b.unit in ("percent", "pp", "hour") or b.unit.startswith("currency:") else a.unit
            if unit == "pp" and b.text.lower().rstrip("s").endswith(("basis point", "bp", "基点")):
                unit = a.unit
            scaled = b.scale > 1 and abs(a.value) < 1000 and a.value < b.value / b.scale + 1e-9
            value = a.value * b.scale if scaled else a.value
            out[k - 1] = a = replace(a, unit=unit, value=value, scale=b.scale if scaled else a.scale)
        spelled = lang == "en" and a.word and b.word
        if spelled and (
            (a.unit == b.unit == "plain" and regex.fullmatch(r"\s+(?:or|to)\s+", text[a.end : b.start]))
            or text[max(0, a.start - 8) : a.start].lower().endswith("between ")
        ):
            out[k - 1] = replace(a, weak=True, approx=True)
            out[k] = replace(out[k], weak=True, approx=True)
    return out
