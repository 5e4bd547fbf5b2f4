"""Dates relative to the writer's today: 去年 is "last year", not "this year".

Why: 去年/今年/明年, 昨天/今天/明天, 上周/本周/下周 carry a date as surely as "2024" does, but they
are words, not figures, so the number extractors never saw them, and the lexical check's opposites
(last year vs next year) missed the commonest slip, a neighbouring value: 今年 for "next year",
昨天 for "today". Each side's relative dates are read as (unit, offset) — year, month, week, day;
-1 = last, 0 = this, +1 = next — and a bead is flagged when, for one unit, each side has a date
the other lacks ("today … tomorrow" → 昨天 … 明天 is flagged). Asking for an unmatched date on
*both* sides keeps it precise: a translation may replace "last year" by
"2024" (no relative year on its side), or render one of two references freely ("last year … this
year" → 去年 … 2025年).

Weekdays and seasons are compared the same way (周一 is Monday, not Tuesday; 秋天 is autumn), except
weekdays in a bead whose Chinese names a time zone (北京时间周二 may be Monday evening in Washington).

Left out on purpose: anaphoric words ("the previous year", 次年, 前一天, "the following week"),
whose offset counts from the story's time, not the writer's; "today" / 今天 in the sense of
"nowadays" (如今, 当今) is only read where the word itself is there.
"""

from __future__ import annotations

import regex

from align.text.zh import zh_words
from align.types import Flag

_UNITS = ("year", "month", "week", "day", "weekday", "season")
_SEASONS_EN = ("spring", "summer", "autumn", "winter")
# seasons as the Chinese names them (春 alone is also 青春 "youth", 春节 the Spring Festival)
_ZH_SEASON = regex.compile(r"(春|夏|秋|冬)(?:天|季)")
_EN_SEASON = regex.compile(
    r"\b(spring|summer|autumn|winter)s?\b|\b(?:this|last|next|the|in|early|late)\s+(fall)\b", regex.I
)
_WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_ZH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}
# a weekday given in another time zone may be the next or the previous one: 北京时间周二 for a
# Monday evening in Washington; such a bead's weekdays are not compared
_TIME_ZONE = regex.compile(r"(?:北京|当地|东京|华盛顿|纽约|伦敦|莫斯科|日本|美国东部|格林尼治|中国)时间")
_ZH_WEEKDAY = regex.compile(r"(?:周|星期|礼拜)([一二三四五六日天])")

# Chinese words (found where jieba starts a word: 登上月球 holds 上月, see ``relative_dates``)
_ZH_WORDS: dict[str, tuple[str, int]] = {
    "前年": ("year", -2),
    "去年": ("year", -1),
    "今年": ("year", 0),
    "本年": ("year", 0),
    "明年": ("year", 1),
    "来年": ("year", 1),
    "後年": ("year", 2),
    "后年": ("year", 2),
    "上个月": ("month", -1),
    "上個月": ("month", -1),
    "上月": ("month", -1),
    "本月": ("month", 0),
    "这个月": ("month", 0),
    "這個月": ("month", 0),
    "下个月": ("month", 1),
    "下個月": ("month", 1),
    "下月": ("month", 1),
    "上周": ("week", -1),
    "上週": ("week", -1),
    "上星期": ("week", -1),
    "上礼拜": ("week", -1),
    "本周": ("week", 0),
    "本週": ("week", 0),
    "这周": ("week", 0),
    "这星期": ("week", 0),
    "下周": ("week", 1),
    "下週": ("week", 1),
    "下星期": ("week", 1),
    "下礼拜": ("week", 1),
    "前天": ("day", -2),
    "昨天": ("day", -1),
    "昨日": ("day", -1),
    "昨晚": ("day", -1),
    "昨夜": ("day", -1),
    "今天": ("day", 0),
    "今日": ("day", 0),
    "今晚": ("day", 0),
    "今早": ("day", 0),
    "今夜": ("day", 0),
    "明天": ("day", 1),
    "明日": ("day", 1),
    "明晚": ("day", 1),
    "后天": ("day", 2),
}
_ZH = regex.compile("|".join(sorted(map(regex.escape, _ZH_WORDS), key=len, reverse=True)))
# set phrases that start like a date: 今日头条 (a news app), 明日之星 (a rising star)
_ZH_NOT_AFTER = {"今日": "头", "明日": "之"}

