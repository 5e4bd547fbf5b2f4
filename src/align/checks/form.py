"""Errors of form that meaning-level checks and embeddings miss, in the manner of Xbench's QA checks.

Five cheap, precise tests on a bead's two texts (either direction, en↔zh):

* **untranslated** — words of the original copied into the translation: Chinese characters in an
  English translation, ordinary lower-case English words in a Chinese one. Names, acronyms and
  glosses in brackets (关系 (guanxi), 习近平 (Xi Jinping)) are left alone.
* **question** — the translation asks a question the original does not (a statement turned into a
  question reverses what is asserted). The reverse, a question rendered as a statement, is common
  and legitimate for rhetorical questions, so it is not flagged.
* **pronoun gender** — the original opens with 她 (she) and the translation with "He", or the
  other way round.
* **future** — "will" in an English translation of a Chinese sentence with no word for the future,
  condition or intent (将, 会, 明年, 计划, 如果 …); dialogue is skipped.
* **missing word** — an English translation with a visible hole: an article or possessive
  determiner followed directly by a preposition, an auxiliary or punctuation ("A by infrared
  spectroscopy", "the of", "the can increase"), which is what a dropped noun leaves, and a sentence
  that opens with a modal ("May have been the source …"), which is what a dropped subject leaves.

Each test was measured on the faithful gold beads of MAC-Dev and the Bible (false flags) and on
DEMETR's planted errors (`benchmarks/bench_false_flags.py --checks form`,
`benchmarks/bench_checks.py demetr`; figures in benchmarks/RESULTS.md).
"""

from __future__ import annotations

import re

from align.checks.base import PairCheck
from align.formats import TAG_PLACEHOLDER
from align.text.cedict import vocabulary
from align.text.zh import zh_words
from align.types import Flag

