"""Each side read once: Chinese words with their glosses and negation classes, English tokens with theirs."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from align.checks.lexical.negwords import _en_negations, _zh_negations
from align.checks.lexical.tables import (
    _DEGREE,
    _FUNCTION_CHARS,
    _NEG_WORDS,
    _POLAR_CHARS,
    _SENT_START,
    _TRANSLIT,
    _negation_table,
    _strip_neg_affix,
    _term_index,
)
from align.text import cedict
from align.text.en import EnToken, en_tokens
from align.text.words import word_set
from align.text.zh import HAN as _HAN
from align.text.zh import zh_words


@dataclass(frozen=True)
class _ZhPart:
    """A Chinese word, or a dictionary piece of a word CC-CEDICT lacks (小 of 小国)."""

    word_idx: int
    text: str
    start: int
    end: int
    strict: frozenset[str]  # glosses that may raise a flag ({} when the part may not trigger)
    loose: frozenset[str]  # every gloss (to clear a suspicion)


@dataclass
class _Zh:
    text: str
    words: list[tuple[str, int, int]]
    parts: list[_ZhPart]
    loose_all: frozenset[str]
    neg_class: list[str | None]

    def rel_pos(self, start: int, end: int) -> float:
        return (start + end) / 2 / max(1, len(self.text))


@dataclass
class _En:
    text: str
    toks: list[EnToken]
    terms: list[frozenset[str]]  # per token: lemmas, surface, and bigram terms starting here
    all_terms: frozenset[str]
    in_name: list[bool]
    neg_class: list[str | None]

    def rel_pos(self, start: int, end: int) -> float:
        return (start + end) / 2 / max(1, len(self.text))


@functools.lru_cache(maxsize=65536)
def _strict_glosses(piece: str, verb_only: bool = False) -> frozenset[str]:
    """Glosses that may *raise* a flag.

    Common, non-name senses only; for a single character just its first six one-word senses
    (characters carry long tails of secondary meanings: 几 "small table"). A multi-word sense gives
    its single words only when it is the main sense (小国 "small country" → small), otherwise only
    the whole phrase; a sense containing a negation gives only the whole phrase (不对头 "not right"
    must not read as "right"). ``verb_only`` keeps verb senses: 过去 before the aspect marker 了
    is "to pass", not "past".
    """
    senses = cedict.senses(piece)
    single = len(piece) == 1
    negative_word = any(c in _negation_table()["zh_chars"] for c in piece)
    out: set[str] = set()
    for k, s in enumerate(senses[: 6 if single else 6]):
        ws = s.words
        if s.rare or s.proper or len(ws) > 4 or (single and len(ws) > 1) or (verb_only and not s.verb):
            continue
        out.add(" ".join(ws))
        if (
            len(ws) > 1
            and not negative_word
            and k == 0
            and not _merism(ws)
            and not (set(ws) & _NEG_WORDS)
            and not any(_strip_neg_affix(w) for w in ws)
        ):
            for n in (1, 2):
                for i in range(len(ws) - n + 1):
                    if n == 1 and ws[i] in _PARTICLES:
                        continue  # "chase after" (追赶) says nothing about "after"
                    out.add(" ".join(ws[i : i + n]))
    return frozenset(out)


# 前/后 right after a span of time (十年 前, 三天 后) mean "ago" / "later", whatever else they mean.
_TIME_UNITS = frozenset("年天月周时钟")
_TIME_AFTER = {"前": frozenset({"ago", "before"}), "后": frozenset({"later", "after"})}

# Person nouns: 大/小/老 before them is a form of address or an age (大闺女, 小伙子, 老朋友), not a size.
_PERSONS = word_set(
    "person man woman boy girl child kid son daughter brother sister father mother friend lady"
    " gentleman fellow guy baby wife husband"
)

_PARTICLES = word_set(
    "after before up down off out over back away along around through about behind ahead forward"
)


def _merism(words: Sequence[str]) -> bool:
    """ "from beginning to end" (始终) names both ends of a scale: its words are no value of their own."""
    index = _term_index()
    seen: dict[int, int] = {}
    for w in words:
        for r, g in index.get(w, ()):
            if seen.setdefault(r, g) != g:
                return True
    return False


def _name_runs(words: Sequence[tuple[str, int, int]]) -> set[int]:
    """Indices of single-character tokens that form a transliterated name jieba did not know
    (廷 巴 克 图): runs of two or more such tokens, most of them typical transliteration characters."""
    out: set[int] = set()
    i = 0
    while i < len(words):
        j = i
        while (
            j < len(words)
            and len(words[j][0]) == 1
            and _HAN.match(words[j][0])
            and words[j][0] not in _FUNCTION_CHARS
        ):
            j += 1
        run = [words[k][0] for k in range(i, j)]
        if len(run) >= 2 and sum(c in _TRANSLIT for c in run) * 2 > len(run):
            out.update(range(i, j))
        i = max(j, i + 1)
    return out


def _merge_singles(words: Sequence[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Join two adjacent single characters that together form a dictionary word (更 + 多 → 更多).

    jieba falls back to single characters when it does not know a word; the lexicon may."""
    out: list[tuple[str, int, int]] = []
    for w in words:
        if (
            out
            and len(w[0]) == 1
            and len(out[-1][0]) == 1
            and out[-1][2] == w[1]
            and _HAN.match(w[0])
            and _HAN.match(out[-1][0])
            and cedict.in_dictionary(out[-1][0] + w[0])
        ):
            prev = out.pop()
            out.append((prev[0] + w[0], prev[1], w[2]))
        else:
            out.append(w)
    return out


