"""English number words: the vocabulary and the reader of spelled-out numbers.

``three hundred and twenty-five thousand``, ``a dozen``, ``threescore and ten``, ``twenty-first``:
the words are read here token by token; what surrounds a number (its unit, currency, bound) is
read in ``english_context``.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

import regex

from align.text.numbers.model import words

UNITS = {
    w: i
    for i, w in enumerate(
        words(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
            "sixteen seventeen eighteen nineteen"
        )
    )
}
TENS = {w: 10 * (i + 2) for i, w in enumerate(words("twenty thirty forty fifty sixty seventy eighty ninety"))}
SCALES = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
SHORT_SCALES = {"bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12, "mn": 1e6, "mln": 1e6, "k": 1e3, "m": 1e6}
ORDINALS = (
    {
        w: i + 1
        for i, w in enumerate(
            words(
                "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
                "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
            )
        )
    }
    | {
        w: 10 * (i + 2)
        for i, w in enumerate(
            words("twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth")
        )
    }
    | {"hundredth": 100, "thousandth": 1000, "millionth": 1e6}
)
# Fraction denominators, singular and plural: a half, two thirds, three quarters, a fifth.
DENOMS = {"half": 2, "halves": 2, "quarter": 4, "quarters": 4} | {
    form: ORDINALS[w]
    for w in ("third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
    for form in (w, w + "s")
}
DECADE_WORDS = {
    w: 10 * (i + 2)
    for i, w in enumerate(words("twenties thirties forties fifties sixties seventies eighties nineties"))
}
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        words("January February March April May June July August September October November December")
    )
}
MONTH_ABBR = {m[:3]: i for m, i in MONTHS.items() if m != "May"} | {"Sept": 9}
ROMAN = regex.compile(r"^(?=[IVXL]{2,})(X{0,3})(IX|IV|V?I{0,3})$")


def roman(s: str) -> int:
    """The value of a Roman numeral matched by ``ROMAN`` (``XIV`` = 14)."""
    vals = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=True):
        v = vals[a]
        total += -v if b != " " and vals.get(b, 0) > v else v
    return total


@dataclass(frozen=True, slots=True)
class Tok:
    """A token of English text: a number (``1,200.5``), a word, or one other character."""

    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


def glued(toks: list[Tok], i: int) -> bool:
    """Token ``i`` touches the one before it (no space): ``G7``, ``$3``, ``3%``."""
    return 0 < i < len(toks) and toks[i - 1].end == toks[i].start


def tok_index(toks: list[Tok], start: int) -> int:
    """The index of the first token that starts at or after character ``start``."""
    return bisect_left(toks, start, key=lambda t: t.start)


def is_number_word(toks: list[Tok], i: int) -> bool:
    """Whether token ``i`` starts a spelled-out number (``seven``, ``a hundred``, ``fourscore``)."""
    w = toks[i].low
    if w in UNITS or w in TENS or w in SCALES or w == "dozen" or _is_score(w):
        return True
    return w in ("a", "an") and i + 1 < len(toks) and toks[i + 1].low in (*SCALES, "dozen")


def _is_score(w: str) -> bool:
    """``threescore``, ``fourscore``: twenties in the King James Bible."""
    return w.endswith("score") and w[:-5] in UNITS and w[:-5] not in ("zero", "")


def parse_words(toks: list[Tok], i: int) -> tuple[float, int, bool] | None:
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
        if w in UNITS:
            v = UNITS[w]
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
        elif w in TENS or score:
            if tens or last not in ("", "hundred", "scale", "and"):
                break
            cur += TENS[w] if not score else UNITS[w[:-5]] * 20
            tens = True
            last = "ten"
        elif w == "hundred":
            cur = (cur or 1.0) * 100
            last, tens, units = "hundred", False, False
        elif w in SCALES:
            total += (cur or 1.0) * SCALES[w]
            cur = 0.0
            last, tens, units = "scale", False, False
        elif w == "dozen" and started:
            cur = (cur or 1.0) * 12
            last = "scale"
        elif (
            w == "-"
            and glued(toks, j)
            and j + 1 < n
            and glued(toks, j + 1)
            and last == "ten"
            and (nxt in UNITS or nxt in ORDINALS)
        ):
            j += 1
            continue
        elif w == "and" and last in ("hundred", "scale") and (nxt in UNITS or nxt in TENS or _is_score(nxt)):
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
                    and (UNITS.get(nxt, 0) in range(1, 10 if not score_used else 20) or nxt in ORDINALS)
                )
                or (
                    last == "unit"
                    and not tens
                    and (nxt in TENS or ORDINALS.get(nxt, 0) in range(20, 100, 10))
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
            return total + (cur or 1.0) * ORDINALS[w], j + 1, True
        elif (
            w in ORDINALS
            and started
            and w not in DENOMS
            and (
                (last in ("ten", "and") and ORDINALS[w] < 10 and not units)
                or (last == "and" and ORDINALS[w] in range(20, 100, 10) and not tens)
                or last in ("hundred", "scale")
                and ORDINALS[w] < 100
            )
        ):
            return total + cur + ORDINALS[w], j + 1, True
        else:
            break
        started = True
        j += 1
    if not started or j == i:
        return None
    if last == "and":
        j -= 1
    return total + cur, j, False
