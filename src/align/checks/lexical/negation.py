"""Polarity: a negation one side keeps and nothing on the other side accounts for, in a clause the other
side renders; litotes and weak negations.
"""

from __future__ import annotations

import functools

from align.checks.lexical.analysis import _En, _strict_glosses, _Zh
from align.checks.lexical.findings import _GENERIC_SENSES, _en_negated, _Finding, _zh_negated
from align.checks.lexical.negwords import _EN_AUX, _listed_zh
from align.checks.lexical.tables import (
    _CLAUSE_BREAK,
    _FUNCTION_CHARS,
    _negation_table,
    _term_index,
    relations,
)
from align.text import cedict, en
from align.text.words import word_set
from align.text.zh import HAN as _HAN


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
    adj = en.GRADABLE | _GRADABLE_EXTRA
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
        rg for part in cedict.decompose(target) for t in _strict_glosses(part) for rg in index.get(t, ())
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
            [w] if cedict.in_dictionary(w) else [p for p in cedict.decompose(w) if any(c in chars for c in p)]
        )
        senses = {" ".join(s.words) for p in pieces for s in cedict.senses(p)}
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
                found = bool(cedict.glosses(rest) & e.all_terms)
                hit += found
                head_hit |= found
            continue
        if z.neg_class[k] is not None or not cedict._is_zh_content(w) or not cedict.glosses(w):
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
        *(cedict.glosses(w) for w, _s, _e in z.words if _HAN.search(w) and w not in _FUNCTION_CHARS)
    )
    hit = content = 0
    head_hit = False
    for k in range(a, b + 1):
        t = toks[k]
        if (
            e.neg_class[k] is not None
            or t.lemma in en.STOPWORDS
            or t.lemma in en.EN_FUNCTION
            or not t.text.isalpha()
        ):
            continue  # numbers are checked elsewhere and have no dictionary gloss
        found = bool((set(t.lemmas) | {t.lower}) & zh_glosses)
        if not found and t.text[:1].isupper() and (k > a or t.lower not in cedict.vocabulary()):
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
        matched = cedict.translation_overlap(z.words, e.toks).zh_matched
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
        g = set().union(*(_strict_glosses(p) for p in cedict.decompose(z.words[h][0])))
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
                and ls & set().union(*(_strict_glosses(p) for p in cedict.decompose(w)))
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
