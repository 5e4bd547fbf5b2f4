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
absolute number (or as percentage points), and ``more than`` turned into ``less than``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import regex

from align.types import Flag

__all__ = ["Quantity", "check_pair", "compare_quantities", "describe", "extract_numbers"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number found in a text, normalised so two languages can be compared.

    ``value`` is in the unit's own scale (``25`` for 25 %, ``0.25`` for a quarter, ``3e9`` for
    $3 billion); ``alts`` are other readings of the same words (``3 p.m.`` is 3 or 15).
    ``precision`` is the half-width of the interval the writer's rounding implies (``1.2万`` →
    500), 0 for an exact figure; ``scale`` is the magnitude word it was written with (1e4 for
    ``万``), which a bare neighbour inherits (``3至5万``, ``60 or 65 percent``). ``measure`` is
    a physical unit as ``dimension:factor-to-SI`` (``length:0.3048`` for feet) so a converted
    figure (20 feet = 6 metres) is not taken for a changed one. ``context`` is the whole token a
    name number sits in (``F-35``), so a changed model number (``F-32``) can still be caught.
    ``weak`` numbers never raise a flag on their own; ``name`` ones (``unit == "name"``) only
    absorb an equal number on the other side.
    """

    value: float
    unit: str
    start: int
    end: int
    text: str
    word: bool = False
    weak: bool = False
    approx: bool = False
    bound: str = ""
    bound_text: str = ""
    precision: float = 0.0
    alts: tuple[float, ...] = ()
    scale: float = 1.0
    measure: str = ""
    context: str = ""

    @property
    def values(self) -> tuple[float, ...]:
        return (self.value, *self.alts)

    @property
    def family(self) -> str:
        """Which quantities can stand for one another: count, ratio, pp, money, decade."""
        if self.unit.startswith("currency:"):
            return "money"
        if self.unit in ("percent", "fraction"):
            return "ratio"
        if self.unit in ("pp", "decade"):
            return self.unit
        return "count"

    @property
    def norm(self) -> float:
        """The value on a scale shared by its family (a percentage as a ratio)."""
        return self.value / 100.0 if self.unit == "percent" else self.value


# ------------------------------------------------------------------------------------------------
# Shared vocabulary
# ------------------------------------------------------------------------------------------------

# Same-length replacements so offsets into the normalised text are offsets into the input.
_FULLWIDTH = str.maketrans("０１２３４５６７８９％．：＄￥", "0123456789%.:$¥")

_CURRENCY_NAMES = {
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
    "CNY|JPY": "yen/yuan",
}

_SYMBOL_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY|JPY", "￥": "CNY|JPY"}
_DOLLAR_PREFIX = {
    "US": "USD",
    "U.S.": "USD",
    "HK": "HKD",
    "A": "AUD",
    "AU": "AUD",
    "C": "CAD",
    "CA": "CAD",
    "NT": "TWD",
    "S": "SGD",
}
_CODE_CURRENCY = {
    "USD": "USD",
    "EUR": "EUR",
    "GBP": "GBP",
    "JPY": "JPY",
    "CNY": "CNY",
    "RMB": "CNY",
    "HKD": "HKD",
    "AUD": "AUD",
    "CAD": "CAD",
    "TWD": "TWD",
    "KRW": "KRW",
    "RUB": "RUB",
    "INR": "INR",
    "CHF": "CHF",
    "SGD": "SGD",
}

_TOL_APPROX = 0.05  # "about 20%" may be 19-21% in the other language

# ------------------------------------------------------------------------------------------------
# Chinese
# ------------------------------------------------------------------------------------------------

_ZH_DIGIT = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "两": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_ZH_UNIT = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_ZH_BIG = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
_ZH_NUMCH = "".join(_ZH_DIGIT) + "".join(_ZH_UNIT) + "".join(_ZH_BIG)
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Digits may take Chinese units after them (3千, 1.2万) but a Chinese numeral never runs on into
# digits (每一百万15起 is "per million, 15").
_RUN = rf"(?:(?:{_ARABIC})[{_ZH_NUMCH}]*|[{_ZH_NUMCH}]+)"
_ZH_RE = regex.compile(
    rf"百分之(?P<pct>{_RUN})|千分之(?P<pml>{_RUN})|(?P<den>{_RUN})分之(?P<nu>{_RUN})"
    rf"|第(?P<ord>{_RUN})|(?P<num>{_RUN})"
)
_ZH_TOKEN = regex.compile(rf"{_ARABIC}|.")

# Characters that may follow a Chinese numeral as a measure word or unit (三天, 两个, 5名, 10吨).
_CLASSIFIERS = set(
    "个位名人次件条项家种座台只本场辆艘架栋层张把口批轮届期所支股份枚颗粒头匹棵例起节章版部篇首套组对双"
    "亩吨斤克升度岁倍周天年月日号点时分秒里米码间餐顿笔桩宗封串段片块根道门声下遍趟回步票户区"
    "方省市县国州幅盘局杯瓶碗袋包箱车船季元寸尺丈圈集任代辈成行列排楼校类员所席轴款辑集届环两"
)
_ZH_UNIT_WORDS = (
    "美元",
    "美金",
    "欧元",
    "英镑",
    "日元",
    "日圆",
    "港元",
    "港币",
    "澳元",
    "加元",
    "韩元",
    "卢布",
    "卢比",
    "新台币",
    "台币",
    "瑞郎",
    "人民币",
    "新元",
    "百分点",
    "个百分点",
    "基点",
    "摄氏度",
    "华氏度",
    "公里",
    "公斤",
    "公顷",
    "千米",
    "千克",
    "千瓦",
    "英里",
    "英尺",
    "英寸",
    "英亩",
    "小时",
    "分钟",
    "世纪",
    "年代",
    "平方",
    "立方",
    "毫米",
    "毫升",
    "毫克",
    "厘米",
    "公分",
)
_ZH_CURRENCY_SUFFIX = (
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
    ("块钱", "CNY"),
    ("元", "CNY"),
)
# Words jieba keeps whole that look like numeral + measure word but are not numbers.
_ZH_IDIOMS = {
    "十分",
    "万分",
    "千里",
    "万里",
    "百里",
    "千万",
    "万万",
    "一一",
    "九州",
    "十足",
    "百分百",
    "万人空巷",
    "千人一面",
    "一点儿",
    "一会儿",
    "一会",
    "一行",
    "三军",
    "万代",
    "千秋",
    "一时",
    "一度",
    "一番",
    "万岁",
    "十万八千里",
    "四下",
    "四周",
    "四处",
    "四方",
    "八方",
    "三角",
    "十有八九",
    "十之八九",
    "一五一十",
    "九霄",
    "四周围",
    "四下里",
}
_ZH_ALLOWED_PREFIX = set("第初每这那该前后头近约共仅逾超达只整满其各另上下零负")
_ZH_VAGUE_PREFIX = ("数", "几", "上", "成", "好几", "若干")
_ZH_APPROX_PREFIX = (
    "大约",
    "约为",
    "约合",
    "大概",
    "大致",
    "将近",
    "接近",
    "几乎",
    "差不多",
    "估计",
    "约",
    "近",
)
_ZH_GT_PREFIX = ("不少于", "不低于", "超过", "多于", "高于", "大于", "至少", "起码", "逾", "超")
_ZH_LT_PREFIX = ("不超过", "不到", "不足", "少于", "低于", "小于", "最多", "至多", "将近", "近")
_ZH_APPROX_SUFFIX = ("左右", "上下", "前后", "许")
_ZH_GT_SUFFIX = ("有余", "开外", "出头", "以上")
_ZH_MORE_SUFFIX = ("多", "余")  # inside the number: 140多台, 28万余人, 3000多万
_ZH_LT_SUFFIX = ("以下", "以内", "之内")
_ZH_WEEKDAY_PREFIX = ("星期", "礼拜", "周")
_ZH_KILO_UNITS = set("克米瓦卡帕焦伏赫")
# Physical units, so a converted figure (二十英尺 = six metres) is recognised: (word, "dim:factor").
_ZH_MEASURES = (
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
)
_EN_MEASURE = regex.compile(
    r"\s*-?\s*(?P<u>square kilomet(?:er|re)s?|sq\.? ?km|km2|square met(?:er|re)s?|hectares?|acres?"
    r"|kilomet(?:er|re)s?|km|centimet(?:er|re)s?|cm|millimet(?:er|re)s?|mm|met(?:er|re)s?|m|nautical miles?"
    r"|miles?|feet|foot|ft|inch(?:es)?|yards?|kilo(?:gram)?s?|kg|milligrams?|mg|grams?|tonnes?|tons?"
    r"|pounds?|lbs?|ounces?|oz|°\s?C|degrees? Celsius|°\s?F|degrees? Fahrenheit|millilit(?:er|re)s?|ml"
    r"|lit(?:er|re)s?|gallons?)(?![A-Za-z])"
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
)


def _zh_tokens(run: str) -> list[tuple[str, float, str]]:
    """Split a numeral run into digits (``d``), small units (``u``: 十百千) and big units (``b``)."""
    out: list[tuple[str, float, str]] = []
    for m in _ZH_TOKEN.finditer(run):
        t = m.group()
        if t[0].isdigit():
            out.append(("a", float(t.replace(",", "")), t))
        elif t in _ZH_DIGIT:
            out.append(("d", float(_ZH_DIGIT[t]), t))
        elif t in _ZH_UNIT:
            out.append(("u", float(_ZH_UNIT[t]), t))
        elif t in _ZH_BIG:
            out.append(("b", _ZH_BIG[t], t))
    return out


def _zh_section(toks: list[tuple[str, float, str]], big_below: float = 0.0) -> tuple[float, bool] | None:
    """Value of a numeral section without 万/亿 (``三千零五``), or None when it is not well formed.

    Returns ``(value, bare)`` where ``bare`` says the section started with a unit and no digit
    (``百``, ``千``), which is a number only before a measure word (``百人``, not ``千万不要``).
    ``big_below`` lets a lone trailing digit after 万 mean thousands (``三万五`` = 35,000).
    """
    total = 0.0
    cur: float | None = None
    last_unit: float | None = None
    zero = False
    bare = False
    for idx, (kind, v, _) in enumerate(toks):
        if kind in ("d", "a"):
            if kind == "d" and v == 0:
                zero = True
                continue
            if cur is not None:
                return None
            cur = v
        elif kind == "u":
            if last_unit is not None and v >= last_unit:
                return None
            if cur is None:
                if idx != 0:
                    return None
                cur = 1.0
                bare = v != 10
            total += cur * v
            cur = None
            last_unit = v
            zero = False
        else:
            return None
    if cur is not None:
        if last_unit and last_unit >= 100 and not zero:
            total += cur * last_unit / 10  # 一百五 = 150, 两千五 = 2,500
        elif last_unit is None and big_below and not zero and len(toks) == 1 and toks[0][0] == "d":
            total += cur * big_below / 10  # 三万五 = 35,000
        else:
            total += cur
    return total, bare


def _zh_value(toks: list[tuple[str, float, str]], below: float = 0.0) -> tuple[float, bool] | None:
    """Value of a numeral run with 万/亿 (``三十二亿``, ``1.2万``, ``两千零五``), or None."""
    for big in (1e8, 1e4):
        idx = max((i for i, tk in enumerate(toks) if tk[0] == "b" and tk[1] == big), default=None)
        if idx is None:
            continue
        left, right = toks[:idx], toks[idx + 1 :]
        if left:
            lv = _zh_value(left)
            if lv is None:
                return None
            lval, bare = lv
        else:
            lval, bare = 1.0, True
        rval = 0.0
        if right:
            rv = _zh_value(right, below=big)
            if rv is None or rv[0] >= big:
                return None
            rval = rv[0]
        return lval * big + rval, bare
    if any(tk[0] == "b" for tk in toks):
        return None
    return _zh_section(toks, below)


def _decimals(s: str) -> int:
    return len(s.split(".", 1)[1]) if "." in s else 0


@dataclass
class _Run:
    """A parsed numeral run: its value(s) and how it was written."""

    values: list[float]
    arabic: bool
    bare: bool = False
    digit_string: bool = False
    is_range: bool = False
    precision: float = 0.0
    scale: float = 1.0


def _parse_zh_run(run: str) -> _Run | None:
    toks = _zh_tokens(run)
    if not toks:
        return None
    arabic = any(k == "a" for k, _, _ in toks)
    if len(toks) >= 2 and all(k == "d" for k, _, _ in toks):
        digits = [int(v) for _, v, _ in toks]
        if 0 in digits or len(digits) >= 3:
            return _Run([float("".join(map(str, digits)))], False, digit_string=True)
        a, b = digits
        if b == a + 1 or (a, b) in ((1, 2), (3, 2), (3, 5)):
            return _Run([float(a), float(b)], False, is_range=True)
        return None
    parsed = _zh_value(toks)
    if parsed is None:
        return _parse_zh_range(toks)
    value, bare = parsed
    scale = 1.0
    for k, v, _ in reversed(toks):
        if k != "b":
            break
        scale *= v
    precision = 0.0
    if arabic and scale > 1:  # 1.2万 stands for anything that rounds to it: 11,500-12,500
        dec = _decimals(next(t for k, _, t in reversed(toks) if k == "a"))
        precision = 0.5 * 10 ** (-dec) * scale if dec else 0.0
    return _Run([value], arabic, bare=bare, precision=precision, scale=scale)


def _parse_zh_range(toks: list[tuple[str, float, str]]) -> _Run | None:
    """Chinese approximate ranges: ``十四五`` (14-15), ``二十七八`` (27-28), ``一二十`` (10-20)."""

    def close(a: float, b: float) -> bool:
        return b == a + 1 or (a, b) in ((1, 2), (3, 2), (3, 5))

    kinds = [k for k, _, _ in toks]
    if kinds == ["d", "d", "u"] and close(toks[0][1], toks[1][1]):
        u = toks[2][1]
        return _Run([toks[0][1] * u, toks[1][1] * u], False, is_range=True)
    if len(toks) >= 3 and toks[-1][0] == toks[-2][0] == "d" and close(toks[-2][1], toks[-1][1]):
        base = _zh_value(toks[:-1])
        if base is not None and base[0] >= 10:
            return _Run([base[0], base[0] - toks[-2][1] + toks[-1][1]], False, is_range=True)
    return None


def _in_dictionary(word: str) -> bool:
    """Whether ``word`` is in jieba's dictionary (not a span its HMM guessed for unknown text)."""
    from align.segment import in_jieba_dictionary

    return in_jieba_dictionary(word)


