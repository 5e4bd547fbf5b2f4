"""A clause or phrase of one side with no counterpart on the other: the omission (or addition) of
part of a sentence that is otherwise translated.

Why: a translation that drops "following a meeting with X on Sunday" or "after a two-month
consultation with industry groups" from a long sentence keeps most of the meaning, so the bead's
similarity stays ordinary and the coverage check, which works on whole sentences, sees nothing; the
opt-in word-level ``divergence`` check reads the low pair similarity that a long missing span causes
as a free translation and stays quiet. Here each sentence is cut into its clauses and phrases at
punctuation (and, in English, before an adjunct such as "following …", "after …", "including …"),
to which are added the runs of content words with no word link to the other side (an omission with
no comma to cut it off, :func:`unlinked_runs`), and a chunk is reported when a model learned from
human translations calls it unrendered. Its main
evidence: leaving the chunk out brings the two sides closer (a chunk that is translated, however
freely, lowers the match when it is left out), few of its words are linked to the other side (the
learned translation table and CC-CEDICT), and it carries a good share of its sentence. The model
(``CHUNK_FEATURES``, ``align/data/clause_model.json``) was fit on NTREX sentence pairs with one
clause deleted (``benchmarks/clause_fit/fit.py``); it replaced hand gain thresholds (0.10 for an
omission, 0.12 for an addition, 0.06 for an unrendered one), which at the same rate of flagged
faithful clauses found 54.6 % of the deleted ones in held-out NTREX documents against the model's
57.7 %. A floor on the gain stays (``MIN_GAIN``).
Measured on the evaluation sets: ``benchmarks/bench_clauses.py`` and benchmarks/RESULTS.md.

The vectors are multilingual USE (memoised in memory, as for ``divergence``) whatever embedder the
aligner used, since the model is fit on them; when the run's embedder is USE, the two sides'
vectors are the run's own.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from align import logistic
from align.checks.base import Check
from align.checks.context import CheckContext
from align.resources import Resources, default_resources
from align.segment import sentence_spans
from align.text.cedict import translation_overlap
from align.text.datafiles import data_path
from align.text.en import STOPWORDS, en_tokens
from align.text.numbers.extract import extract_numbers
from align.text.spans import without_span
from align.text.wordlinks import WordLinks, dictionary_links, word_links
from align.text.zh import HAN as _HAN
from align.text.zh import zh_words
from align.types import Flag, joined_spans

# A chunk must carry this much content to be judged: English content words / Han characters.
MIN_SIZE = {"en": 3, "zh": 5}
CONFIDENCE = 0.6
# A chunk most of whose content words the dictionary finds on the other side is rendered, and is not
# embedded at all: a third fewer encodings; on bench_clauses.py MAC-Dev false flags 2.2 % → 1.9 %,
# deleted chunks found 22.4 / 21.3 / 23.1 / 10.2 % → 22.3 / 21.1 / 22.9 / 10.2 %.
MAX_COVERAGE = 0.6
# Whatever the model says, a chunk is reported only when leaving it out brings the two sides closer
# by this much (a chunk that is rendered, however freely, lowers the match when it is left out). The
# model learned from news translated closely (NTREX); literary and Bible translators add and
# rephrase more, and the built training pairs cannot tell an addition from an omission, so an added
# chunk keeps the hand rule's gain for new content (0.10). Chosen looking at MAC-Dev, the Bible and
# WMT21 (``bench_clauses.py``: faithful beads flagged, without floors, MAC-Dev 11.7 %, Bible 3.9 %;
# with them 4.3 % and 2.0 %): those sets are in-sample for these two numbers.
MIN_GAIN = {"omission": 0.04, "addition": 0.10}

# English chunk boundaries: clause punctuation, a spaced hyphen, the start of a common adjunct, and
# a second predicate joined by "and"/"but" without a comma ("… reacted sharply and summoned the
# Japanese ambassador"), recognised by a past-tense verb after the conjunction.
_EN_CUT = re.compile(
    r"\s*[,;:()\u2014\u2013]\s*|\s+-+\s+|\s+(?=(?:following|after|before|during|amid|despite|while|"
    r"whereas|including|according to|in order to|as part of)\b)"
    r"|\s+(?=(?:and|but)\s+(?:[a-z]{3,}ed|said|told|made|took|sent|left|gave|went|came|met|held|"
    r"vowed|began|won|lost|led|saw|brought|paid|sold|bought|spent|set|put|cut|kept|threw|drew|wrote|spoke|"
    r"broke|chose|rose|fell|fought)\b)"
)
_ZH_CUT = re.compile(r"[，,；;：:、（）()—]+")
_END = ".!?。！？…"


def _pieces(text: str, start: int, end: int, cut: re.Pattern[str]) -> list[tuple[int, int]]:
    """The non-blank stretches of ``text[start:end]`` between matches of ``cut`` (absolute offsets)."""
    out, pos = [], start
    for m in cut.finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = max(pos, m.end())
    if pos < end:
        out.append((pos, end))
    trimmed = []
    for s, e in out:
        seg = text[s:e]
        s2 = s + len(seg) - len(seg.lstrip())
        e2 = s + len(seg.rstrip().rstrip(_END))  # the highlight stops before the full stop
        if e2 > s2:
            trimmed.append((s2, e2))
    return trimmed


def chunks(text: str, lang: str, sentences: Sequence[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Clauses and phrases of ``text`` as character spans, only from sentences that have two or more
    (a whole sentence without counterpart is the coverage check's business). ``sentences`` are the
    sentence spans where the caller knows them (a bead's sentences); otherwise the project's own
    splitter finds them, so "U.S. Defense Secretary" stays one sentence."""
    cut = _EN_CUT if lang == "en" else _ZH_CUT
    out: list[tuple[int, int]] = []
    for s, e in sentences if sentences is not None else sentence_spans(text, lang):
        parts = _pieces(text, s, e, cut)
        if len(parts) >= 2:
            out += parts
    return out


