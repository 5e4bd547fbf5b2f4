"""Key-term meaning shifts: lost or added negation, opposites and scale shifts (小国 vs "middle power").

Why a word-level check: a sentence that keeps every word but one can say the opposite, and
sentence embeddings barely notice (cosine moves by ~0.005 for 小国 vs "middle power"). Two rules,
tuned for precision rather than recall, because every false flag costs an editor time:

* **Polarity** — count the negations that reverse a clause on each side (不/没有/未/无法…, not/never/
  no/without…). Words whose meaning contains a negation (拒绝 "refuse", 无关 "irrelevant", unable,
  impossible, lack …) are *weak*: one may stand for a negation on the other side (不能 = unable),
  so it absorbs one unmatched negation there, unless the other side already renders it by its own
  word (拒绝 next to "refused"). Fixed expressions that only look negative (不断 "constantly",
  非常 "very", 不得不 "must", 是不是 questions, not only, no doubt, tag questions …) do not count,
  nor do litotes (差别不大 = "the difference is small"). A flag is raised when one side keeps a
  negation nothing on the other side accounts for, *and* the clause around it is rendered on the
  other side (the negated word, or a third of the clause's content words, found through CC-CEDICT
  glosses): a negation in a clause the translator dropped or rewrote freely is an omission or a
  free rendering, not a polarity flip (this cut MAC-Dev false flags from 12.2 % to 5.2 % of gold
  beads). Negations inside rhetorical questions (难道, 岂, "Why not …?") and idioms that only look
  negative (怪不得, 免不了, 不一定 …) are weak or ignored.
* **Opposites and scales** — a hand-written table (``data/lex_opposites.tsv``) lists English
  opposites (increase/decrease, accept/reject, ally/rival …) and ordered scales
  (small < medium < large). A Chinese word takes a value through its CC-CEDICT glosses (小 → small,
  加息 → raise …). A flag needs all of: the Chinese word names value A through a *main* sense; the
  English has a word of an opposite value B; the English says A fewer times than the Chinese
  (usually never); the Chinese has fewer words that could mean B, through any sense even a rare
  one, than the English has B words; the Chinese word is not already rendered by another English
  word (下降 "fall/decline" next to "fell" is translated, whatever else "decline" may mean); and a
  single-character trigger sits at a comparable place in its sentence. Negated
  occurrences (不大 = small), words inside names (Middle East, Great Britain) and function-word
  characters (上, 内, 对 …) are never the trigger. Negative affixes are opposites too (responsible vs
  irresponsible, careful vs careless).

Each flag is kind ``mistranslation`` with a span on both sides where a counterpart is found.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from align import lexicon
from align.checks.numbers.extract import extract_numbers
from align.checks.numbers.relative import relative_dates
from align.lexicon import EnToken, en_tokens, word_set
from align.segment import zh_words
from align.types import Flag, spans_overlap

_DATA = Path(__file__).resolve().parent.parent / "data"


_HAN = re.compile(r"[\u3400-\u9fff]")
_CLAUSE_BREAK = set("，,。；;！!？?：:、—…")

# Single characters that may raise an opposite flag on their own (standalone, or as the piece of a
# word CC-CEDICT lacks: 小 of 小国). Other single characters are too often function words (上 "on",
# 对 "towards", 出 as a verb complement) or pieces of transliterated names.
_POLAR_CHARS = frozenset(
    "大小多少高低长短新旧老早晚强弱增减涨跌升降买卖输赢胜败男女左右东西南北冷热快慢好坏真假难易远近宽窄深浅重轻厚薄贵贱富穷前后开关爱恨"
)
# Characters typical of transliterated foreign names: a word CC-CEDICT lacks that contains one is
# more likely a name (诺斯, 科茶莫) than a compound.
_TRANSLIT = frozenset(
    "斯尔克特德罗亚拉巴尼利马诺维布格伊莱卡塔基夫普蒂奥纳茨兹娜丽莎琳曼森逊姆勒顿恩索贝里艾迪埃瓦杰萨科洛沃希佩乌图阿比哈穆库汉赫霍吉朗"
)

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

# --------------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------------


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
    if len(words) == 1 and entry in lexicon._IRREGULAR:
        return {entry}  # "left" is the direction here, not the past of "leave"
    return {entry, " ".join(lexicon.lemma(w) for w in words)}


@functools.cache
def relations() -> tuple[Relation, ...]:
    """The opposites table, lemmatised."""
    out: list[Relation] = []
    text = (_DATA / "lex_opposites.tsv").read_text(encoding="utf-8")
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
    raw = json.loads((_DATA / "lex_negation.json").read_text(encoding="utf-8"))
    return {
        "zh_chars": raw["zh_neg_chars"],
        "zh_strong": frozenset(raw["zh_strong"]),
        "zh_weak": frozenset(raw["zh_weak"]),
        "zh_none": frozenset(raw["zh_none"]),
        "en_strong": frozenset(raw["en_strong"]),
        "en_weak": frozenset(lexicon.lemma(w) for w in raw["en_weak"]),
        "en_weak_phrases": tuple(tuple(p.split()) for p in raw["en_weak_phrases"]),
        "en_none": tuple(tuple(p.split()) for p in sorted(raw["en_none_phrases"], key=len, reverse=True)),
        "en_not_negative": frozenset(raw["en_not_negative"]),
        "en_idioms": tuple(tuple(p.split()) for p in raw["en_trigger_idioms"]),
    }


_NEG_PREFIXES = ("non-", "non", "dis", "un", "in", "im", "il", "ir")
_NEG_WORDS = word_set(
    "not no never cannot without nobody nothing none neither nor don't doesn't didn't can't won't isn't"
    " aren't wasn't weren't haven't hasn't hadn't shouldn't mustn't wouldn't couldn't"
)
_NOT_LESS = word_set("unless regardless nevertheless nonetheless bless less")


def _strip_neg_affix(word: str) -> str | None:
    """``irresponsible`` → ``responsible``, ``careless`` → ``care``; ``None`` when the word does not
    negate its base (``discover``, ``increase`` and the like are listed in lex_negation.json)."""
    word = word.lower()
    if word in _negation_table()["en_not_negative"]:
        return None
    vocab = lexicon.vocabulary()
    for p in _NEG_PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 4:
            base = word[len(p) :].lstrip("-")
            if base in vocab or lexicon.lemma(base) in vocab:
                return base
            if base.endswith(("able", "ible")) and (base[:-4] in vocab or base[:-4] + "e" in vocab):
                return base  # indisputable: "disputable" is no gloss, "dispute" is
            return None
    if word.endswith("less") and len(word) >= 7 and word not in _NOT_LESS and word[:-4] in vocab:
        return word[:-4]
    return None


# --------------------------------------------------------------------------------------------------
# Analysis of the two sides
# --------------------------------------------------------------------------------------------------


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
    senses = lexicon.senses(piece)
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
            and lexicon.in_dictionary(out[-1][0] + w[0])
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
        known = lexicon.in_dictionary(w)
        name_like = not known and any(c in _TRANSLIT for c in w)
        if name_like:
            continue  # 巴克图, 诺斯: a transliterated name; its characters' glosses mean nothing here
        loose_all |= lexicon.glosses(w)
        pieces = lexicon.decompose(w)
        nxt = words[i + 1][0] if i + 1 < len(words) else ""
        verb_only = nxt in ("了", "着", "过") and len(pieces) == 1
        pos = s
        for n_piece, piece in enumerate(pieces):
            loose = lexicon.glosses(piece)
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
                            and not lexicon.glosses(pieces[1]) & _PERSONS
                        )
                        or (lead and all(x in _DEGREE for x in lead) and n_piece == len(pieces) - 1)
                    )
                )
            )
            strict = _strict_glosses(piece, verb_only) if may_trigger else frozenset()
            if w in _TIME_AFTER and i > 0 and words[i - 1][0][-1:] in _TIME_UNITS and words[i - 1][2] == s:
                strict = _TIME_AFTER[w]  # 十年 + 前 = "ten years ago", not "front"
            if strict and all(x.proper for x in lexicon.senses(piece)):
                strict = frozenset()
            parts.append(_ZhPart(i, piece, pos, pos + len(piece), strict, loose))
            pos += len(piece)
    return _Zh(text, words, parts, frozenset(loose_all), neg)


_SENT_START = re.compile(r"(^|[.!?:;\"“”(\[]\s*)$")
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


# --------------------------------------------------------------------------------------------------
# Negation classes
# --------------------------------------------------------------------------------------------------


def _zh_class(word: str) -> str | None:
    """``strong``, ``weak`` or ``None`` for one Chinese word (see the module docstring)."""
    tab = _negation_table()
    word = lexicon.to_simplified(word)
    if word in tab["zh_none"]:
        return None
    if word in tab["zh_strong"]:
        return "strong"
    if word in tab["zh_weak"]:
        return "weak"
    chars = tab["zh_chars"]
    if not any(c in chars for c in word):
        return None
    if len(word) == 1:
        return "strong"
    if re.fullmatch(r"(.)[不没]\1.*", word):
        return None  # 是不是, 有没有, 会不会: a question, not a negation
    if len(word) == 3:
        # a longer word containing a listed one takes its class (远不止 ⊃ 不止, 无论是 ⊃ 无论, 不再是 ⊃ 不再)
        for n in range(len(word) - 1, 1, -1):
            for i in range(len(word) - n + 1):
                sub = word[i : i + n]
                if not any(c in chars for c in sub):
                    continue
                if sub in tab["zh_none"]:
                    return None
                if sub in tab["zh_weak"]:
                    return "weak"
                if sub in tab["zh_strong"]:
                    return "strong"
    if len(word) >= 4:
        return "weak"  # 4-character set phrases: 毫不犹豫 "without hesitation", 不可思议 …
    if not lexicon.in_dictionary(word) and word[-1] in "地的得了着" and len(word) > 2:
        return _zh_class(word[:-1])  # 无助地 = 无助 + adverb marker
    senses = [s for s in lexicon.senses(word) if not s.rare]
    if not senses:
        # productive combinations jieba keeps together (不吃, 没去, 看不见, 很久没): a real negation
        k = next(i for i, c in enumerate(word) if c in chars)
        c = word[k]
        if k == len(word) - 1 and c in "未别":
            return None  # 以别, 以未: the end of a transliterated name, not "not yet" / "don't"
        if any(ch in _TRANSLIT for ch in word):
            return None  # 利未人 "Levites": a name
        if k > 0 and lexicon.in_dictionary(word[:k]) and c not in "无非":
            return _zh_class(word[k:])  # 千万别 = 千万 + 别, 很久没 = 很久 + 没
        if c in "不没未":
            return "strong"
        if c in "无非":  # prefix-like: 非政府 "non-governmental", 无人驾驶 "unmanned"; 与非门 is a name
            return "weak" if k == 0 else None
        return "strong" if k == 0 else None
    heads = {s.words[0] for s in senses if s.words}
    negated = heads & _NEG_WORDS or any(w in ("not", "cannot") for s in senses for w in s.words[:2])
    if negated and (word[0] in chars or (len(word) == 3 and word[1] in "不没")):
        return "strong" if len(word) <= 2 or word[1] in "不没" else "weak"
    if negated or any(_strip_neg_affix(w) for w in heads):
        return "weak"
    return None


_ZH_DOUBLE = (("非", ("不可", "不行")), ("没有", ("不",)), ("无", ("不",)))


def _known_zh(word: str) -> bool:
    tab = _negation_table()
    simp = lexicon.to_simplified(word)
    return (
        lexicon.in_dictionary(word)
        or simp in tab["zh_none"]
        or simp in tab["zh_weak"]
        or simp in tab["zh_strong"]
    )


_NEG_ADVERBS = frozenset("并从绝决永毫尚还亦")


def _listed_zh(word: str) -> bool:
    tab = _negation_table()
    simp = lexicon.to_simplified(word)
    return simp in tab["zh_none"] or simp in tab["zh_weak"] or simp in tab["zh_strong"]


def _zh_negations(
    words: Sequence[tuple[str, int, int]],
) -> tuple[list[tuple[str, int, int]], list[str | None]]:
    """Words with negated expressions jieba split merged back, and the negation class of each.

    并 + 不 → 并不, 不 + 同意 → 不同意 (weak, "disagree"), 不 + 知何故 → 不知何故 (none); 喜 不 喜欢
    and 会 不会 are questions; 非…不可 ("must") and 没有…不 ("every … does") cancel out within a clause.
    """
    chars = _negation_table()["zh_chars"]
    merged_words: list[tuple[str, int, int]] = []
    i = 0
    src = list(words)
    while i < len(src):
        w, s, e = src[i]
        if any(c in chars for c in w) and _HAN.search(w):
            if merged_words and (
                (merged_words[-1][0] in _NEG_ADVERBS and _known_zh(merged_words[-1][0] + w))
                or _listed_zh(merged_words[-1][0] + w)
            ):
                prev = merged_words.pop()
                w, s = prev[0] + w, prev[1]
            for n in (3, 2):
                if i + n <= len(src) and all(src[k][2] == src[k + 1][1] for k in range(i, i + n - 1)):
                    cand = w + "".join(x[0] for x in src[i + 1 : i + n])
                    if _known_zh(cand):
                        w, e = cand, src[i + n - 1][2]
                        i += n - 1
                        break
        merged_words.append((w, s, e))
        i += 1
    ws = [w for w, _, _ in merged_words]
    neg = [_zh_class(w) for w in ws]
    for i, w in enumerate(ws):
        if neg[i] is None:
            continue
        if (
            w[0] in "未别"
            and i > 0
            and ws[i - 1][-1:] in _TRANSLIT
            and merged_words[i - 1][2] == merged_words[i][1]
        ):
            neg[i] = None  # 利 + 未人: a name jieba cut in two
            continue
        # A-not-A questions: 是 不 是, 会 不会, 喜 不 喜欢, 投不 投降, 有 没 有
        k = next((n for n, c in enumerate(w) if c in "不没"), -1)
        if k >= 0:
            before = w[k - 1] if k > 0 else (ws[i - 1] if i > 0 and len(ws[i - 1]) == 1 else "")
            after = w[k + 1 :] or (ws[i + 1] if i + 1 < len(ws) else "")
            if before and after and _HAN.match(before) and after[0] == before:
                neg[i] = None
                continue
        # 了没有？ / 没有？ at the end of a question is a question particle
        nxt_tok = ws[i + 1] if i + 1 < len(ws) else ""
        if w in ("没有", "没") and (
            nxt_tok[:1] in ("？", "?", "吗", "呢")
            or (i > 0 and ws[i - 1] == "了" and (not nxt_tok or nxt_tok in _CLAUSE_BREAK))
        ):
            neg[i] = None
            continue
        # 不，… / 不！: an answer ("No, …"), weak on both sides
        if (
            w == "不"
            and nxt_tok[:1] in ("，", ",", "！", "!", "。")
            and (i == 0 or ws[i - 1] in _CLAUSE_BREAK or ws[i - 1] in "“「\"'")
        ):
            neg[i] = "weak"
    for i, w in enumerate(ws):
        if w[:1] in "不没" and i > 0 and ws[i - 1] in ("还是", "或", "或者", "或是"):
            neg[i] = (
                None  # 喜欢还是不喜欢 = "or not" (the English "or not" / "or wasn't" is no negation either)
            )
        if w in ("不知道", "不知") and _indirect_question(ws, i + 1):
            neg[i] = None  # 不知道是否 = "wonder whether", 不知过了多久 = "who knows how long"
        if neg[i] == "strong" and _rhetorical_zh(ws, i):
            neg[i] = "weak"  # 怎么不借给他们？ = "you could at least have lent to them!"
        for first, seconds in _ZH_DOUBLE:
            if w != first or neg[i] is None:
                continue
            for k in range(i + 1, min(len(ws), i + 8)):
                if ws[k] in _CLAUSE_BREAK:
                    break
                if ws[k] in seconds and neg[k] == "strong":
                    neg[i] = neg[k] = None
                    break
        if w in ("不可", "不行") and neg[i] == "strong":
            # 非…不可 "must", also when jieba glued 非 to the word before it (事非 / 做 / 不可)
            for k in range(i - 1, max(-1, i - 6), -1):
                if ws[k] in _CLAUSE_BREAK:
                    break
                if ws[k].endswith("非"):
                    neg[i] = neg[k] = None
                    break
    return merged_words, neg


_ZH_QUESTION_WORDS = (
    *("是否", "有没有", "会不会", "能否", "是不是", "多少", "多久", "几", "什么", "谁", "哪"),
    *("怎么", "怎样", "如何", "为何", "成不成", "行不行", "吗"),
)
_ZH_SENT_END = frozenset("。！!？?")
# Markers of a rhetorical question: its negation asserts the opposite (难道不是…？ = "surely it is").
_ZH_RHETORICAL = (
    *("难道", "岂", "何不", "何尝", "何必", "怎么", "怎能", "怎会", "哪里", "哪有", "为什么", "为何"),
)


def _indirect_question(ws: Sequence[str], start: int) -> bool:
    """A question word in the clause from ``start``: 不知 + 过了多久 is "who knows how long"."""
    for w in ws[start : start + 8]:
        if w in _CLAUSE_BREAK:
            return False
        if any(q in w for q in _ZH_QUESTION_WORDS):
            return True
    return False


def _rhetorical_zh(ws: Sequence[str], i: int) -> bool:
    """Negation ``i`` sits in a sentence that ends with a question mark and carries a rhetorical
    marker (难道, 岂, 怎么 …) or ends in 不成. Translators render such questions as statements of
    the opposite polarity, so the negation is no evidence of a flip either way."""
    a = i
    while a > 0 and ws[a - 1] not in _ZH_SENT_END:
        a -= 1
    b = i
    while b < len(ws) and ws[b] not in _ZH_SENT_END:
        b += 1
    if b >= len(ws) or ws[b] not in ("？", "?"):
        return False
    sent = "".join(ws[a:b])
    return any(m in sent for m in _ZH_RHETORICAL) or sent.endswith("不成")


_EN_AUX = word_set(
    "be do have will would can could shall should may might must also yet even ever at all a an the "
    "to that this been being really quite so very just"
)
_NOT_ONLY = frozenset(("only", "just", "merely", "simply"))
_PRONOUNS = word_set("i you he she it we they there this that")


def _negative_question(text: str, toks: Sequence[EnToken], norm: Sequence[str], j: int) -> bool:
    """ "Why not …?", "Why don't you …?", "Can't we …?", "Aren't you eating?": a question that opens
    with a negated auxiliary (or why + negation) is a suggestion or a rhetorical question, which
    Chinese says without a negation as often as with one."""
    end = re.search(r"[.!?]", text[toks[j].end :])
    if not end or end.group() != "?":
        return False
    k = j
    while k > 0 and not re.search(r"[.!?;:\"“”‘']", text[toks[k - 1].end : toks[k].start]):
        k -= 1  # k: first token of the sentence (or quoted clause)
    if norm[k] in ("but", "and", "so", "then", "well", "oh") and k < j:
        k += 1
    first = norm[k]
    if first == "why" and j - k <= 2:
        return True
    return j - k <= 1 and toks[k].lemma in _EN_AUX and norm[j] == "not" and toks[j].start == toks[k].end


def _en_negations(text: str, toks: Sequence[EnToken]) -> list[str | None]:
    tab = _negation_table()
    norm = ["not" if t.lemma == "not" else t.lower.replace("’", "'") for t in toks]
    out: list[str | None] = [None] * len(toks)
    covered = [False] * len(toks)
    for j in range(len(toks)):
        for phrase in tab["en_none"]:
            n = len(phrase)
            if tuple(norm[j : j + n]) == phrase:
                if (
                    phrase[0] == "not"
                    and phrase[-1] in _NOT_ONLY
                    and not any(x in ("but", "also") for x in norm[j + n : j + n + 25])
                ):
                    # without "but …" it may be 不仅 or 不像 ("isn't just like him"): weak either way
                    out[j] = "weak-phrase"
                    for k in range(j, j + n):
                        covered[k] = True
                    break
                for k in range(j, j + n):
                    covered[k] = True
                break
    for j in range(len(toks)):
        for phrase in tab["en_weak_phrases"]:
            n = len(phrase)
            if not covered[j] and tuple(norm[j : j + n]) == phrase:
                out[j] = "weak-phrase"
                for k in range(j + 1, j + n):
                    covered[k] = True
    for j, t in enumerate(toks):
        if covered[j] or out[j]:
            continue
        w = norm[j]
        if w in tab["en_strong"]:
            if w == "no" and re.match(r"\s*\.?\s*\d", text[t.end : t.end + 4]):
                continue  # "No. 5", "no 3": a number sign
            if (
                w in ("no", "nope", "nah", "never")
                and re.match(r"\s*[,!.]", text[t.end :])
                and _SENT_START.search(text[: t.start])
            ):
                out[j] = "weak-phrase"  # "No, …", "Never!": an answer, like 不，…
                continue
            if _negative_question(text, toks, norm, j):
                out[j] = "weak-phrase"  # "Why not try me?", "Can't we think of a way?": a suggestion
                continue
            if w == "nor" and any(
                norm[k] == "neither" and out[k] == "strong" for k in range(max(0, j - 12), j)
            ):
                continue  # neither … nor: one negation
            if w == "not" and any(norm[k] == "until" for k in range(j + 1, min(len(toks), j + 10))):
                continue  # not … until = 直到…才
            if w == "not" and (
                norm[j - 1 : j] == ["or"] or (j >= 2 and norm[j - 2] == "or" and toks[j - 1].lemma in _EN_AUX)
            ):
                continue  # "or not", "was or wasn't" = 是否, 是或不是
            if w == "not" and (
                re.match(r"\s*\?", text[t.end :])
                or (
                    j >= 1
                    and j + 1 < len(toks)
                    and norm[j + 1] in _PRONOUNS
                    and re.match(r"\s*(\w+\s*)?\?", text[toks[j + 1].end :])
                    and re.search(r"[,—–-]\s*$", text[: toks[j - 1].start])
                )
            ):
                continue  # tag question: "…, don't you (agree)?" / "ain't?" = 对吗 / 你承不承认
            out[j] = "strong"
            continue
        if t.lemma == "fail" and j + 1 < len(toks) and norm[j + 1] == "to":
            out[j] = "strong"
            continue
        if (
            w == "or"
            and any(out[k] == "strong" for k in range(max(0, j - 8), j))
            and not re.search(r"[.!?;]", text[toks[max(0, j - 8)].end : t.start])
        ):
            out[j] = "weak-phrase"  # "don't belong to our past or our future" = 不属于…也不…
            continue
        if (
            t.lemma in tab["en_weak"]
            or w in tab["en_weak"]
            or _strip_neg_affix(w)
            or _strip_neg_affix(t.lemma)
        ):
            out[j] = "weak"
        elif "-" in w and w.split("-")[0] in ("non", "anti", "out", "un", "counter", "no"):
            out[j] = "weak"  # non-English, out-of-era, no-fly
    return out


# --------------------------------------------------------------------------------------------------
# Findings
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Finding:
    rule: str  # "antonym", "scale", "negation-in-zh" (zh has it, en lacks it), "negation-in-en"
    severity: str
    confidence: float
    zh_span: tuple[int, int] | None
    en_span: tuple[int, int] | None
    detail: str


def _zh_negated(z: _Zh, word_idx: int) -> bool:
    """The word is itself a negation or one stands right before it (不大, 没有增加, 拒绝接受)."""
    if z.neg_class[word_idx] == "strong":
        return True
    for k in range(word_idx - 1, max(-1, word_idx - 3), -1):
        if z.words[k][0] in _CLAUSE_BREAK:
            return False
        if z.neg_class[k] is not None:
            return True
    return False


def _en_negated(e: _En, j: int) -> bool:
    for k in range(j - 1, max(-1, j - 4), -1):
        if e.text[e.toks[k].end : e.toks[k + 1].start].strip(" -"):
            return False  # punctuation between: another clause
        if e.neg_class[k] is not None and e.toks[k].lower not in _NOT_NEGATORS:
            return True
    return False


# Weak negations that do not negate the word after them: "will only close wider", "too late", "rather
# small" say close, late, small.
_NOT_NEGATORS = word_set("only too rather until wonder")


def _en_span(e: _En, j: int, term: str) -> tuple[int, int]:
    """Span of the term starting at token j (one or two tokens)."""
    t = e.toks[j]
    if " " in term and j + 1 < len(e.toks):
        return (t.start, e.toks[j + 1].end)
    return (t.start, t.end)


def _ordered_terms(piece: str, terms: frozenset[str]) -> list[str]:
    """The terms in the order of the senses they come from (main sense first), for stable output."""
    order: dict[str, int] = {}
    for k, sn in enumerate(lexicon.senses(piece)):
        ws = sn.words
        for n in (1, 2, 3):
            for i in range(len(ws) - n + 1):
                order.setdefault(" ".join(ws[i : i + n]), k)
    return sorted(terms, key=lambda t: (order.get(t, 99), t))


# Glosses too generic to show that a word is translated ("be", "have", "one" …).
_GENERIC_SENSES = word_set("be have do make get one go come take give put set thing person people")


_QUANT_DETERMINERS = word_set("a quite the next past last these those first every some few")


def _idiom_tokens(e: _En) -> set[int]:
    """Tokens inside idioms whose words do not carry their own value ("in the first place")."""
    low = [t.lower for t in e.toks]
    out: set[int] = set()
    for phrase in _negation_table()["en_idioms"]:
        n = len(phrase)
        for j in range(len(low) - n + 1):
            if tuple(low[j : j + n]) == phrase:
                out.update(range(j, j + n))
    return out


def _display(piece: str, term: str) -> str:
    """The dictionary definition a lemma term came from, as CC-CEDICT wrote it ("no longer", not
    the lemma "no long")."""
    for s in lexicon.senses(piece):
        ws = s.words
        n = len(term.split())
        if s.text and any(" ".join(ws[i : i + n]) == term for i in range(len(ws) - n + 1)):
            return s.text
    return term


def _accounted(piece: str, term: str, e: _En) -> bool:
    """Whether the English already renders this Chinese word by a sense unrelated to ``term``.

    下降 glossed "decline; drop; fall" next to "fell" is translated, so "decline" elsewhere in the
    English says nothing about it. Senses that contain the term itself (加息 "raise interest rates"
    with "rates" in the English) do not count: they are the very reading under suspicion.
    """
    for s in lexicon.senses(piece):
        ws = s.words
        if not ws or len(ws) > 2:
            continue
        joined = " ".join(ws)
        if term in ws or term == joined or joined in _GENERIC_SENSES:
            continue
        if joined in e.all_terms:
            return True
    return False


# "Before this" / "after this" opening a clause point back at the clause before it; when the
# translator reorders the clauses ("…, after months of talks failed" → "此前，谈判未能…"), the
# connective turns round with them, so it is no opposite of the English "after"/"before".
_ZH_ANAPHORIC_TIME = frozenset(
    (
        "此前",
        "此后",
        "之前",
        "之后",
        "随后",
        "其后",
        "事前",
        "事后",
        "在此之前",
        "在此之后",
        "在这之前",
        "在这之后",
    )
)


def _anaphoric_time(z: _Zh, idx: int) -> bool:
    word, start, _ = z.words[idx]
    if word not in _ZH_ANAPHORIC_TIME:
        return False
    before = z.text[:start].rstrip()
    return not before or before[-1] in "，,。；;：:！!？?、）)】」”"


def _opposite_findings(z: _Zh, e: _En) -> list[_Finding]:
    index = _term_index()
    rels = relations()
    found: list[_Finding] = []
    zh_vals: dict[tuple[int, int], list[tuple[_ZhPart, str]]] = {}
    for p in z.parts:
        if _anaphoric_time(z, p.word_idx):
            continue
        negated = _zh_negated(z, p.word_idx)
        for term in _ordered_terms(p.text, p.strict):
            if negated and not term.startswith("no "):
                continue
            for rg in index.get(term, ()):
                zh_vals.setdefault(rg, []).append((p, term))
    en_vals: dict[tuple[int, int], list[tuple[int, str]]] = {}
    en_any: dict[tuple[int, int], int] = {}  # tokens of each value anywhere in the English
    en_negated: dict[tuple[int, int], int] = {}  # … of them negated ("not closed")
    idiom = _idiom_tokens(e)
    for j, ts in enumerate(e.terms):
        trigger = not e.in_name[j] and not _en_negated(e, j) and e.neg_class[j] != "strong" and j not in idiom
        tok = e.toks[j]
        # "leaves" may be the verb; only its main reading (leaf) and surface may raise a flag
        secondary = set(tok.lemmas[1:]) - {tok.lower}
        if e.toks[j].lower in ("few", "little") and j and e.toks[j - 1].lower in _QUANT_DETERMINERS:
            trigger = False  # "a few" = some; "the next few years" = 今后几年
        for rg in {rg for term in ts for rg in index.get(term, ())}:
            en_any[rg] = en_any.get(rg, 0) + 1
            if _en_negated(e, j):
                en_negated[rg] = en_negated.get(rg, 0) + 1
        for term in ts:
            for rg in index.get(term, ()):
                if trigger and term not in secondary:
                    en_vals.setdefault(rg, []).append((j, term))
    zh_loose_groups: dict[tuple[int, int], int] = {}  # Chinese words that could mean each value
    loose_by_word: dict[int, set[tuple[int, int]]] = {}
    negated_by_word: dict[int, set[tuple[int, int]]] = {}
    for p in z.parts:
        word = z.words[p.word_idx][0]
        if word in _DEGREE:
            continue  # 很 "awfully" is only "very"
        terms = (p.loose - _negated_sense_terms(p.text)) | (
            lexicon.glosses(word) - _negated_sense_terms(word)
        )
        groups = {rg for term in terms for rg in index.get(term, ())}
        if p.strict and _zh_negated(z, p.word_idx):
            main = {rg for term in p.strict for rg in index.get(term, ())}
            negated_by_word.setdefault(p.word_idx, set()).update(groups & main)
            groups -= main
        loose_by_word.setdefault(p.word_idx, set()).update(groups)
    for groups in loose_by_word.values():
        for rg in groups:
            zh_loose_groups[rg] = zh_loose_groups.get(rg, 0) + 1
    # A negated Chinese word (不会关闭 "will not be closed") pairs with a negated English one ("not be
    # closed"); only those left over may stand for an un-negated English word (万不以有罪的… "by no
    # means clear the guilty", where the negation sits further from "guilty" than the rule looks).
    neg_left: dict[tuple[int, int], int] = {}
    for wi, groups in negated_by_word.items():
        for rg in groups - loose_by_word.get(wi, set()):
            neg_left[rg] = neg_left.get(rg, 0) + 1
    for rg, n in neg_left.items():
        n -= en_negated.get(rg, 0)
        if n > 0:
            zh_loose_groups[rg] = zh_loose_groups.get(rg, 0) + n

    for (r, gi), zlist in zh_vals.items():
        rel = rels[r]
        # The English says the same value as often as the Chinese: each occurrence is rendered.
        # (Fewer times: 国际法…国际关系 vs "international law … national relations" — one is not.)
        same = en_any.get((r, gi), 0)
        if same >= _runs({p.word_idx for p, _ in zlist}):
            continue
        for gj in range(len(rel.groups)):
            if gj == gi or (r, gj) not in en_vals:
                continue
            n_other = len({j for j, _ in en_vals[(r, gj)]})
            if zh_loose_groups.get((r, gj), 0) >= n_other:
                continue  # the Chinese could say the other value as often as the English does
            best = None
            for p, zterm in zlist:
                if _accounted(p.text, zterm, e):
                    continue  # the Chinese word is already translated by another English word
                for j, eterm in en_vals[(r, gj)]:
                    span = _en_span(e, j, eterm)
                    shift = abs(z.rel_pos(p.start, p.end) - e.rel_pos(*span))
                    if shift > (_SHIFT_SINGLE_MAX if len(p.text) == 1 else _SHIFT_MAX):
                        continue
                    if best is None or shift < best[0]:
                        best = (shift, p, zterm, span)
            if best is None:
                continue
            shift, p, zterm, span = best
            sev = rel.severity(gi, gj)
            conf = 0.85 if sev == "critical" else 0.7
            if len(p.text) == 1:
                conf -= 0.1  # single characters are the most ambiguous
            if p.text != z.words[p.word_idx][0]:
                conf -= 0.05  # value read from a piece of a word CC-CEDICT lacks
            if shift > _SHIFT_SOFT:
                conf -= 0.1
            if same:
                conf -= 0.15  # the English also has the Chinese value elsewhere
            word = z.words[p.word_idx]
            found.append(
                _Finding(
                    "scale" if sev == "major" else "antonym",
                    sev,
                    round(conf, 2),
                    (word[1], word[2]),
                    span,
                    f'"{word[0]}" means "{_display(p.text, zterm)}"',
                )
            )
    found += _affix_findings(z, e)
    found += _name_swap_findings(z, e)
    return found


@functools.lru_cache(maxsize=65536)
def _negated_sense_terms(word: str) -> frozenset[str]:
    """Gloss words that cannot clear a suspicion although ``lexicon.glosses`` lists them: those a
    Chinese word has only inside a negated sense (简单 "not complicated" cannot mean "complicated",
    不同 "not alike" cannot mean "alike"), and particles only inside a phrasal verb (看 "look after"
    says nothing about "after", but 随后 "follow after" does)."""
    neg: set[str] = set()
    pos: set[str] = set()
    for s in lexicon.senses(word):
        ws = s.words
        grams = {" ".join(ws[i : i + n]) for n in (1, 2, 3) for i in range(len(ws) - n + 1)}
        if len(ws) > 1 and set(ws) & _NEG_WORDS:
            neg |= grams
        else:
            if len(ws) > 1 and len(word) == 1:
                neg.update(w for w in ws if w in _PARTICLES)
                grams -= _PARTICLES
            pos |= grams
    return frozenset(neg - pos)


def _runs(indices: set[int]) -> int:
    """Runs of consecutive word indices: 皇后娘娘 "empress empress" is one empress, said twice."""
    return sum(1 for i in indices if i - 1 not in indices)


def _name_swap_findings(z: _Zh, e: _En) -> list[_Finding]:
    """An opposite inside a capitalised name that otherwise renders a Chinese word word for word:
    "Private Security Bureau" for 公安局 "public security bureau".

    Words inside names never trigger the main rule (Middle East, Great Britain); here the rest of
    the name must match the Chinese word's gloss exactly, so the name is that word's translation with
    one word turned into its opposite.
    """
    index = _term_index()
    rels = relations()
    out: list[_Finding] = []
    for p in z.parts:
        if not p.strict or _zh_negated(z, p.word_idx):
            continue
        for sense in [s for s in lexicon.senses(p.text) if not s.rare and not s.proper][:2]:
            ws = sense.words
            if not 2 <= len(ws) <= 4:
                continue
            for i, w in enumerate(ws):
                for r, gi in index.get(w, ()):
                    for j in range(i, len(e.toks) - len(ws) + i + 1):
                        if not e.in_name[j]:
                            continue
                        k0 = j - i
                        if not all(
                            ws[k] in e.toks[k0 + k].lemmas or ws[k] == e.toks[k0 + k].lower
                            for k in range(len(ws))
                            if k != i
                        ):
                            continue
                        tok = e.toks[j]
                        gj = next(
                            (
                                g
                                for t in (*tok.lemmas, tok.lower)
                                for rr, g in index.get(t, ())
                                if rr == r and g != gi
                            ),
                            None,
                        )
                        if gj is None:
                            continue
                        sev = rels[r].severity(gi, gj)
                        word = z.words[p.word_idx]
                        out.append(
                            _Finding(
                                "scale" if sev == "major" else "antonym",
                                sev,
                                0.8 if sev == "critical" else 0.65,
                                (word[1], word[2]),
                                (tok.start, tok.end),
                                f'"{word[0]}" means "{sense.text or " ".join(ws)}"',
                            )
                        )
    return out


def _zh_negative_word_findings(z: _Zh, e: _En) -> list[_Finding]:
    """The other way round: one Chinese word says "not X" by its dictionary sense (不稳定
    "unstable", 不公正 "unjust"), and the English says X without a negation."""
    out: list[_Finding] = []
    if any(c is not None for c in e.neg_class):
        return out  # the English negates something: "neither shall the trees yield their fruits"
    plain: dict[str, int] = {}
    for j, t in enumerate(e.toks):
        if not e.in_name[j] and not _en_negated(e, j):
            for lem in (*t.lemmas, t.lower):
                plain.setdefault(lem, j)
    negative_en = {t.lower for t in e.toks} | {t.lemma for t in e.toks}
    for i, (w, ws, we) in enumerate(z.words):
        if z.neg_class[i] != "weak" or len(w) < 3 or w[0] not in "不非无未" or not lexicon.in_dictionary(w):
            continue
        # the word's own senses only (glosses of its pieces would add 不敢相信 → "incredible")
        senses = {x for sense in lexicon.senses(w) for x in sense.words if " " not in x}
        bases = {b for g in senses if (b := _strip_neg_affix(g)) and len(b) >= 4}
        for b in sorted(bases):
            j = plain.get(b)
            if j is None or any(f"{p}{b}" in negative_en for p in _NEG_PREFIXES):
                continue
            t = e.toks[j]
            out.append(
                _Finding("antonym", "critical", 0.75, (ws, we), (t.start, t.end), f'"{w}" means "not {b}"')
            )
            break
    return out


def _affix_findings(z: _Zh, e: _En) -> list[_Finding]:
    """responsible vs irresponsible, careful vs careless."""
    out: list[_Finding] = []
    zh_strict_all: dict[str, _ZhPart] = {}
    for p in z.parts:
        if z.neg_class[p.word_idx] is not None or _zh_negated(z, p.word_idx):
            continue
        for t in p.strict:
            zh_strict_all.setdefault(t, p)
    en_lemmas = {lem for t in e.toks for lem in (*t.lemmas, t.lower)}
    zh_loose = z.loose_all.union(*(p.loose for p in z.parts)) if z.parts else z.loose_all
    zh_neg_glosses = " ".join(
        g for i, (w, _, _) in enumerate(z.words) if z.neg_class[i] is not None for g in lexicon.glosses(w)
    )
    out.extend(_zh_negative_word_findings(z, e))
    # English says "not X" by an affix, Chinese says X
    for j, t in enumerate(e.toks):
        if e.in_name[j] or _en_negated(e, j):
            continue
        base = _strip_neg_affix(t.lower) or _strip_neg_affix(t.lemma)
        if not base:
            continue
        bases = {base, lexicon.lemma(base)}
        if t.lemma.endswith("less") or t.lower.endswith("lessly"):
            bases |= {base + "ful", lexicon.lemma(base + "ful")}
        hit = next((b for b in sorted(bases) if b in zh_strict_all), None)
        if hit is None or t.lemma in zh_loose or t.lower in zh_loose or (bases - {hit}) & en_lemmas:
            continue
        if hit in en_lemmas or any(b in zh_neg_glosses for b in bases):
            continue  # the base is in the English too, or a Chinese negation covers it (不平等)
        p = zh_strict_all[hit]
        if _accounted(p.text, hit, e):
            continue
        w = z.words[p.word_idx]
        out.append(
            _Finding(
                "antonym",
                "critical",
                0.75,
                (w[1], w[2]),
                (t.start, t.end),
                f'"{w[0]}" means "{_display(p.text, hit)}"',
            )
        )
    return out


def _zh_head(z: _Zh, i: int) -> int | None:
    """The content word a Chinese negation at word i applies to (skipping 是/会/能/再 …)."""
    for k in range(i + 1, min(len(z.words), i + 4)):
        w = z.words[k][0]
        if w in _CLAUSE_BREAK:
            return None
        if w in (
            "是",
            "会",
            "能",
            "要",
            "再",
            "太",
            "很",
            "得",
            "可能",
            "应该",
            "了",
            "的",
            "把",
            "被",
            "在",
            "去",
            "那么",
            "这么",
        ):
            continue
        if z.neg_class[k] in ("strong", "weak") and k == i + 1:
            continue  # a double negation: 并非没有道理 is about 道理
        if _HAN.search(w):
            return k
    return None


def _en_head(e: _En, j: int) -> int | None:
    for k in range(j + 1, min(len(e.toks), j + 5)):
        if e.text[e.toks[k - 1].end : e.toks[k].start].strip(" -"):
            return None
        if e.toks[k].lemma in _EN_AUX or e.neg_class[k] is not None:
            continue
        return k
    return None


_GRADABLE_EXTRA = word_set(
    "good bad easy difficult important possible similar same different clear right wrong true false"
    " dangerous sick beautiful ugly expensive friendly hostile positive negative pleasant"
)


@functools.cache
def _gradable_relations() -> frozenset[int]:
    """Relations between adjectives, where "not A" can mean B (不大 = small); "did not find" is
    not "lost"."""
    adj = lexicon._GRADABLE | _GRADABLE_EXTRA
    return frozenset(r for r, rel in enumerate(relations()) if any(g & adj for g in rel.groups))


def _litotes_zh(z: _Zh, e: _En, i: int) -> bool:
    """不大 / 不很好 next to "small" / "bad": a negated Chinese word whose opposite the English says
    (and that English word is not the translation of some other Chinese word)."""
    w = z.words[i][0]
    if len(w) > 1 and w[0] in _negation_table()["zh_chars"]:
        target = w[1:]  # 不重 → 重 (but 不是 is no litotes)
    else:
        h = _zh_head(z, i)
        if h is None:
            return False
        target = z.words[h][0]
    if target in _FUNCTION_CHARS:
        return False
    index = _term_index()
    groups = {
        rg for part in lexicon.decompose(target) for t in _strict_glosses(part) for rg in index.get(t, ())
    }
    groups = {rg for rg in groups if rg[0] in _gradable_relations()}
    zh_other = set().union(*(p.loose for p in z.parts if p.text != target)) if z.parts else set()
    for r, g in groups:
        for j, ts in enumerate(e.terms):
            if _en_negated(e, j) or e.toks[j].lemma in zh_other:
                continue
            if any(rg[0] == r and rg[1] != g for t in ts for rg in index.get(t, ())):
                return True
    return False


def _litotes_en(z: _Zh, e: _En, j: int) -> bool:
    """ "not large" next to 小 (and 小 is not rendered by another English word)."""
    h = _en_head(e, j)
    if h is None:
        return False
    index = _term_index()
    groups = {rg for t in e.terms[h] for rg in index.get(t, ())}
    groups = {rg for rg in groups if rg[0] in _gradable_relations()}
    for p in z.parts:
        if _zh_negated(z, p.word_idx) or p.strict & e.all_terms:
            continue
        for t in p.strict:
            if any(rg[0] == r and rg[1] != g for rg in index.get(t, ()) for r, g in groups):
                return True
    return False


def _free_zh_weak(z: _Zh, e: _En, weak: list[int]) -> int:
    """How many Chinese weak negations may stand for an English negation.

    Not those the English renders by words of its own that are no negation (拒绝 next to
    "refused": the two pair up, and an extra "not" elsewhere stays unexplained). Counted per word,
    so two 不可能 next to one "impossible" leave one free.
    """
    chars = _negation_table()["zh_chars"]
    by_word: dict[str, int] = {}
    for i in weak:
        by_word[z.words[i][0]] = by_word.get(z.words[i][0], 0) + 1
    free = 0
    for w, n in by_word.items():
        pieces = (
            [w]
            if lexicon.in_dictionary(w)
            else [p for p in lexicon.decompose(w) if any(c in chars for c in p)]
        )
        senses = {" ".join(s.words) for p in pieces for s in lexicon.senses(p)}
        senses = {x for x in senses if x and len(x.split()) <= 2 and x not in _GENERIC_SENSES}
        m = sum(1 for j, ts in enumerate(e.terms) if ts & senses and e.neg_class[j] != "strong")
        free += max(0, n - m)
    return free


def _free_en_weak(z: _Zh, e: _En, weak: list[int]) -> int:
    """How many English weak negations may stand for a Chinese one (see :func:`_free_zh_weak`)."""
    by_lemma: dict[str, int] = {}
    for j in weak:
        by_lemma[e.toks[j].lemma] = by_lemma.get(e.toks[j].lemma, 0) + 1
    free = 0
    for lem, n in by_lemma.items():
        # 失业 "lose one's job" renders "lost her job": its phrase sense starts with the lemma
        m = sum(
            1
            for p in z.parts
            if (lem in p.strict or any(t.startswith(lem + " ") for t in p.strict))
            and z.neg_class[p.word_idx] != "strong"
        )
        free += max(0, n - m)
    return free


# Punctuation that ends an English clause (for the clause around a negation).
_EN_CLAUSE_BREAK = frozenset('.,;:!?—–()"“”')


def _rendered(hit: int, content: int, head_hit: bool) -> bool:
    """Whether a clause has a counterpart on the other side: the negated word itself has one
    (没有接受 next to "accepted"), or at least a third of the clause's content words, and at least
    two of them (one, when the clause has only one), have a dictionary counterpart."""
    return head_hit or (hit >= (1 if content <= 2 else 2) and 3 * hit >= content)


def _zh_clause_rendered(z: _Zh, e: _En, i: int, matched: frozenset[int]) -> bool:
    """The clause around Chinese negation ``i`` is translated, not left out or rewritten freely.

    A negation in a clause the English does not render at all (她一直不说话 next to "kept the
    question to herself") is an omission or a free rendering, which the coverage check and the
    editor's reading handle; counting it as a lost negation was the main false flag on literary
    translation."""
    a = i
    while a > 0 and z.words[a - 1][0] not in _CLAUSE_BREAK:
        a -= 1
    b = i
    while b + 1 < len(z.words) and z.words[b + 1][0] not in _CLAUSE_BREAK:
        b += 1
    chars = _negation_table()["zh_chars"]
    head = _zh_head(z, i)
    hit = content = 0
    head_hit = False
    for k in range(a, b + 1):
        w = z.words[k][0]
        if k == i:  # 没断, 不吃: the negated verb inside the negation word
            rest = "" if _listed_zh(w) else "".join(c for c in w if c not in chars)  # 从未: no verb
            if rest and _HAN.search(rest):
                content += 1
                found = bool(lexicon.glosses(rest) & e.all_terms)
                hit += found
                head_hit |= found
            continue
        if z.neg_class[k] is not None or not lexicon._is_zh_content(w) or not lexicon.glosses(w):
            continue  # a name or a word the dictionary lacks can match nothing: it is no evidence
        content += 1
        hit += k in matched
        head_hit |= k == head and k in matched
    return _rendered(hit, content, head_hit)


def _en_clause_rendered(z: _Zh, e: _En, j: int) -> bool:
    """The clause around English negation ``j`` is a translation of some Chinese (see
    :func:`_zh_clause_rendered`): "I can't seem to think straight" for 什么都胡涂了 is not."""
    toks, text = e.toks, e.text

    def brk(k: int) -> bool:  # punctuation between token k and token k + 1
        gap = set(text[toks[k].end : toks[k + 1].start]) & _EN_CLAUSE_BREAK
        if gap == {"."} and toks[k].text[:1].isupper() and len(toks[k].text) <= 4:
            return False  # "Gov.", "Mr.", "U.S.": an abbreviation
        return bool(gap)

    a = j
    while a > 0 and not brk(a - 1):
        a -= 1
    b = j
    while b + 1 < len(toks) and not brk(b):
        b += 1
    head = _en_head(e, j)
    # every gloss of every Chinese word (z.loose_all leaves out words that look like names, and
    # 价格上涨 would be one of them through 格)
    zh_glosses = frozenset().union(
        *(lexicon.glosses(w) for w, _s, _e in z.words if _HAN.search(w) and w not in _FUNCTION_CHARS)
    )
    hit = content = 0
    head_hit = False
    for k in range(a, b + 1):
        t = toks[k]
        if (
            e.neg_class[k] is not None
            or t.lemma in lexicon.STOPWORDS
            or t.lemma in lexicon._EN_FUNCTION
            or not t.text.isalpha()
        ):
            continue  # numbers are checked elsewhere and have no dictionary gloss
        found = bool((set(t.lemmas) | {t.lower}) & zh_glosses)
        if not found and t.text[:1].isupper() and (k > a or t.lower not in lexicon.vocabulary()):
            continue  # a name without a gloss is no evidence either way
        content += 1
        hit += found
        head_hit |= k == head and found
    return _rendered(hit, content, head_hit)


def _negation_findings(z: _Zh, e: _En) -> list[_Finding]:
    zs = [i for i, c in enumerate(z.neg_class) if c == "strong" and not _litotes_zh(z, e, i)]
    es = [j for j, c in enumerate(e.neg_class) if c == "strong" and not _litotes_en(z, e, j)]
    zw = _free_zh_weak(z, e, [i for i, c in enumerate(z.neg_class) if c == "weak"])
    ew = sum(1 for c in e.neg_class if c == "weak-phrase") + _free_en_weak(
        z, e, [j for j, c in enumerate(e.neg_class) if c == "weak"]
    )
    out: list[_Finding] = []
    # Only a negation whose clause the other side renders may be reported as lost or added; every
    # negation still accounts for one on the other side, so this only ever removes flags.
    if len(zs) > len(es) + ew:
        matched = lexicon.translation_overlap(z.words, e.toks).zh_matched
        zs_r = [i for i in zs if _zh_clause_rendered(z, e, i, matched)]
        if len(zs_r) > len(es) + ew:
            out.append(_zh_negation_finding(z, e, zs_r))
    if len(es) > len(zs) + zw:
        es_r = [j for j in es if _en_clause_rendered(z, e, j)]
        if len(es_r) > len(zs) + zw:
            out.append(_en_negation_finding(z, e, es_r))
    return out


def _zh_negation_finding(z: _Zh, e: _En, zs: list[int]) -> _Finding:
    """A Chinese negation without counterpart: prefer one whose verb the English renders un-negated."""
    best: tuple[int, int | None] = (zs[-1], None)
    for i in zs:
        h = _zh_head(z, i)
        if h is None:
            continue
        g = set().union(*(_strict_glosses(p) for p in lexicon.decompose(z.words[h][0])))
        hit = next(
            (
                j
                for j, ts in enumerate(e.terms)
                if ts & g and not _en_negated(e, j) and e.neg_class[j] is None
            ),
            None,
        )
        if hit is not None:
            best = (i, hit)
            break
    i, j = best
    w = z.words[i]
    en_span = (e.toks[j].start, e.toks[j].end) if j is not None else None
    head = _zh_head(z, i)
    zh_phrase = z.text[w[1] : z.words[head][2]] if (head is not None and j is not None) else w[0]
    return _Finding(
        "negation-in-zh", "critical", 0.85 if j is not None else 0.5, (w[1], w[2]), en_span, f'"{zh_phrase}"'
    )


def _en_negation_finding(z: _Zh, e: _En, es: list[int]) -> _Finding:
    best: tuple[int, int | None] = (es[-1], None)
    for j in es:
        h = _en_head(e, j)
        if h is None:
            continue
        ls = set(e.toks[h].lemmas)
        hit = next(
            (
                i
                for i, (w, _s, _e) in enumerate(z.words)
                if _HAN.search(w)
                and not _zh_negated(z, i)
                and z.neg_class[i] is None
                and ls & set().union(*(_strict_glosses(p) for p in lexicon.decompose(w)))
            ),
            None,
        )
        if hit is not None:
            best = (j, hit)
            break
    j, i = best
    t = e.toks[j]
    h = _en_head(e, j)
    en_phrase = e.text[t.start : e.toks[h].end] if (h is not None and i is not None) else t.text
    zh_span = (z.words[i][1], z.words[i][2]) if i is not None else None
    return _Finding(
        "negation-in-en",
        "critical",
        0.85 if i is not None else 0.5,
        zh_span,
        (t.start, t.end),
        f'"{en_phrase}"',
    )


# Words that say which way a value moved when they stand right before its figure (丰田上涨4.2%,
# "Toyota lost 4.2 percent", "up 2.7 percent", 上调25个基点).
_ZH_MOVE = {
    "increase": word_set(
        "上涨 涨 大涨 增长 增加 增 上升 升 提高 提升 攀升 跃升 飙升 扩大 上调 回升 反弹 走高 升值 加 "
        "升至 涨至 增至 升到 涨到 增到 提高到 提高至 上升至 上升到 增长到 增长至 攀升至 回升至 高 高出",
    ),
    "decrease": word_set(
        "下跌 跌 大跌 暴跌 下降 降 减少 减 降低 下滑 缩小 下调 回落 锐减 萎缩 下挫 走低 贬值 缩减 跌落 "
        "跌至 降至 减至 跌到 降到 减到 下降到 下降至 减少到 减少至 回落至 下滑至 跌破 低",
    ),
}
# Beyond the opposites table's increase/decrease groups: words that are a movement only in front
# of a figure ("lost 4.2 percent", "added 3%", "up 2.7 percent", "strengthened to 142").
_EN_MOVE_EXTRA = {
    "increase": word_set("add jump lift up advance rebound strengthen appreciate"),
    "decrease": word_set("lose slide slip shed sink tumble down retreat weaken depreciate ease"),
}


@functools.cache
def _en_move_words() -> dict[str, frozenset[str]]:
    """English words of each direction: the opposites table's increase and decrease groups, plus
    ``_EN_MOVE_EXTRA``."""
    out = {}
    for way in ("increase", "decrease"):
        group = next(g for rel in relations() for g in rel.groups if way in g)
        out[way] = group | _EN_MOVE_EXTRA[way]
    return out


# What may stand between the movement word and its figure.
_ZH_MOVE_GAP = word_set("了 约 大约 近 达 到 至 逾 超过 将近 接近")
_EN_MOVE_GAP = word_set("by about nearly almost some roughly around a an more than over to")


def _zh_move(z: _Zh, start: int) -> tuple[str, tuple[int, int]] | None:
    """The direction and span of a movement word right before a Chinese figure at ``start``."""
    k = next((i for i, (_, s, e) in enumerate(z.words) if e == start), None)
    while k is not None and k >= 0 and z.words[k][0] in _ZH_MOVE_GAP:
        k -= 1
    if k is None or k < 0:
        return None
    w, s, e = z.words[k]
    for way, words in _ZH_MOVE.items():
        if w in words:
            return way, (s, e)
    return None


def _en_move(e: _En, start: int) -> tuple[str, tuple[int, int]] | None:
    """The direction and span of a movement word (rose, lost, up …) right before an English figure."""
    j = max((i for i, t in enumerate(e.toks) if t.end <= start), default=None)
    steps = 0
    while j is not None and j >= 0 and e.toks[j].lower in _EN_MOVE_GAP and steps < 3:
        j, steps = j - 1, steps + 1
    if j is None or j < 0:
        return None
    t = e.toks[j]
    for way, lemmas in _en_move_words().items():
        if {t.lower, *t.lemmas} & lemmas:
            return way, (t.start, t.end)
    return None


# A comparative right after a figure: "47 percent less likely", "20% more".
_EN_MOVE_AFTER = {
    "increase": word_set("more higher greater larger bigger"),
    "decrease": word_set("less lower fewer smaller"),
}


def _en_move_after(e: _En, end: int) -> tuple[str, tuple[int, int]] | None:
    """The direction and span of a comparative right after an English figure ending at ``end``."""
    t = next((t for t in e.toks if t.start >= end), None)
    if t is None or e.text[end : t.start].strip():
        return None
    for way, words in _EN_MOVE_AFTER.items():
        if t.lower in words:
            return way, (t.start, t.end)
    return None


def _figure_move_findings(z: _Zh, e: _En) -> list[_Finding]:
    """A figure both sides give once, moving up on one side and down on the other: 丰田上涨4.2%
    against "Toyota lost 4.2 percent". Read at the figure, so a sentence that reports rises and
    falls together (where counting the words for rise and fall cannot tell) is judged figure by
    figure."""
    zq = [q for q in extract_numbers(z.text, "zh") if not q.weak and q.unit not in ("name", "ordinal")]
    eq = [q for q in extract_numbers(e.text, "en") if not q.weak and q.unit not in ("name", "ordinal")]
    out: list[_Finding] = []
    for a in zq:
        same_z = [q for q in zq if q.value == a.value]
        same_e = [q for q in eq if q.value == a.value]
        if len(same_z) != 1 or len(same_e) != 1:
            continue
        za = _zh_move(z, a.start)
        ea = _en_move(e, same_e[0].start) or _en_move_after(e, same_e[0].end)
        if za and ea and za[0] != ea[0]:
            word = z.text[za[1][0] : za[1][1]]
            out.append(
                _Finding("antonym", "critical", 0.85, za[1], ea[1], f'"{word}" means "{za[0]}" at {a.text}')
            )
    return out


def findings(zh_text: str, en_text: str) -> list[_Finding]:
    """All findings for one Chinese/English pair, deduplicated (direction-free)."""
    z = _analyse_zh(zh_text)
    e = _analyse_en(en_text)
    opp = _figure_move_findings(z, e) + _opposite_findings(z, e)
    # one finding per Chinese word and per English word, the most severe first
    opp.sort(key=lambda f: (f.severity != "critical", -f.confidence))
    kept: list[_Finding] = []
    for f in opp:
        if any(spans_overlap(f.zh_span, k.zh_span) or spans_overlap(f.en_span, k.en_span) for k in kept):
            continue
        kept.append(f)
    for f in _negation_findings(z, e):
        if any(spans_overlap(f.zh_span, k.zh_span) or spans_overlap(f.en_span, k.en_span) for k in kept):
            continue  # 不再 vs "still" is already reported as an opposite
        kept.append(f)
    return kept


# --------------------------------------------------------------------------------------------------
# Public entry point
# --------------------------------------------------------------------------------------------------


def check_pair(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Flag]:
    """Flag lost/added negation and opposite or scale-shifted key terms between a bead's two sides.

    Works in both directions (en→zh and zh→en); spans index into ``src_text`` / ``tgt_text``.
    Pairs that are not one English and one Chinese side return no flag.
    """
    if {src_lang, tgt_lang} != {"en", "zh"} or not src_text.strip() or not tgt_text.strip():
        return []
    zh_is_src = src_lang == "zh"
    zh_text, en_text = (src_text, tgt_text) if zh_is_src else (tgt_text, src_text)
    if not _HAN.search(zh_text) or not re.search(r"[A-Za-z]", en_text):
        return []  # a side with no words at all is an omission, reported by the coverage check
    # "last year" vs 明年 is a date, reported by the number check (align.checks.numbers.relative)
    zh_dates = [(s, e) for _, _, s, e in relative_dates(zh_text, "zh")]
    en_dates = [(s, e) for _, _, s, e in relative_dates(en_text, "en")]
    flags: list[Flag] = []
    for f in findings(zh_text, en_text):
        if _inside(f.zh_span, zh_dates) or _inside(f.en_span, en_dates):
            continue  # "last" of "last year" is no "final" (原定): dates are the number check's
        src_span, tgt_span = (f.zh_span, f.en_span) if zh_is_src else (f.en_span, f.zh_span)
        flags.append(
            Flag(
                kind="mistranslation",
                severity=f.severity,
                confidence=f.confidence,
                message=_message(f, zh_text, en_text, zh_is_src),
                source_span=src_span,
                target_span=tgt_span,
            )
        )
    return flags


def _inside(span: tuple[int, int] | None, spans: list[tuple[int, int]]) -> bool:
    return span is not None and any(s <= span[0] and span[1] <= e for s, e in spans)


def _quote(text: str, span: tuple[int, int] | None) -> str:
    return f'"{text[span[0] : span[1]]}"' if span else ""


def _message(f: _Finding, zh_text: str, en_text: str, zh_is_src: bool) -> str:
    zq, eq = _quote(zh_text, f.zh_span), _quote(en_text, f.en_span)
    src_q, tgt_q = (zq, eq) if zh_is_src else (eq, zq)
    if f.rule == "antonym":
        return f"opposite meaning: the original says {src_q} but the translation says {tgt_q} ({f.detail})"
    if f.rule == "scale":
        return (
            f"different degree: the original says {src_q} but the translation says {tgt_q} ({f.detail}), "
            "another point on the same scale"
        )
    neg_in_zh = f.rule == "negation-in-zh"
    neg_q = zq if neg_in_zh else eq
    other_q = eq if neg_in_zh else zq
    if neg_in_zh == zh_is_src:
        tail = f"; it says {other_q} without negation" if other_q else ""
        return (
            f"negation lost: the original says {neg_q} ({f.detail}), "
            f"the translation has no matching negation{tail}"
        )
    tail = f" ({other_q})" if other_q else ""
    return f"negation added: the translation says {neg_q} ({f.detail}) but the original is affirmative{tail}"
