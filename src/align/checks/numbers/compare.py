"""Matching the quantities of two texts and turning what does not match into flags."""

from __future__ import annotations

import regex

from align.checks.numbers.describe import currency_label, show, with_bound
from align.text.numbers.model import Quantity
from align.text.numbers.units import converted_equal, currencies_agree, measure_label
from align.types import Flag

_TOL_APPROX = 0.05  # "about 20%" may be 19-21% in the other language

# A candidate pair: (cost, source index, target index, unit relation), cheapest taken first.
Candidate = tuple[float, int, int, str]


def _relation(a: Quantity, b: Quantity) -> str | None:
    """How two quantities' units relate: ``same``, ``ok`` (compatible), a conflict, or None."""
    if a.unit == b.unit and not a.unit.startswith("currency:"):
        return "same"
    if _century_and_hundreds(a, b):
        return "same"
    fa, fb = a.family, b.family
    if "name" in (a.unit, b.unit):
        return "ok" if "count" in (fa, fb) and fa == fb else None
    if fa == fb == "count":
        return "ok"
    if fa == fb == "money":
        return "same" if currencies_agree(a.unit, b.unit) else "currency"
    if {fa, fb} == {"money", "count"}:
        return "ok"
    if fa == fb == "ratio":
        return "ok"
    if {fa, fb} == {"pp", "count"}:
        return "ok"
    if {a.unit, b.unit} == {"percent", "pp"}:
        return "pp"
    if "percent" in (a.unit, b.unit) and {fa, fb} & {"count", "money"}:
        return "percent"
    return None


def _century_and_hundreds(a: Quantity, b: Quantity) -> tuple[Quantity, Quantity] | None:
    """(century, hundreds) where one is a century in Chinese (21世纪) and the other a round hundred
    of years ("the 2000s"), which may name the century as well as its first decade."""
    for c, h in ((a, b), (b, a)):
        if c.unit == "ordinal" and "世纪" in c.text and h.unit == "decade" and h.value % 100 == 0:
            return c, h
    return None


def _equal(a: Quantity, b: Quantity, tolerant: bool, raw: bool = False) -> bool:
    """Same value, allowing the writer's rounding, and ~5 % where either side approximates.

    ``raw`` compares the written figures whatever their units (25% against 25), to find a unit
    swapped around an unchanged figure.
    """
    pair = _century_and_hundreds(a, b)
    if pair:  # "the early 2000s" = 21世纪初
        return pair[1].value // 100 + 1 == pair[0].value
    if a.unit == "decade" and b.unit == "decade":
        return any(x % 100 == y % 100 if min(x, y) < 100 else x == y for x in a.values for y in b.values)
    if (
        a.measure
        and b.measure
        and a.measure != b.measure
        and (a.measure.split(":")[0] == b.measure.split(":")[0])
    ):
        return converted_equal(a, b)
    ratio = {a.unit, b.unit} == {"percent", "fraction"}
    for x in a.values if raw else a.norms:
        for y in b.values if raw else b.norms:
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


def _rel_pos(q: Quantity, length: int) -> float:
    return (q.start + q.end) / 2 / max(length, 1)


def _magnitude_gap(a: Quantity, b: Quantity) -> bool:
    x, y = abs(a.norm), abs(b.norm)
    if (a.norm < 0) != (b.norm < 0):
        return True
    if min(x, y) == 0:
        return max(x, y) >= 10
    return max(x, y) / min(x, y) >= 10 - 1e-9


def _shape(context: str) -> str:
    """A name with its digits masked (``F-#``), to find the same name on the other side."""
    return regex.sub(r"(?<=[a-z#])s$", "", regex.sub(r"\d+", "#", context.lower()))


def _take(cands: list[Candidate], used_s: set[int], used_t: set[int]) -> list[Candidate]:
    """Accept candidate pairs cheapest first, each quantity at most once; marks them as used."""
    got = []
    for cand in sorted(cands):
        i, j = cand[1], cand[2]
        if i in used_s or j in used_t:
            continue
        used_s.add(i)
        used_t.add(j)
        got.append(cand)
    return got


def _repeated(q: Quantity, matched: list[Quantity]) -> bool:
    """Whether ``q`` repeats a value already matched on its side (stated twice, translated once)."""
    tol = 1e-9 * max(1.0, abs(q.norm))
    return any(m.family == q.family and abs(m.norm - q.norm) <= tol for m in matched)


def _pairable(a: Quantity, b: Quantity) -> bool:
    """Whether two leftover quantities are plausibly one number changed in translation."""
    if a.family != b.family and {a.family, b.family} != {"money", "count"}:
        return False
    if a.weak and b.weak:
        return False
    weak = a if a.weak else b if b.weak else None
    other = b if weak is a else a
    return weak is None or (weak.value != 1 and not weak.approx and weak.unit == other.unit)


def _flag(severity: str, confidence: float, msg: str, a: Quantity | None, b: Quantity | None) -> Flag:
    return Flag(
        "number",
        severity,
        confidence,
        msg,
        (a.start, a.end) if a is not None else None,
        (b.start, b.end) if b is not None else None,
    )


def _unit_conflict(a: Quantity, b: Quantity, rel: str) -> Flag:
    """An equal figure in another currency, or a percentage against an absolute number or pp."""
    if rel == "currency":
        msg = (
            f"currency differs: {show(a)} in the original is {show(b)} in the translation "
            f"({currency_label(a)} vs {currency_label(b)})"
        )
        return _flag("major", 0.8, msg, a, b)
    if rel == "percent":
        pa, pb = (
            ("a percentage", "an absolute number")
            if a.unit == "percent"
            else ("an absolute number", "a percentage")
        )
        msg = f"{show(a)} is {pa} in the original but {show(b)} is {pb} in the translation"
        return _flag("critical", 0.7, msg, a, b)
    pa, pb = ("percent", "percentage points")
    if a.unit != "percent":
        pa, pb = pb, pa
    msg = f"{show(a)} is {pa} in the original but {show(b)} is {pb} in the translation"
    return _flag("major", 0.6, msg, a, b)