def _analyse_zh(text: str) -> _Zh:
    words, neg = _zh_negations(_merge_singles(zh_words(text)))
    names = _name_runs(words)
    parts: list[_ZhPart] = []
    loose_all: set[str] = set()
    for i, (w, s, _e) in enumerate(words):
        if not _HAN.search(w) or i in names or w in _FUNCTION_CHARS:
            continue
        known = cedict.in_dictionary(w)
        name_like = not known and any(c in _TRANSLIT for c in w)
        if name_like:
            continue  # 巴克图, 诺斯: a transliterated name; its characters' glosses mean nothing here
        loose_all |= cedict.glosses(w)
        pieces = cedict.decompose(w)
        nxt = words[i + 1][0] if i + 1 < len(words) else ""
        verb_only = nxt in ("了", "着", "过") and len(pieces) == 1
        pos = s
        for n_piece, piece in enumerate(pieces):
            loose = cedict.glosses(piece)
            # a piece of a word CC-CEDICT lacks: a longer word, or a polar character that starts the
            # word as its modifier (小 of 小国, not 小 of the name 韦小宝 or 开 of 会开) or follows a
            # degree adverb (晚 of 很晚)
            lead = pieces[:n_piece]
            may_trigger = not (not known and any(c in _negation_table()["zh_chars"] for c in w)) and (
                (known and len(w) > 1)
                or (len(piece) > 1 and len(pieces) > 1)
                or (
                    piece in _POLAR_CHARS
                    and (
                        len(pieces) == 1
                        or (n_piece == 0 and len(w) == 2)
                        or (  # 长 of 长时间, but not 大 of 大闺女 "grown-up girl"
                            n_piece == 0
                            and len(pieces) == 2
                            and len(pieces[1]) >= 2
                            and not cedict.glosses(pieces[1]) & _PERSONS
                        )
                        or (lead and all(x in _DEGREE for x in lead) and n_piece == len(pieces) - 1)
                    )
                )
            )
            strict = _strict_glosses(piece, verb_only) if may_trigger else frozenset()
            if w in _TIME_AFTER and i > 0 and words[i - 1][0][-1:] in _TIME_UNITS and words[i - 1][2] == s:
                strict = _TIME_AFTER[w]  # 十年 + 前 = "ten years ago", not "front"
            if strict and all(x.proper for x in cedict.senses(piece)):
                strict = frozenset()
            parts.append(_ZhPart(i, piece, pos, pos + len(piece), strict, loose))
            pos += len(piece)
    return _Zh(text, words, parts, frozenset(loose_all), neg)


_UP_DOWN = {"up": "increase", "down": "decrease"}
_FIGURE_AFTER = re.compile(r"\s+(?:by\s+)?(?:about\s+|nearly\s+|almost\s+|some\s+|roughly\s+)?[-+]?[\d$€£¥]")


def _analyse_en(text: str) -> _En:
    toks = en_tokens(text)
    terms: list[frozenset[str]] = []
    for j, t in enumerate(toks):
        ts = set(t.lemmas) | {t.lower}
        if t.lower in _UP_DOWN and _FIGURE_AFTER.match(text, t.end):
            ts.add(_UP_DOWN[t.lower])  # "up 2.7 percent" is an increase, "down 3%" a decrease
        if j + 1 < len(toks) and _adjacent(text, t, toks[j + 1]):
            nxt = toks[j + 1]
            for a in (*t.lemmas, t.lower):
                for b in (*nxt.lemmas, nxt.lower):
                    ts.add(f"{a} {b}")
        terms.append(frozenset(ts))
    caps = [t.text[:1].isupper() and not _SENT_START.search(text[: t.start]) for t in toks]
    in_name = [False] * len(toks)
    for j, t in enumerate(toks):
        if not t.text[:1].isupper():
            continue
        prev_cap = j > 0 and toks[j - 1].text[:1].isupper() and _adjacent(text, toks[j - 1], t)
        next_cap = j + 1 < len(toks) and toks[j + 1].text[:1].isupper() and _adjacent(text, t, toks[j + 1])
        if (prev_cap or next_cap) and (caps[j] or (next_cap and caps[j + 1])):
            in_name[j] = True
    neg = _en_negations(text, toks)
    return _En(text, toks, terms, frozenset().union(*terms) if terms else frozenset(), in_name, neg)


def _adjacent(text: str, a: EnToken, b: EnToken) -> bool:
    """Two tokens separated by spaces or a hyphen only (so phrases do not cross punctuation)."""
    gap = text[a.end : b.start]
    return gap.strip(" -") == "" and len(gap) <= 2
