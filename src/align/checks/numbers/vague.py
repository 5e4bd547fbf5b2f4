"""Vague magnitudes: "tens of thousands" is not 数千 (thousands).

Why: the number extractors give no value to 数百, 几千, "hundreds", "tens of thousands" (they have
none), so a translation that turns tens of thousands into thousands passed. Each side's vague
magnitudes are read as orders of ten (hundreds = 2, tens of thousands = 4); a bead is flagged when
each side has exactly one and they differ by an order or more. Ambiguous wordings accept a range
(成千上万 is thousands or tens of thousands). One vague figure a side is the case that can be
paired without doubt; with several, which renders which is guesswork.
"""

from __future__ import annotations

import regex

from align.types import Flag

_ZH_DIGIT = {"十": 1, "百": 2, "千": 3}
_ZH_BIG = {"万": 4, "亿": 8}
# 数千亿 = hundreds of billions (11), 几十万 = hundreds of thousands (5), 上千 = a thousand or more
_ZH = regex.compile(r"成千上万|成千累万|(?:数以|数|几|上)(?P<d>[十百千])?(?P<b>[万亿])?(?:计)?")
_EN_BIG = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12}
_EN = regex.compile(
    r"\b(?:(?P<t>tens|hundreds)\s+of\s+)?(?P<b>thousands|millions|billions|trillions)\b"
    r"|\b(?:a\s+few\s+|several\s+)?(?P<h>hundreds|hundred)\b(?!\s+(?:of\s+)?(?:thousand|million|billion))"
    r"|\b(?P<dz>dozens|scores)\b",
    regex.I,
)


def magnitudes(text: str, lang: str) -> list[tuple[int, int, int, int]]:
    """(lowest order, highest order, start, end) of every vague magnitude in ``text``."""
    out = []
    if lang == "zh":
        for m in _ZH.finditer(text):
            if m.group().startswith("成千"):
                out.append((3, 4, m.start(), m.end()))
                continue
            d, b = m.group("d"), m.group("b")
            if not d and not b:
                continue  # 数 / 几 alone: "several", no magnitude
            order = _ZH_DIGIT.get(d or "", 0) + _ZH_BIG.get(b or "", 0)
            out.append((order, order, m.start(), m.end()))
        return out
    for m in _EN.finditer(text):
        if m.group("b"):
            base = _EN_BIG[m.group("b").lower().rstrip("s")]
            tens = {"tens": 1, "hundreds": 2}.get((m.group("t") or "").lower(), 0)
            lo = hi = base + tens
            if base == 3 and not tens:
                hi = 4  # "thousands" may be tens of thousands (成千上万)
            out.append((lo, hi, m.start(), m.end()))
        elif m.group("h"):
            if m.group("h").lower() == "hundred" and not regex.match(r"(?i)a\s+few|several", m.group()):
                continue  # "a hundred", "one hundred": an exact figure, read by the extractor
            out.append((2, 2, m.start(), m.end()))
        else:
            out.append((1, 2, m.start(), m.end()))
    return out


def check_pair(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Flag]:
    """A ``number`` flag where each side has one vague magnitude and they differ."""
    if {src_lang, tgt_lang} != {"en", "zh"}:
        return []
    a, b = magnitudes(src_text, src_lang), magnitudes(tgt_text, tgt_lang)
    if len(a) != 1 or len(b) != 1:
        return []
    (alo, ahi, as_, ae), (blo, bhi, bs, be) = a[0], b[0]
    if alo <= bhi and blo <= ahi:
        return []
    msg = (
        f"'{src_text[as_:ae]}' in the original is '{tgt_text[bs:be]}' in the translation "
        f"(another order of magnitude)"
    )
    return [Flag("number", "major", 0.7, msg, source_span=(as_, ae), target_span=(bs, be))]