def content_size(text: str, lang: str) -> int:
    """English content words or Han characters: how much a chunk carries (``MIN_SIZE``)."""
    if lang == "en":
        return sum(
            1 for t in en_tokens(text) if t.lemma not in STOPWORDS and any(c.isalpha() for c in t.text)
        )
    return len(_HAN.findall(text))


def dictionary_coverage(chunk: str, lang: str, other: str) -> float:
    """Share of the chunk's content words whose CC-CEDICT translation is on the other side."""
    if lang == "en":
        return translation_overlap(zh_words(other), chunk).en_coverage
    return translation_overlap(zh_words(chunk), other).zh_coverage


def rest_without(text: str, s: int, e: int, lang: str) -> str:
    """The sentence(s) of ``text`` without the chunk ``text[s:e]``; a chunk that ends its sentence
    is left out together with its full stop (as the gain threshold was calibrated)."""
    while e < len(text) and text[e] in _END:
        e += 1
    return without_span(text, s, e, lang)


@dataclass
class _Side:
    """One side of a bead to judge: its candidate chunks and its text without each of them."""

    kind: str  # "omission" for the original's chunks, "addition" for the translation's
    text: str
    spans: list[tuple[int, int]]
    rests: list[str]
    static: list[dict[str, float]]  # the clause model's features that need no vectors, per chunk
    lang: str = "en"
    other: str = ""  # the other side's text (word links are made only for a chunk worth judging)
    pair_links: WordLinks | None = None  # the pair's word links, when they were made to find runs

    @functools.cached_property
    def links(self) -> WordLinks:
        if self.pair_links is not None:
            return self.pair_links
        return word_links(self.text, self.other) if self.lang == "en" else word_links(self.other, self.text)

    def linked(self, k: int) -> float:
        """Share of chunk ``k``'s content words linked to the other side."""
        return _linked_share(self.links, self.lang, self.spans[k])


