"""Money and physical units: how each language writes a currency or a measure, and conversions.

A figure converted to another unit (20 feet = 6 metres) or written with another currency sign
(US$3 = 3美元) is the same quantity; the tables here let both extractors recognise the unit and
let the comparison tell a conversion from a changed figure.
"""

from __future__ import annotations

import regex

from align.text.numbers.model import Quantity

CURRENCY_NAMES = {
    "USD": "US dollars",
    "EUR": "euros",
    "GBP": "pounds sterling",
    "JPY": "yen",
    "CNY": "yuan",
    "HKD": "Hong Kong dollars",
    "AUD": "Australian dollars",
    "CAD": "Canadian dollars",
    "TWD": "Taiwan dollars",
    "KRW": "won",
    "RUB": "roubles",
    "INR": "rupees",
    "CHF": "Swiss francs",
    "SGD": "Singapore dollars",
    "NZD": "New Zealand dollars",
    "BRL": "Brazilian reais",
    "MXN": "Mexican pesos",
    "CNY|JPY": "yen/yuan",
}
# Currency signs; ¥ is both yen and yuan, so it agrees with either.
SYMBOL_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY|JPY", "￥": "CNY|JPY"}
# Letters glued before ``$`` that say whose dollar it is (US$, HK$, NT$).
DOLLAR_PREFIX = {
    "US": "USD",
    "U.S.": "USD",
    "HK": "HKD",
    "A": "AUD",
    "AU": "AUD",
    "C": "CAD",
    "CA": "CAD",
    "NT": "TWD",
    "S": "SGD",
    "NZ": "NZD",
    "R": "BRL",
    "MX": "MXN",
    "Mex": "MXN",
}
# Currency codes written as words (``USD 3 million``, ``RMB 20``).
CODE_CURRENCY = {code: code for code in CURRENCY_NAMES if "|" not in code} | {"RMB": "CNY"}

# Currency words after a Chinese number; the first that matches wins, so 元人民币 comes before 元.
ZH_CURRENCY_SUFFIX = (
    ("元人民币", "CNY"),
    ("新台币", "TWD"),
    ("人民币", "CNY"),
    ("美元", "USD"),
    ("美金", "USD"),
    ("欧元", "EUR"),
    ("英镑", "GBP"),
    ("日元", "JPY"),
    ("日圆", "JPY"),
    ("港元", "HKD"),
    ("港币", "HKD"),
    ("澳元", "AUD"),
    ("加元", "CAD"),
    ("韩元", "KRW"),
    ("卢布", "RUB"),
    ("卢比", "INR"),
    ("台币", "TWD"),
    ("瑞郎", "CHF"),
    ("新元", "SGD"),
    ("新西兰元", "NZD"),
    ("纽元", "NZD"),
    ("雷亚尔", "BRL"),
    ("墨西哥比索", "MXN"),
    ("块钱", "CNY"),
    ("元", "CNY"),
)
# Currency words after an English number, most specific first (Hong Kong dollars before dollars);
# an empty code means the matched ISO code itself.
EN_CURRENCY_AFTER = (
    (r"(?:U\.?S\.?|American) dollars?", "USD"),
    (r"Hong Kong dollars?", "HKD"),
    (r"Australian dollars?", "AUD"),
    (r"Canadian dollars?", "CAD"),
    (r"(?:New )?Taiwan dollars?", "TWD"),
    (r"Singapore dollars?", "SGD"),
    (r"New Zealand dollars?", "NZD"),
    (r"(?:Brazilian )?reais|Brazilian reals?", "BRL"),  # not a bare "real": "3 real reasons"
    (r"Mexican pesos?", "MXN"),
    (r"dollars?", "USD"),
    (r"euros?", "EUR"),
    (r"yuan", "CNY"),
    (r"renminbi", "CNY"),
    (r"RMB", "CNY"),
    (r"yen", "JPY"),
    (r"(?:pounds? )?sterling", "GBP"),
    (r"rupees?", "INR"),
    (r"r[o]?ubles?", "RUB"),
    (r"Swiss francs?", "CHF"),
    (r"USD|EUR|GBP|JPY|CNY|HKD|AUD|CAD|NZD|BRL|MXN", ""),
)

