"""Chinese extraction: every number of a Chinese text, with its unit class and character span.

A numeral character is as often part of a word as a count (一直, 统一, 三思, 千方百计), so a run
written in Chinese numerals must pass jieba's word boundaries; the context around it (多, 左右,
超过, 美元, 年, 点) then gives its bound, unit, currency, date or hour.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import regex

from align.text.numbers.chinese_numerals import ZH_BIG, ZH_DIGIT, ZH_NUMCH, ZH_RE, Run, parse_zh_run
from align.text.numbers.model import Quantity, pick_bound, slash, weaken, words
from align.text.numbers.units import DOLLAR_PREFIX, SYMBOL_CURRENCY, ZH_CURRENCY_SUFFIX, zh_measure
from align.text.zh import in_jieba_dictionary, zh_words

# Characters that may follow a Chinese numeral as a measure word or unit (三天, 两个, 5名, 10吨).
_CLASSIFIERS = set(
    "个位名人次件条项家种座台只本场辆艘架栋层张把口批轮届期所支股份枚颗粒头匹棵例起节章版部篇首套组对双"
    "亩吨斤克升度岁倍周天年月日号点时分秒里米码间餐顿笔桩宗封串段片块根道门声下遍趟回步票户区"
    "方省市县国州幅盘局杯瓶碗袋包箱车船季元寸尺丈圈集任代辈成行列排楼校类员所席轴款辑集届环两"
)
# Unit words that may follow a numeral inside one jieba word (三美元, 五公里).
_ZH_UNIT_WORDS = words(
    "美元 美金 欧元 英镑 日元 日圆 港元 港币 澳元 加元 韩元 卢布 卢比 新台币 台币 瑞郎 人民币 新元 百分点 "
    "个百分点 基点 摄氏度 华氏度 公里 公斤 公顷 千米 千克 千瓦 英里 英尺 英寸 英亩 小时 分钟 世纪 年代 "
    "平方 立方 毫米 毫升 毫克 厘米 公分"
)
# Words jieba keeps whole that look like numeral + measure word but are not numbers.
_ZH_IDIOMS = set(
    words(
        "十分 万分 千里 万里 百里 千万 万万 一一 九州 十足 百分百 万人空巷 千人一面 一点儿 一会儿 一会 "
        "一行 三军 万代 千秋 一时 一度 一番 万岁 十万八千里 四下 四周 四处 四方 八方 三角 十有八九 "
        "十之八九 一五一十 九霄 四周围 四下里"
    )
)
_ZH_ALLOWED_PREFIX = set("第初每这那该前后头近约共仅逾超达只整满其各另上下零负")
_ZH_VAGUE_PREFIX = ("数", "几", "上", "成", "好几", "若干")
_ZH_APPROX_PREFIX = words("大约 约为 约合 大概 大致 将近 接近 几乎 差不多 估计 约 近")
_ZH_GT_PREFIX = ("不少于", "不低于", "超过", "多于", "高于", "大于", "至少", "起码", "逾", "超")
# 至少/最多 before a short verb that the figure follows; not 最多的 ("the most": 人口最多的20个国家).
_ZH_BOUND_BEFORE_VERB = regex.compile(
    r"(至少|起码|最少|最多|至多)(?!的)[^\P{Han}一二三四五六七八九十百千万亿两零〇几]{1,4}$"
)
_ZH_LT_PREFIX = ("不超过", "不到", "不足", "少于", "低于", "小于", "最多", "至多", "将近", "近")
_ZH_APPROX_SUFFIX = ("左右", "上下", "前后", "许")
_ZH_GT_SUFFIX = ("有余", "开外", "出头", "以上")
_ZH_MORE_SUFFIX = ("多", "余")  # inside the number: 140多台, 28万余人, 3000多万
_ZH_LT_SUFFIX = ("以下", "以内", "之内")
_ZH_WEEKDAY_PREFIX = ("星期", "礼拜", "周")
_ZH_KILO_UNITS = set("克米瓦卡帕焦伏赫")


def _zh_word_ok(text: str, s: int, e: int, segs: list[tuple[str, int, int]]) -> bool:
    """Whether jieba's words allow the numeral run ``text[s:e]`` to be a number.

    A run inside a longer word is a number only when the rest of the word is an allowed prefix
    (``第``, ``每``) or a measure word (``两个``, ``三天``); otherwise the numeral is part of a word
    or idiom (``一直``, ``统一``, ``三思而后行``, ``两岸``).
    """
    for w, ws, we in segs:
        if we <= s or ws >= e:
            continue
        if w in _ZH_IDIOMS:
            return False
        if not in_jieba_dictionary(w):
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
    """The first of ``phrases`` that ``text[:pos]`` ends with, or ``""``."""
    for p in phrases:
        if text.endswith(p, 0, pos):
            return p
    return ""


def _starts_with(text: str, pos: int, phrases: Iterable[str]) -> str:
    """The first of ``phrases`` that ``text[pos:]`` starts with, or ``""``."""
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


def zh_quantities(text: str) -> list[Quantity]:
    """Every number in a Chinese text, with its unit class and character span."""
    out: list[Quantity] = []
    segs: list[tuple[str, int, int]] | None = None
    n = len(text)
    consumed = 0
    times = _zh_times(text)
    out.extend(q for q, _ in times)
    for m in ZH_RE.finditer(text):
        group = m.lastgroup
        s, e = m.span()
        if s < consumed:
            continue  # already read as the unit of the number before (2个百分点)
        if any(a <= s < b for _, (a, b) in times):
            continue  # part of a clock time
        if m.group() == "零" and text.startswith("零下", s):
            continue
        if group == "nu":  # fraction: 三分之一
            den, nu = parse_zh_run(m.group("den")), parse_zh_run(m.group("nu"))
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
                and run[-2] in ZH_NUMCH
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
            parsed = parse_zh_run(run)
            if parsed is None:
                continue
            runs = [(rs, re_)]
            value = parsed.values[0]
            unit = {"pct": "percent", "pml": "percent", "ord": "ordinal"}.get(group, "plain")
            if group == "pml":
                value /= 10.0
            word = not parsed.arabic
        if group == "num" and parsed.arabic and (sm := regex.match(r"/(\d+)(?![\d.])", text[e : e + 20])):
            found = slash(text, s, e, e + sm.end(), value, float(sm.group(1)))
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
            if segs is None:
                segs = zh_words(text)
            if not all(_zh_word_ok(text, a, b, segs) for a, b in runs):
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
    out.sort(key=lambda q: q.start)
    return _zh_merge_century(text, out)


_ZH_TIME = regex.compile(r"(?<![\d.:：])(\d{1,2})[:：](\d{2})(?![\d:：])")


def _zh_times(text: str) -> list[tuple[Quantity, tuple[int, int]]]:
    """Clock times (上午6:00, 14:30) read as the English extractor reads "6:00 AM": an ``hour``
    (which half of the day is worked out with every other hour, in ``extract._clock``) and the
    minutes as a plain number unless zero — so "6:00" is not the numbers 6 and 00."""
    out: list[tuple[Quantity, tuple[int, int]]] = []
    for m in _ZH_TIME.finditer(text):
        hour, minute = float(m.group(1)), float(m.group(2))
        if hour > 24 or minute >= 60:
            continue
        out.append((Quantity(hour, "hour", m.start(1), m.end(1), m.group(1)), m.span()))
        if minute:
            out.append((Quantity(minute, "plain", m.start(2), m.end(2), m.group(2)), m.span()))
    return out


def _zh_finish(
    text: str, m: regex.Match, group: str, s: int, e: int, value: float, unit: str, parsed: Run, word: bool
) -> list[Quantity]:
    """Read the context around a Chinese numeral: bounds, scale, unit, currency, dates, hours."""
    n = len(text)
    approx, bound, bound_text = False, "", ""
    precision = parsed.precision
    weak = False
    extra: list[Quantity] = []
    # ---- suffix
    pos = e
    if group == "num" and text.startswith("点", pos) and not parsed.arabic:
        dm = regex.match(r"点([〇零一二三四五六七八九]+)(?!分|[十百千])", text[pos : pos + 20])
        if dm:  # 三点五 = 3.5
            frac = "".join(str(ZH_DIGIT[c]) for c in dm.group(1))
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
        value *= ZH_BIG[text[pos]]
        pos += 1
        e = pos
    elif bound_text in ("多", "余"):
        e = pos
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
    measure = zh_measure(text, pos) if unit == "plain" and group == "num" else ""
    if unit == "plain":
        for suffix, code in ZH_CURRENCY_SUFFIX:
            if text.startswith(suffix, pos):
                unit, e = f"currency:{code}", pos + len(suffix)
                break
    # ---- prefix
    pre = s
    if unit in ("plain", "percent", "pp", "fraction", "currency:CNY"):
        before = text[max(0, s - 6) : s].rstrip()
        if before.endswith("人民币") and unit in ("plain", "currency:CNY"):
            unit, s = "currency:CNY", s - 3 - (len(text[max(0, s - 6) : s]) - len(before))
        elif before and before[-1] in SYMBOL_CURRENCY and unit == "plain":
            sym = before[-1]
            code = SYMBOL_CURRENCY[sym]
            s = text.rfind(sym, 0, s)
            pm = regex.search(r"(US|HK|A|AU|C|NT|S)$", text[max(0, s - 2) : s])
            if sym == "$" and pm:
                code = DOLLAR_PREFIX[pm.group(1)]
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
        if not (gt or lt) and (bm := _ZH_BOUND_BEFORE_VERB.search(text, max(0, pre - 8), pre)):
            # 每周至少工作20小时: the bound stands before the verb ("at least 20 hours")
            gt, lt = (bm.group(1), "") if bm.group(1) in ("至少", "起码", "最少") else ("", bm.group(1))
        ap = _ends_with(text, pre, _ZH_APPROX_PREFIX)
        if gt or lt:
            bound, bound_text = pick_bound(gt, lt)
        if ap:
            approx = True
            bound_text = bound_text or ap
    if not approx and group == "num" and (ap := _starts_with(text, pos, _ZH_APPROX_SUFFIX)):
        approx, bound_text = True, bound_text or ap
    if not bound and group == "num":
        lt = _starts_with(text, pos, _ZH_LT_SUFFIX)
        gt = _starts_with(text, pos, _ZH_GT_SUFFIX)
        if gt or lt:
            bound, bound_text = pick_bound(gt, lt)
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
        scale=parsed.scale,
        measure=measure,
    )
    return [weaken(q), *extra]


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