# The clause model (learned on NTREX sentence pairs with one clause deleted, see
# ``benchmarks/clause_fit/fit.py`` and ``align/data/clause_model.md``) reads these features of a chunk.
MODEL_NAME = "clause_model.json"
MODEL_PATH = data_path(MODEL_NAME)
CHUNK_FEATURES = (
    "gain",  # how much closer the rest comes to the other side without the chunk (USE cosine)
    "gain_hi",  # the gain beyond 0.05: a large gain says more than the line through small ones
    "full",  # the cosine of the whole text with the other side
    "cov",  # share of the chunk's content words CC-CEDICT finds on the other side
    "cov_gap",  # the whole text's coverage less the chunk's
    "log_size",  # log(1 + content words / Han characters) of the chunk
    "size_share",  # the chunk's share of the text's content
    "zh",  # the chunk is Chinese
    "first",  # the chunk opens its sentence
    "last",  # the chunk closes its sentence
    "linked",  # share of the chunk's content words linked to the other side (learned table + CC-CEDICT)
    "run",  # the chunk is a run of unlinked words, not a stretch between punctuation (see unlinked_runs)
    "figures_gone",  # share of the chunk's figures (dates, amounts …) the other side has nowhere
)


def _static_features(
    text: str,
    lang: str,
    span: tuple[int, int],
    cov: float,
    size: int,
    cov_all: float,
    size_all: int,
    run: bool = False,
    figures_gone: float = 0.0,
) -> dict[str, float]:
    s, e = span
    before, after = text[:s].rstrip(), text[e:].strip()
    return {
        "figures_gone": figures_gone,
        "cov": cov,
        "cov_gap": cov_all - cov,
        "log_size": math.log1p(size),
        "size_share": size / max(size_all, 1),
        "zh": float(lang == "zh"),
        "first": float(not before or before[-1] in _END),
        "last": float(not after or after[0] in _END + "\"”’'"),
        "run": float(run),
    }


def _figure_keys(q) -> set[str]:  # noqa: ANN001 - a numbers.model.Quantity
    return {f"{v:.6g}" for v in q.norms}


def _figures_gone(text: str, lang: str, other: str, spans: Sequence[tuple[int, int]]) -> list[float]:
    """For each span of ``text``: the share of its figures (weak ones left out) that ``other`` has
    nowhere (feature ``figures_gone``; 0 for a span without figures). Each side read once."""
    own = [q for q in extract_numbers(text, lang) if not q.weak]
    if not own:
        return [0.0] * len(spans)
    theirs = set().union(*(_figure_keys(q) for q in extract_numbers(other, "zh" if lang == "en" else "en")))
    out = []
    for s, e in spans:
        inside = [q for q in own if s <= q.start < e]
        out.append(sum(not (_figure_keys(q) & theirs) for q in inside) / len(inside) if inside else 0.0)
    return out


def _linked_share(links: WordLinks, lang: str, span: tuple[int, int]) -> float:
    """Share of the content words inside ``span`` (of the ``lang`` side) that have a link."""
    s, e = span
    if lang == "en":
        inside = [i for i in links.en_content if s <= links.en[i].start < e]
        linked = links.en_linked
    else:
        inside = [j for j in links.zh_content if s <= links.zh[j][1] < e]
        linked = links.zh_linked
    return sum(k in linked for k in inside) / len(inside) if inside else 1.0


def chunk_features(*, gain: float, full: float, static: dict[str, float]) -> dict[str, float]:
    """The clause model's features of one chunk (``CHUNK_FEATURES``)."""
    return {"gain": gain, "gain_hi": max(gain - 0.05, 0.0), "full": full, **static}


def clause_model() -> dict:
    """The shipped clause model (weights, threshold, provenance)."""
    return logistic.load(MODEL_NAME)