_EN = regex.compile(
    r"\b(?:"
    r"(?P<ago>a|one)\s+(?P<agounit>year|month|week)\s+ago"
    r"|the\s+(?P<unit2>year|day)\s+(?P<rel2>before\s+last|after\s+next)"
    r"|the\s+day\s+(?P<rel3>before\s+yesterday|after\s+tomorrow)"
    r"|(?P<rel>last|this|next)\s+(?P<unit>year|month|week)(?!\s*'s\s+(?:model|version))"
    r"|(?P<word>yesterday|yesternight|today|tomorrow|tonight)"
    r"|(?P<part>last|this)\s+(?P<partword>night|morning|afternoon|evening)"
    r")\b",
    regex.I,
)
_EN_REL = {"last": -1, "this": 0, "next": 1}
# The end of this year said without "this": 年底前 / "before the end of the year" (not 2027年底,
# 明年年底, "the end of next year": those name their year, or are read by the words above).
_ZH_YEAR_END = regex.compile(r"(?<![\d年〇零一二三四五六七八九十])(?:年底|年末|年内)")
_EN_YEAR_END = regex.compile(r"\b(?:the\s+end\s+of\s+the\s+year|year[- ]end)\b", regex.I)
_EN_WEEKDAY = regex.compile(r"\b(" + "|".join(_WEEKDAYS_EN) + r")s?\b", regex.I)
_EN_WORD = {"yesterday": -1, "yesternight": -1, "today": 0, "tomorrow": 1, "tonight": 0}


# (unit, offset or value, start, end): ("year", -1, 0, 2) for 去年 opening a text
RelativeDate = tuple[str, int, int, int]

# "last century" and the like; 上世纪 may stand for "the 20th century" or "the 1990s"'s century
_REL_CENTURY = regex.compile(
    r"上个?世纪|上一世纪|本世纪|这个世纪|\b(?:last|this|the previous) century\b", regex.I
)
_CENTURY_AFTER = regex.compile(r"\s*(?:century|centuries|世纪)", regex.I)


def relative_century(text: str) -> bool:
    """Whether ``text`` names a century relative to today (上世纪, "this century")."""
    return bool(_REL_CENTURY.search(text))


def century_follows(text: str, end: int) -> bool:
    """Whether the number ending at ``end`` counts centuries ("the 20th century", 19世纪)."""
    return bool(_CENTURY_AFTER.match(text, end))


def relative_dates(text: str, lang: str) -> list[RelativeDate]:
    """(unit, offset, start, end) of every date relative to the writer's today in ``text``."""
    out: list[RelativeDate] = []
    if lang == "zh":
        # a date word starts a word: 马上 + 月底 holds 上月, 以前 + 年轻 holds 前年, 登上 + 月球 上月
        starts = {s for _, s, _ in zh_words(text)}
        for m in _ZH.finditer(text):
            w = m.group()
            after = text[m.end() : m.end() + 1]
            if m.start() not in starts or (after and after in _ZH_NOT_AFTER.get(w, "")):
                continue
            if w == "后天" and "先天" in text:  # innate vs acquired, not a date
                continue
            unit, off = _ZH_WORDS[w]
            out.append((unit, off, m.start(), m.end()))
        for m in _ZH_YEAR_END.finditer(text):
            if m.start() in starts:
                out.append(("year", 0, m.start(), m.end()))
        for m in _ZH_SEASON.finditer(text):
            if m.start() in starts:
                out.append(("season", "春夏秋冬".index(m.group(1)) + 1, m.start(), m.end()))
        if not _TIME_ZONE.search(text):
            for m in _ZH_WEEKDAY.finditer(text):
                # 周天 is also "a full circle"; 每周一次 ("once a week") holds 周一 inside 每周 + 一次
                if m.start() not in starts or m.group() == "周天":
                    continue
                out.append(("weekday", _WEEKDAY_ZH[m.group(1)], m.start(), m.end()))
        return out
    for m in _EN.finditer(text):
        g = m.groupdict()
        if g["ago"]:
            unit, off = g["agounit"].lower(), -1
        elif g["unit2"]:
            unit, off = g["unit2"].lower(), -2 if g["rel2"].lower().startswith("before") else 2
        elif g["rel3"]:
            unit, off = "day", -2 if g["rel3"].lower().startswith("before") else 2
        elif g["rel"]:
            unit, off = g["unit"].lower(), _EN_REL[g["rel"].lower()]
        elif g["word"]:
            unit, off = "day", _EN_WORD[g["word"].lower()]
        else:
            unit, off = "day", -1 if g["part"].lower() == "last" else 0
        out.append((unit, off, m.start(), m.end()))
    for m in _EN_YEAR_END.finditer(text):
        out.append(("year", 0, m.start(), m.end()))
    for m in _EN_WEEKDAY.finditer(text):
        out.append(("weekday", _WEEKDAYS_EN.index(m.group(1).lower()) + 1, m.start(), m.end()))
    for m in _EN_SEASON.finditer(text):
        season = (m.group(1) or "autumn").lower()
        k = 2 if m.group(2) else 1
        out.append(("season", _SEASONS_EN.index(season) + 1, m.start(k), m.end(k)))
    return out


