"""Which words negate: Chinese negation classes (strong, weak, none), English negators, rhetorical and
indirect questions.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from align.checks.lexical.tables import (
    _CLAUSE_BREAK,
    _NEG_WORDS,
    _SENT_START,
    _TRANSLIT,
    _negation_table,
    _strip_neg_affix,
    phrases_by_first_word,
)
from align.text import cedict, zh
from align.text.en import EnToken
from align.text.words import word_set
from align.text.zh import HAN as _HAN


@functools.lru_cache(maxsize=65536)
def _zh_class(word: str) -> str | None:
    """``strong``, ``weak`` or ``None`` for one Chinese word (see the module docstring).

    Memoised: it is asked for every word of every bead, and each first look converts the word to
    Simplified (a call into OpenCC) and reads CC-CEDICT.
    """
    tab = _negation_table()
    word = zh.to_simplified(word)
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
    if not cedict.in_dictionary(word) and word[-1] in "地的得了着" and len(word) > 2:
        return _zh_class(word[:-1])  # 无助地 = 无助 + adverb marker
    senses = [s for s in cedict.senses(word) if not s.rare]
    if not senses:
        # productive combinations jieba keeps together (不吃, 没去, 看不见, 很久没): a real negation
        k = next(i for i, c in enumerate(word) if c in chars)
        c = word[k]
        if k == len(word) - 1 and c in "未别":
            return None  # 以别, 以未: the end of a transliterated name, not "not yet" / "don't"
        if any(ch in _TRANSLIT for ch in word):
            return None  # 利未人 "Levites": a name
        if k > 0 and cedict.in_dictionary(word[:k]) and c not in "无非":
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
    simp = zh.to_simplified(word)
    return (
        cedict.in_dictionary(word)
        or simp in tab["zh_none"]
        or simp in tab["zh_weak"]
        or simp in tab["zh_strong"]
    )


_NEG_ADVERBS = frozenset("并从绝决永毫尚还亦")


def _listed_zh(word: str) -> bool:
    tab = _negation_table()
    simp = zh.to_simplified(word)
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
    none_idx = phrases_by_first_word("en_none")
    weak_idx = phrases_by_first_word("en_weak_phrases")
    for j in range(len(toks)):
        for phrase in tab["en_none"] if none_idx is None else none_idx.get(norm[j], ()):
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
        for phrase in tab["en_weak_phrases"] if weak_idx is None else weak_idx.get(norm[j], ()):
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
