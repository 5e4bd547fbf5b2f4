"""Phonetic similarity of an English name and a Chinese transliteration (its toneless pinyin).

Both sides are reduced to a skeleton of sound classes (b/p, d/t, g/k/c, s/z/sh, x, j/q/zh/ch, l/r, …,
and three vowel classes) and compared with a weighted edit distance in which the usual changes of
transliteration are cheap: an inserted vowel (Hegseth → he-ge-sai-si), r ↔ l, a dropped r or final
consonant, v ↔ w, h ↔ x.
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
import pickle
from collections.abc import Iterable, Iterator
from pathlib import Path

import regex

from align.checks.names.text import HAN_RUN, letters_of
from align.paths import usable_cache_dir

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
    return len(code) - code.count("A") - code.count("E") - code.count("O")


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


@functools.lru_cache(maxsize=4096)
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
    """Weight of a skeleton: a consonant 1, a vowel 0.25 (exact in binary, so any order of summing gives
    the same float)."""
    n_cons = consonants(code)
    return (len(code) - n_cons) * 0.25 + n_cons


def _sub_cost(ca: str, cb: str) -> float:
    """Cost of substituting sound class ``cb`` for ``ca`` in :func:`_dist`."""
    return 0.0 if ca == cb else _CHEAP.get((ca, cb), 0.15 if ca in VOWELS and cb in VOWELS else 1.0)


# Every class a skeleton can hold (en_code and py_code only emit these); for them the costs are looked
# up in precomputed tables instead of being derived inside the innermost loop of the edit distance.
_CLASSES = "PTKFWHLMNSJXYAEO"
_SUB_ROWS: dict[str, dict[str, float]] = {a: {b: _sub_cost(a, b) for b in _CLASSES} for a in _CLASSES}
_INDEL_ALL: dict[str, float] = {c: _INDEL.get(c, 1.0) for c in _CLASSES}
_MIN_INDEL = min(min(_INDEL.values()), 1.0)  # the cheapest insertion or deletion of any class


def _dist(a: str, b: str, limit: float = math.inf) -> float:
    """Weighted edit distance of two skeletons (the costs of ``_CHEAP`` and ``_INDEL``), or ``inf`` as
    soon as it is sure to exceed ``limit``.

    The hot path of the name check (tens of thousands of calls per thousand beads), hence written for
    speed: costs come from precomputed tables and the minimum of the three moves is taken by hand. Every
    sum is formed from the same operands in the same order as the textbook recurrence, so the result is
    the same float to the last bit. Costs are never negative, so no cell of a row is below the smallest
    cell of the row before: once a whole row exceeds ``limit``, so does the distance.
    """
    indel = _INDEL_ALL
    if not (set(a) <= indel.keys() and set(b) <= indel.keys()):
        d = _dist_slow(a, b)
        return d if d <= limit else math.inf
    ib = [indel[cb] for cb in b]
    prev = [0.0] * (len(b) + 1)
    for j in range(1, len(b) + 1):
        prev[j] = prev[j - 1] + ib[j - 1]
    for ca in a:
        da = indel[ca]
        row = _SUB_ROWS[ca]
        left = prev[0] + da
        cur = [left]
        low = left
        for j, cb in enumerate(b):
            best = prev[j] + row[cb]
            x = prev[j + 1] + da
            if x < best:
                best = x
            x = left + ib[j]
            if x < best:
                best = x
            cur.append(best)
            left = best
            if best < low:
                low = best
        if low > limit:
            return math.inf
        prev = cur
    return prev[-1] if prev[-1] <= limit else math.inf


def _dist_slow(a: str, b: str) -> float:
    """The plain recurrence, for skeletons with a class outside ``_CLASSES`` (none occur in practice)."""
    prev = [0.0] * (len(b) + 1)
    for j in range(1, len(b) + 1):
        prev[j] = prev[j - 1] + _INDEL.get(b[j - 1], 1.0)
    for i in range(1, len(a) + 1):
        ca = a[i - 1]
        cur = [prev[0] + _INDEL.get(ca, 1.0)] + [0.0] * len(b)
        for j in range(1, len(b) + 1):
            cb = b[j - 1]
            cur[j] = min(
                prev[j - 1] + _sub_cost(ca, cb),
                prev[j] + _INDEL.get(ca, 1.0),
                cur[j - 1] + _INDEL.get(cb, 1.0),
            )
        prev = cur
    return prev[-1]


@functools.lru_cache(maxsize=262144)
def code_sim(a: str, b: str) -> float:
    """Similarity of two sound-class skeletons, 0–1."""
    if not a or not b:
        return 0.0
    return _sim(a, b, _dist(a, b))


@functools.lru_cache(maxsize=262144)  # a book's names come back: the same stretches are scored again
def code_sim_at_least(a: str, b: str, need: float) -> float:
    """``code_sim(a, b)`` when it may reach ``need``, else 0.0 (which is below ``need``).

    Why: a search for the best-sounding stretch only keeps scores at or above a threshold, and most of
    the stretches it tries are far off; their edit distance is abandoned as soon as it is sure to be too
    large (a similarity is at most 1 − distance / mean weight). The margin of 1e-9 keeps float rounding
    from ever dropping a score at the threshold.
    """
    if not a or not b:
        return 0.0
    limit = (1.0 - need) * max((_wlen(a) + _wlen(b)) / 2, 1.0) + 1e-9
    if abs(len(a) - len(b)) * _MIN_INDEL > limit:
        return 0.0  # every class of the longer skeleton beyond the shorter's length costs an indel
    d = _dist(a, b, limit)
    return 0.0 if d == math.inf else _sim(a, b, d)


def _sim(a: str, b: str, d: float) -> float:
    sim = max(0.0, 1.0 - d / max((_wlen(a) + _wlen(b)) / 2, 1.0))
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
    """Toneless pinyin, one syllable per Han character (phrase-aware for polyphones: 重庆 → chong qing).

    Results are also kept in the cache folder between runs (:func:`save_pinyin`): importing pypinyin
    (it loads its phrase tables) took 0.3-0.5 s of every run that romanised a single name.
    """
    stored = _stored_pinyin().get(text)
    if stored is not None:
        return stored
    from pypinyin import lazy_pinyin

    out: list[str] = []
    for run in HAN_RUN.findall(text):
        out.extend(s.replace("ü", "v") for s in lazy_pinyin(run))
    result = tuple(out)
    if len(_stored_pinyin()) + len(_NEW_PINYIN) < PINYIN_KEPT:
        _NEW_PINYIN[text] = result
    return result


PINYIN_KEPT = 50_000  # romanisations kept on disk at most (a few MB)
_NEW_PINYIN: dict[str, tuple[str, ...]] = {}


def _pinyin_file() -> Path | None:
    from importlib.metadata import PackageNotFoundError, version

    root = usable_cache_dir()
    if root is None:
        return None
    try:
        v = version("pypinyin")
    except PackageNotFoundError:  # pragma: no cover - a vendored copy
        return None
    return root / f"pinyin-{v}-v1.pkl"


@functools.cache
def _stored_pinyin() -> dict[str, tuple[str, ...]]:
    """The romanisations earlier runs kept (empty when there are none or the file is unreadable)."""
    path = _pinyin_file()
    return {} if path is None else _read_pinyin(path)


def _read_pinyin(path: Path) -> dict[str, tuple[str, ...]]:
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as fh:
            value = pickle.load(fh)
    except Exception:  # noqa: BLE001 - a damaged or foreign file only costs speed
        return {}
    return value if isinstance(value, dict) else {}


@contextlib.contextmanager
def _locked(lock: Path) -> Iterator[None]:
    """An exclusive lock on ``lock`` (created if needed) where the platform has ``fcntl``."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: saves may race, which only costs speed
        yield
        return
    with lock.open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def save_pinyin() -> None:
    """Add this process's new romanisations to the file in the cache folder (atomically; a failure to
    write only costs speed). The name check calls it once per document."""
    if not _NEW_PINYIN:
        return
    path = _pinyin_file()
    if path is None:
        return
    stored = _stored_pinyin()
    stored.update(_NEW_PINYIN)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    try:
        # under a lock, merged with what is in the file now: two processes saving at once (the
        # shares of one document's name check, two runs sharing a cache) keep each other's words
        with _locked(path.with_suffix(".lock")):
            stored.update(_read_pinyin(path))
            stored.update(_NEW_PINYIN)
            with tmp.open("wb") as fh:
                pickle.dump(stored, fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
        _NEW_PINYIN.clear()
        for old in path.parent.glob("pinyin-*.pkl"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
