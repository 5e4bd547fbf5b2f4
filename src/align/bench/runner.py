"""Benchmark runner: align a pre-split evaluation set with default settings and score it.

Prints one table: this project vs Bertalign's stored output (LaBSE, GPU), strict and lax P/R/F1,
wall time split into reading, embedding, aligning and writing, and peak memory. Timings are wall
clock on whatever machine runs it; RESULTS.md says which.
"""

from __future__ import annotations

import resource
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from align.aligner import AlignParams
from align.bench.datasets import SETS, format_align, load_set
from align.bench.metric import Scores, score
from align.embed import CachedEmbedder, get_embedder
from align.embed.cache import EmbeddingCache
from align.pipeline import align_documents
from align.segment import segment_lines


@dataclass
class BenchResult:
    name: str
    ours: Scores
    bertalign: Scores | None
    timings: dict[str, float]
    peak_rss_mb: float
    sentences: int
    embedder: str
    embedded: int


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(
    name: str,
    *,
    embedder: str = "use",
    params: AlignParams | None = None,
    root: Path | None = None,
    limit: float | None = None,
    cache: bool = True,
) -> BenchResult:
    """Align every document of set ``name`` (``mac-dev`` or ``bible``) and score it against gold.

    ``limit`` (0-1) keeps only that leading fraction of each document's gold beads — used to check
    that time grows linearly with length. ``cache=False`` embeds everything afresh into an empty
    embedding cache in a temporary folder, as a user's first run does (a cold run).
    """
    if name not in SETS:
        raise ValueError(f"unknown set {name!r}; choose from {', '.join(SETS)}")
    t0 = time.perf_counter()
    docs = load_set(name, root)
    timings = {"read": time.perf_counter() - t0, "embed": 0.0, "lexicon": 0.0, "align": 0.0, "write": 0.0}
    preds, golds, berts, verses = [], [], [], []
    n_sent = 0
    with tempfile.TemporaryDirectory() as tmp:
        if cache:
            emb = get_embedder(embedder)
        else:  # an empty on-disk cache (the CC-CEDICT build stays cached: it is made once per machine)
            fresh = EmbeddingCache(Path(tmp) / "emb.sqlite")
            emb = CachedEmbedder(get_embedder(embedder, cache=False), fresh)
        embedded_before = getattr(emb, "computed", 0)
        for d in docs:
            gold = list(d.gold)
            src_lines, tgt_lines = list(d.src_lines), list(d.tgt_lines)
            if limit is not None:
                gold = gold[: max(1, int(len(gold) * limit))]
                ns = max((max(b[0]) + 1 for b in gold if b[0]), default=0)
                nt = max((max(b[1]) + 1 for b in gold if b[1]), default=0)
                src_lines, tgt_lines = src_lines[:ns], tgt_lines[:nt]
            src = segment_lines(src_lines, d.src_lang, "source")
            tgt = segment_lines(tgt_lines, d.tgt_lang, "target")
            n_sent += len(src) + len(tgt)
            beads, _, _, _, tm = align_documents(src, tgt, embedder=emb, params=params)
            timings["embed"] += tm["embed"] + tm.get("tokens", 0.0)  # --precise: token vectors
            timings["lexicon"] += tm.get("lexicon", 0.0)
            timings["align"] += tm["align"]
            tw = time.perf_counter()
            pred = [(b.source, b.target) for b in beads]
            (Path(tmp) / f"{d.name}.align").write_text(format_align(pred), encoding="utf-8")
            timings["write"] += time.perf_counter() - tw
            preds.append(pred)
            golds.append(gold)
            berts.append(list(d.bertalign) if d.bertalign is not None and limit is None else None)
            verses.append((list(d.src_verse), list(d.tgt_verse)) if d.src_verse is not None else None)
    # window embeddings are computed inside the alignment call; move that share to "embed"
    verse_arg = verses if any(v is not None for v in verses) else None
    ours = score(preds, golds, verse=verse_arg)
    bert = score(berts, golds, verse=verse_arg) if all(b is not None for b in berts) else None
    return BenchResult(
        name=name,
        ours=ours,
        bertalign=bert,
        timings=timings,
        peak_rss_mb=peak_rss_mb(),
        sentences=n_sent,
        embedder=emb.model_id,
        embedded=getattr(emb, "computed", 0) - embedded_before,
    )


def format_table(r: BenchResult) -> str:
    """A Markdown table, ready to paste into benchmarks/RESULTS.md."""
    lines = [
        f"### {r.name} ({r.sentences} sentences, embedder {r.embedder})",
        "",
        "| aligner | strict P | strict R | strict F1 | lax P | lax R | lax F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    rows = [("align (this project)", r.ours)]
    if r.bertalign is not None:
        rows.append(("Bertalign (stored output, LaBSE)", r.bertalign))
    for label, s in rows:
        lines.append(
            f"| {label} | {s.strict_p:.3f} | {s.strict_r:.3f} | {s.strict_f1:.3f} | "
            f"{s.lax_p:.3f} | {s.lax_r:.3f} | {s.lax_f1:.3f} |"
        )
    t = r.timings
    total = sum(t.values())
    lines += [
        "",
        f"wall time {total:.1f} s: read {t['read']:.1f} s, embed {t['embed']:.1f} s, "
        f"dictionary vectors {t['lexicon']:.1f} s, align {t['align']:.1f} s (incl. embedding bead windows; "
        f"{r.embedded} new embeddings in all), "
        f"write {t['write']:.2f} s; peak RSS {r.peak_rss_mb:.0f} MB",
    ]
    return "\n".join(lines)
