"""Money and physical units: how each language writes a currency or a measure, and conversions.

A figure converted to another unit (20 feet = 6 metres) or written with another currency sign
(US$3 = 3美元) is the same quantity; the tables here let both extractors recognise the unit and
let the comparison tell a conversion from a changed figure.
"""

from __future__ import annotations

import regex

from align.text.datafiles import read_json
from align.text.numbers.model import Quantity

# The tables themselves are data (align/data/units.json, which says where they come from).
_UNITS = read_json("units.json")

CURRENCY_NAMES: dict[str, str] = _UNITS["currency_names"]
# Currency signs; ¥ is both yen and yuan, so it agrees with either.
SYMBOL_CURRENCY: dict[str, str] = _UNITS["symbol_currency"]
# Letters glued before ``$`` that say whose dollar it is (US$, HK$, NT$).
DOLLAR_PREFIX: dict[str, str] = _UNITS["dollar_prefix"]
# Currency codes written as words (``USD 3 million``, ``RMB 20``).
CODE_CURRENCY = {code: code for code in CURRENCY_NAMES if "|" not in code} | {"RMB": "CNY"}

# Currency words after a Chinese number; the first that matches wins, so 元人民币 comes before 元.
ZH_CURRENCY_SUFFIX = tuple(tuple(x) for x in _UNITS["zh_currency_suffix"])
# Currency words after an English number, most specific first (Hong Kong dollars before dollars);
# an empty code means the matched ISO code itself.
EN_CURRENCY_AFTER = tuple(tuple(x) for x in _UNITS["en_currency_after"])

# Physical units, so a converted figure (二十英尺 = six metres) is recognised: (word, "dim:factor").
ZH_MEASURES = tuple(tuple(x) for x in _UNITS["zh_measures"])
# A unit after an English number; _EN_MEASURE_DIM maps the matched words to their dimension.
EN_MEASURE = regex.compile(
    r"\s*-?\s*(?P<u>square kilomet(?:er|re)s?|sq\.? ?km|km2|square met(?:er|re)s?|hectares?|acres?"
    r"|kilomet(?:er|re)s?|km|centimet(?:er|re)s?|cm|millimet(?:er|re)s?|mm|met(?:er|re)s?|m|nautical miles?"
    r"|miles?|feet|foot|ft|inch(?:es)?|yards?|kilo(?:gram)?s?|kg|milligrams?|mg|grams?|tonnes?|tons?"
    r"|pounds?|lbs?|ounces?|oz|°\s?C|degrees? Celsius|°\s?F|degrees? Fahrenheit|millilit(?:er|re)s?|ml"
    r"|lit(?:er|re)s?|gallons?|hours?|minutes?|seconds?|days?|weeks?|months?|years?)(?![A-Za-z])"
)
_EN_MEASURE_DIM = tuple(tuple(x) for x in _UNITS["en_measure_dim"])


def en_measure(unit_words: str) -> str:
    """The ``dimension:factor`` of a unit matched by ``EN_MEASURE`` (``feet`` → ``length:0.3048``)."""
    return next((dim for pat, dim in _EN_MEASURE_DIM if regex.match(pat, unit_words)), "")


_TIME_NAMES: dict[str, str] = _UNITS["time_names"]


def measure_label(q: Quantity) -> str:
    """The unit of a measured figure in words, for messages (``time:604800`` → ``weeks``)."""
    dim, factor = q.measure.split(":", 1) if q.measure else ("", "")
    if dim == "time":
        return _TIME_NAMES.get(factor, "")
    return {"length": "(length)", "mass": "(mass)", "area": "(area)", "volume": "(volume)"}.get(dim, "")


def zh_measure(text: str, pos: int) -> str:
    """The ``dimension:factor`` of a Chinese unit word at ``text[pos]``, or ``""``."""
    for word, dim in ZH_MEASURES:
        if text.startswith(word, pos):
            if word == "年" and text[pos + 1 : pos + 2] in ("级", "代", "龄", "纪", "度"):
                return ""  # 五年级 (fifth grade), 90年代 (the 1990s), 年度
            after = text[pos + len(word) : pos + len(word) + 1]
            if word in ("星期", "周") and after and after in "一二三四五六日天末":
                return ""  # 星期三 / 周末 is a day, not a length of time
            return dim
    return ""


def currencies_agree(a: str, b: str) -> bool:
    """Whether two ``currency:`` units can be one currency (``¥`` is yen or yuan)."""
    ca, cb = set(a.split(":", 1)[1].split("|")), set(b.split(":", 1)[1].split("|"))
    return bool(ca & cb)


def converted_equal(a: Quantity, b: Quantity) -> bool:
    """Equal after a unit conversion (20 feet = 6 metres, 86 °F = 30 °C), allowing its rounding."""
    dim, fa = a.measure.split(":")
    fb = b.measure.split(":")[1]
    if dim == "temp":

        def to_c(v: float, u: str) -> float:
            return (v - 32) * 5 / 9 if u == "F" else v

        return abs(to_c(a.value, fa) - to_c(b.value, fb)) <= 1.0
    x, y = a.value * float(fa), b.value * float(fb)
    return abs(x - y) <= 0.06 * max(abs(x), abs(y))
