"""Scale benchmark: `python benchmarks/bench_scale.py [--sentences 100000]`.

Builds a long parallel pair by repeating the Bible's gold beads in shuffled blocks until each side
has about N sentences (identical sentences embed once, thanks to the cache; the block boundaries
give new multi-sentence windows), aligns it with default settings and prints wall time, peak RSS,
and the share of gold beads recovered. Checks that every sentence lands in exactly one bead.
Skips with a message where ../shared/data is absent.

``--full`` runs what a user runs instead: ``align.pipeline.check`` on two one-sentence-per-line
files (read, segment, embed, align, every default check, risk) and writes every report format, and
prints the time and the peak resident memory of each stage (Linux: read from /proc).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from align.bench.datasets import data_root, load_set
from align.bench.runner import peak_rss_mb
from align.pipeline import align_documents
from align.segment import segment_lines


def build(n_target: int, seed: int = 0):
    doc = load_set("bible")[0]
    beads = [b for b in doc.gold if b[0] and b[1]]
    blocks = [beads[i : i + 50] for i in range(0, len(beads), 50)]
    rng = random.Random(seed)
    src, tgt, gold = [], [], []
    while len(src) < n_target:
        block = rng.choice(blocks)
        for s_ids, t_ids in block:
            gold.append(
                (tuple(range(len(src), len(src) + len(s_ids))), tuple(range(len(tgt), len(tgt) + len(t_ids))))
            )
            src.extend(doc.src_lines[k] for k in s_ids)
            tgt.extend(doc.tgt_lines[k] for k in t_ids)
    return src, tgt, gold


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sentences", type=int, default=100_000)
    ap.add_argument("--full", action="store_true", help="whole pipeline: checks and every report format")
    a = ap.parse_args()
    if data_root() is None:
        print("skipped: ../shared/data is absent (set ALIGN_DATA to the evaluation data folder)")
        return 0
    src_lines, tgt_lines, gold = build(a.sentences)
    if a.full:
        return full(src_lines, tgt_lines, gold)
    src = segment_lines(src_lines, "en", "source")
    tgt = segment_lines(tgt_lines, "zh", "target")
    t0 = time.perf_counter()
    beads, _, _, _, timings = align_documents(src, tgt)
    wall = time.perf_counter() - t0
    assert [k for b in beads for k in b.source] == list(range(len(src)))
    assert [k for b in beads for k in b.target] == list(range(len(tgt)))
    pred = {(b.source, b.target) for b in beads}
    exact = sum(g in pred for g in gold) / len(gold)
    print(
        f"{len(src)} source / {len(tgt)} target sentences: {wall:.1f} s wall "
        f"({', '.join(f'{k} {v:.1f} s' for k, v in timings.items())}), peak RSS {peak_rss_mb():.0f} MB, "
        f"{exact:.3f} of gold beads recovered exactly"
    )
    return 0


def full(src_lines: list[str], tgt_lines: list[str], gold) -> int:
    from align.pipeline import check
    from align.report import write_report

    with tempfile.TemporaryDirectory() as tmp:
        en, zh = Path(tmp, "en.txt"), Path(tmp, "zh.txt")
        en.write_text("\n".join(src_lines) + "\n", encoding="utf-8")
        zh.write_text("\n".join(tgt_lines) + "\n", encoding="utf-8")
        meter = _StageMeter()
        t0 = time.perf_counter()
        report = check(en, zh, presplit=True, progress=meter.progress)
        t1 = time.perf_counter()
        meter.stage = "writing"
        files = write_report(report, Path(tmp, "out"))
        t2 = time.perf_counter()
        meter.stop()
        size = sum(f.stat().st_size for f in files) / 1e6
    beads = report.beads
    assert [k for b in beads for k in b.source] == list(range(len(src_lines)))
    assert [k for b in beads for k in b.target] == list(range(len(tgt_lines)))
    pred = {(b.source, b.target) for b in beads}
    exact = sum(g in pred for g in gold) / len(gold)
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in report.timings.items())
    flagged = sum(1 for fl in report.flags if fl)
    print(
        f"{len(src_lines)} source / {len(tgt_lines)} target sentences, full pipeline: {t2 - t0:.1f} s wall "
        f"(check {t1 - t0:.1f} s: {stages}; writing {len(files)} files, {size:.0f} MB: {t2 - t1:.1f} s), "
        f"peak RSS {peak_rss_mb():.0f} MB, {exact:.3f} of gold beads recovered exactly, "
        f"{flagged} of {len(beads)} beads flagged"
    )
    print("peak RSS by stage: " + ", ".join(f"{k} {v} MB" for k, v in meter.peaks.items()))
    return 0


class _StageMeter:
    """Samples this process's resident memory every 50 ms and keeps the peak of each pipeline stage.

    The stage names come from the pipeline's ``progress`` callback, so the figures say where memory
    goes (``ru_maxrss`` only gives the overall peak). Reading and segmenting happen before the first
    callback and count towards the first stage.
    """

    def __init__(self) -> None:
        import threading

        self.stage = "reading"
        self.peaks: dict[str, int] = {}
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def progress(self, stage: str, done: int, total: int) -> None:
        self.stage = stage.split(" (")[0]

    def _run(self) -> None:
        while not self._done.wait(0.05):
            with open("/proc/self/status") as fh:
                rss = next(int(line.split()[1]) // 1024 for line in fh if line.startswith("VmRSS:"))
            self.peaks[self.stage] = max(self.peaks.get(self.stage, 0), rss)

    def stop(self) -> None:
        self._done.set()
        self._thread.join()


if __name__ == "__main__":
    sys.exit(main())
