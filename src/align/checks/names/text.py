"""Text helpers and word lists shared by both sides of the name check."""

from __future__ import annotations

import functools
import unicodedata

import regex

from align.text.datafiles import read_words
from align.text.words import word_set  # noqa: F401  shared helper, re-exported for this package
from align.text.zh import NAME_TRANSLIT

HAN_RUN = regex.compile(r"\p{Han}+")
_NON_LETTER = regex.compile(r"[^a-z]")


def ascii_fold(s: str) -> str:
    """Strip accents (Pará → Para) so spellings with and without diacritics compare equal."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def name_key(s: str) -> str:
    """Comparison key of an English form: accent-free, lower case, straight apostrophes, single spaces."""
    s = ascii_fold(s).replace("’", "'").lower()
    return " ".join(s.split())


@functools.lru_cache(maxsize=65536)
def letters_of(s: str) -> str:
    """Only the letters of a form, accent-free and lower case (Kenta-Arai → kentaarai).

    Memoised, like :func:`name_key`: both are pure and the name check asks for the same words
    hundreds of times per bead.
    """
    return _NON_LETTER.sub("", name_key(s))


# Word lists live in align/data (each file names its source): small words inside a name, titles and
# honorifics, capitalised abbreviations that are no name.
FORM_CONNECT = read_words("names_connectors.txt")
TITLES = read_words("names_titles.txt")
NON_NAME_ACRONYMS = frozenset(read_words("names_non_name_acronyms.txt"))

# Characters that Chinese uses to spell foreign names (align.text.zh, from data/zh_transliteration.tsv).
TRANSLIT = NAME_TRANSLIT


# Characters that transliterate only inside a name, after two transliteration characters (加勒万
# "Galwan"); elsewhere they are numerals (达万亿美元).
TRANSLIT_INSIDE = frozenset("万")
# What follows 万 when it is the numeral "ten thousand" (万亿, 万元, 万人 …), not part of a name.
_AFTER_NUMERAL_WAN = frozenset("亿千百十元人多余名个年户次件台辆吨斤公平米里美欧英日港块股份种项家所只头")


def translit_inside(text: str, k: int, run_start: int) -> bool:
    """Whether ``text[k]``, a ``TRANSLIT_INSIDE`` character, continues the transliteration that
    started at ``run_start``."""
    return (
        text[k] in TRANSLIT_INSIDE
        and k - run_start >= 2
        and (k + 1 >= len(text) or text[k + 1] not in _AFTER_NUMERAL_WAN)
    )


def is_translit(s: str) -> bool:
    """Written only in transliteration characters (特朗普, not 习近平; 加勒万, where 万 comes after two)."""
    return bool(s) and all(
        ch in TRANSLIT or (k >= 2 and ch in TRANSLIT_INSIDE and all(c in TRANSLIT for c in s[:k]))
        for k, ch in enumerate(s)
    )