def _zh_word_ok(text: str, s: int, e: int, words: list[tuple[str, int, int]]) -> bool:
    """Whether jieba's words allow the numeral run ``text[s:e]`` to be a number.

    A run inside a longer word is a number only when the rest of the word is an allowed prefix
    (``第``, ``每``) or a measure word (``两个``, ``三天``); otherwise the numeral is part of a word
    or idiom (``一直``, ``统一``, ``三思而后行``, ``两岸``).
    """
    for w, ws, we in words:
        if we <= s or ws >= e:
            continue
        if w in _ZH_IDIOMS:
            return False
        if not _in_dictionary(w):
            continue  # jieba's HMM glued unknown characters together (宽四肘): no evidence of a word
        prefix = text[ws:s] if ws < s else ""
        suffix = text[e:we] if we > e else ""
        if prefix and prefix not in _ZH_ALLOWED_PREFIX:
            return False
        if suffix and not (
            (len(suffix) <= 3 and _starts_with(suffix, 0, _ZH_UNIT_WORDS))
            or (len(suffix) <= 2 and (suffix[0] in _CLASSIFIERS or suffix[0] in "多余几来"))
        ):
            return False
    return True


def _ends_with(text: str, pos: int, phrases: Iterable[str]) -> str:
    for p in phrases:
        if text.endswith(p, 0, pos):
            return p
    return ""


def _starts_with(text: str, pos: int, phrases: Iterable[str]) -> str:
    for p in phrases:
        if text.startswith(p, pos):
            return p
    return ""


def _is_latin_glued(text: str, s: int, e: int) -> bool:
    """Digits glued to Latin letters are part of a name or model (G7, F-35, COVID-19, 5G, A380)."""
    before = text[max(0, s - 12) : s]
    if regex.search(r"[A-Za-z]$", before):
        return True
    m = regex.search(r"([A-Za-z]+)-$", before)
    if m and any(c.isupper() for c in m.group(1)):
        return True
    after = text[e : e + 4]
    return bool(regex.match(r"[A-Za-z]", after)) and not regex.match(
        r"(?:km|kg|cm|mm|m|g|t|mg|ml|kW|MW|GW|h|s|am|pm|st|nd|rd|th)\b(?![A-Za-z])", after
    )


def _zh_quantities(text: str) -> list[Quantity]:
    """Every number in a Chinese text, with its unit class and character span."""
    out: list[Quantity] = []
    words: list[tuple[str, int, int]] | None = None
    n = len(text)
    consumed = 0
    for m in _ZH_RE.finditer(text):
        group = m.lastgroup
        s, e = m.span()
        if s < consumed:
            continue  # already read as the unit of the number before (2个百分点)
        if m.group() == "零" and text.startswith("零下", s):
            continue
        if group == "nu":  # fraction: 三分之一
            den, nu = _parse_zh_run(m.group("den")), _parse_zh_run(m.group("nu"))
            if not den or not nu or len(den.values) != 1 or len(nu.values) != 1 or not den.values[0]:
                continue
            value, unit, runs = (
                nu.values[0] / den.values[0],
                "fraction",
                [(m.start("den"), m.end("den")), (m.start("nu"), m.end("nu"))],
            )
            parsed = nu
            word = not (den.arabic or nu.arabic)
        else:
            run = m.group(group)
            rs, re_ = m.span(group)
            # 二十两 is twenty taels (a weight), 三两个 two or three.
            if (
                len(run) >= 2
                and run.endswith("两")
                and run[-2] in _ZH_NUMCH
                and not (len(run) == 2 and run[0] in "一三" and re_ < n and text[re_] in _CLASSIFIERS)
            ):
                run, re_ = run[:-1], re_ - 1
                e = re_
            # 五千克 is five kilograms, not 5,000 grams.
            if run.endswith("千") and re_ < n and text[re_] in _ZH_KILO_UNITS:
                run, re_ = run[:-1], re_ - 1
                e = re_
                if not run:
                    continue
            parsed = _parse_zh_run(run)
            if parsed is None:
                continue
            runs = [(rs, re_)]
            value = parsed.values[0]
            unit = {"pct": "percent", "pml": "percent", "ord": "ordinal"}.get(group, "plain")
            if group == "pml":
                value /= 10.0
            word = not parsed.arabic
        if group == "num" and parsed.arabic and (sm := regex.match(r"/(\d+)(?![\d.])", text[e : e + 20])):
            found = _slash(text, s, e, e + sm.end(), value, float(sm.group(1)))
            out.extend(found)
            consumed = e + sm.end()
            continue
        if group == "num" and _is_latin_glued(text, s, e) and parsed.arabic:
            out.append(Quantity(value, "name", s, e, text[s:e]))
            continue
        if group == "num" and word and text.startswith("维", e) and value < 10:
            out.append(Quantity(value, "name", s, e + 1, text[s : e + 1], word=True))  # 三维 = 3-D
            consumed = e + 1
            continue
        # A pure Chinese numeral must survive the word-boundary test (一直, 统一, 三思 are not numbers).
        if word and group in ("num", "ord"):
            if words is None:
                from align.segment import zh_words

                words = zh_words(text)
            if not all(_zh_word_ok(text, a, b, words) for a, b in runs):
                continue
        if word and len(m.group(group) or "") == 1 and m.group(group) in "壹贰叁肆伍陆柒捌玖拾佰仟":
            continue  # 队伍, 大陆, 拾起: a lone financial numeral is almost always a word
        if group == "num" and s > 0 and not parsed.arabic:
            if _ends_with(text, s, _ZH_WEEKDAY_PREFIX) and value <= 7 and len(m.group()) == 1:
                continue  # 周六 is Saturday
            vague = _ends_with(text, s, _ZH_VAGUE_PREFIX)
            if vague and (parsed.bare or m.group()[0] in "十百千万亿"):
                continue  # 数百, 几十, 上千, 成千上万: no definite value
        found = _zh_finish(text, m, group, s, e, value, unit, parsed, word)
        out.extend(found)
        consumed = max([consumed, *(q.end for q in found)])
    return _zh_merge_century(text, out)