_NAMES = {
    ("year", -2): "the year before last",
    ("year", -1): "last year",
    ("year", 0): "this year",
    ("year", 1): "next year",
    ("year", 2): "the year after next",
    ("month", -1): "last month",
    ("month", 0): "this month",
    ("month", 1): "next month",
    ("week", -1): "last week",
    ("week", 0): "this week",
    ("week", 1): "next week",
    ("day", -2): "the day before yesterday",
    ("day", -1): "yesterday",
    ("day", 0): "today",
    ("day", 1): "tomorrow",
    ("day", 2): "the day after tomorrow",
}


def _quoted(words: str, unit: str, offset: int) -> str:
    """'今年' (this year), 'a year ago' (last year), but 'last year' without a gloss."""
    if unit in ("weekday", "season"):
        said = (_WEEKDAYS_EN if unit == "weekday" else _SEASONS_EN)[offset - 1]
        return f"'{words}'" if words.lower().rstrip("s") == said else f"'{words}' ({said})"
    said = _NAMES.get((unit, offset), f"{unit} {offset:+d}")
    return f"'{words}'" if words.lower() == said else f"'{words}' ({said})"


_RELATIVE_UNITS = ("year", "month", "week", "day")


def _other_unit(a: list[RelativeDate], b: list[RelativeDate], src_text: str, tgt_text: str) -> list[Flag]:
    """One relative date a side, of another unit: "last week" rendered 上个月 (last month). Weekdays
    and seasons are left out ("yesterday" → 周一 names the same day)."""
    ra = [x for x in a if x[0] in _RELATIVE_UNITS]
    rb = [x for x in b if x[0] in _RELATIVE_UNITS]
    if len(ra) != 1 or len(rb) != 1 or ra[0][0] == rb[0][0]:
        return []
    (ua, oa, as_, ae), (ub, ob, bs, be) = ra[0], rb[0]
    said_a, said_b = _quoted(src_text[as_:ae], ua, oa), _quoted(tgt_text[bs:be], ub, ob)
    msg = f"{said_a} in the original is {said_b} in the translation"
    return [Flag("number", "major", 0.7, msg, source_span=(as_, ae), target_span=(bs, be))]


def check_pair(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Flag]:
    """A ``number`` flag per unit (year, month, week, day …) where each side has a date the other
    lacks (the number check calls :func:`compare_relative` with dates it has already read)."""
    if {src_lang, tgt_lang} != {"en", "zh"}:
        return []
    return compare_relative(
        relative_dates(src_text, src_lang), relative_dates(tgt_text, tgt_lang), src_text, tgt_text
    )


def compare_relative(
    a: list[RelativeDate], b: list[RelativeDate], src_text: str, tgt_text: str
) -> list[Flag]:
    """:func:`check_pair` on the relative dates of both sides (``a`` of the original)."""
    if not a or not b:
        return []
    flags = _other_unit(a, b, src_text, tgt_text)
    for unit in _UNITS:
        va, vb = {x[1] for x in a if x[0] == unit}, {x[1] for x in b if x[0] == unit}
        only_a = [x for x in a if x[0] == unit and x[1] not in vb]
        only_b = [x for x in b if x[0] == unit and x[1] not in va]
        if not only_a or not only_b:
            continue  # one side names fewer dates (a free rendering), not other ones
        (_, oa, as_, ae), (_, ob, bs, be) = only_a[0], only_b[0]
        msg = (
            f"{_quoted(src_text[as_:ae], unit, oa)} in the original is "
            f"{_quoted(tgt_text[bs:be], unit, ob)} in the translation"
        )
        # past for future (or the reverse) is critical, like any opposite; a neighbour is major
        severity = "critical" if unit not in ("weekday", "season") and oa * ob < 0 else "major"
        flags.append(Flag("number", severity, 0.8, msg, source_span=(as_, ae), target_span=(bs, be)))
    return flags