def _sides(
    src: str,
    src_lang: str,
    tgt: str,
    tgt_lang: str,
    src_sentences: Sequence[tuple[int, int]] | None = None,
    tgt_sentences: Sequence[tuple[int, int]] | None = None,
) -> list[_Side]:
    if {src_lang, tgt_lang} != {"en", "zh"} or not src.strip() or not tgt.strip():
        return []
    en, zh = (src, tgt) if src_lang == "en" else (tgt, src)
    src_sentences = list(src_sentences) if src_sentences is not None else sentence_spans(src, src_lang)
    links = _pair_links(en, zh, src_lang, src_sentences)
    out = []
    for kind, text, lang, sents, other in (
        ("omission", src, src_lang, src_sentences, tgt),
        ("addition", tgt, tgt_lang, tgt_sentences, src),
    ):
        sents = list(sents) if sents is not None else sentence_spans(text, lang)
        cands = [(sp, False) for sp in chunks(text, lang, sents)]
        # runs only in the original: translators add words to make things explicit, and the model
        # learned from omissions (the built pairs cannot tell an added run from an omitted one)
        if links is not None and kind == "omission":
            seen = {sp for sp, _ in cands}
            cands += [(sp, True) for sp in unlinked_runs(links, lang, text, sents) if sp not in seen]
        spans, covs, sizes, runs = [], [], [], []
        for (s, e), run in cands:
            size = content_size(text[s:e], lang)
            if size < MIN_SIZE[lang]:
                continue
            cov = dictionary_coverage(text[s:e], lang, other)
            if cov < MAX_COVERAGE:
                spans.append((s, e))
                covs.append(cov)
                sizes.append(size)
                runs.append(run)
        if spans:
            rests = [rest_without(text, s, e, lang) for s, e in spans]
            cov_all = dictionary_coverage(text, lang, other)
            size_all = content_size(text, lang)
            gone = _figures_gone(text, lang, other, spans)
            static = [
                _static_features(text, lang, sp, c, z, cov_all, size_all, r, g)
                for sp, c, z, r, g in zip(spans, covs, sizes, runs, gone, strict=True)
            ]
            out.append(_Side(kind, text, spans, rests, static, lang, other, links))
    return out


def _pair_links(en: str, zh: str, original: str, sentences: Sequence[tuple[int, int]]) -> WordLinks | None:
    """The pair's word links when the original may hold a run of unlinked words, else None (the
    links are then made only for a chunk worth judging, as before). "May": it holds such a run by
    CC-CEDICT's links alone. Every link CC-CEDICT makes is among the full links, so a run of the full
    links lies inside a run of these: the pre-filter never hides one, and it spares the learned
    table's links on most beads of a closely translated text."""
    ov = translation_overlap(zh_words(zh), en)
    rough = dictionary_links(en, zh, ov)
    text = en if original == "en" else zh
    if not unlinked_runs(rough, original, text, sentences, context=0):
        return None
    return word_links(en, zh, overlap=ov)


# A run of unlinked words is a candidate when it carries this much (English content words / Han
# characters) and its sentence has at least RUN_CONTEXT linked content words besides (a sentence with
# next to nothing linked is a free rendering or a whole omission: the coverage check's business).
RUN_SIZE = {"en": 3, "zh": 5}
RUN_CONTEXT = 2


