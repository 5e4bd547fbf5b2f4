"""Name swaps and Chinese negative words: a word that means 'not X' where the other side says X."""

from __future__ import annotations

import functools

from align.checks.lexical.analysis import _PARTICLES, _En, _Zh
from align.checks.lexical.findings import _en_negated, _Finding, _zh_negated
from align.checks.lexical.tables import _NEG_PREFIXES, _NEG_WORDS, _strip_neg_affix, _term_index, relations
from align.text import cedict


@functools.lru_cache(maxsize=65536)
def _negated_sense_terms(word: str) -> frozenset[str]:
    """Gloss words that cannot clear a suspicion although ``cedict.glosses`` lists them: those a
    Chinese word has only inside a negated sense (简单 "not complicated" cannot mean "complicated",
    不同 "not alike" cannot mean "alike"), and particles only inside a phrasal verb (看 "look after"
    says nothing about "after", but 随后 "follow after" does)."""
    neg: set[str] = set()
    pos: set[str] = set()
    for s in cedict.senses(word):
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
        for sense in [s for s in cedict.senses(p.text) if not s.rare and not s.proper][:2]:
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
        if z.neg_class[i] != "weak" or len(w) < 3 or w[0] not in "不非无未" or not cedict.in_dictionary(w):
            continue
        # the word's own senses only (glosses of its pieces would add 不敢相信 → "incredible")
        senses = {x for sense in cedict.senses(w) for x in sense.words if " " not in x}
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
