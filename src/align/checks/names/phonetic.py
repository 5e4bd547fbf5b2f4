"""Phonetic similarity of an English name and a Chinese transliteration (its toneless pinyin).

Both sides are reduced to a skeleton of sound classes (b/p, d/t, g/k/c, s/z/sh, x, j/q/zh/ch, l/r, …,
and three vowel classes) and compared with a weighted edit distance in which the usual changes of
transliteration are cheap: an inserted vowel (Hegseth → he-ge-sai-si), r ↔ l, a dropped r or final
consonant, v ↔ w, h ↔ x.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import regex

from align.checks.names.text import HAN_RUN, letters_of

MATCH_THRESHOLD = 0.65
"""Phonetic similarity at which a transliteration counts as the rendering of an English name."""

STRICT_MATCH_THRESHOLD = 0.8
"""Phonetic similarity needed for a stretch of Chinese that does not look like a transliteration."""

# English spelling → sound classes. Upper-case letters in a replacement are already classes.
_EN_RULES = [
    (regex.compile(p), r)
    for p, r in [
        (r"^th", "T"),
        (r"^kn", "n"),
        (r"^ps", "s"),
        (r"^wr", "r"),
        (r"^x", "s"),
        (r"tch", "J"),
        (r"sch", "S"),
        (r"ch", "J"),
        (r"sh", "S"),
        (r"ph", "F"),
        (r"th", "S"),
        (r"ck", "K"),
        (r"qu", "KW"),
        (r"x", "KS"),
        (r"gh", ""),
        (r"wh", "W"),
        (r"dg", "J"),
        (r"c(?=[eiy])", "S"),
        (r"c", "K"),
        (r"g(?=[eiy])", "J"),
        (r"^y", "Y"),
        (r"y", "i"),
    ]
]
_EN_CLASS = {
    "b": "P",
    "p": "P",
    "d": "T",
    "t": "T",
    "k": "K",
    "q": "K",
    "g": "K",
    "f": "F",
    "v": "F",
    "w": "W",
    "h": "H",
    "l": "L",
    "r": "L",
    "m": "M",
    "n": "N",
    "s": "S",
    "z": "S",
    "j": "J",
    "a": "A",
    "e": "E",
    "i": "E",
    "o": "O",
    "u": "O",
}
_PY_INITIALS = [
    ("zh", "J"),
    ("ch", "J"),
    ("sh", "S"),
    ("b", "P"),
    ("p", "P"),
    ("d", "T"),
    ("t", "T"),
    ("g", "K"),
    ("k", "K"),
    ("f", "F"),
    ("w", "W"),
    ("h", "H"),
    ("l", "L"),
    ("r", "L"),
    ("m", "M"),
    ("n", "N"),
    ("s", "S"),
    ("c", "S"),
    ("z", "S"),
    ("x", "X"),
    ("j", "J"),
    ("q", "J"),
    ("y", "Y"),
]

# Substitutions that transliteration makes routinely cost less than a full edit.
_CHEAP_PAIRS = [
    ("P", "F", 0.6),
    ("K", "H", 0.4),
    ("J", "S", 0.3),
    ("J", "K", 0.4),
    ("T", "S", 0.5),
    ("N", "M", 0.3),
    ("W", "F", 0.3),
    ("W", "O", 0.3),
    ("Y", "E", 0.2),
    ("Y", "A", 0.3),
    ("W", "A", 0.4),
    ("W", "H", 0.4),
    ("L", "N", 0.7),
    ("T", "J", 0.6),
    ("H", "F", 0.6),
    ("S", "K", 0.8),
    ("W", "Y", 0.4),
    ("J", "H", 0.5),
    ("X", "S", 0.2),
    ("X", "H", 0.4),
    ("X", "J", 0.3),
    ("X", "K", 0.6),
    ("Y", "J", 0.3),
    ("H", "Y", 0.4),
]
_CHEAP = {pair: c for a, b, c in _CHEAP_PAIRS for pair in ((a, b), (b, a))}

# Insertions/deletions: Chinese adds vowels after consonants, drops r and some final consonants.
_INDEL = {
    "A": 0.25,
    "E": 0.25,
    "O": 0.25,
    "Y": 0.4,
    "W": 0.4,
    "H": 0.5,
    "L": 0.4,
    "N": 0.6,
    "S": 0.7,
    "T": 0.7,
    "K": 0.7,
}

VOWELS = frozenset("AEO")


def _collapse(classes: Iterable[str]) -> list[str]:
    """Sound classes with repeats merged: the same class twice in a row, or two vowels, count once."""
    out: list[str] = []
    for cc in classes:
        if not out or out[-1] != cc and not (cc in VOWELS and out[-1] in VOWELS):
            out.append(cc)
    return out


def consonants(code: str) -> int:
    """How many consonant classes a skeleton has."""
    return sum(1 for x in code if x not in VOWELS)


@functools.lru_cache(maxsize=65536)
def en_code(word: str) -> str:
    """Sound-class skeleton of an English (or any Latin-script) name."""
    s = raw = letters_of(word)
    for pat, rep in _EN_RULES:
        s = pat.sub(rep, s)
    out = _collapse(cc for ch in s for cc in (ch if ch.isupper() else _EN_CLASS.get(ch, "")))
    if len(out) > 2 and raw.endswith("e") and out[-1] == "E" and not raw.endswith(("ee", "ie")):
        out.pop()  # silent final e
    return "".join(out)


def _main_vowel(final: str) -> str:
    for v, c in (("a", "A"), ("o", "O"), ("e", "E"), ("i", "E"), ("u", "O"), ("v", "O")):
        if v in final:
            return c
    return ""


def _py_syllable_code(syl: str) -> str:
    syl = syl.replace("ü", "v").replace("u:", "v")
    if syl == "er":
        return "EL"
    code = ""
    for ini, c in _PY_INITIALS:
        if syl.startswith(ini):
            code, syl = c, syl[len(ini) :]
            break
    if code in ("S", "J") and syl == "i":  # si, shi, zhi, ci: the vowel is only a carrier
        return code + "E"
    if code == "Y" and syl[:1] in ("i", "u", "v"):  # yi, yin, yu: the y is only spelling
        code = ""
    if code == "W" and syl == "u":  # wu
        code = ""
    v = _main_vowel(syl)
    if syl.endswith("n") or syl.endswith("ng"):
        return code + v + "N"
    return code + v


@functools.lru_cache(maxsize=65536)
def py_code(syllables: tuple[str, ...]) -> str:
    """Sound-class skeleton of toneless pinyin syllables."""
    return "".join(_collapse(cc for s in syllables for cc in _py_syllable_code(s)))


def _wlen(code: str) -> float:
    return sum(0.25 if c in VOWELS else 1.0 for c in code)


def _dist(a: str, b: str) -> float:
    prev = [0.0] * (len(b) + 1)
    for j in range(1, len(b) + 1):
        prev[j] = prev[j - 1] + _INDEL.get(b[j - 1], 1.0)
    for i in range(1, len(a) + 1):
        ca = a[i - 1]
        cur = [prev[0] + _INDEL.get(ca, 1.0)] + [0.0] * len(b)
        for j in range(1, len(b) + 1):
            cb = b[j - 1]
            sub = 0.0 if ca == cb else _CHEAP.get((ca, cb), 0.15 if ca in VOWELS and cb in VOWELS else 1.0)
            cur[j] = min(prev[j - 1] + sub, prev[j] + _INDEL.get(ca, 1.0), cur[j - 1] + _INDEL.get(cb, 1.0))
        prev = cur
    return prev[-1]


@functools.lru_cache(maxsize=262144)
def code_sim(a: str, b: str) -> float:
    """Similarity of two sound-class skeletons, 0–1."""
    if not a or not b:
        return 0.0
    sim = max(0.0, 1.0 - _dist(a, b) / max((_wlen(a) + _wlen(b)) / 2, 1.0))
    # names keep their first sound and roughly their number of consonants across transliteration
    fa, fb = a[0], b[0]
    if fa != fb and _CHEAP.get((fa, fb), 1.0) > 0.4 and not {fa, fb} <= {"A", "E", "O", "Y", "W", "H"}:
        sim *= 0.85
    ca, cb = consonants(a), consonants(b)
    if max(ca, cb) > 2 * max(1, min(ca, cb)):
        sim *= 0.85
    return sim


def phonetic_similarity(english: str, pinyin: Iterable[str]) -> float:
    """How well a Chinese transliteration (its toneless pinyin) renders an English name, 0–1.

    >>> round(phonetic_similarity("Rubio", ["lu", "bi", "ao"]), 2)
    1.0
    """
    return code_sim(en_code(english), py_code(tuple(pinyin)))


@functools.lru_cache(maxsize=65536)
def pinyin_of(text: str) -> tuple[str, ...]:
    """Toneless pinyin, one syllable per Han character (phrase-aware for polyphones: 重庆 → chong qing)."""
    from pypinyin import lazy_pinyin

    out: list[str] = []
    for run in HAN_RUN.findall(text):
        out.extend(s.replace("ü", "v") for s in lazy_pinyin(run))
    return tuple(out)