def _zh_finish(
    text: str, m: regex.Match, group: str, s: int, e: int, value: float, unit: str, parsed: _Run, word: bool
) -> list[Quantity]:
    """Read the context around a Chinese numeral: bounds, scale, unit, currency, dates, hours."""
    n = len(text)
    approx, bound, bound_text = False, "", ""
    precision = parsed.precision
    alts: tuple[float, ...] = ()
    weak = False
    extra: list[Quantity] = []
    # ---- suffix
    pos = e
    if group == "num" and text.startswith("点", pos) and not parsed.arabic:
        dm = regex.match(r"点([〇零一二三四五六七八九]+)(?!分|[十百千])", text[pos : pos + 20])
        if dm:  # 三点五 = 3.5
            frac = "".join(str(_ZH_DIGIT[c]) for c in dm.group(1))
            value = float(f"{int(value)}.{frac}")
            pos += dm.end()
            e = pos
    suf = _starts_with(text, pos, _ZH_MORE_SUFFIX) if group == "num" else ""
    if suf:
        bound, bound_text = ">", suf
        pos += len(suf)
    elif group == "num" and text.startswith("来", pos):
        approx, bound_text = True, "来"
        pos += 1
    elif group == "num" and text.startswith("几", pos):
        pos += 1
        if parsed.digit_string and 100 <= value < 1000 and text.startswith("年", pos):
            return [Quantity(value * 10, "decade", s, pos + 1, text[s : pos + 1], word=True, approx=True)]
        approx, weak, bound_text = True, True, "几"  # 十几 = 11-19, 二十几 = 21-29
        if value >= 10 and value % 10 == 0:
            value, precision = value + 5, 5.0
        e = pos
    if group == "num" and bound_text and pos < n and text[pos] in "万亿":  # 3000多万
        value *= _ZH_BIG[text[pos]]
        pos += 1
        e = pos
    elif bound_text:
        e = pos if bound_text in ("多", "余") else e
    if group == "num":
        if text.startswith("%", pos):
            unit, e, pos = "percent", pos + 1, pos + 1
        elif text.startswith("个百分点", pos) or text.startswith("百分点", pos):
            k = 4 if text.startswith("个百分点", pos) else 3
            unit, e, pos = "pp", pos + k, pos + k
        elif text.startswith("个基点", pos) or text.startswith("基点", pos):
            k = 3 if text.startswith("个基点", pos) else 2
            unit, value, e, pos = "pp", value / 100.0, pos + k, pos + k
        elif (
            text.startswith("成", pos)
            and value <= 10
            and not parsed.arabic
            and not regex.match(r"成[员为了功立本果绩长熟年就交都型人品分效绩像]|成不变", text[pos : pos + 3])
            and len(m.group()) <= 2
        ):
            unit, value, e = "percent", value * 10, pos + 1  # 三成 = 30%
    measure = ""
    if unit == "plain" and group == "num":
        for word_, dim in _ZH_MEASURES:
            if text.startswith(word_, pos):
                measure = dim
                break
    if unit in ("plain", "percent"):
        for suffix, code in _ZH_CURRENCY_SUFFIX:
            if unit == "plain" and text.startswith(suffix, pos):
                unit, e = f"currency:{code}", pos + len(suffix)
                break
    # ---- prefix
    pre = s
    if unit in ("plain", "percent", "pp", "fraction", "currency:CNY"):
        before = text[max(0, s - 6) : s].rstrip()
        if before.endswith("人民币") and unit in ("plain", "currency:CNY"):
            unit, s = "currency:CNY", s - 3 - (len(text[max(0, s - 6) : s]) - len(before))
        elif before and before[-1] in _SYMBOL_CURRENCY and unit == "plain":
            sym = before[-1]
            code = _SYMBOL_CURRENCY[sym]
            s = text.rfind(sym, 0, s)
            pm = regex.search(r"(US|HK|A|AU|C|NT|S)$", text[max(0, s - 2) : s])
            if sym == "$" and pm:
                code = _DOLLAR_PREFIX[pm.group(1)]
                s -= len(pm.group(1))
            unit = f"currency:{code}"
        pre = s
    sign = _ends_with(text, pre, ("零下", "负", "-", "−"))
    if sign and not (sign in "-−" and pre >= 2 and text[pre - 2].isdigit()):
        value = -value
    if not bound:
        if pre > 0 and text[pre - 1] in "有为是达了在":  # 至少有两万, 约为20%
            pre -= 1
        gt = _ends_with(text, pre, _ZH_GT_PREFIX)
        lt = _ends_with(text, pre, _ZH_LT_PREFIX)
        ap = _ends_with(text, pre, _ZH_APPROX_PREFIX)
        if gt and len(gt) >= len(lt):
            bound, bound_text = ">", gt
        elif lt:
            bound, bound_text = "<", lt
        if ap:
            approx = True
            bound_text = bound_text or ap
    if not approx and _starts_with(text, pos, _ZH_APPROX_SUFFIX) and group == "num":
        approx = True
        bound_text = bound_text or _starts_with(text, pos, _ZH_APPROX_SUFFIX)
    if not bound and group == "num":
        lt = _starts_with(text, pos, _ZH_LT_SUFFIX)
        gt = _starts_with(text, pos, _ZH_GT_SUFFIX)
        if lt:
            bound, bound_text = "<", lt
        elif gt:
            bound, bound_text = ">", gt
    # ---- dates and times
    if unit == "plain" and group == "num" and text.endswith("初", 0, s) and 1 <= value <= 10 and word:
        unit, s = "day", s - 1  # 初十 = the tenth day of the month
        if text.startswith("日", pos):
            e = pos + 1
    elif unit == "plain" and group == "num":
        after = text[pos : pos + 3]
        iv = value if value == int(value) else None
        prev = text[max(0, s - 3) : s]
        if after.startswith("年代"):
            unit, e = "decade", pos + 2
        elif after.startswith("世纪"):
            unit, e = "ordinal", pos + 2
        elif after.startswith("年") and iv and (parsed.digit_string or 1000 <= iv <= 2100) and not bound:
            unit, e = "year", pos + 1
        elif after.startswith("月") and iv and 1 <= iv <= 12:
            unit, e = "month", pos + (2 if after.startswith("月份") else 1)
        elif (
            after[:1] in ("日", "号")
            and iv
            and 1 <= iv <= 31
            and (parsed.arabic or regex.search(r"[月初]$", prev))
        ):
            unit, e = "day", pos + 1
        elif (
            after[:1] in ("点", "时")
            and iv is not None
            and 0 <= iv <= 24
            and not regex.match(r".(?:候|间|期|代|刻|光|节|空|事|髦|尚|差|半刻)", after)
            and (
                parsed.arabic
                or regex.match(r".(?:钟|整|半|[零〇一二三四五六七八九十]+分)", after)
                or regex.search(r"(上午|下午|晚上|早上|凌晨|中午|傍晚|夜里|清晨|早晨)$", prev)
            )
        ):
            unit, e = "hour", pos + 1
            if text.startswith("半", pos + 1):  # 三点半 = 3:30
                extra.append(Quantity(30.0, "plain", pos + 1, pos + 2, "半", word=True))
            if iv < 12 and regex.search(r"(下午|晚上|晚|傍晚|夜里|夜间|中午)\S{0,2}$", prev):
                alts = (iv + 12,)  # 下午3点 = 15:00
        elif after.startswith("分") and regex.search(r"[点时]$", prev) is not None and iv is not None:
            e = pos + 1  # the minutes of 15时50分
    if unit == "plain" and group == "num" and text.startswith("个世纪", pos):
        value *= 100
    elif (
        unit in ("plain", "year")
        and group == "num"
        and regex.match(
            r"(?:个|年|天|小时|周|星期|倍|公里|米|斤|公斤|英里)半(?![岛导夜截边身径价数])",
            text[pos : pos + 5],
        )
    ):
        value += 0.5  # 八年半 = eight and a half years, 两个半小时 = 2.5 hours
        unit = "plain"
    # A bare unit with no digit (百, 千万) is a number only before a measure word or unit.
    if parsed.bare and group == "num" and unit == "plain":
        nxt = text[pos : pos + 2]
        if not nxt or not (nxt[0] in _CLASSIFIERS or any(nxt.startswith(u[:2]) for u in _ZH_UNIT_WORDS)):
            return []
    if parsed.is_range:
        return [Quantity(v, unit, s, e, text[s:e], word=True, weak=True, approx=True) for v in parsed.values]
    weak = weak or (parsed.bare and word)  # 百倍, 万国, 千层糕: a bare 百/千/万 is rarely a count
    # 罗小四, 王二, 七绕八拐: a lone numeral character with no measure word after it is as often
    # part of a name or phrase as a count.
    if (
        word
        and group == "num"
        and len(m.group(group)) == 1
        and unit == "plain"
        and not (text[pos : pos + 1] in _CLASSIFIERS or _starts_with(text, pos, _ZH_UNIT_WORDS) or measure)
    ):
        weak = True
    q = Quantity(
        value,
        unit,
        s,
        e,
        text[s:e],
        word=word,
        weak=weak,
        approx=approx,
        bound=bound,
        bound_text=bound_text,
        precision=precision,
        alts=alts,
        scale=parsed.scale,
        measure=measure,
    )
    return [_weaken(q), *extra]