def _changed_names(
    src: list[Quantity], tgt: list[Quantity], used_s: set[int], used_t: set[int]
) -> list[Flag]:
    """A name number changed inside the same name (F-35 → F-32, 3D → 7D) is a changed number too."""
    flags = []
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
        flags.append(_flag("major", 0.8, msg, a, b))
    return flags


def _changed_value(a: Quantity, b: Quantity) -> Flag:
    """A leftover number paired with its plausible counterpart: the value was changed."""
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
    msg = f"number {show(a)} in the original is {show(b)} in the translation"
    if a.measure and b.measure and a.measure != b.measure and a.value == b.value:
        msg = (
            f"unit differs: {show(a)} {measure_label(a)} in the original, "
            f"{show(b)} {measure_label(b)} in the translation"
        )
    if a.family == b.family == "money" and not currencies_agree(a.unit, b.unit):
        msg += f" (and the currency differs: {currency_label(a)} vs {currency_label(b)})"
    return _flag("critical" if _magnitude_gap(a, b) else "major", round(conf, 2), msg, a, b)


def _year_of_a_date(q: Quantity, side: list[Quantity], other: list[Quantity]) -> bool:
    """A year written with a date that the other side gives without one ("July 18, 2020" for
    7月18日): translators make the year explicit; a year that differs from one the other side
    gives is still compared."""
    if q.unit != "year" or any(o.unit == "year" for o in other):
        return False
    return any(x.unit in ("month", "day") and abs(x.end - q.start) <= 4 for x in side if x is not q) and any(
        o.unit in ("month", "day") for o in other
    )


def _conversion_of(q: Quantity, matched: list[Quantity]) -> bool:
    """A figure that converts one of ``matched`` into another unit: a translator's added
    conversion, "130 miles" → 130 英里（210 公里）, reported once, at the figure it converts."""
    if not q.measure:
        return False
    dim = q.measure.split(":")[0]
    return any(
        m.measure and m.measure != q.measure and m.measure.split(":")[0] == dim and converted_equal(m, q)
        for m in matched
    )


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

    def candidates(tolerant: bool, rels: tuple[str, ...]) -> list[Candidate]:
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
                    cost += (a.measure != b.measure) * 0.5  # the figure as written before a conversion
                    out.append((cost, i, j, rel))
        return out

    for tolerant, rels in ((False, ("same",)), (False, ("ok",)), (True, ("same", "ok"))):
        for _, i, j, _ in _take(candidates(tolerant, rels), used_s, used_t):
            a, b = src[i], tgt[j]
            matched_s.append(a)
            matched_t.append(b)
            if {a.bound, b.bound} == {">", "<"} and not (a.approx or b.approx):
                msg = (
                    f"'{with_bound(a)}' in the original is '{with_bound(b)}' in the "
                    f"translation: the direction of the bound is reversed"
                )
                flags.append(_flag("critical", 0.6, msg, a, b))
    for _, i, j, rel in _take(candidates(True, ("currency", "percent", "pp")), used_s, used_t):
        a, b = src[i], tgt[j]
        matched_s.append(a)
        matched_t.append(b)
        if not (a.weak and b.weak):
            flags.append(_unit_conflict(a, b, rel))
    flags += _changed_names(src, tgt, used_s, used_t)

    # Leftovers: names never count, nor a value repeated on one side that the other side states
    # once; pair a changed value with a plausible counterpart.
    left_s = [
        i for i, q in enumerate(src) if i not in used_s and q.unit != "name" and not _repeated(q, matched_s)
    ]
    left_t = [
        j
        for j, q in enumerate(tgt)
        if j not in used_t
        and q.unit != "name"
        and not _repeated(q, matched_t)
        and not _conversion_of(q, matched_s)
        and not _conversion_of(q, [x for k, x in enumerate(tgt) if k != j])
    ]
    left_s = [
        i
        for i in left_s
        if not _conversion_of(src[i], matched_t)
        and not _conversion_of(src[i], [x for k, x in enumerate(src) if k != i])
    ]
    cands: list[Candidate] = []
    for i in left_s:
        for j in left_t:
            a, b = src[i], tgt[j]
            if _pairable(a, b):
                cost = (
                    abs(_rel_pos(a, src_len) - _rel_pos(b, tgt_len))
                    + (a.unit != b.unit) * 0.3
                    + ((a.weak or b.weak) * 0.5)
                )
                cands.append((cost, i, j, ""))
    paired_s: set[int] = set()
    paired_t: set[int] = set()
    for _, i, j, _ in sorted(_take(cands, paired_s, paired_t), key=lambda c: (c[1], c[2])):
        flags.append(_changed_value(src[i], tgt[j]))

    for i in left_s:
        a = src[i]
        if i not in paired_s and not a.weak and not _year_of_a_date(a, src, tgt):
            msg = f"number {show(a)} in the original is missing from the translation"
            flags.append(_flag("major", 0.5 if a.word else 0.7, msg, a, None))
    for j in left_t:
        b = tgt[j]
        if j not in paired_t and not b.weak and not _year_of_a_date(b, tgt, src):
            msg = f"number {show(b)} in the translation is not in the original"
            flags.append(_flag("major", 0.5 if b.word else 0.7, msg, None, b))
    return sorted(flags, key=lambda f: (f.source_span or (10**9, 0), f.target_span or (10**9, 0)))