def unlinked_runs(
    links: WordLinks,
    lang: str,
    text: str,
    sentences: Sequence[tuple[int, int]],
    context: int = RUN_CONTEXT,
) -> list[tuple[int, int]]:
    """Stretches of one side whose content words, three or more in a row, have no link to the other
    side (function words between them do not break a run; a linked content word, a name or a sentence
    end does): "ill advised to venture out into the desert on foot" left out of a translation that
    renders the rest of the sentence, with no comma to cut it off. Candidates beside the chunks
    between punctuation; the clause model judges both (feature ``run``). ``context``: the linked
    content words a sentence needs besides (``RUN_CONTEXT``)."""
    if lang == "en":
        words = [
            (links.en[i].start, links.en[i].end, i in links.en_linked or _en_name(links, i, text))
            for i in links.en_content
        ]
    else:
        words = [(links.zh[j][1], links.zh[j][2], j in links.zh_linked) for j in links.zh_content]
    out: list[tuple[int, int]] = []
    for s, e in sentences:
        inside = [w for w in words if s <= w[0] < e]
        if sum(linked for *_, linked in inside) < context:
            continue
        run: list[tuple[int, int]] = []
        for a, b, linked in [*inside, (e, e, True)]:
            if not linked:
                run.append((a, b))
                continue
            if run and content_size(text[run[0][0] : run[-1][1]], lang) >= RUN_SIZE[lang]:
                out.append((run[0][0], run[-1][1]))
            run = []
    return out


def _en_name(links: WordLinks, i: int, text: str) -> bool:
    """A capitalised word inside its sentence: a name, which the name check owns (a transliterated
    name is never linked word by word), so it breaks a run instead of lengthening it."""
    t = links.en[i]
    before = text[: t.start].rstrip()
    return t.text[:1].isupper() and bool(before) and before[-1] not in ".!?:;\"“”‘’'("


def _judge(side: _Side, rest_vecs: np.ndarray, own: np.ndarray, other: np.ndarray) -> list[Flag]:
    """Flags for the chunks of ``side`` that the clause model calls unrendered (largest gain first):
    how much closer the rest comes to ``other`` without the chunk, with the chunk's dictionary
    coverage and word links, its size and place (``CHUNK_FEATURES``)."""
    full = float(own @ other)
    gains = rest_vecs @ other - full
    model = clause_model()
    out = []
    taken: list[tuple[int, int]] = []  # spans already reported (a run may overlap a chunk)
    for k in np.argsort(-gains, kind="stable"):
        gain = float(gains[k])
        if gain <= MIN_GAIN[side.kind]:
            break  # sorted by gain: the rest of the chunks lower the match when left out too
        static = side.static[k] | {"linked": side.linked(k)}  # links only for chunks past the floor
        p = logistic.probability(chunk_features(gain=gain, full=full, static=static), model)
        if static["run"]:
            key = "threshold_run"  # a run of unlinked words: candidates of their own operating point
        else:
            key = "threshold_addition" if side.kind == "addition" else "threshold"
        if p < model[key]:
            continue
        s, e = side.spans[k]
        if any(s < e2 and s2 < e for s2, e2 in taken):
            continue  # the same omission, reported by the span that gains more
        taken.append((s, e))
        if side.kind == "omission":
            msg = f'the original\'s "{side.text[s:e]}" has no counterpart in the translation (omitted?; '
            spans = {"source_span": (s, e)}
        else:
            msg = f'"{side.text[s:e]}" in the translation has no counterpart in the original (added?; '
            spans = {"target_span": (s, e)}
        msg += f"the rest matches {gain:.2f} better without it)"
        # the confidence stays on the scale the risk and flag models were fit on
        out.append(Flag(side.kind, "major", CONFIDENCE, msg, **spans))
    return out


def _flags(sides: list[_Side], vecs: np.ndarray, src_vec: np.ndarray, tgt_vec: np.ndarray) -> list[Flag]:
    """Judge every side of one bead; ``vecs`` holds the rests of all its sides, in order."""
    out, k = [], 0
    for side in sides:
        own, other = (src_vec, tgt_vec) if side.kind == "omission" else (tgt_vec, src_vec)
        out += _judge(side, vecs[k : k + len(side.rests)], own, other)
        k += len(side.rests)
    return out