def _zh_merge_century(text: str, qs: list[Quantity]) -> list[Quantity]:
    """``二十世纪九十年代`` is the 1990s: fold a century followed by a decade into one decade."""
    out: list[Quantity] = []
    for q in qs:
        if (
            q.unit == "decade"
            and out
            and out[-1].unit == "ordinal"
            and out[-1].text.endswith("世纪")
            and out[-1].end == q.start
            and q.value < 100
        ):
            c = out.pop()
            q = replace(q, value=(c.value - 1) * 100 + q.value, start=c.start, text=text[c.start : q.end])
        out.append(q)
    return out


def _weaken(q: Quantity) -> Quantity:
    """Mark the numbers a good translation may drop or add: one/a/first, and 0-2 written as words."""
    if q.weak or q.unit in ("name",):
        return q
    if q.unit in ("plain", "ordinal", "hour") and q.value == 1 and not q.precision and q.scale == 1:
        return replace(q, weak=True)
    if q.word and q.unit in ("plain", "ordinal", "fraction") and q.value in (0, 2, 0.5):
        return replace(q, weak=True)
    return q


# ------------------------------------------------------------------------------------------------
# English
# ------------------------------------------------------------------------------------------------

_EN_TOKEN = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[A-Za-z]+|\S")

_UNITS = {
    w: i
    for i, w in enumerate(
        (
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        )
    )
}
_TENS = {
    w: 10 * (i + 2)
    for i, w in enumerate(("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"))
}
_SCALES = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SHORT_SCALES = {"bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12, "mn": 1e6, "mln": 1e6, "k": 1e3, "m": 1e6}
_ORDINALS = {
    w: i + 1
    for i, w in enumerate(
        (
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
        )
    )
}
_ORDINALS.update(
    {
        w: 10 * (i + 2)
        for i, w in enumerate(
            (
                "twentieth",
                "thirtieth",
                "fortieth",
                "fiftieth",
                "sixtieth",
                "seventieth",
                "eightieth",
                "ninetieth",
            )
        )
    }
)
_ORDINALS.update({"hundredth": 100, "thousandth": 1000, "millionth": 1e6})
_DENOMS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}
_DECADE_WORDS = {
    "twenties": 20,
    "thirties": 30,
    "forties": 40,
    "fifties": 50,
    "sixties": 60,
    "seventies": 70,
    "eighties": 80,
    "nineties": 90,
}
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        )
    )
}
_MONTH_ABBR = {
    "Jan": 1,
    "Feb": 2,
    "Mar": 3,
    "Apr": 4,
    "Jun": 6,
    "Jul": 7,
    "Aug": 8,
    "Sep": 9,
    "Sept": 9,
    "Oct": 10,
    "Nov": 11,
    "Dec": 12,
}
_ROMAN = regex.compile(r"^(?=[IVXL]{2,})(X{0,3})(IX|IV|V?I{0,3})$")
_EN_APPROX = (
    ("about",),
    ("around",),
    ("approximately",),
    ("roughly",),
    ("some",),
    ("nearly",),
    ("almost",),
    ("close", "to"),
    ("an", "estimated"),
    ("estimated",),
    ("circa",),
    ("approx",),
)
_EN_GT = (
    ("more", "than"),
    ("over",),
    ("above",),
    ("exceeding",),
    ("at", "least"),
    ("upwards", "of"),
    ("in", "excess", "of"),
    ("greater", "than"),
    ("higher", "than"),
    ("just", "over"),
    ("over", "than"),
)
_EN_LT = (
    ("less", "than"),
    ("fewer", "than"),
    ("under",),
    ("below",),
    ("up", "to"),
    ("at", "most"),
    ("no", "more", "than"),
    ("nearly",),
    ("almost",),
    ("just", "under"),
    ("lower", "than"),
)
_EN_UNIT_SUFFIX = {
    "km",
    "kg",
    "cm",
    "mm",
    "g",
    "t",
    "mg",
    "ml",
    "kw",
    "mw",
    "gw",
    "kwh",
    "mwh",
    "gwh",
    "h",
    "hr",
    "hrs",
    "min",
    "mins",
    "sec",
    "secs",
    "ms",
    "mph",
    "kph",
    "ft",
    "lb",
    "lbs",
    "oz",
    "gb",
    "mb",
    "tb",
    "kb",
    "mbps",
    "gbps",
    "hz",
    "khz",
    "mhz",
    "ghz",
    "w",
    "v",
    "x",
    "l",
    "sq",
    "bp",
    "bps",
    "mi",
    "yd",
    "in",
}


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


def _glued(toks: list[_Tok], i: int) -> bool:
    """Token ``i`` touches the one before it (no space): ``G7``, ``$3``, ``3%``."""
    return 0 < i < len(toks) and toks[i - 1].end == toks[i].start


def _en_is_number_word(toks: list[_Tok], i: int) -> bool:
    w = toks[i].low
    if w in _UNITS or w in _TENS or w in _SCALES or w in ("dozen",) or _is_score(w):
        return True
    return w in ("a", "an") and i + 1 < len(toks) and toks[i + 1].low in (*_SCALES, "dozen")


def _is_score(w: str) -> bool:
    """``threescore``, ``fourscore``: twenties in the King James Bible."""
    return w.endswith("score") and w[:-5] in _UNITS and w[:-5] not in ("zero", "")


def _en_parse_words(toks: list[_Tok], i: int) -> tuple[float, int, bool] | None:
    """A spelled-out number from token ``i``: ``three hundred and twenty-five thousand``.

    Returns ``(value, next index, ordinal?)``. ``a``/``an`` count as one before a scale word
    (``a hundred``, the King James ``an hundred``), and the older orders ``sixty and five``,
    ``five and thirty``, ``threescore and ten`` are read too (they fill an empty digit place, so
    ``two and three`` stays two numbers).
    """
    total, cur = 0.0, 0.0
    last = ""
    tens = units = False  # digit places filled in the current group (below a hundred)
    j = i
    n = len(toks)
    started = False
    in_between = i > 0 and toks[i - 1].low in ("between", "from")
    score_used = False
    if toks[j].low in ("a", "an"):
        cur, last, j, started = 1.0, "unit", j + 1, True
    while j < n:
        w = toks[j].low
        nxt = toks[j + 1].low if j + 1 < n else ""
        score = _is_score(w)
        score_used = score_used or score
        if w in _UNITS:
            v = _UNITS[w]
            if v >= 10:
                if last not in ("", "hundred", "scale", "and") or (tens and not score_used) or units:
                    break
                tens = units = True
            else:
                if units or last not in ("", "hundred", "scale", "and", "ten"):
                    break
                units = True
            cur += v
            last = "unit"
        elif w in _TENS or score:
            if tens or last not in ("", "hundred", "scale", "and"):
                break
            cur += _TENS[w] if not score else _UNITS[w[:-5]] * 20
            tens = True
            last = "ten"
        elif w == "hundred":
            cur = (cur or 1.0) * 100
            last, tens, units = "hundred", False, False
        elif w in _SCALES:
            total += (cur or 1.0) * _SCALES[w]
            cur = 0.0
            last, tens, units = "scale", False, False
        elif w == "dozen" and started:
            cur = (cur or 1.0) * 12
            last = "scale"
        elif (
            w == "-"
            and _glued(toks, j)
            and j + 1 < n
            and _glued(toks, j + 1)
            and last == "ten"
            and (nxt in _UNITS or nxt in _ORDINALS)
        ):
            j += 1
            continue
        elif (
            w == "and" and last in ("hundred", "scale") and (nxt in _UNITS or nxt in _TENS or _is_score(nxt))
        ):
            last = "and"
        elif (
            w == "and"
            and last == "scale"
            and nxt in ("a", "an")
            and j + 2 < n
            and (toks[j + 2].low == "hundred")
        ):
            cur = 1.0  # "... thousand and an hundred": the article counts one hundred
            j += 1
            last = "unit"
            units = True
        elif (
            w == "and"
            and not in_between
            and (
                (
                    last == "ten"
                    and not units
                    and (_UNITS.get(nxt, 0) in range(1, 10 if not score_used else 20) or nxt in _ORDINALS)
                )
                or (
                    last == "unit"
                    and not tens
                    and (nxt in _TENS or _ORDINALS.get(nxt, 0) in range(20, 100, 10))
                )
            )
        ):
            last = "and"
        elif w == "and" and started and nxt == "a" and j + 2 < n and toks[j + 2].low == "half":
            cur += 0.5
            j += 3
            last = "half"
            continue
        elif w in ("hundredth", "thousandth", "millionth") and started:
            sc = {"hundredth": 100, "thousandth": 1e3, "millionth": 1e6}[w]
            return total + (cur or 1.0) * sc, j + 1, True
        elif (
            w in _ORDINALS
            and started
            and w not in _DENOMS
            and (
                (last in ("ten", "and") and _ORDINALS[w] < 10 and not units)
                or (last == "and" and _ORDINALS[w] in range(20, 100, 10) and not tens)
                or last in ("hundred", "scale")
                and _ORDINALS[w] < 100
            )
        ):
            return total + cur + _ORDINALS[w], j + 1, True
        else:
            break
        started = True
        j += 1
    if not started or j == i:
        return None
    if last == "and":
        j -= 1
    return total + cur, j, False


