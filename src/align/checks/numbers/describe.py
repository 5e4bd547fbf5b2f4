"""How a quantity is shown to an editor in a flag message.

A message quotes the words as written and, where they differ, their reading, so a reader who
knows one language still sees what the other side says: ``'23亿' (2.3 billion)``.
"""

from __future__ import annotations

import regex

from align.text.numbers.english_numerals import MONTHS
from align.text.numbers.model import Quantity
from align.text.numbers.units import CURRENCY_NAMES


def describe(q: Quantity) -> str:
    """A plain-English reading of a quantity (``2.3 billion``, ``US$3 billion``, ``25%``)."""
    v = q.value
    if q.unit == "percent":
        return f"{_fmt(v)}%"
    if q.unit == "pp":
        return f"{_fmt(v)} percentage points"
    if q.unit == "fraction":
        for den in range(2, 11):
            num = round(v * den)
            if num and abs(num / den - v) < 1e-9:
                return f"{num}/{den}"
        return _fmt(v)
    if q.unit == "decade":
        return f"the {int(v)}s"
    if q.unit == "ordinal" or (q.unit == "day" and q.word):
        iv = int(v)
        suffix = "th" if 10 <= iv % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(iv % 10, "th")
        return f"{iv}{suffix}"
    if q.unit == "month":
        return list(MONTHS)[int(v) - 1]
    if q.unit.startswith("currency:"):
        code = q.unit.split(":", 1)[1]
        return f"{_fmt(v)} {CURRENCY_NAMES.get(code, code)}"
    if q.unit == "year":
        return str(int(v))
    if q.unit == "hour" and not q.alts:
        return f"{int(v):02d}:{round((v % 1) * 60):02d}"
    return _fmt(v)


def _fmt(v: float) -> str:
    a = abs(v)
    sign = "-" if v < 0 else ""
    for scale, name in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if a >= scale:
            x = a / scale
            return f"{sign}{x:.4f}".rstrip("0").rstrip(".") + f" {name}"
    if a == int(a):
        return f"{sign}{int(a):,}"
    if a < 0.01:
        return f"{v:g}"
    return f"{sign}{a:.4f}".rstrip("0").rstrip(".")


def show(q: Quantity) -> str:
    """The quoted words plus, where they differ, their reading: ``23亿 (2.3 billion)``."""
    reading = describe(q)
    plain = q.text.replace(",", "").replace(" ", "").lower()
    if plain in (reading.replace(",", "").replace(" ", "").lower(), str(q.value).lower()):
        return f"'{q.text}'"
    return f"'{q.text}' ({reading})"


def with_bound(q: Quantity) -> str:
    """``more than 100`` / ``超过100``: the bound word joined as its language writes it."""
    sep = "" if regex.match(r"\p{Han}", q.bound_text[-1:] or "a") else " "
    return f"{q.bound_text}{sep}{q.text}"


def currency_label(q: Quantity) -> str:
    """The currency of a quantity as a reader names it (``US dollars``), or ``no currency``."""
    code = q.unit.split(":", 1)[1] if q.unit.startswith("currency:") else ""
    return CURRENCY_NAMES.get(code, code) if code else "no currency"