def check_pair(
    src_text: str, src_lang: str, tgt_text: str, tgt_lang: str, resources: Resources | None = None
) -> list[Flag]:
    """An ``omission`` for each chunk of the original, an ``addition`` for each chunk of the
    translation, that the other side does not render (either direction, en↔zh)."""
    sides = _sides(src_text, src_lang, tgt_text, tgt_lang)
    if not sides:
        return []
    rests = [r for side in sides for r in side.rests]
    V = (resources or default_resources()).word_vectors().encode([src_text, tgt_text, *rests])
    return _flags(sides, V[2:], V[0], V[1])


# Beads judged per batch of encoding: one USE call for all their chunk-less variants, in bounded memory.
_BLOCK = 256


def clause_check(ctx: CheckContext, part: int = 0, parts: int = 1) -> dict[int, list[Flag]]:
    """:func:`check_pair` over a document: each bead's sentences are the aligner's (not split
    again), the variants of many beads are encoded in one batch, and where the run's embedder is USE
    the two sides' vectors are the ones the checks already share (``CheckContext``). ``part`` of
    ``parts``: only beads ``part``, ``part + parts`` … (a bead's flags depend on it alone)."""
    src_lang, tgt_lang = ctx.source.lang, ctx.target.lang
    emb = ctx.resources.word_vectors()
    reuse = ctx.embedder.model_id == emb.model_id
    # the rests are kept in the disk cache too: a second run on the document needs no model
    encode = getattr(emb, "encode_kept", emb.encode)
    jobs: list[tuple[int, list[_Side]]] = []
    seen: dict[tuple, list[_Side]] = {}  # a pair of texts met again is cut and looked up once
    for i in range(part, len(ctx.beads), parts):
        bead = ctx.beads[i]
        if bead.is_null:
            continue
        src, tgt = ctx.bead_texts(i)
        src_spans = tuple(joined_spans([ctx.source.sentences[k].text for k in bead.source], src_lang))
        tgt_spans = tuple(joined_spans([ctx.target.sentences[k].text for k in bead.target], tgt_lang))
        key = (src, tgt, src_spans, tgt_spans)
        sides = seen.get(key)
        if sides is None:
            sides = seen[key] = _sides(src, src_lang, tgt, tgt_lang, src_spans, tgt_spans)
        if sides:
            jobs.append((i, sides))
    out: dict[int, list[Flag]] = {}
    for b0 in range(0, len(jobs), _BLOCK):
        block = jobs[b0 : b0 + _BLOCK]
        texts = [r for _, sides in block for side in sides for r in side.rests]
        if not reuse:
            for i, _ in block:
                texts += ctx.bead_texts(i)
        V = encode(texts)
        k, w = 0, len(texts) - (0 if reuse else 2 * len(block))
        for n, (i, sides) in enumerate(block):
            m = sum(len(side.rests) for side in sides)
            if reuse:
                bead = ctx.beads[i]
                sv, tv = ctx.window_vector("source", bead.source), ctx.window_vector("target", bead.target)
            else:
                sv, tv = V[w + 2 * n], V[w + 2 * n + 1]
            flags = _flags(sides, V[k : k + m], sv, tv)
            k += m
            if flags:
                out[i] = flags
    return out


class ClauseCheck(Check):
    """A clause or phrase of one side the other does not render (leave-one-out on sentence vectors;
    about 4 ms a bead, see benchmarks/RESULTS.md)."""

    name = "clause"
    heavy = True  # ~10 s of the Bible's checks: leave-one-out vectors of every chunk
    shares = True  # cut across the processes: its cold run (new chunks to embed) is the longest check
    kinds = ("omission", "addition")
    summary = "a clause or phrase of one side that the other does not render"

    def run(self, ctx: CheckContext) -> dict[int, list[Flag]]:
        return clause_check(ctx)

    def run_share(self, ctx: CheckContext, part: int, parts: int) -> dict[int, list[Flag]]:
        return clause_check(ctx, part, parts)

    def check_pair(self, src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Flag]:
        """The same check on one pair of texts (re-embedded; for benchmarks and notebooks)."""
        return check_pair(src_text, src_lang, tgt_text, tgt_lang, self.resources)