def _en_lookback(toks: list[_Tok], i: int, phrases: Iterable[tuple[str, ...]]) -> str:
    for p in sorted(phrases, key=len, reverse=True):
        k = len(p)
        if i - k >= 0 and tuple(t.low for t in toks[i - k : i]) == p:
            return " ".join(t.text for t in toks[i - k : i])
    return ""


def _en_quantities(text: str) -> list[Quantity]:
    """Every number in an English text, with its unit class and character span."""
    toks = [_Tok(m.group(), m.start(), m.end()) for m in _EN_TOKEN.finditer(text)]
    out: list[Quantity] = []
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if t.text[0].isdigit():
            qs, j = _en_digits(text, toks, i)
        elif t.low in _DECADE_WORDS and i > 0 and toks[i - 1].low == "the":
            value = float(_DECADE_WORDS[t.low])
            qs, j = [Quantity(value, "decade", t.start, t.end, t.text, word=True)], i + 1
        elif (
            t.text in _MONTHS
            or t.text in _MONTH_ABBR
            or (
                t.text.islower()
                and t.text.capitalize() in _MONTHS
                and t.text not in ("may", "march")
                and (
                    (i + 1 < n and toks[i + 1].text[0].isdigit()) or (i > 0 and toks[i - 1].text[0].isdigit())
                )
            )
        ):
            qs, j = _en_month(toks, i), i + 1
        elif _ROMAN.match(t.text) and i > 0 and toks[i - 1].text[:1].isupper() and not _glued(toks, i):
            qs, j = [Quantity(float(_roman(t.text)), "name", t.start, t.end, t.text, word=True)], i + 1
        else:
            qs, j = _en_words(text, toks, i)
        out.extend(qs)
        i = max(j, i + 1)
    return out


def _roman(s: str) -> int:
    vals = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=True):
        v = vals[a]
        total += -v if b != " " and vals.get(b, 0) > v else v
    return total


def _en_month(toks: list[_Tok], i: int) -> list[Quantity]:
    """A month name is a number (July = 7); ``May``/``March`` only where a date is plain."""
    t = toks[i]
    month = _MONTHS.get(t.text.capitalize()) or _MONTH_ABBR.get(t.text)
    nxt = toks[i + 1].text if i + 1 < len(toks) else ""
    if t.text in _MONTH_ABBR and not (nxt == "." or nxt[:1].isdigit()):
        return []
    if t.text in ("May", "March"):
        prev = toks[i - 1].low if i > 0 else ""
        if not (
            nxt[:1].isdigit()
            or (prev[:1].isdigit() and not _glued(toks, i))
            or prev
            in (
                "in",
                "of",
                "since",
                "until",
                "by",
                "early",
                "late",
                "mid",
                "last",
                "next",
                "this",
                "from",
                "through",
                "till",
                "between",
                "and",
                "-",
            )
        ):
            return []
    return [Quantity(float(month), "month", t.start, t.end, t.text, word=True)]


# "three-dimensional", "3-D", "two dimensions": a name for the geometry, as 三维 is
_DIMENSION = regex.compile(r"\s*-?\s*(?:dimensional|dimensions?|D)\b")
_OF_A_SCALE = regex.compile(r"\s+of\s+an?\s+(hundred|thousand|million|billion|trillion)\b")


def _en_words(text: str, toks: list[_Tok], i: int) -> tuple[list[Quantity], int]:
    """Spelled-out numbers, ordinals, fractions, ``a dozen``, ``a decade``, ``a quarter point``."""
    n = len(toks)
    t = toks[i]
    w = t.low
    nxt = toks[i + 1].low if i + 1 < n else ""
    nxt2 = toks[i + 2].low if i + 2 < n else ""
    prev = toks[i - 1].low if i > 0 else ""
    # several hundred, a few thousand, a couple of thousand: no definite value
    if w in ("several", "few", "couple", "many") and (
        nxt in _SCALES or nxt == "dozen" or (nxt == "of" and nxt2 in _SCALES)
    ):
        j = i + 1
        while j < n and (toks[j].low in _SCALES or toks[j].low in ("of", "dozen")):
            j += 1
        return [], j
    # sevenfold, a hundredfold, 10-fold
    if w.endswith("fold") and (w[:-4] in _UNITS or w[:-4] in _TENS or w[:-4] in _SCALES):
        v = float(_UNITS.get(w[:-4]) or _TENS.get(w[:-4]) or _SCALES[w[:-4]])
        q = Quantity(v, "plain", t.start, t.end, t.text, word=True, weak=w[:-4] in _SCALES)
        return [_weaken(q)], i + 1
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
    qp = regex.match(r"(?:a |one )?quarter(?:[- ]percentage)?[- ]points?\b", window, regex.I)
    if qp and w in ("a", "one", "quarter"):
        end = t.start + qp.end()
        j = i
        while j < n and toks[j].start < end:
            j += 1
        return [Quantity(0.25, "pp", t.start, end, text[t.start : end], word=True)], j
    hp = regex.match(r"half (?:a )?(?:percentage )?points?\b", window, regex.I)
    if hp and w == "half":
        end = t.start + hp.end()
        j = i
        while j < n and toks[j].start < end:
            j += 1
        return [Quantity(0.5, "pp", t.start, end, text[t.start : end], word=True)], j
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
    if w in ("a", "an", "one") or w in _UNITS or w in _TENS:
        k = i + 1
        if k < n and toks[k].text == "-" and _glued(toks, k) and k + 1 < n and _glued(toks, k + 1):
            k += 1
        den_w = toks[k].low if k < n else ""
        if den_w in _DENOMS and den_w not in ("half", "halves"):
            numer = 1.0 if w in ("a", "an", "one") else float(_UNITS.get(w, _TENS.get(w, 0)))
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
                    sc = _SCALES[sm.group(1)]
                    v = numer / _DENOMS[den_w] * sc
                    q = Quantity(v, "plain", t.start, end, text[t.start : end], word=True, scale=sc)
                    return [q], _tok_index(toks, end)
                if numer:
                    q = Quantity(
                        numer / _DENOMS[den_w],
                        "fraction",
                        t.start,
                        toks[k].end,
                        text[t.start : toks[k].end],
                        word=True,
                    )
                    return [q], k + 1
            if w in ("a", "an") and den_w in _ORDINALS:
                q = Quantity(
                    float(_ORDINALS[den_w]), "ordinal", toks[k].start, toks[k].end, toks[k].text, word=True
                )
                return [_weaken(q)], k + 1
    if w == "half" and (
        sm := regex.match(
            r"half\s+an?\s+(dozen|hundred|thousand|million|billion|trillion)\b", window, regex.I
        )
    ):
        end = t.start + sm.end()
        sc = 12.0 if sm.group(1).lower() == "dozen" else _SCALES[sm.group(1).lower()]
        q = Quantity(0.5 * sc, "plain", t.start, end, text[t.start : end], word=True, scale=sc)
        return [q], _tok_index(toks, end)
    if w == "half" and prev not in ("first", "second", "other", "latter", "former", "back"):
        return [Quantity(0.5, "fraction", t.start, t.end, t.text, word=True, weak=True)], i + 1
    if w in _DENOMS and nxt in ("part", "parts", "deal", "deals") and w not in ("half", "halves"):
        return [
            Quantity(
                1 / _DENOMS[w],
                "fraction",
                t.start,
                toks[i + 1].end,
                text[t.start : toks[i + 1].end],
                word=True,
            )
        ], i + 2
    if w in _ORDINALS and not (w in _DENOMS and prev in ("a", "an", "one")):
        if w == "second" and (
            prev in ("a", "per", "split", "every", "one", "each", "nano", "milli")
            and not regex.match(r"[a-z]", nxt)
            or nxt in ("later", "ago", "or", "and")
            or prev[:1].isdigit()
        ):
            return [], i + 1
        q = Quantity(float(_ORDINALS[w]), "ordinal", t.start, t.end, t.text, word=True)
        return [_weaken(_en_bounds(text, toks, i, i + 1, q))], i + 1
    if w in ("once", "single"):
        return [Quantity(1.0, "plain", t.start, t.end, t.text, word=True, weak=True)], i + 1
    if w in ("twice", "double", "both", "pair", "couple"):
        if w in ("pair", "couple") and prev not in ("a",):
            return [], i + 1
        return [Quantity(2.0, "plain", t.start, t.end, t.text, word=True, weak=True)], i + 1
    if not _en_is_number_word(toks, i):
        return [], i + 1
    if (dm := _DIMENSION.match(text, t.end)) and w in _UNITS:
        return [Quantity(float(_UNITS[w]), "name", t.start, dm.end(), text[t.start : dm.end()], word=True)], (
            _tok_index(toks, dm.end())
        )
    if w in ("one",) and nxt in ("another", "day", "of", "by", "way", "hand", "thing", "or", "another's"):
        return [Quantity(1.0, "plain", t.start, t.end, t.text, word=True, weak=True)], i + 1
    parsed = _en_parse_words(toks, i)
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
        return [_weaken(q)], j
    if j < n and toks[j].low in ("decades", "centuries", "decade", "century"):
        value *= 10 if toks[j].low.startswith("decade") else 100
        q = Quantity(value, "plain", t.start, toks[j].end, text[t.start : toks[j].end], word=True)
        return [_weaken(q)], j + 1
    if j < n and toks[j].low in ("hundreds", "thousands", "millions") and toks[j - 1].low in _SCALES:
        return [], j + 1
    if j < n and toks[j].text == "-" and _glued(toks, j) and j + 1 < n and toks[j + 1].low == "fold":
        q = Quantity(value, "plain", t.start, toks[j + 1].end, text[t.start : toks[j + 1].end], word=True)
        return [_weaken(q)], j + 2
    qs, k = _en_tail(text, toks, i, j, value, word=True, decimals=0, has_scale=False)
    if w in ("a", "an") and j == i + 2 and qs and qs[0].unit == "plain":
        qs = [replace(qs[0], weak=True)]  # "a thousand", "a million" are as often a manner of speaking
    return qs, k


