"""Planting ONE error into a translation: the edits of ``benchmarks/bench_planted.py``.

Every ``plant_*`` function takes one sentence (the translation side), its language (``en``/``zh``) and a
``random.Random``; it returns the edited sentence, or ``None`` where nothing of that kind can be planted.
They never touch anything but the sentence they are given, so a test can call them on sentences of its
own. Document-level planting (``plant_document``) tries the lines of a document in a seeded order until
one takes the edit, and records the kind and the line it touched.

Resources that need files (WordNet antonyms and sister terms, name pools of a corpus) are built by the
``load_*``/``*_pool`` helpers and passed in; a function given no resource returns ``None``.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

KINDS = (
    "number",
    "negation",
    "antonym",
    "name",
    "term",
    "clause_drop",
    "sentence_drop",
    "sentence_add",
)
# the flag kind a planted error should draw
EXPECTED_FLAG = {
    "number": "number",
    "negation": "mistranslation",
    "antonym": "mistranslation",
    "term": "mistranslation",
    "name": "name",
    "clause_drop": "omission",
    "sentence_drop": "omission",
    "sentence_add": "addition",
}

HAN = re.compile(r"[\u3400-\u9fff]")
WORDNET = Path("/usr/share/wordnet")

# ---------------------------------------------------------------------------------------------- numbers

# a figure written in digits, not glued to letters (COVID-19, G7, 5G and 1st are left alone)
_EN_FIG = re.compile(r"(?<![A-Za-z\d\-.,/])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![A-Za-z\d])|"
                     r"(?<![A-Za-z\d\-.,/])\d+(?:\.\d+)?(?![A-Za-z\d]|[.,\-–]\d)")
_ZH_FIG = re.compile(r"(?<![A-Za-z\d\-.,/])\d[\d,]*(?:\.\d+)?(?![A-Za-z\d])([万亿]?)")
_ZH_NUMERAL = re.compile(r"[一二两三四五六七八九十百千]*[一二两三四五六七八九][十百千]*[万亿]|"
                         r"[一二两三四五六七八九]+[十百千]+[一二三四五六七八九]?")
_ZH_DIGITS = "一二三四五六七八九"


def _change_digits(fig: str, rng: random.Random, month: bool = False) -> str:
    """A different plausible figure: a year moves by a few years, a small integer (a day, a month, a count)
    becomes another small one, anything else gets a new leading digit."""
    plain = fig.replace(",", "")
    if re.fullmatch(r"(19|20)\d\d", plain):
        year = int(plain)
        return str(year + rng.choice([-3, -2, -1, 1, 2, 3]))
    if plain.isdigit() and 1 <= int(plain) <= 31:
        top = 12 if month else 28
        return str(rng.choice([v for v in range(1, top + 1) if v != int(plain)]))
    for i, ch in enumerate(fig):
        if ch.isdigit() and ch != "0":
            new = rng.choice([d for d in "123456789" if d != ch])
            return fig[:i] + new + fig[i + 1 :]
    # 0 or 0.0: a small figure
    return fig[:-1] + rng.choice("23456789")


def number_spans(text: str, lang: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each figure: kind ``digits`` or ``numeral`` (Chinese 三万, 两亿, 五百)."""
    if lang == "en":
        return [(m.start(), m.end(), "digits") for m in _EN_FIG.finditer(text)]
    out = [(m.start(), m.end(), "digits") for m in _ZH_FIG.finditer(text)]
    taken = [False] * len(text)
    for s, e, _ in out:
        taken[s:e] = [True] * (e - s)
    for m in _ZH_NUMERAL.finditer(text):
        if not any(taken[m.start() : m.end()]):
            out.append((m.start(), m.end(), "numeral"))
    return sorted(out)


