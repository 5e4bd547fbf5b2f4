"""Which words of a Chinese/English sentence pair render which: the learned table, CC-CEDICT, and
words written alike on both sides, in one place.

Why three sources: the translation table learned from human translations (``align.text.ttable``)
knows which renderings translators choose, but news vocabulary is thin in its corpus (tariffs seen a
handful of times); CC-CEDICT knows ~120k headwords but not which sense a translator picks; a name or
a figure kept as written (NASA, 2024) is its own translation. A word counts as rendered when any of
the three links it to a word on the other side, so a check that reports an *un*linked word errs
towards silence.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from align.text.cedict import Overlap, glosses, translation_overlap
from align.text.datafiles import read_words
from align.text.en import EN_FUNCTION, STOPWORDS, EnToken, en_tokens
from align.text.ttable import TranslationTable, link, load_table
from align.text.zh import HAN, zh_words

# Chinese words that carry grammar, not content: never reported as unrendered.
_ZH_FUNCTION = read_words("zh_function_words.txt")
_NUMBER = re.compile(r"^[\d.,%％]+$")


@dataclass(frozen=True)
class WordLinks:
    """The two sides' words and the links between them.

    ``en``: English tokens (offsets into the English text); ``zh``: jieba words ``(word, start, end)``;
    ``links``: ``(en index, zh index)`` pairs; ``en_content``/``zh_content``: indices of the words
    that carry content (function words, numbers and punctuation are neither linked nor unlinked).
    """

    en: tuple[EnToken, ...]
    zh: tuple[tuple[str, int, int], ...]
    links: frozenset[tuple[int, int]]
    en_content: tuple[int, ...]
    zh_content: tuple[int, ...]

    @functools.cached_property
    def en_linked(self) -> frozenset[int]:
        return frozenset(i for i, _ in self.links)

    @functools.cached_property
    def zh_linked(self) -> frozenset[int]:
        return frozenset(j for _, j in self.links)

    def en_unlinked(self) -> list[int]:
        """Content words of the English side that nothing on the Chinese side renders."""
        return [i for i in self.en_content if i not in self.en_linked]

    def zh_unlinked(self) -> list[int]:
        """Content words of the Chinese side that nothing on the English side renders."""
        return [j for j in self.zh_content if j not in self.zh_linked]

    def stats(self) -> dict[str, float]:
        """Shares of unlinked content words and the longest unlinked run, per side (risk features)."""
        out: dict[str, float] = {}
        for side, content, linked in (
            ("en", self.en_content, self.en_linked),
            ("zh", self.zh_content, self.zh_linked),
        ):
            un = [k for k in content if k not in linked]
            out[f"{side}_unlinked"] = len(un) / len(content) if content else 0.0
            run = best = 0
            for k in content:
                run = run + 1 if k not in linked else 0
                best = max(best, run)
            out[f"{side}_unlinked_run"] = float(best)
        return out


def is_en_content(t: EnToken) -> bool:
    low = t.lower
    return len(low) > 2 and low.isalpha() and t.lemma not in STOPWORDS and t.lemma not in EN_FUNCTION


def is_zh_content(word: str) -> bool:
    return bool(HAN.search(word)) and word not in _ZH_FUNCTION and not _NUMBER.match(word)


def word_links(
    en_text: str,
    zh_text: str,
    table: TranslationTable | None = None,
    *,
    learned: Sequence[tuple[int, int, float]] | None = None,
    overlap: Overlap | None = None,
) -> WordLinks:
    """Link the words of one English and one Chinese text (either may be the original).

    ``learned`` (``align.text.ttable.link`` of the ``en_tokens`` lemmas and the ``zh_words``) and
    ``overlap`` (``translation_overlap(zh_words(zh_text), en_text)``): when the caller computed them
    already (the risk stage does)."""
    toks = tuple(en_tokens(en_text))
    zw = tuple(zh_words(zh_text))
    if learned is None:
        learned = link(table or load_table(), [t.lemma for t in toks], [w for w, _, _ in zw])
    if overlap is None:
        overlap = translation_overlap(zw, en_text)  # the English side is memoised by its text
    pairs = {(i, j) for i, j, _ in learned}
    pairs |= {(i, j) for j, i in overlap.pairs}
    # a jieba word CC-CEDICT lacks may still hold a headword (研究人员 = 研究 + 人员): glosses of its parts
    lemmas = [set(t.lemmas) | {t.lower} for t in toks]
    zh_done = {j for _, j in pairs}
    for j, (w, _, _) in enumerate(zw):
        if j in zh_done or not is_zh_content(w):
            continue
        g = glosses(w)
        for i, ls in enumerate(lemmas):
            if ls & g:
                pairs.add((i, j))
    return _assemble(toks, zw, pairs)


def dictionary_links(en_text: str, zh_text: str, overlap: Overlap | None = None) -> WordLinks:
    """CC-CEDICT's links alone (``overlap`` when the caller has it): every one of them is among
    :func:`word_links`' links, so a word unlinked there is unlinked here too. A cheap first look (the
    clause check's pre-filter for runs of unlinked words)."""
    toks = tuple(en_tokens(en_text))
    zw = tuple(zh_words(zh_text))
    if overlap is None:
        overlap = translation_overlap(zw, en_text)
    return _assemble(toks, zw, {(i, j) for j, i in overlap.pairs})


def _assemble(
    toks: tuple[EnToken, ...], zw: tuple[tuple[str, int, int], ...], pairs: set[tuple[int, int]]
) -> WordLinks:
    en_content = tuple(i for i, t in enumerate(toks) if is_en_content(t))
    zh_content = tuple(j for j, (w, _, _) in enumerate(zw) if is_zh_content(w))
    return WordLinks(toks, zw, frozenset(pairs), en_content, zh_content)


def usual_renderings(
    table: TranslationTable, en_word: str, *, min_p: float = 0.05
) -> list[tuple[str, float]]:
    """The Chinese words translators usually choose for an English word (p(zh|en) >= ``min_p``)."""
    return [(z, p) for z, p in table.translations(en_word, "en", top=8) if p >= min_p]


def usual_meanings(table: TranslationTable, zh_word: str, *, min_p: float = 0.05) -> list[tuple[str, float]]:
    """The English words a Chinese word usually renders (p(en|zh) >= ``min_p``)."""
    return [(e, p) for e, p in table.translations(zh_word, "zh", top=8) if p >= min_p]


def positions(n: int) -> Sequence[float]:
    """Relative position (0-1) of each of ``n`` words in its sentence."""
    return [(k + 0.5) / n for k in range(n)] if n else []