def _en_digits(text: str, toks: list[_Tok], i: int) -> tuple[list[Quantity], int]:
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
        and _glued(toks, i + 1)
        and i + 2 < n
        and _glued(toks, i + 2)
        and (regex.fullmatch(r"\d{2}", toks[i + 2].text) and value <= 24)
    ):
        minute = float(toks[i + 2].text)
        j = i + 3
        pm = regex.match(
            r"\s*([ap])\.?m\.?(?![A-Za-z])", text[toks[i + 2].end : toks[i + 2].end + 12], regex.I
        )
        alts: tuple[float, ...] = ()
        end = toks[i + 2].end
        if pm:
            if pm.group(1).lower() == "p" and value < 12:
                alts = (value + 12,)
            end += pm.end()
            while j < n and toks[j].start < end:
                j += 1
        out = [Quantity(value, "hour", s, toks[i].end, raw, alts=alts)]
        if minute:
            out.append(Quantity(minute, "plain", toks[i + 2].start, toks[i + 2].end, toks[i + 2].text))
        return out, j
    # fractions and slashes: 1/3, 24/7, 9/11
    if (
        nxt
        and nxt.text == "/"
        and _glued(toks, i + 1)
        and i + 2 < n
        and _glued(toks, i + 2)
        and (toks[i + 2].text.isdigit())
    ):
        den = float(toks[i + 2].text)
        end = toks[i + 2].end
        return _slash(text, s, t.end, end, value, den), i + 3
    if (dm := _DIMENSION.match(text, t.end)) and value < 10:
        return [Quantity(value, "name", s, dm.end(), text[s : dm.end()])], _tok_index(toks, dm.end())
    # glued to letters: a name (G7, F-35, COVID-19, 5G) unless a known suffix (24th, 1990s, 3bn, 5km)
    prev = toks[i - 1] if i > 0 else None
    if prev is not None and _glued(toks, i):
        if prev.text[0].isalpha() and prev.text not in ("US", "HK", "NT"):
            return [Quantity(value, "name", s, t.end, raw)], i + 1
        if (
            prev.text == "-"
            and i >= 2
            and _glued(toks, i - 1)
            and toks[i - 2].text[0].isalpha()
            and any(c.isupper() for c in toks[i - 2].text)
        ):
            return [Quantity(value, "name", s, t.end, raw)], i + 1
    if (
        prev is not None
        and prev.text in ("'", "’")
        and _glued(toks, i)
        and nxt
        and nxt.low == "s"
        and (_glued(toks, i + 1))
    ):
        return [Quantity(value, "decade", prev.start, nxt.end, text[prev.start : nxt.end])], i + 2
    j = i + 1
    has_scale = False
    decimals = _decimals(raw)
    if nxt and _glued(toks, i + 1) and nxt.text[0].isalpha():
        suf = nxt.low
        if suf in ("st", "nd", "rd", "th"):
            q = Quantity(value, "ordinal", s, nxt.end, text[s : nxt.end])
            q = _en_day(toks, i, q)
            return [_weaken(q)], i + 2
        if suf == "s" and value % 10 == 0 and "," not in raw:
            return [Quantity(value, "decade", s, nxt.end, text[s : nxt.end])], i + 2
        if suf in ("am", "pm"):
            alts = (value + 12,) if suf == "pm" and value < 12 else ()
            return [Quantity(value, "hour", s, nxt.end, text[s : nxt.end], alts=alts)], i + 2
        if nxt.text in ("G", "D", "K", "X", "S", "C"):
            return [Quantity(value, "name", s, nxt.end, text[s : nxt.end])], i + 2
        if suf in _SHORT_SCALES and (suf != "m" or _en_currency_before(text, toks, i)):
            return _en_tail(
                text,
                toks,
                i,
                i + 2,
                value * _SHORT_SCALES[suf],
                word=False,
                decimals=decimals,
                has_scale=True,
                scale=_SHORT_SCALES[suf],
            )
        elif suf in _EN_UNIT_SUFFIX or suf in ("m",):
            j = i + 2
        else:
            return [Quantity(value, "name", s, nxt.end, text[s : nxt.end])], i + 2
    return _en_tail(text, toks, i, j, value, word=False, decimals=decimals, has_scale=has_scale)


def _slash(text: str, s: int, mid: int, end: int, a: float, b: float) -> list[Quantity]:
    """``1/3`` is a fraction; ``24/7``, ``9/11``, ``6/8`` time are names that only absorb their parts."""
    if (a, b) == (24, 7):
        return []
    if 2 <= b <= 4 and 0 < a < b and a == int(a):
        return [Quantity(a / b, "fraction", s, end, text[s:end])]
    return [Quantity(a, "name", s, mid, text[s:mid]), Quantity(b, "name", mid + 1, end, text[mid + 1 : end])]


def _en_currency_before(text: str, toks: list[_Tok], i: int) -> tuple[str, int] | None:
    """Currency written before the number: ``$``, ``US$``, ``€``, ``RMB``; returns (code, start)."""
    if i == 0:
        return None
    p = toks[i - 1]
    if p.text in _SYMBOL_CURRENCY and _glued(toks, i):
        code, start = _SYMBOL_CURRENCY[p.text], p.start
        if p.text == "$" and i >= 2 and _glued(toks, i - 1) and toks[i - 2].text in _DOLLAR_PREFIX:
            code, start = _DOLLAR_PREFIX[toks[i - 2].text], toks[i - 2].start
        elif p.text == "$" and text[max(0, p.start - 4) : p.start] == "U.S.":
            code, start = "USD", p.start - 4
        return code, start
    if p.text in _CODE_CURRENCY:
        return _CODE_CURRENCY[p.text], p.start
    return None


_EN_CURRENCY_AFTER = (
    (r"(?:U\.?S\.?|American) dollars?", "USD"),
    (r"Hong Kong dollars?", "HKD"),
    (r"Australian dollars?", "AUD"),
    (r"Canadian dollars?", "CAD"),
    (r"(?:New )?Taiwan dollars?", "TWD"),
    (r"Singapore dollars?", "SGD"),
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
    (r"USD|EUR|GBP|JPY|CNY|HKD|AUD|CAD", ""),
)


