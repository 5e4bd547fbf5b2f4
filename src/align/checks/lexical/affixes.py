"""Negative affixes: responsible vs irresponsible, careful vs careless."""

from __future__ import annotations

from align.checks.lexical.analysis import _En, _Zh, _ZhPart
from align.checks.lexical.findings import _accounted, _display, _en_negated, _Finding, _zh_negated
from align.checks.lexical.swaps import _zh_negative_word_findings
from align.checks.lexical.tables import _strip_neg_affix
from align.text import cedict, en


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
        g for i, (w, _, _) in enumerate(z.words) if z.neg_class[i] is not None for g in cedict.glosses(w)
    )
    out.extend(_zh_negative_word_findings(z, e))
    # English says "not X" by an affix, Chinese says X
    for j, t in enumerate(e.toks):
        if e.in_name[j] or _en_negated(e, j):
            continue
        base = _strip_neg_affix(t.lower) or _strip_neg_affix(t.lemma)
        if not base:
            continue
        bases = {base, en.lemma(base)}
        if t.lemma.endswith("less") or t.lower.endswith("lessly"):
            bases |= {base + "ful", en.lemma(base + "ful")}
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
