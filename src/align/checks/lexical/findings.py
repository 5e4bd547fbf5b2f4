"""What a finding is, and the helpers every family of rules shares (spans, glosses shown in messages,
anaphoric time words).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from align.checks.lexical.analysis import _En, _Zh
from align.checks.lexical.tables import _CLAUSE_BREAK, _negation_table, phrases_by_first_word
from align.text import cedict
from align.text.words import word_set


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
    return list(_terms_in_order(piece, terms))


@functools.lru_cache(maxsize=16384)  # a book repeats its words: the same piece and terms come back
def _terms_in_order(piece: str, terms: frozenset[str]) -> tuple[str, ...]:
    order: dict[str, int] = {}
    for k, sn in enumerate(cedict.senses(piece)):
        ws = sn.words
        for n in (1, 2, 3):
            for i in range(len(ws) - n + 1):
                order.setdefault(" ".join(ws[i : i + n]), k)
    return tuple(sorted(terms, key=lambda t: (order.get(t, 99), t)))


# Glosses too generic to show that a word is translated ("be", "have", "one" …).
_GENERIC_SENSES = word_set("be have do make get one go come take give put set thing person people")


_QUANT_DETERMINERS = word_set("a quite the next past last these those first every some few")


def _idiom_tokens(e: _En) -> set[int]:
    """Tokens inside idioms whose words do not carry their own value ("in the first place")."""
    low = [t.lower for t in e.toks]
    out: set[int] = set()
    index = phrases_by_first_word("en_idioms")
    if index is None:
        for phrase in _negation_table()["en_idioms"]:
            n = len(phrase)
            for j in range(len(low) - n + 1):
                if tuple(low[j : j + n]) == phrase:
                    out.update(range(j, j + n))
        return out
    for j, w in enumerate(low):
        for phrase in index.get(w, ()):
            n = len(phrase)
            if j + n <= len(low) and tuple(low[j : j + n]) == phrase:
                out.update(range(j, j + n))
    return out


def _display(piece: str, term: str) -> str:
    """The dictionary definition a lemma term came from, as CC-CEDICT wrote it ("no longer", not
    the lemma "no long")."""
    for s in cedict.senses(piece):
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
    for s in cedict.senses(piece):
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