def _en_tail(
    text: str,
    toks: list[_Tok],
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
        and toks[j].low in _SCALES
        and toks[j].low != "hundred"
        or (j < n and toks[j].low in ("bn", "tn", "trn", "mn", "mln"))
    ):
        sc = _SCALES.get(toks[j].low) or _SHORT_SCALES[toks[j].low]
        scale = sc
        value *= sc
        has_scale = True
        e = toks[j].end
        j += 1
    if word and toks[j - 1].low in _SCALES:
        scale = _SCALES[toks[j - 1].low]
    precision = 0.5 * 10 ** (-decimals) * scale if has_scale and decimals else 0.0
    rest = text[e : e + 40]
    if m := regex.match(r"\s?%|\s*per\s?cent\b|\s*pct\b", rest, regex.I):
        unit, e = "percent", e + m.end()
    elif m := regex.match(r"\s*percentage[- ]points?\b|\s*pp\b", rest, regex.I):
        unit, e = "pp", e + m.end()
    elif m := regex.match(r"\s*(?:basis[- ]points?|bps?)\b", rest, regex.I):
        unit, value, e = "pp", value / 100.0, e + m.end()
    cur = _en_currency_before(text, toks, i)
    if cur and unit == "plain":
        unit, s = f"currency:{cur[0]}", cur[1]
    elif unit == "plain":
        for pat, code in _EN_CURRENCY_AFTER:
            if m := regex.match(rf"\s+(?:{pat})\b", text[e : e + 40]):
                code = code or m.group().strip().upper()
                unit, e = f"currency:{code}", e + m.end()
                break
    measure = ""
    if unit == "plain" and (mm := _EN_MEASURE.match(text, e)):
        u = mm.group("u")
        measure = next((dim for pat, dim in _EN_MEASURE_DIM if regex.match(pat, u)), "")
        if u in ("pounds", "pound") and not word and "." not in toks[i].text:
            measure = measure  # weight; a price in pounds carries £ or "sterling"
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
        q = _en_day(toks, i, q)
        if (m := regex.match(r"\s*([ap])\.m\.|\s*o'clock", text[e : e + 12], regex.I)) and value <= 12:
            alts = (value + 12,) if m.group(1) and m.group(1).lower() == "p" and value < 12 else ()
            q = replace(q, unit="hour", alts=alts)
    # sign
    minus = i > 0 and toks[i - 1].text in ("-", "−") and _glued(toks, i) and not _glued(toks, i - 1)
    if minus and q.unit != "year":
        q = replace(q, value=-q.value, start=toks[i - 1].start, text=text[toks[i - 1].start : q.end])
    elif i > 0 and toks[i - 1].low in ("minus", "negative"):
        q = replace(q, value=-q.value)
    if regex.match(r"\s*(?:degrees?\s*)?(?:°C?\s*)?below zero", text[q.end : q.end + 30]):
        q = replace(q, value=-abs(q.value))
    q = _en_bounds(text, toks, i if not cur else max(0, _tok_index(toks, q.start)), j, q)
    return [_weaken(q)], j


def _tok_index(toks: list[_Tok], start: int) -> int:
    for k, t in enumerate(toks):
        if t.start >= start:
            return k
    return len(toks)


def _en_bounds(text: str, toks: list[_Tok], i: int, j: int, q: Quantity) -> Quantity:
    """Approximation and bound words around an English number: about, more than, up to, or so."""
    gt = _en_lookback(toks, i, _EN_GT)
    lt = _en_lookback(toks, i, _EN_LT)
    ap = _en_lookback(toks, i, _EN_APPROX)
    bound, bound_text, approx = "", "", False
    if gt and len(gt) >= len(lt):
        bound, bound_text = ">", gt
    elif lt:
        bound, bound_text = "<", lt
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


def _en_day(toks: list[_Tok], i: int, q: Quantity) -> Quantity:
    """A small number next to a month name is a day of the month (July 24, 24 July, the 24th)."""
    if not (1 <= q.value <= 31 and q.value == int(q.value)):
        return q
    prev = toks[i - 1].text if i > 0 else ""
    k = i + 1
    while k < len(toks) and toks[k].start < q.end:
        k += 1
    nxt = (
        toks[k + 1].text
        if k < len(toks) and toks[k].low == "of" and k + 1 < len(toks)
        else (toks[k].text if k < len(toks) else "")
    )
    abbr_dot = prev == "." and i >= 2 and toks[i - 2].text in _MONTH_ABBR
    if prev in _MONTHS or prev in _MONTH_ABBR or abbr_dot or nxt in _MONTHS or nxt in _MONTH_ABBR:
        return replace(q, unit="day")
    if q.unit == "ordinal" and prev.lower() == "the":
        return replace(q, unit="day") if q.value > 1 else q
    return q


def _list_marker(text: str, q: Quantity, lang: str) -> bool:
    """``1.`` / ``(2)`` / ``三、`` at the start of a line is a list marker, not a number."""
    line_start = text.rfind("\n", 0, q.start) + 1
    head = text[line_start : q.start].strip()
    if head not in ("", "(", "（", "[", "-", "•", "*"):
        return False
    tail = text[q.end : q.end + 2]
    if lang == "zh":
        return bool(regex.match(r"[、.)）．]", tail)) and not regex.match(r"\.\d", tail)
    return bool(regex.match(r"[.)]\s|\)|[.)]$", tail)) and q.value < 100


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
            unit = b.unit if b.unit in ("percent", "pp") or b.unit.startswith("currency:") else a.unit
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


def extract_numbers(text: str, lang: str) -> list[Quantity]:
    """All quantities of ``text`` (``lang`` ``"en"`` or ``"zh"``), in text order, with spans.

    Chinese text may contain English-style numbers (``2020``, ``25%``, ``$3``) and vice versa,
    so each extractor reads digits and symbols too.
    """
    norm = text.translate(_FULLWIDTH)
    qs = _zh_quantities(norm) if lang == "zh" else _en_quantities(norm)
    qs = [q for q in qs if not _list_marker(norm, q, lang)]
    qs = _share_units(norm, sorted(qs, key=lambda q: (q.start, q.end)), lang)
    qs = [replace(q, context=_name_context(norm, q)) if q.unit == "name" else q for q in qs]
    # spans and texts come from the caller's text (same length as the normalised one)
    return sorted((replace(q, text=text[q.start : q.end]) for q in qs), key=lambda q: (q.start, q.end))


def _name_context(text: str, q: Quantity) -> str:
    """The token a name number belongs to (``F-35``, ``pbl1998``, ``6/8``); ``3D`` for geometry."""
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


# ------------------------------------------------------------------------------------------------
# Comparison
# ------------------------------------------------------------------------------------------------


def _currencies_agree(a: str, b: str) -> bool:
    ca, cb = set(a.split(":", 1)[1].split("|")), set(b.split(":", 1)[1].split("|"))
    return bool(ca & cb)


def _relation(a: Quantity, b: Quantity) -> str | None:
    """How two quantities' units relate: ``same``, ``ok`` (compatible), a conflict, or None."""
    if a.unit == b.unit and not a.unit.startswith("currency:"):
        return "same"
    fa, fb = a.family, b.family
    if "name" in (a.unit, b.unit):
        return "ok" if "count" in (fa, fb) and fa == fb else None
    if fa == fb == "count":
        return "ok"
    if fa == fb == "money":
        return "same" if _currencies_agree(a.unit, b.unit) else "currency"
    if {fa, fb} == {"money", "count"}:
        return "ok"
    if fa == fb == "ratio":
        return "ok"
    if {fa, fb} == {"pp", "count"}:
        return "ok"
    if {a.unit, b.unit} == {"percent", "pp"}:
        return "pp"
    if "percent" in (a.unit, b.unit) and {fa, fb} & {"count", "money"} and "name" not in (a.unit, b.unit):
        return "percent"
    if fa == fb:
        return "same"
    return None


def _norms(q: Quantity) -> tuple[float, ...]:
    return tuple(v / 100.0 if q.unit == "percent" else v for v in q.values)


def _equal(a: Quantity, b: Quantity, tolerant: bool, raw: bool = False) -> bool:
    """Same value, allowing the writer's rounding, and ~5 % where either side approximates.

    ``raw`` compares the written figures whatever their units (25% against 25), to find a unit
    swapped around an unchanged figure.
    """
    if a.unit == "decade" and b.unit == "decade":
        return any(x % 100 == y % 100 if min(x, y) < 100 else x == y for x in a.values for y in b.values)
    if (
        a.measure
        and b.measure
        and a.measure != b.measure
        and (a.measure.split(":")[0] == b.measure.split(":")[0])
    ):
        return _converted_equal(a, b)
    ratio = {a.unit, b.unit} == {"percent", "fraction"}
    for x in a.values if raw else _norms(a):
        for y in b.values if raw else _norms(b):
            scale = max(abs(x), abs(y), 1e-12)
            if abs(x - y) <= 1e-9 * scale:
                return True
            if ratio and abs(x - y) <= 0.005 + 1e-9:  # 1/3 = 33%, 2/3 = 66.7%
                return True
            if not tolerant:
                continue
            if max(a.precision, b.precision) and abs(x - y) <= max(a.precision, b.precision) + 1e-9 * scale:
                return True
            if (a.approx or b.approx) and (abs(x - y) <= _TOL_APPROX * scale) and (x >= 0) == (y >= 0):
                return True
    return False


def _converted_equal(a: Quantity, b: Quantity) -> bool:
    """Equal after a unit conversion (20 feet = 6 metres, 86 °F = 30 °C), allowing its rounding."""
    dim, fa = a.measure.split(":")
    fb = b.measure.split(":")[1]
    if dim == "temp":

        def to_c(v: float, u: str) -> float:
            return (v - 32) * 5 / 9 if u == "F" else v

        return abs(to_c(a.value, fa) - to_c(b.value, fb)) <= 1.0
    x, y = a.value * float(fa), b.value * float(fb)
    return abs(x - y) <= 0.06 * max(abs(x), abs(y))


def _rel_pos(q: Quantity, length: int) -> float:
    return (q.start + q.end) / 2 / max(length, 1)


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
        return list(_MONTHS)[int(v) - 1]
    if q.unit.startswith("currency:"):
        code = q.unit.split(":", 1)[1]
        return f"{_fmt(v)} {_CURRENCY_NAMES.get(code, code)}"
    if q.unit == "year":
        return str(int(v))
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