# Physical units, so a converted figure (二十英尺 = six metres) is recognised: (word, "dim:factor").
ZH_MEASURES = (
    ("平方公里", "area:1e6"),
    ("平方千米", "area:1e6"),
    ("平方米", "area:1"),
    ("公顷", "area:1e4"),
    ("英亩", "area:4046.86"),
    ("亩", "area:666.67"),
    ("公里", "length:1000"),
    ("千米", "length:1000"),
    ("厘米", "length:0.01"),
    ("公分", "length:0.01"),
    ("毫米", "length:0.001"),
    ("英里", "length:1609.344"),
    ("海里", "length:1852"),
    ("英尺", "length:0.3048"),
    ("英寸", "length:0.0254"),
    ("米", "length:1"),
    ("公斤", "mass:1"),
    ("千克", "mass:1"),
    ("毫克", "mass:1e-6"),
    ("克", "mass:0.001"),
    ("吨", "mass:1000"),
    ("斤", "mass:0.5"),
    ("磅", "mass:0.45359"),
    ("盎司", "mass:0.02835"),
    ("摄氏度", "temp:C"),
    ("华氏度", "temp:F"),
    ("毫升", "volume:0.001"),
    ("升", "volume:1"),
    ("加仑", "volume:3.785"),
    # durations (a figure of days is not one of weeks); 日 after a figure is a date, 月 a month
    ("个多小时", "time:3600"),  # 三个多月: "more than three months", the 多 inside the unit
    ("个多星期", "time:604800"),
    ("个多月", "time:2629800"),
    ("个小时", "time:3600"),
    ("小时", "time:3600"),
    ("分钟", "time:60"),
    ("秒钟", "time:1"),
    ("天", "time:86400"),
    ("个星期", "time:604800"),
    ("星期", "time:604800"),
    ("周", "time:604800"),
    ("个月", "time:2629800"),
    ("年", "time:31557600"),
    ("岁", "time:31557600"),  # an age: 17岁 is "17 years (old)", not "17 months"
)
# A unit after an English number; _EN_MEASURE_DIM maps the matched words to their dimension.
EN_MEASURE = regex.compile(
    r"\s*-?\s*(?P<u>square kilomet(?:er|re)s?|sq\.? ?km|km2|square met(?:er|re)s?|hectares?|acres?"
    r"|kilomet(?:er|re)s?|km|centimet(?:er|re)s?|cm|millimet(?:er|re)s?|mm|met(?:er|re)s?|m|nautical miles?"
    r"|miles?|feet|foot|ft|inch(?:es)?|yards?|kilo(?:gram)?s?|kg|milligrams?|mg|grams?|tonnes?|tons?"
    r"|pounds?|lbs?|ounces?|oz|°\s?C|degrees? Celsius|°\s?F|degrees? Fahrenheit|millilit(?:er|re)s?|ml"
    r"|lit(?:er|re)s?|gallons?|hours?|minutes?|seconds?|days?|weeks?|months?|years?)(?![A-Za-z])"
)
_EN_MEASURE_DIM = (
    (r"square kilo|sq|km2", "area:1e6"),
    (r"square met", "area:1"),
    (r"hectare", "area:1e4"),
    (r"acre", "area:4046.86"),
    (r"kilomet|km", "length:1000"),
    (r"centimet|cm", "length:0.01"),
    (r"millimet|mm", "length:0.001"),
    (r"nautical", "length:1852"),
    (r"mile", "length:1609.344"),
    (r"feet|foot|ft", "length:0.3048"),
    (r"inch", "length:0.0254"),
    (r"yard", "length:0.9144"),
    (r"met|m$", "length:1"),
    (r"kilo|kg", "mass:1"),
    (r"milligram|mg", "mass:1e-6"),
    (r"gram", "mass:0.001"),
    (r"tonne|ton", "mass:1000"),
    (r"pound|lb", "mass:0.45359"),
    (r"ounce|oz", "mass:0.02835"),
    (r"°\s?C|Celsius", "temp:C"),
    (r"°\s?F|Fahrenheit", "temp:F"),
    (r"millilit|ml", "volume:0.001"),
    (r"lit", "volume:1"),
    (r"gallon", "volume:3.785"),
    (r"hour", "time:3600"),
    (r"minute", "time:60"),
    (r"second", "time:1"),
    (r"day", "time:86400"),
    (r"week", "time:604800"),
    (r"month", "time:2629800"),
    (r"year", "time:31557600"),
)


def en_measure(unit_words: str) -> str:
    """The ``dimension:factor`` of a unit matched by ``EN_MEASURE`` (``feet`` → ``length:0.3048``)."""
    return next((dim for pat, dim in _EN_MEASURE_DIM if regex.match(pat, unit_words)), "")


_TIME_NAMES = {
    "1": "seconds",
    "60": "minutes",
    "3600": "hours",
    "86400": "days",
    "604800": "weeks",
    "2629800": "months",
    "31557600": "years",
}


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
