"""Added-name flags with and without the original's preceding beads as context.

Command: ``python benchmarks/bench_names_context.py``. For the gold beads of MAC-Dev and the Bible
(published translations, so nearly every flag is a false alarm), counts the beads with a names flag
from :func:`align.checks.names.check_pair` alone (one bead at a time, as ``bench_false_flags.py``
does) and from :func:`align.checks.names.check.names_check`, the document-level check the pipeline
runs, which does not report a name the translation adds when the original named it within the two
preceding beads. Skips where ../shared/data is absent.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_false_flags import gold_texts  # noqa: E402

from align.bench.datasets import data_root, load_set  # noqa: E402
from align.checks.names.check import NameCheck, check_pair  # noqa: E402


def main() -> int:
    if data_root() is None:
        print("skipped: ../shared/data not found (set ALIGN_DATA to the data folder)")
        return 0
    print("| set | beads | names flagged, bead alone | names flagged, with context |\n|---|---|---|---|")
    for name in ("mac-dev", "bible"):
        n = alone = in_context = 0
        for d in load_set(name):
            texts = gold_texts(d)
            ctx = SimpleNamespace(
                beads=[SimpleNamespace(is_null=False) for _ in texts],
                bead_texts=texts.__getitem__,
                source=SimpleNamespace(lang=d.src_lang),
                target=SimpleNamespace(lang=d.tgt_lang),
                resources=None,
            )
            n += len(texts)
            alone += sum(bool(check_pair(s, d.src_lang, t, d.tgt_lang)) for s, t in texts)
            in_context += len(NameCheck().run(ctx))  # type: ignore[arg-type]
        print(
            f"| {name} | {n} | {alone} ({alone / n:.1%}) | {in_context} ({in_context / n:.1%}) |", flush=True
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