_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff][\u3400-\u9fff\uf900-\ufaff·・]*")
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:\s+[A-Za-z][A-Za-z'’-]*)*")
_OPEN = "(（[【《「『“\"'‘"
_CLOSE = ")）]】》」』”\"'’"

# Lower-case Latin words that Chinese text uses as they are.
_LOAN_WORDS = (
    "app apps email e-mail wifi wi-fi ok okay vs etc pm am www com html http https cpu gps usb "
    "pdf dna rna pc tv id emoji logo blog vlog hashtag ppt ins iphone ipad"
)
_ZH_LOANS = frozenset(_LOAN_WORDS.split())

_Q = ("?", "？")
_CODE = frozenset("/@._#:\\{}=[]<>|~-*+&%$^`")

_MALE_ZH, _FEMALE_ZH = frozenset({"他", "他自己"}), frozenset({"她", "她自己"})
_EN_WORD = re.compile(r"[A-Za-z]+")

# A determiner that cannot end a noun phrase, then a word that cannot start one.
_DETERMINER = r"the|a|an|its|their|our|my|your"
_NOT_NOUN = (
    r"of|by|in|on|at|to|from|with|into|onto|upon|about|is|are|was|were|has|have|had|"
    r"could|should|would|shall|and|or|but|that|which|who|whose|than"
)
_HOLE = re.compile(
    rf"\b(?P<det>{_DETERMINER})(?:\s+(?P<next>{_NOT_NOUN})\b|\s*(?P<punct>[,.;:!?]))",
    re.IGNORECASE,
)
# A determiner before a modal that is followed by a verb, not by what follows the noun ("the can
# increase" has lost its noun; "the will of heaven", "a can of beans" have not).
_MODAL_HOLE = re.compile(
    rf"\b(?P<det>{_DETERMINER})\s+(?P<next>can|will|may|must|might)\s+"
    r"(?!(?:of|to|in|on|for|and|or|that|is|was|power|be\s+(?:done|said))\b)[a-z]+\b",
    re.IGNORECASE,
)
# A sentence that opens with a modal and is not a question has lost its subject ("May have been
# the source of…", "Would also take over…").
_SUBJECTLESS = re.compile(
    r"(?:^|(?<=[.!;]\s))(?P<det>May|Would|Could|Should|Will|Can|Must|Might)\s+"
    r"(?P<next>have|be|also|not|already|still|never|\w+ly)\b[^?]*?(?:[.!;]|$)"
)
# A Chinese statement can be a question without a question mark (你信我干吗。); an English one can
# hold an indirect question that a translation makes direct (察看……吗？).
_ZH_QUESTION_WORDS = re.compile(r"吗|呢|么|吧|怎|什么|为什么|为何|如何|哪|谁|几|多少|岂|难道|是否|何")
_EN_QUESTION_WORDS = re.compile(
    r"\b(whether|if|wonder|wondered|ask|asks|asked|why|how|what|who|whom|which|where|when)\b"
    r"|(?:^|[.!;:,]\s+|\b(?:and|but|so)\s+)(?:do|does|did|is|are|was|were|can|could|would|will|shall|should"
    r"|have|has|may|might|can't|don't|won't|isn't|aren't|wasn't|didn't|doesn't|couldn't|wouldn't"
    r"|shouldn't|haven't|hasn't)\s+(?:i|you|he|she|it|we|they|there|someone|anyone|anybody|somebody)\b",
    re.IGNORECASE,
)


def _bracketed(text: str, s: int, e: int) -> bool:
    """Is ``text[s:e]`` inside a pair of brackets or quotes (a gloss, a quoted sign)?"""
    before, after = text[:s], text[e:]
    for o, c in zip(_OPEN, _CLOSE, strict=True):
        i = before.rfind(o)
        if i < 0:
            continue
        if o == c:  # straight quotes: an odd count before means we are inside
            if before.count(o) % 2 == 1 and c in after:
                return True
            continue
        if before.rfind(c) < i and c in after:
            return True
    return False


def _untranslated(src: str, src_lang: str, tgt: str, tgt_lang: str) -> list[Flag]:
    out: list[Flag] = []
    if tgt_lang == "en" and src_lang == "zh":
        for m in _HAN_RUN.finditer(tgt):
            run = m.group()
            if _bracketed(tgt, m.start(), m.end()) or run not in src:
                continue
            k = src.find(run)
            out.append(
                Flag(
                    "mistranslation",
                    "major",
                    0.85,
                    f'"{run}" is copied from the original into the English translation (left untranslated?)',
                    source_span=(k, k + len(run)),
                    target_span=m.span(),
                )
            )
    elif tgt_lang == "zh" and src_lang == "en":
        vocab = vocabulary()
        src_words = {w.lower() for w in _EN_WORD.findall(src)}
        for m in _LATIN_RUN.finditer(tgt):
            words = m.group().split()
            common = [
                w
                for w in words
                if w == w.lower() and len(w) >= 3 and w in vocab and w in src_words and w not in _ZH_LOANS
            ]
            if not common or _bracketed(tgt, m.start(), m.end()):
                continue
            # part of a URL, a file or user name, wiki markup or code: the run touches a symbol or a
            # digit ("nat0 . badger . k12", "4chan", "{{ fact }}", "Passenger _ rail")
            left, right = tgt[: m.start()].rstrip()[-1:], tgt[m.end() :].lstrip()[:1]
            if left in _CODE or right in _CODE or tgt[m.start() - 1 : m.start()].isdigit():
                continue
            if tgt[m.end() : m.end() + 1].isdigit():
                continue
            k = src.lower().find(common[0])
            out.append(
                Flag(
                    "mistranslation",
                    "major",
                    0.75,
                    f'"{m.group()}" is left in English in the Chinese translation (untranslated?)',
                    source_span=(k, k + len(common[0])) if k >= 0 else None,
                    target_span=m.span(),
                )
            )
    return out


def _question(src: str, src_lang: str, tgt: str) -> list[Flag]:
    if any(q in src for q in _Q) or not any(q in tgt for q in _Q):
        return []
    if (_ZH_QUESTION_WORDS if src_lang == "zh" else _EN_QUESTION_WORDS).search(src):
        return []
    q = min(i for i in (tgt.find(c) for c in _Q) if i >= 0)
    start = max(tgt.rfind(c, 0, q) for c in ".!。！；;") + 1
    while start < q and tgt[start] == " ":
        start += 1
    return [
        Flag(
            "mistranslation",
            "major",
            0.7,
            "the translation asks a question where the original makes a statement",
            target_span=(start, q + 1),
        )
    ]


def _subject_pronoun(text: str, lang: str) -> tuple[str, tuple[int, int]] | None:
    """The gender of a pronoun that opens the text (its subject), with its span."""
    if lang == "zh":
        words = [(w, s, e) for w, s, e in zh_words(text) if w not in _OPEN + _CLOSE]
        if words and (words[0][0] in _MALE_ZH or words[0][0] in _FEMALE_ZH):
            w, s, e = words[0]
            return ("m" if w in _MALE_ZH else "f"), (s, e)
        return None
    m = _EN_WORD.search(text)
    if m and m.group().lower() in ("he", "she"):
        return ("m" if m.group().lower() == "he" else "f"), m.span()
    return None


def _gender(src: str, src_lang: str, tgt: str, tgt_lang: str) -> list[Flag]:
    """Only a pronoun that opens both texts: elsewhere the two sides' pronouns often refer to
    different people (她……a man thinks he), which a bag of pronouns cannot tell apart."""
    a, b = _subject_pronoun(src, src_lang), _subject_pronoun(tgt, tgt_lang)
    if a is None or b is None or a[0] == b[0]:
        return []
    word = {"m": "a man", "f": "a woman"}
    return [
        Flag(
            "mistranslation",
            "major",
            0.8,
            f"the original's subject is {word[a[0]]}, the translation's {word[b[0]]}",
            source_span=a[1],
            target_span=b[1],
        )
    ]


def _missing_word(tgt: str, tgt_lang: str) -> list[Flag]:
    if tgt_lang != "en":
        return []
    out: list[Flag] = []
    for rx in (_HOLE, _MODAL_HOLE):
        for m in rx.finditer(tgt):
            det = m.group("det")
            nxt = m.groupdict().get("next") or m.groupdict().get("punct")
            # "a" as a letter or list marker ("point a, b", "(a)"), "A." as an initial
            if det.lower() == "a" and nxt in (",", ")", ":") or det == "A" and nxt == ".":
                continue
            if len(nxt) >= 2 and nxt.isupper() and not det.isupper():
                continue  # an acronym: "the WHO", "the US"
            out.append(
                Flag(
                    "omission",
                    "major",
                    0.75,
                    f'a word seems to be missing in the translation between "{det}" and "{nxt}"',
                    target_span=(
                        m.start(),
                        m.start("next") + len(nxt) if m.groupdict().get("next") else m.end(),
                    ),
                )
            )
    for m in _SUBJECTLESS.finditer(tgt):
        # "May" is also the month ("May also saw rain"): only "May have", "May be"
        if m.group("det") == "May" and m.group("next") not in ("have", "be"):
            continue
        out.append(
            Flag(
                "omission",
                "major",
                0.7,
                f'the sentence "{m.group("det")} {m.group("next")} …" has no subject in the translation',
                target_span=(m.start(), m.end("next")),
            )
        )
    return out


# Chinese words that put a statement in the future, make it conditional or express intent; "will"
# in an English translation of a sentence with none of them has moved it in time.
_ZH_FUTURE = re.compile(
    r"将|会|要|即将|未来|明年|明天|明日|后天|下周|下个|下月|下一|今后|以后|将来|计划|打算|预计|预期|拟|"
    r"准备|可能|能|愿|肯|预报|预测|届时|之后|稍后|待|必|想|希望|承诺|保证|决定|答应|等|如果|若|一旦|"
    r"除非|只要|到时"
)
_WILL = re.compile(
    r"\b(?P<will>will|shall)\s+(?:not\s+)?(?:\w+ly\s+)?(?!(?:you|we|i|they|he|she|it)\b)(?P<verb>[a-z]+)\b"
)
_WILL_NOUN_BEFORE = frozenset(
    [
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "my",
        "your",
        "our",
        "free",
        "good",
        "ill",
        "own",
        "whose",
    ]
)
_WILL_NOUN_AFTER = frozenset(["of", "to", "and", "or", "power"])
_QUOTES = "“”「」\"'‘’"


def _future(src: str, src_lang: str, tgt: str, tgt_lang: str) -> list[Flag]:
    """A Chinese original with no word for the future, rendered with "will". Dialogue is skipped:
    spoken Chinese leaves the future implicit (我指给你看 = "I'll show you")."""
    if src_lang != "zh" or tgt_lang != "en" or any(q in src + tgt for q in _QUOTES):
        return []
    if _ZH_FUTURE.search(src):
        return []
    for m in _WILL.finditer(tgt):
        before = re.findall(r"[A-Za-z]+", tgt[: m.start()])
        # "the will of heaven", "free will to choose": the noun
        if before and before[-1].lower() in _WILL_NOUN_BEFORE or m.group("verb") in _WILL_NOUN_AFTER:
            continue
        break
    else:
        return []
    return [
        Flag(
            "mistranslation",
            "minor",
            0.6,
            f'"{m.group("will")} {m.group("verb")}" puts this in the future; the original has no word for it',
            target_span=(m.start(), m.end("verb")),
        )
    ]


def check_pair(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Flag]:
    """Untranslated words, a statement turned into a question, a swapped pronoun gender, a word
    visibly missing from an English translation."""
    if {src_lang, tgt_lang} != {"en", "zh"} or not src_text.strip() or not tgt_text.strip():
        return []
    return (
        _untranslated(src_text, src_lang, tgt_text, tgt_lang)
        + _question(src_text, src_lang, tgt_text)
        + _gender(src_text, src_lang, tgt_text, tgt_lang)
        + _missing_word(tgt_text, tgt_lang)
        + _future(src_text, src_lang, tgt_text, tgt_lang)
    )


class FormCheck(PairCheck):
    """Errors of form an editor sees at a glance."""

    name = "form"
    kinds = ("omission", "mistranslation")
    summary = "text left untranslated, a statement made a question, a swapped pronoun, a visible hole"

    def check_pair(self, src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Flag]:
        return check_pair(src_text, src_lang, tgt_text, tgt_lang)

    def run(self, ctx):  # noqa: ANN001, ANN201 - CheckContext -> BeadFlags, as the base class
        out = super().run(ctx)
        units = ctx.options.get("units")
        if units:
            for i, flags in unit_flags(ctx, units).items():
                out.setdefault(i, []).extend(flags)
        return out


def unit_flags(ctx, units) -> dict[int, list[Flag]]:  # noqa: ANN001 - CheckContext, Units
    """What only a bilingual file (XLIFF, TMX) can be wrong about, unit by unit: a target left
    empty (untranslated), and inline tags of the source missing from the target or added to it
    (a lost tag loses a link, a bold span, a footnote mark in the delivered document).

    Sentences of a bilingual file carry their unit's index as their paragraph, so a unit is found
    in the beads whether they are the units themselves or a fresh alignment (``--realign``).
    """
    first_bead: dict[int, int] = {}
    for i, bead in enumerate(ctx.beads):
        for side, ids in (("source", bead.source), ("target", bead.target)):
            doc = ctx.source if side == "source" else ctx.target
            for k in ids:
                first_bead.setdefault(doc.sentences[k].paragraph, i)
    out: dict[int, list[Flag]] = {}
    for u, unit in enumerate(units):
        i = first_bead.get(u)
        if i is None:
            continue
        bead = ctx.beads[i]
        if not (unit.target or "").strip():
            if not bead.target and bead.source:
                src = ctx.bead_texts(i)[0]
                msg = f"unit {unit.id} is not translated (its target is empty)"
                out.setdefault(i, []).append(
                    Flag("omission", "critical", 1.0, msg, source_span=(0, len(src)))
                )
            continue
        if _copied(unit.source, unit.target or "", ctx.target.lang):
            src = ctx.bead_texts(i)[0]
            msg = f"unit {unit.id} is not translated (its target repeats the original)"
            out.setdefault(i, []).append(Flag("omission", "critical", 0.95, msg, source_span=(0, len(src))))
            continue
        missing = _multiset_minus(unit.source_tags, unit.target_tags)
        added = _multiset_minus(unit.target_tags, unit.source_tags)
        if missing:
            msg = f"unit {unit.id}: tag(s) {' '.join(missing)} of the original missing from the translation"
            out.setdefault(i, []).append(Flag("mistranslation", "major", 0.95, msg))
        if added:
            msg = f"unit {unit.id}: tag(s) {' '.join(added)} in the translation are not in the original"
            out.setdefault(i, []).append(Flag("mistranslation", "minor", 0.9, msg))
    return out


def _copied(source: str, target: str, target_lang: str) -> bool:
    """A target that is the source again (a CAT tool's copy-source, never translated): the same text,
    or, for a Chinese target, one with no Chinese in it at all where the source has words."""
    # a name, a figure or a product code is rightly the same in both: only prose counts as a copy
    prose = len(_LATIN_WORD.findall(source)) >= 3 or sum(len(m) for m in _HAN_RUN.findall(source)) >= 4
    if TAG_PLACEHOLDER.sub("", target).split() == TAG_PLACEHOLDER.sub("", source).split():
        return prose
    if target_lang == "zh":
        return prose and not _HAN_RUN.search(target) and len(_LATIN_WORD.findall(target)) >= 3
    return False


_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _multiset_minus(a: tuple[str, ...], b: tuple[str, ...]) -> list[str]:
    rest = list(b)
    out = []
    for t in a:
        if t in rest:
            rest.remove(t)
        else:
            out.append(t)
    return out