def plant_number(text: str, lang: str, rng: random.Random) -> str | None:
    """Change one figure (digits, or a Chinese 万/亿/百/千 form) to a different plausible one."""
    spans = number_spans(text, lang)
    if not spans:
        return None
    s, e, kind = rng.choice(spans)
    fig = text[s:e]
    if kind == "digits":
        unit = fig[-1] if fig[-1] in "万亿" else ""
        core = fig[: len(fig) - len(unit)]
        if unit and rng.random() < 0.3:
            new = core + ("亿" if unit == "万" else "万")
        else:
            new = _change_digits(core, rng, month=text[e : e + 2].strip()[:1] == "月") + unit
    else:
        idx = [i for i, ch in enumerate(fig) if ch in _ZH_DIGITS or ch == "两"]
        i = idx[0]
        old = "二" if fig[i] == "两" else fig[i]
        new_ch = rng.choice([d for d in _ZH_DIGITS if d != old])
        if new_ch == "二" and i + 1 < len(fig) and fig[i + 1] in "百千万亿":
            new_ch = "两"
        new = fig[:i] + new_ch + fig[i + 1 :]
    return None if new == fig else text[:s] + new + text[e:]


# --------------------------------------------------------------------------------------------- negation

_EN_CONTRACTED = {
    "don't": "do", "doesn't": "does", "didn't": "did", "isn't": "is", "aren't": "are", "wasn't": "was",
    "weren't": "were", "can't": "can", "cannot": "can", "won't": "will", "couldn't": "could",
    "wouldn't": "would", "shouldn't": "should", "hasn't": "has", "haven't": "have", "hadn't": "had",
    "mustn't": "must",
}
_EN_WH = {"how", "what", "why", "when", "where", "who", "which", "whom", "whose"}
_EN_AUX = ("is", "are", "was", "were", "has", "have", "had", "can", "could", "will", "would", "should",
           "must", "may", "might", "does", "did", "do")


