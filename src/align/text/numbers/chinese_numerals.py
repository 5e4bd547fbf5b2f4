"""Chinese numerals: reading a run such as ``三十二亿``, ``两千零五``, ``1.2万`` or ``二十七八`` as a value.

Only the arithmetic of the characters lives here; whether a run is a number at all (一直, 统一 are
words) and what it counts is decided by the extractor in ``chinese``.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from align.text.numbers.model import decimals

# Each digit with its financial form (壹贰叁, written on cheques) and the colloquial 两.
ZH_DIGIT = {
    ch: value
    for value, chars in enumerate(
        ("〇零", "一壹", "二贰两", "三叁", "四肆", "五伍", "六陆", "七柒", "八捌", "九玖")
    )
    for ch in chars
}
_ZH_UNIT = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
ZH_BIG = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
ZH_NUMCH = "".join(ZH_DIGIT) + "".join(_ZH_UNIT) + "".join(ZH_BIG)
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Digits may take Chinese units after them (3千, 1.2万) but a Chinese numeral never runs on into
# digits (每一百万15起 is "per million, 15").
_RUN = rf"(?:(?:{_ARABIC})[{ZH_NUMCH}]*|[{ZH_NUMCH}]+)"
ZH_RE = regex.compile(
    rf"百分之(?P<pct>{_RUN})|千分之(?P<pml>{_RUN})|(?P<den>{_RUN})分之(?P<nu>{_RUN})"
    rf"|第(?P<ord>{_RUN})|(?P<num>{_RUN})"
)
_ZH_TOKEN = regex.compile(rf"{_ARABIC}|.")

Token = tuple[str, float, str]  # (kind, value, text)


def _zh_tokens(run: str) -> list[Token]:
    """Split a numeral run into digits (``d``), small units (``u``: 十百千) and big units (``b``)."""
    out: list[Token] = []
    for m in _ZH_TOKEN.finditer(run):
        t = m.group()
        if t[0].isdigit():
            out.append(("a", float(t.replace(",", "")), t))
        elif t in ZH_DIGIT:
            out.append(("d", float(ZH_DIGIT[t]), t))
        elif t in _ZH_UNIT:
            out.append(("u", float(_ZH_UNIT[t]), t))
        elif t in ZH_BIG:
            out.append(("b", ZH_BIG[t], t))
    return out


def _zh_section(toks: list[Token], big_below: float = 0.0) -> tuple[float, bool] | None:
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


def _zh_value(toks: list[Token], below: float = 0.0) -> tuple[float, bool] | None:
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


def _range_pair(a: float, b: float) -> bool:
    """Two digits a writer strings together for a rough range: 三四 (3-4), 七八, and 三两, 三五."""
    return b == a + 1 or (a, b) in ((3, 2), (3, 5))


@dataclass
class Run:
    """A parsed numeral run: its value(s) and how it was written."""

    values: list[float]
    arabic: bool
    bare: bool = False
    digit_string: bool = False
    is_range: bool = False
    precision: float = 0.0
    scale: float = 1.0


def parse_zh_run(run: str) -> Run | None:
    """Read a numeral run: a value, a digit string (``一九九〇``), a range (``三四``), or None."""
    toks = _zh_tokens(run)
    if not toks:
        return None
    arabic = any(k == "a" for k, _, _ in toks)
    if len(toks) >= 2 and all(k == "d" for k, _, _ in toks):
        digits = [int(v) for _, v, _ in toks]
        if 0 in digits or len(digits) >= 3:
            return Run([float("".join(map(str, digits)))], False, digit_string=True)
        a, b = digits
        if _range_pair(a, b):
            return Run([float(a), float(b)], False, is_range=True)
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
        dec = decimals(next(t for k, _, t in reversed(toks) if k == "a"))
        precision = 0.5 * 10 ** (-dec) * scale if dec else 0.0
    return Run([value], arabic, bare=bare, precision=precision, scale=scale)


def _parse_zh_range(toks: list[Token]) -> Run | None:
    """Chinese approximate ranges: ``十四五`` (14-15), ``二十七八`` (27-28), ``一二十`` (10-20)."""
    kinds = [k for k, _, _ in toks]
    if kinds == ["d", "d", "u"] and _range_pair(toks[0][1], toks[1][1]):
        u = toks[2][1]
        return Run([toks[0][1] * u, toks[1][1] * u], False, is_range=True)
    if len(toks) >= 3 and toks[-1][0] == toks[-2][0] == "d" and _range_pair(toks[-2][1], toks[-1][1]):
        base = _zh_value(toks[:-1])
        if base is not None and base[0] >= 10:
            return Run([base[0], base[0] - toks[-2][1] + toks[-1][1]], False, is_range=True)
    return None
