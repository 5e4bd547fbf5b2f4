"""Tables: the opposites and scales of data/lex_opposites.tsv, the negation lexicon of
data/lex_negation.json, negative affixes.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass

from align.text import cedict, en
from align.text.datafiles import data_path
from align.text.words import word_set
from align.text.zh import CORE_TRANSLIT

_CLAUSE_BREAK = set("，,。；;！!？?：:、—…")

# Single characters that may raise an opposite flag on their own (standalone, or as the piece of a
# word CC-CEDICT lacks: 小 of 小国). Other single characters are too often function words (上 "on",
# 对 "towards", 出 as a verb complement) or pieces of transliterated names.
_POLAR_CHARS = frozenset(
    "大小多少高低长短新旧老早晚强弱增减涨跌升降买卖输赢胜败男女左右东西南北冷热快慢好坏真假难易远近宽窄深浅重轻厚薄贵贱富穷前后开关爱恨"
)
# Characters typical of transliterated foreign names: a word CC-CEDICT lacks that contains one is
# more likely a name (诺斯, 科茶莫) than a compound.
_TRANSLIT = CORE_TRANSLIT

# Function characters: as standalone words their dictionary glosses (的 "aim", 了 "to finish",
# 在 "to exist") are noise, so they neither raise nor clear a suspicion.
_FUNCTION_CHARS = frozenset(
    "的了在是和与及或地得着过把被也都就会要这那一个我你他她它们之其而以于对从向给让为所且则又还再"
)

# Degree adverbs that may precede a polar character inside one jieba word (很晚, 太小, 更大).
_DEGREE = frozenset("很太更最越较挺极蛮")

# Relative positions (0 = start, 1 = end of the text) further apart than this lower the confidence;
# for a single character, which is the least reliable trigger, they rule it out. Chinese puts
# long modifiers before the head noun, so even true counterparts can sit far apart.
_SHIFT_SOFT = 0.35
_SHIFT_MAX = 1.0
_SHIFT_SINGLE_MAX = 0.5


@dataclass(frozen=True)
class Relation:
    """One line of the opposites table: two opposite groups, or an ordered scale of groups."""

    kind: str  # "pair" or "scale"
    groups: tuple[frozenset[str], ...]
    line: int

    def severity(self, i: int, j: int) -> str:
        """Critical for opposites; major for neighbouring values of a scale (small vs medium)."""
        if self.kind == "scale" and abs(i - j) == 1:
            return "major"
        return "critical"


def _term_forms(entry: str) -> set[str]:
    """The lemma forms under which a table entry is matched ("lowered" and "lower" both → "low")."""
    entry = entry.strip().lower()
    if not entry:
        return set()
    words = entry.split()
    if len(words) == 1 and entry in en._IRREGULAR:
        return {entry}  # "left" is the direction here, not the past of "leave"
    return {entry, " ".join(en.lemma(w) for w in words)}


@functools.cache
def relations() -> tuple[Relation, ...]:
    """The opposites table, lemmatised."""
    out: list[Relation] = []
    text = data_path("lex_opposites.tsv").read_text(encoding="utf-8")
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, *cols = line.split("\t")
        if kind not in ("pair", "scale") or len(cols) < 2:
            raise ValueError(f"lex_opposites.tsv line {n}: expected 'pair|scale<TAB>group<TAB>group…'")
        groups = []
        for col in cols:
            forms: set[str] = set()
            for entry in col.split(","):
                forms |= _term_forms(entry)
            groups.append(frozenset(forms))
        out.append(Relation(kind, tuple(groups), n))
    return tuple(out)


@functools.cache
def _term_index() -> dict[str, tuple[tuple[int, int], ...]]:
    """term → ((relation index, group index), …)."""
    idx: dict[str, list[tuple[int, int]]] = {}
    for r, rel in enumerate(relations()):
        for g, group in enumerate(rel.groups):
            for term in group:
                idx.setdefault(term, []).append((r, g))
    return {k: tuple(v) for k, v in idx.items()}


@functools.cache
def _negation_table() -> dict:
    raw = json.loads(data_path("lex_negation.json").read_text(encoding="utf-8"))
    return {
        "zh_chars": raw["zh_neg_chars"],
        "zh_strong": frozenset(raw["zh_strong"]),
        "zh_weak": frozenset(raw["zh_weak"]),
        "zh_none": frozenset(raw["zh_none"]),
        "en_strong": frozenset(raw["en_strong"]),
        "en_weak": frozenset(en.lemma(w) for w in raw["en_weak"]),
        "en_weak_phrases": tuple(tuple(p.split()) for p in raw["en_weak_phrases"]),
        "en_none": tuple(tuple(p.split()) for p in sorted(raw["en_none_phrases"], key=len, reverse=True)),
        "en_not_negative": frozenset(raw["en_not_negative"]),
        "en_idioms": tuple(tuple(p.split()) for p in raw["en_trigger_idioms"]),
    }


@functools.cache
def phrases_by_first_word(key: str) -> dict[str, tuple[tuple[str, ...], ...]] | None:
    """The phrases of ``_negation_table()[key]`` grouped by their first word, each group in table
    order: a token need only be compared with the phrases that start with it (comparing it with
    every phrase took a fifth of the lexical check's time on the Bible). ``None`` where a phrase is
    empty (it would start anywhere)."""
    phrases = _negation_table()[key]
    if any(not p for p in phrases):
        return None
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        out.setdefault(p[0], []).append(p)
    return {k: tuple(v) for k, v in out.items()}


_NEG_PREFIXES = ("non-", "non", "dis", "un", "in", "im", "il", "ir")
_NEG_WORDS = word_set(
    "not no never cannot without nobody nothing none neither nor don't doesn't didn't can't won't isn't"
    " aren't wasn't weren't haven't hasn't hadn't shouldn't mustn't wouldn't couldn't"
)
_NOT_LESS = word_set("unless regardless nevertheless nonetheless bless less")


@functools.lru_cache(maxsize=65536)  # asked for every token of every bead, several times
def _strip_neg_affix(word: str) -> str | None:
    """``irresponsible`` → ``responsible``, ``careless`` → ``care``; ``None`` when the word does not
    negate its base (``discover``, ``increase`` and the like are listed in lex_negation.json)."""
    word = word.lower()
    if word in _negation_table()["en_not_negative"]:
        return None
    vocab = cedict.vocabulary()
    for p in _NEG_PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 4:
            base = word[len(p) :].lstrip("-")
            if base in vocab or en.lemma(base) in vocab:
                return base
            if base.endswith(("able", "ible")) and (base[:-4] in vocab or base[:-4] + "e" in vocab):
                return base  # indisputable: "disputable" is no gloss, "dispute" is
            return None
    if word.endswith("less") and len(word) >= 7 and word not in _NOT_LESS and word[:-4] in vocab:
        return word[:-4]
    return None


# Where an English sentence (or a quoted or bracketed one) starts: a capital there is no name.
_SENT_START = re.compile(r"(^|[.!?:;\"“”(\[]\s*)$")
