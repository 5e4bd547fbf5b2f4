"""Opposites and scales: a Chinese word that names one value where the English names its opposite (小国 vs
'middle power').
"""

from __future__ import annotations

from align.checks.lexical.affixes import _affix_findings
from align.checks.lexical.analysis import _En, _Zh, _ZhPart
from align.checks.lexical.findings import (
    _QUANT_DETERMINERS,
    _accounted,
    _anaphoric_time,
    _display,
    _en_negated,
    _en_span,
    _Finding,
    _idiom_tokens,
    _ordered_terms,
    _zh_negated,
)
from align.checks.lexical.swaps import _name_swap_findings, _negated_sense_terms, _runs
from align.checks.lexical.tables import (
    _DEGREE,
    _SHIFT_MAX,
    _SHIFT_SINGLE_MAX,
    _SHIFT_SOFT,
    _term_index,
    relations,
)
from align.text import cedict


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
        terms = (p.loose - _negated_sense_terms(p.text)) | (cedict.glosses(word) - _negated_sense_terms(word))
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