def _en_negation_edits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) of every negation edit the sentence allows (removals and additions)."""
    edits: list[tuple[int, int, str]] = []
    for m in re.finditer(r"\b([A-Za-z]+n[’']t|cannot)\b", text):
        word = m.group(1).replace("’", "'")
        base = _EN_CONTRACTED.get(word.lower())
        if base:
            base = base.capitalize() if word[0].isupper() else base
            edits.append((m.start(), m.end(), base))
    for m in re.finditer(r"\b(?:" + "|".join(_EN_AUX) + r") (not|never) ", text):
        edits.append((m.start(1), m.end(1) + 1, ""))  # "is not X" -> "is X"
    for m in re.finditer(r"(?<=[a-z] )never (?=[a-z])", text):
        edits.append((m.start(), m.end(), ""))  # "he never went" -> "he went"
    for m in re.finditer(r"\b(?:no longer)\b", text):
        edits.append((m.start(), m.end(), "still"))
    for m in re.finditer(r"\b(" + "|".join(_EN_AUX) + r") (?!not\b|never\b|n[’']t)(?=[a-z])", text):
        before = text[: m.start()].split()
        if not before or before[-1].lower().strip("\"“(") in _EN_WH or before[-1][-1] in ".?!:;,\"“":
            continue  # a question ("how should we ...") or a clause-initial auxiliary
        edits.append((m.end(1), m.end(1), " not"))  # "is X" -> "is not X"
    return edits


# negation tokens of a jieba segmentation and what removing them leaves
_ZH_NEG_REMOVE = {"不": "", "没": "", "未": "", "没有": "有", "不会": "会", "不能": "能", "不是": "是",
                  "不要": "要", "未能": "能", "并未": "已", "并不": "", "从未": "曾", "从不": "总是"}
_ZH_NEG_BEFORE = set("不没未非别勿无")
# reporting verbs: 不表示 / 不说 reads as a slip of the pen, not as a negated statement
_ZH_NO_NEGATE = {"说", "表示", "称", "指出", "介绍", "报道", "透露", "强调", "写道", "问", "回答", "据"}


@lru_cache(maxsize=1)
def _posseg():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    import jieba.posseg as pseg

    return pseg


def zh_tokens(text: str) -> list[tuple[str, str, int]]:
    """(word, POS flag, start offset) of a jieba POS segmentation."""
    out, pos = [], 0
    for w in _posseg().lcut(text):
        out.append((w.word, w.flag, pos))
        pos += len(w.word)
    return out


def _zh_negation_edits(text: str) -> list[tuple[int, int, str]]:
    toks = zh_tokens(text)
    edits: list[tuple[int, int, str]] = []
    for k, (w, flag, s) in enumerate(toks):
        nxt = toks[k + 1][0] if k + 1 < len(toks) else ""
        if w in _ZH_NEG_REMOVE and nxt and HAN.match(nxt[0]):
            edits.append((s, s + len(w), _ZH_NEG_REMOVE[w]))
        elif flag == "v" and HAN.match(w[0]) and w not in _ZH_NO_NEGATE:
            prev = text[s - 1] if s else ""
            if prev in _ZH_NEG_BEFORE or w[0] in _ZH_NEG_BEFORE or (k and toks[k - 1][1] == "v"):
                continue
            if w == "有":
                edits.append((s, s, "没"))
            elif nxt == "了" or nxt.startswith("了"):
                edits.append((s, s + len(w) + 1, "没有" + w))  # 增加了 -> 没有增加
            else:
                edits.append((s, s, "不"))
    return edits


def plant_negation(text: str, lang: str, rng: random.Random) -> str | None:
    """Add or remove one negation (not/never/n't; 不/没有/未 before a verb)."""
    edits = _en_negation_edits(text) if lang == "en" else _zh_negation_edits(text)
    if not edits:
        return None
    s, e, rep = rng.choice(edits)
    out = text[:s] + rep + text[e:]
    return re.sub(r"  +", " ", out) if lang == "en" else out


# ----------------------------------------------------------------------------------------------- antonyms

def _pairs(text: str) -> list[tuple[str, str]]:
    """``"a/b c/d"`` -> ``[("a", "b"), ("c", "d")]``."""
    return [tuple(x.split("/")) for x in text.split()]  # type: ignore[misc]


ZH_OPPOSITES = _pairs(
    "增加/减少 上升/下降 支持/反对 大/小 高/低 多/少 赢/输 获胜/落败 "
    "成功/失败 提高/降低 扩大/缩小 同意/拒绝 接受/拒绝 开始/结束 "
    "打开/关闭 好/坏 最高/最低 最大/最小 增长/下降 上涨/下跌 加强/削弱 "
    "允许/禁止 积极/消极 乐观/悲观 安全/危险 容易/困难 强/弱 长/短 "
    "早/晚 快/慢 新/旧 买/卖 赞成/反对 盈利/亏损 富/穷 胜利/失败 "
    "合法/非法 正面/负面 重要/次要 真/假 热/冷 开放/封闭 提前/推迟 "
    "增强/减弱 复苏/衰退 加速/减速 放松/收紧 更多/更少 更高/更低 升/降 "
    "涨/跌 强大/弱小 稳定/动荡 健康/患病 上调/下调 进入/离开 到达/离开 "
    "加入/退出 批准/否决 承认/否认 有利/不利 公开/秘密 繁荣/萧条 胜/负 "
    "远/近 "
)


_ZH_DEGREE = {"很", "更", "较", "最", "太", "非常", "比较", "越来越", "相当", "十分", "更加", "过", "较为"}
_ZH_DEGREE_1 = "很更较最太极过"  # jieba often keeps these with the adjective: 很大, 更高


def _pair_map(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for a, b in pairs:
        out[a].append(b)
        out[b].append(a)
    return dict(out)


ZH_OPPOSITE_MAP = _pair_map(ZH_OPPOSITES)


def _wn_lines(pos: str, root: Path):
    path = root / f"data.{pos}"
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if line.startswith("  "):
                continue  # licence header
            yield line.split(" | ")[0].split()


def _wn_synset(fields: list[str]) -> tuple[str, list[str], list[tuple[str, str, str, str]]]:
    """(offset, words, pointers) of one data.* line; pointers are (symbol, offset, pos, source/target)."""
    offset, n_words = fields[0], int(fields[3], 16)
    words = [re.sub(r"\(.*\)$", "", fields[4 + 2 * i]).lower() for i in range(n_words)]
    k = 4 + 2 * n_words
    n_ptr = int(fields[k])
    ptrs = [tuple(fields[k + 1 + 4 * j : k + 5 + 4 * j]) for j in range(n_ptr)]
    return offset, words, ptrs  # type: ignore[return-value]


@lru_cache(maxsize=2)
def load_wordnet_antonyms(root: str = str(WORDNET)) -> dict[str, dict[str, list[str]]]:
    """``{"adj"|"verb": {word: [antonyms]}}`` from the ``!`` pointers of WordNet's data.adj/data.verb
    (single lower-case words only); empty where WordNet is absent."""
    base = Path(root)
    out: dict[str, dict[str, list[str]]] = {}
    for pos in ("adj", "verb"):
        if not (base / f"data.{pos}").exists():
            return {}
        synsets: dict[str, list[str]] = {}
        pointers: list[tuple[list[str], tuple[str, str, str, str]]] = []
        for fields in _wn_lines(pos, base):
            offset, words, ptrs = _wn_synset(fields)
            synsets[offset] = words
            pointers += [(words, p) for p in ptrs if p[0] == "!"]
        ant: dict[str, set[str]] = defaultdict(set)
        for words, (_, off, _, st) in pointers:
            src, tgt = int(st[:2], 16), int(st[2:], 16)
            if not src or not tgt or off not in synsets:
                continue
            a, b = words[src - 1], synsets[off][tgt - 1]
            if a.isalpha() and b.isalpha():
                ant[a].add(b)
        out[pos] = {w: sorted(v) for w, v in ant.items()}
    if (base / "index.noun").exists():
        with (base / "index.noun").open(encoding="utf-8", errors="replace") as fh:
            nouns = {line.split(" ", 1)[0] for line in fh if not line.startswith("  ")}
        # a verb that is also a noun, with an opposite that is not: its -s form is more likely a plural
        # (profits) than a verb, and the swap (loses) would not read as one
        out["nounlike"] = {
            v: [] for v, bs in out["verb"].items() if v in nouns and any(b not in nouns for b in bs)
        }
    return out


# verbs too light or too common to make a meaningful opposite
_EN_ANTONYM_SKIP = {"be", "have", "do", "get", "make", "take", "go", "come", "let", "say", "give", "see",
                    "know", "find", "put", "keep", "hold", "own", "need", "want", "will", "can", "may",
                    "much", "many", "more", "most", "few", "least", "other", "same", "such",
                    "first", "last", "only", "well", "out", "off", "down", "over", "back", "like"}


def _verb_forms(lemma: str) -> dict[str, str]:
    """Regular inflections of a verb: form -> suffix tag (``""``, ``s``, ``ed``, ``ing``)."""
    e = lemma.endswith("e")
    forms = {lemma: "", lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s"): "s"}
    forms[lemma + ("d" if e else "ed")] = "ed"
    forms[(lemma[:-1] if e and len(lemma) > 2 else lemma) + "ing"] = "ing"
    return forms


def _inflect(lemma: str, tag: str) -> str:
    return next(f for f, t in _verb_forms(lemma).items() if t == tag)


def plant_antonym(
    text: str,
    lang: str,
    rng: random.Random,
    antonyms: dict[str, dict[str, list[str]]] | None = None,
    vocab: frozenset[str] | set[str] | None = None,
) -> str | None:
    """Replace one adjective/verb by an opposite: WordNet antonyms (English, ``antonyms`` from
    ``load_wordnet_antonyms``; only opposites that ``vocab`` holds, where given), ``ZH_OPPOSITES``
    (Chinese, whole jieba words; a one-character word only after a degree adverb)."""
    cands: list[tuple[int, int, str]] = []
    if lang == "zh":
        toks = zh_tokens(text)
        for k, (w, _, s) in enumerate(toks):
            if len(w) == 2 and w[0] in _ZH_DEGREE_1 and w not in ZH_OPPOSITE_MAP:
                w, s = w[1], s + 1  # 很大 as one word
            elif len(w) == 1 and not (k and toks[k - 1][0] in _ZH_DEGREE):
                continue  # 大/长/高 alone: only after a degree adverb (很大, 更高), never inside a word
            for b in ZH_OPPOSITE_MAP.get(w, ()):
                cands.append((s, s + len(w), b))
    else:
        if not antonyms:
            return None
        adj, verb = antonyms.get("adj", {}), antonyms.get("verb", {})
        nounlike = antonyms.get("nounlike", {})
        for m in re.finditer(r"\b[a-z]{3,}\b", text):
            w = m.group()
            if w in _EN_ANTONYM_SKIP:
                continue
            for b in adj.get(w, ()):
                if vocab is None or b in vocab:
                    cands.append((m.start(), m.end(), b))
            for lemma in {w, w[:-1], w[:-2], w[:-1] + "e" if w.endswith("d") else w, w[:-3], w[:-3] + "e"}:
                tag = _verb_forms(lemma).get(w) if lemma in verb and lemma not in _EN_ANTONYM_SKIP else None
                if tag is not None and not (tag == "s" and lemma in nounlike):
                    for b in verb[lemma]:
                        if vocab is None or b in vocab:
                            cands.append((m.start(), m.end(), _inflect(b, tag)))
    cands = sorted(set(cands))
    if not cands:
        return None
    s, e, rep = rng.choice(cands)
    return text[:s] + rep + text[e:]


# -------------------------------------------------------------------------------------------------- names

# capitalised words that are not names of people or places
_EN_NOT_NAMES = frozenset(
    str.split(
    "I Mr Mrs Ms Dr Sir Prof President Prime Minister Secretary Chancellor Governor Senator King Queen "
    "Prince Princess Lord Lady General Captain Chief Director Chairman The A An This That These Those "
    "It He She We They You His Her Their Our My Its In On At For From By With As But And Or If When "
    "While After Before Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March "
    "April May June July August September October November December Covid COVID Coronavirus Internet "
    "God Christmas Easter Congress Parliament Government Ministry Department University Party Street "
    "Road Avenue Square Court Council Committee Commission Union Republic State States United Kingdom "
    "North South East West Northern Southern Eastern Western New Old Great Central National Federal "
    "International Royal Church House Club League Cup Premier World Olympic Olympics Games Twitter "
    "Facebook Instagram Google Apple YouTube Amazon Microsoft TV BBC CNN AP AFP Reuters Xinhua"
    )
)


def en_name_spans(text: str, is_name: Callable[[str], bool] | None = None) -> list[tuple[int, int]]:
    """Capitalised words that are not the first word of a sentence (nor after a colon/quote) and
    pass ``is_name`` (e.g. "never seen lower-case in the corpus")."""
    out = []
    for m in re.finditer(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b", text):
        before = text[: m.start()].rstrip()
        if not before or before[-1] in ".!?:\"“‘'(—-" or m.group() in _EN_NOT_NAMES:
            continue
        if text[m.end() : m.end() + 1] in ("'", "’") and text[m.end() + 1 : m.end() + 2] not in ("s", " "):
            continue
        if is_name is None or is_name(m.group()):
            out.append((m.start(), m.end()))
    return out


_ZH_PERSON_FLAGS = {"nr", "nrt", "nrfg"}
_ZH_TITLES = ("总统", "总理", "首相", "主席", "部长", "市长", "国王", "议员", "大使", "省长", "州长", "先生",
              "女士")


def zh_name_spans(text: str, common: Callable[[str], bool] | None = None) -> list[tuple[int, int, str]]:
    """Person (jieba ``nr``/``nrt``/``nrfg``) and place (``ns``) names of two or more Han characters
    (none with a title inside, 德国总理; none that ``common`` calls an ordinary word): (start, end, type)."""
    out = []
    for w, flag, s in zh_tokens(text):
        if (flag not in _ZH_PERSON_FLAGS and flag != "ns") or (common is not None and common(w)):
            continue
        if len(w) >= 2 and all(HAN.match(c) for c in w) and not any(t in w for t in _ZH_TITLES):
            out.append((s, s + len(w), "person" if flag in _ZH_PERSON_FLAGS else "place"))
    return out


def plant_name(
    text: str,
    lang: str,
    rng: random.Random,
    pool: dict[str, Sequence[str]] | None = None,
    name_type: Callable[[str], str | None] | None = None,
    zh_common: Callable[[str], bool] | None = None,
) -> str | None:
    """Swap one person/place name for another of the same type from ``pool`` (``{type: [names]}``).

    English: capitalised non-initial words whose type ``name_type`` gives (None = not a name; without
    ``name_type`` every such word is a ``person``). Chinese: jieba nr/ns words.
    """
    if not pool:
        return None
    if lang == "zh":
        spans = zh_name_spans(text, zh_common)
    else:
        typer = name_type or (lambda w: "person")
        spans = [(s, e, t) for s, e in en_name_spans(text) if (t := typer(text[s:e])) is not None]
    cands = []
    for s, e, typ in spans:
        others = [n for n in pool.get(typ, ()) if n != text[s:e] and n not in text]
        if others:
            cands.append((s, e, others))
    if not cands:
        return None
    s, e, others = rng.choice(cands)
    return text[:s] + rng.choice(sorted(others)) + text[e:]


# -------------------------------------------------------------------------------------------------- terms

ZH_TERMS = _pairs(
    "制裁/关税 通胀/通缩 出口/进口 利率/汇率 议会/政府 总统/总理 "
    "股票/债券 医生/护士 警方/军方 学生/老师 病毒/细菌 疫苗/药物 "
    "投资/贷款 工资/奖金 选举/公投 法院/议会 部长/议员 公司/银行 "
    "城市/农村 经济/金融 石油/天然气 煤炭/石油 大学/中学 医院/诊所 "
    "儿童/老人 记者/编辑 儿子/女儿 丈夫/妻子 火车/飞机 汽车/卡车 "
    "警察/士兵 球队/俱乐部 比赛/训练 球员/教练 市场/行业 税收/财政 "
    "企业/机构 消费者/生产者 患者/医生 死亡/受伤 病例/死亡病例 法律/政策 "
    "土地/房屋 房价/租金 能源/电力 手机/电脑 报告/调查 协议/条约 "
    "首都/省会 军队/警察 冠军/亚军 总裁/董事 股东/员工 利润/收入 "
    "债务/赤字 增长率/失业率 失业率/通胀率 科学家/工程师 游客/居民 "
)
ZH_TERM_MAP = _pair_map(ZH_TERMS)


@dataclass
class NounNet:
    """What ``plant_term`` needs of WordNet's nouns: lemma -> synset offsets in sense order, synset ->
    words, hypernyms and hyponyms."""

    senses: dict[str, list[str]] = field(default_factory=dict)
    words: dict[str, list[str]] = field(default_factory=dict)
    hyper: dict[str, list[str]] = field(default_factory=dict)
    hypo: dict[str, list[str]] = field(default_factory=dict)
    other_pos: frozenset[str] = frozenset()  # lemmas that are also verbs/adjectives/adverbs

    def sisters(self, lemma: str, max_senses: int = 1) -> list[str]:
        """Co-hyponyms of the first senses of ``lemma``: single lower-case words, not its synonyms."""
        out: set[str] = set()
        for syn in self.senses.get(lemma, [])[:max_senses]:
            own = set(self.words.get(syn, ()))
            for h in self.hyper.get(syn, ()):
                for sib in self.hypo.get(h, ()):
                    if sib != syn:
                        out.update(w for w in self.words.get(sib, ()) if w.isalpha() and w not in own)
        out.discard(lemma)
        return sorted(out)


@lru_cache(maxsize=2)
def load_noun_net(root: str = str(WORDNET)) -> NounNet | None:
    base = Path(root)
    if not (base / "data.noun").exists():
        return None
    net = NounNet()
    for fields in _wn_lines("noun", base):
        offset, words, ptrs = _wn_synset(fields)
        net.words[offset] = words
        net.hyper[offset] = [p[1] for p in ptrs if p[0] in ("@", "@i") and p[2] == "n"]
        net.hypo[offset] = [p[1] for p in ptrs if p[0] in ("~", "~i") and p[2] == "n"]
    with (base / "index.noun").open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if line.startswith("  "):
                continue
            f = line.split()
            n_syn = int(f[2])
            net.senses[f[0]] = f[-n_syn:]
    other = set()
    for pos in ("verb", "adj", "adv"):
        with (base / f"index.{pos}").open(encoding="utf-8", errors="replace") as fh:
            other.update(line.split(" ", 1)[0] for line in fh if not line.startswith("  "))
    net.other_pos = frozenset(other)
    return net


def plant_term(
    text: str,
    lang: str,
    rng: random.Random,
    nouns: NounNet | None = None,
    vocab: frozenset[str] | set[str] | None = None,
) -> str | None:
    """Replace one content noun by a neighbouring term of its field: a WordNet sister term that the
    corpus uses (``vocab``, lower-case words) for English, ``ZH_TERMS`` for Chinese (whole jieba words)."""
    cands: list[tuple[int, int, list[str]]] = []
    if lang == "zh":
        for w, _, s in zh_tokens(text):
            if w in ZH_TERM_MAP:
                cands.append((s, s + len(w), ZH_TERM_MAP[w]))
    else:
        if nouns is None:
            return None
        for m in re.finditer(r"(?<![A-Za-z\-])[a-z]{4,}(?![A-Za-z\-])", text):
            w = m.group()
            plural = w.endswith("s") and not w.endswith("ss") and w[:-1] in nouns.senses
            lemma = w[:-1] if plural and w not in nouns.senses else w
            if lemma not in nouns.senses or lemma in nouns.other_pos:
                continue
            sis = [x for x in nouns.sisters(lemma) if vocab is None or x in vocab]
            if plural:
                sis = [x + ("es" if x.endswith(("s", "sh", "ch", "x")) else "s") for x in sis]
            if sis:
                cands.append((m.start(), m.end(), sis))
    if not cands:
        return None
    s, e, options = rng.choice(cands)
    return text[:s] + rng.choice(options) + text[e:]


# ------------------------------------------------------------------------------------------------ clauses


def _chunks(text: str, lang: str) -> tuple[list[str], str]:
    """The comma/semicolon-delimited chunks of a sentence (delimiters kept at each chunk's end) and its
    final punctuation."""
    m = re.search(r"[.!?。！？…”\"’')）]+$", text)
    end = m.group() if m else ""
    body = text[: len(text) - len(end)]
    pat = r"(?<=[,;])\s+" if lang == "en" else r"(?<=[，；])"
    return [c for c in re.split(pat, body) if c], end


def _chunk_size(chunk: str, lang: str) -> int:
    return len(re.findall(r"[A-Za-z0-9']+", chunk)) if lang == "en" else len(HAN.findall(chunk))


def drop_clause(text: str, lang: str, rng: random.Random) -> str | None:
    """Delete one comma-delimited chunk (>= 4 words / >= 6 Han characters) of a sentence with two or more."""
    chunks, end = _chunks(text, lang)
    if len(chunks) < 2:
        return None
    need = 4 if lang == "en" else 6
    idx = [i for i, c in enumerate(chunks) if _chunk_size(c, lang) >= need]
    if not idx:
        return None
    i = rng.choice(idx)
    rest = chunks[:i] + chunks[i + 1 :]
    if i == len(chunks) - 1:  # the last chunk: the one before loses its comma, the sentence keeps its end
        rest[-1] = re.sub(r"[,;，；]\s*$", "", rest[-1])
    sep = " " if lang == "en" else ""
    out = sep.join(c.strip() if lang == "en" else c for c in rest) + end
    if lang == "en" and i == 0 and out[:1].islower():
        out = out[0].upper() + out[1:]
    return out


# ------------------------------------------------------------------------------------------- document level

LINE_KINDS: dict[str, Callable[..., str | None]] = {
    "number": plant_number,
    "negation": plant_negation,
    "antonym": plant_antonym,
    "name": plant_name,
    "term": plant_term,
    "clause_drop": drop_clause,
}


def long_enough(line: str, lang: str) -> bool:
    """A sentence worth dropping or adding: four words / eight Han characters."""
    return _chunk_size(line, lang) >= (4 if lang == "en" else 8)


@dataclass(frozen=True)
class Planted:
    """One planted copy of a translation: the new lines, the kind, the line it touched (a target line of
    the new translation; for drops, the source line whose rendering was removed) and what changed."""

    kind: str
    lines: tuple[str, ...]
    line: int
    side: str  # "target" or "source": which side ``line`` indexes
    before: str
    after: str


def drop_sentence(lines: Sequence[str], lang: str, rng: random.Random) -> Planted | None:
    """Delete one whole translation sentence (of four words / eight Han characters or more)."""
    idx = [i for i, x in enumerate(lines) if long_enough(x, lang)]
    if len(lines) < 2 or not idx:
        return None
    i = rng.choice(idx)
    return Planted("sentence_drop", tuple(lines[:i]) + tuple(lines[i + 1 :]), i, "source", lines[i], "")


def add_sentence(
    lines: Sequence[str], lang: str, rng: random.Random, others: Sequence[str]
) -> Planted | None:
    """Insert one sentence taken from another document's translation (``others``) between two lines."""
    pool = [x for x in others if long_enough(x, lang) and x not in lines]
    if not pool or not lines:
        return None
    new = rng.choice(sorted(pool))
    p = rng.randrange(1, len(lines) + 1) if len(lines) > 1 else 1
    return Planted("sentence_add", tuple(lines[:p]) + (new,) + tuple(lines[p:]), p, "target", "", new)


def plant_document(
    kind: str, lines: Sequence[str], lang: str, rng: random.Random, **resources
) -> Planted | None:
    """Plant one error of ``kind`` into a document's translation lines; None where none can be planted.

    Line kinds try the lines in a seeded order and take the first that accepts the edit.
    ``resources``: ``antonyms``/``vocab`` (antonym), ``pool``/``name_type``/``zh_common`` (name),
    ``nouns``/``vocab`` (term), ``others`` (sentence_add).
    """
    if kind == "sentence_drop":
        return drop_sentence(lines, lang, rng)
    if kind == "sentence_add":
        return add_sentence(lines, lang, rng, resources.get("others", ()))
    fn = LINE_KINDS[kind]
    extra = {
        "antonym": ("antonyms", "vocab"),
        "name": ("pool", "name_type", "zh_common"),
        "term": ("nouns", "vocab"),
    }.get(kind, ())
    kwargs = {k: resources[k] for k in extra if k in resources}
    order = list(range(len(lines)))
    rng.shuffle(order)
    for i in order:
        new = fn(lines[i], lang, rng, **kwargs)
        if new is not None and new != lines[i]:
            out = list(lines)
            out[i] = new
            return Planted(kind, tuple(out), i, "target", lines[i], new)
    return None
