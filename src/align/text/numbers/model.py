"""The normalised number both extractors produce, and what else they share."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number found in a text, normalised so two languages can be compared.

    ``value`` is in the unit's own scale (``25`` for 25 %, ``0.25`` for a quarter, ``3e9`` for
    $3 billion); ``alts`` are other readings of the same words (a bare ``9点`` is 9 or 21).
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
        return self.norms[0]

    @property
    def norms(self) -> tuple[float, ...]:
        """``values`` on the family's shared scale."""
        return tuple(v / 100.0 if self.unit == "percent" else v for v in self.values)


def weaken(q: Quantity) -> Quantity:
    """Mark the numbers a good translation may drop or add: one/a/first, and 0-2 written as words."""
    if q.weak or q.unit == "name":
        return q
    if q.unit in ("plain", "ordinal", "hour") and q.value == 1 and not q.precision and q.scale == 1:
        return replace(q, weak=True)
    if q.word and q.value == 1 and q.scale == 1 and not q.precision:
        # 一欧元 / "one euro" is as often "a euro" or "every euro", which carry no numeral
        return replace(q, weak=True)
    if q.word and q.unit in ("plain", "ordinal", "fraction") and q.value in (0, 2, 0.5):
        return replace(q, weak=True)
    return q


def slash(text: str, s: int, mid: int, end: int, a: float, b: float) -> list[Quantity]:
    """``1/3`` is a fraction; ``24/7``, ``9/11``, ``6/8`` time are names that only absorb their parts."""
    if (a, b) == (24, 7):
        return []
    if 2 <= b <= 4 and 0 < a < b and a == int(a):
        return [Quantity(a / b, "fraction", s, end, text[s:end])]
    return [Quantity(a, "name", s, mid, text[s:mid]), Quantity(b, "name", mid + 1, end, text[mid + 1 : end])]


def decimals(s: str) -> int:
    """How many digits a written figure has after its decimal point (its rounding)."""
    return len(s.split(".", 1)[1]) if "." in s else 0


def words(text: str) -> tuple[str, ...]:
    """A word list written as one space-separated string, in order (keeps long lists readable)."""
    return tuple(text.split())


def pick_bound(gt: str, lt: str) -> tuple[str, str]:
    """``(bound, bound_text)`` from the more-than and less-than words found next to a number.

    Both may match (``no more than`` ends with ``more than``): the longer phrase wins, and a tie
    goes to more-than.
    """
    if gt and len(gt) >= len(lt):
        return ">", gt
    if lt:
        return "<", lt
    return "", ""