def _show(q: Quantity) -> str:
    """The quoted words plus, where they differ, their reading: ``23亿 (2.3 billion)``."""
    reading = describe(q)
    plain = q.text.replace(",", "").replace(" ", "").lower()
    if plain in (reading.replace(",", "").replace(" ", "").lower(), str(q.value).lower()):
        return f"'{q.text}'"
    return f"'{q.text}' ({reading})"


def _magnitude_gap(a: Quantity, b: Quantity) -> bool:
    x, y = abs(a.norm), abs(b.norm)
    if (a.norm < 0) != (b.norm < 0):
        return True
    if min(x, y) == 0:
        return max(x, y) >= 10
    return max(x, y) / min(x, y) >= 10 - 1e-9


def compare_quantities(src: list[Quantity], tgt: list[Quantity], src_len: int, tgt_len: int) -> list[Flag]:
    """Flags for the differences between two lists of quantities (source side, target side).

    Matching is greedy from the surest pairs down: identical unit and value, compatible units,
    then equal within rounding/approximation; pairs of equal value whose units conflict
    (another currency, percent vs absolute) are flagged, then leftover numbers are paired with
    a plausible counterpart (same family, nearest relative position) as a changed value, and
    whatever remains strong is reported as missing or added.
    """
    flags: list[Flag] = []
    used_s: set[int] = set()
    used_t: set[int] = set()
    matched_s: list[Quantity] = []
    matched_t: list[Quantity] = []

    def candidates(tolerant: bool, rels: tuple[str, ...]) -> list[tuple[float, int, int, str]]:
        out = []
        for i, a in enumerate(src):
            if i in used_s:
                continue
            for j, b in enumerate(tgt):
                if j in used_t:
                    continue
                rel = _relation(a, b)
                if rel in rels and _equal(a, b, tolerant, raw=rel in ("percent", "pp")):
                    cost = abs(_rel_pos(a, src_len) - _rel_pos(b, tgt_len)) + (a.weak != b.weak) * 0.5
                    out.append((cost, i, j, rel))
        return sorted(out)

    def take(cands: list[tuple[float, int, int, str]]) -> list[tuple[int, int, str]]:
        got = []
        for _, i, j, rel in cands:
            if i in used_s or j in used_t:
                continue
            used_s.add(i)
            used_t.add(j)
            got.append((i, j, rel))
        return got

    for tolerant, rels in ((False, ("same",)), (False, ("ok",)), (True, ("same", "ok"))):
        for i, j, _ in take(candidates(tolerant, rels)):
            a, b = src[i], tgt[j]
            matched_s.append(a)
            matched_t.append(b)
            if {a.bound, b.bound} == {">", "<"} and not (a.approx or b.approx):
                flags.append(
                    Flag(
                        "number",
                        "critical",
                        0.6,
                        f"'{_with_bound(a)}' in the original is '{_with_bound(b)}' in the "
                        f"translation: the direction of the bound is reversed",
                        (a.start, a.end),
                        (b.start, b.end),
                    )
                )
    for i, j, rel in take(candidates(True, ("currency", "percent", "pp"))):
        a, b = src[i], tgt[j]
        matched_s.append(a)
        matched_t.append(b)
        if a.weak and b.weak:
            continue
        if rel == "currency":
            msg = (
                f"currency differs: {_show(a)} in the original is {_show(b)} in the translation "
                f"({_cur(a)} vs {_cur(b)})"
            )
            flags.append(Flag("number", "major", 0.8, msg, (a.start, a.end), (b.start, b.end)))
        elif rel == "percent":
            pa, pb = (
                ("a percentage", "an absolute number")
                if a.unit == "percent"
                else ("an absolute number", "a percentage")
            )
            msg = f"{_show(a)} is {pa} in the original but {_show(b)} is {pb} in the translation"
            flags.append(Flag("number", "critical", 0.7, msg, (a.start, a.end), (b.start, b.end)))
        else:
            pa, pb = ("percent", "percentage points")
            if a.unit != "percent":
                pa, pb = pb, pa
            msg = f"{_show(a)} is {pa} in the original but {_show(b)} is {pb} in the translation"
            flags.append(Flag("number", "major", 0.6, msg, (a.start, a.end), (b.start, b.end)))

    def repeated(q: Quantity, matched: list[Quantity]) -> bool:
        tol = 1e-9 * max(1.0, abs(q.norm))
        return any(m.family == q.family and abs(m.norm - q.norm) <= tol for m in matched)

    # A name number changed inside the same name (F-35 → F-32, 3D → 7D) is a changed number too.
    name_t = {j: _shape(q.context) for j, q in enumerate(tgt) if q.unit == "name" and j not in used_t}
    for i, a in enumerate(src):
        if a.unit != "name" or i in used_s or not _shape(a.context).strip("#"):
            continue
        j = next((j for j, sh in name_t.items() if sh == _shape(a.context) and j not in used_t), None)
        if j is None:
            continue
        b = tgt[j]
        used_s.add(i)
        used_t.add(j)
        where_a = f" in '{a.context}'" if a.context != a.text else ""
        where_b = f" in '{b.context}'" if b.context != b.text else ""
        msg = f"number '{a.text}'{where_a} in the original is '{b.text}'{where_b} in the translation"
        flags.append(Flag("number", "major", 0.8, msg, (a.start, a.end), (b.start, b.end)))

    # Leftovers: names never count, nor a value repeated on one side that the other side states
    # once; pair a changed value with a plausible counterpart.
    left_s = [
        i for i, q in enumerate(src) if i not in used_s and q.unit != "name" and not repeated(q, matched_s)
    ]
    left_t = [
        j for j, q in enumerate(tgt) if j not in used_t and q.unit != "name" and not repeated(q, matched_t)
    ]

    def pairable(a: Quantity, b: Quantity) -> bool:
        if a.family != b.family and {a.family, b.family} != {"money", "count"}:
            return False
        if a.weak and b.weak:
            return False
        weak = a if a.weak else b if b.weak else None
        other = b if weak is a else a
        return weak is None or (weak.value != 1 and not weak.approx and weak.unit == other.unit)

    pairs: list[tuple[int, int]] = []
    cands = []
    for i in left_s:
        for j in left_t:
            a, b = src[i], tgt[j]
            if pairable(a, b):
                cost = (
                    abs(_rel_pos(a, src_len) - _rel_pos(b, tgt_len))
                    + (a.unit != b.unit) * 0.3
                    + ((a.weak or b.weak) * 0.5)
                )
                cands.append((cost, i, j))
    ps: set[int] = set()
    pt: set[int] = set()
    for _, i, j in sorted(cands):
        if i in ps or j in pt:
            continue
        ps.add(i)
        pt.add(j)
        pairs.append((i, j))
    for i, j in sorted(pairs):
        a, b = src[i], tgt[j]
        critical = _magnitude_gap(a, b)
        if a.weak or b.weak:
            conf = 0.5
        elif a.word or b.word:
            conf = 0.7 if not (a.word and b.word) else 0.6
        else:
            conf = 0.9
        if a.approx or b.approx:
            conf -= 0.1
        if a.unit != b.unit and a.family != b.family:
            conf -= 0.1
        msg = f"number {_show(a)} in the original is {_show(b)} in the translation"
        if a.family == b.family == "money" and not _currencies_agree(a.unit, b.unit):
            msg += f" (and the currency differs: {_cur(a)} vs {_cur(b)})"
        flags.append(
            Flag(
                "number",
                "critical" if critical else "major",
                round(conf, 2),
                msg,
                (a.start, a.end),
                (b.start, b.end),
            )
        )

    for i in left_s:
        a = src[i]
        if i in ps or a.weak:
            continue
        conf = 0.5 if a.word else 0.7
        flags.append(
            Flag(
                "number",
                "major",
                conf,
                f"number {_show(a)} in the original is missing from the translation",
                (a.start, a.end),
                None,
            )
        )
    for j in left_t:
        b = tgt[j]
        if j in pt or b.weak:
            continue
        conf = 0.5 if b.word else 0.7
        flags.append(
            Flag(
                "number",
                "major",
                conf,
                f"number {_show(b)} in the translation is not in the original",
                None,
                (b.start, b.end),
            )
        )
    return sorted(flags, key=lambda f: (f.source_span or (10**9, 0), f.target_span or (10**9, 0)))


def _with_bound(q: Quantity) -> str:
    """``more than 100`` / ``超过100``: the bound word joined as its language writes it."""
    sep = "" if regex.match(r"\p{Han}", q.bound_text[-1:] or "a") else " "
    return f"{q.bound_text}{sep}{q.text}"


def _shape(context: str) -> str:
    """A name with its digits masked (``F-#``), to find the same name on the other side."""
    return regex.sub(r"(?<=[a-z#])s$", "", regex.sub(r"\d+", "#", context.lower()))


def _cur(q: Quantity) -> str:
    code = q.unit.split(":", 1)[1] if q.unit.startswith("currency:") else ""
    return _CURRENCY_NAMES.get(code, code) if code else "no currency"


def check_pair(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Flag]:
    """Number flags for one bead: spans index into ``src_text`` / ``tgt_text``.

    Works in either direction (en→zh or zh→en); each side is read with its own language's
    extractor, so a Chinese source with an English translation and the reverse are handled alike.
    """
    src = extract_numbers(src_text, src_lang)
    tgt = extract_numbers(tgt_text, tgt_lang)
    if not src and not tgt:
        return []
    return compare_quantities(src, tgt, len(src_text), len(tgt_text))
