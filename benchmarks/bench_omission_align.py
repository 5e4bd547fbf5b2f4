"""Does the aligner keep its beads when the translation drops clauses? Run it with python.

Every check stands on the alignment, and the case the checks exist for — a translator dropped a
clause — is exactly what makes a sentence short and tempts the length model to pull a neighbour
into its bead (then the editor sees a false omission next door). Here, in each MAC-Dev chapter
and in the Bible, the last clause (the text after the last comma, at least 8 characters, not the
whole sentence) is cut from a share of the translation's sentences chosen at random (seed 0); the
gold beads stay as they are, since no sentence disappears. Prints strict F1 of the untouched and
the cut translations, and how many gold beads that hold a cut sentence are still found exactly.

Command: ``python benchmarks/bench_omission_align.py``. Options: ``--share 0.1`` (share of
sentences cut), ``--sets mac-dev bible``. Skips where ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import random
import re
import sys

from align.aligner import AlignParams
from align.bench.datasets import data_root, load_set
from align.bench.metric import score
from align.embed import get_embedder
from align.pipeline import align_documents
from align.segment import segment_lines

_CUT = {
    "en": re.compile(r"^(.*\S),\s+([^,]{8,}?)([.!?\"'”’]*)$"),
    "zh": re.compile(r"^(.*[^，]+)，([^，]{4,}?)([。！？”’」]*)$"),
}


def cut_clause(text: str, lang: str) -> str | None:
    """The sentence without its last comma-delimited clause (its closing punctuation kept), or None."""
    m = _CUT[lang].match(text)
    if not m or len(m.group(1)) < 8:
        return None
    return m.group(1) + (m.group(3) or ("." if lang == "en" else "。"))


def run(name: str, share: float, params: AlignParams | None, emb) -> None:
    rng = random.Random(0)
    rows = []
    for cut in (False, True):
        preds, golds, verses, hit, total = [], [], [], 0, 0
        for d in load_set(name):
            tgt_lines = list(d.tgt_lines)
            changed = set()
            if cut:
                for k, line in enumerate(tgt_lines):
                    if rng.random() < share:
                        new = cut_clause(line, d.tgt_lang)
                        if new is not None:
                            tgt_lines[k] = new
                            changed.add(k)
            src = segment_lines(list(d.src_lines), d.src_lang, "source")
            tgt = segment_lines(tgt_lines, d.tgt_lang, "target")
            beads, *_ = align_documents(src, tgt, embedder=emb, params=params)
            pred = [(tuple(b.source), tuple(b.target)) for b in beads]
            preds.append(pred)
            golds.append(list(d.gold))
            verses.append((list(d.src_verse), list(d.tgt_verse)) if d.src_verse is not None else None)
            found = set(pred)
            for g in d.gold:
                if changed & set(g[1]):
                    total += 1
                    hit += (tuple(g[0]), tuple(g[1])) in found
        v = verses if any(x is not None for x in verses) else None
        f1 = score(preds, golds, verse=v).strict_f1
        rows.append((cut, f1, hit, total))
    for cut, f1, hit, total in rows:
        label = (
            f"{share:.0%} of translation sentences lose their last clause" if cut else "translation untouched"
        )
        extra = f"; gold beads with a cut sentence found exactly: {hit}/{total}" if cut else ""
        print(f"| {name} | {label} | {f1:.4f}{extra} |", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--share", type=float, default=0.1)
    ap.add_argument("--sets", nargs="+", default=["mac-dev", "bible"])
    ap.add_argument("--number-weight", type=float, default=None, help="override AlignParams.number_weight")
    ap.add_argument("--length-weight", type=float, default=None, help="override AlignParams.length_weight")
    a = ap.parse_args()
    if data_root() is None:
        print("skipped: ../shared/data not found (set ALIGN_DATA to the data folder)")
        return 0
    over = {
        k: v
        for k, v in (("number_weight", a.number_weight), ("length_weight", a.length_weight))
        if v is not None
    }
    params = AlignParams(**over) if over else None
    emb = get_embedder("use")
    print("| set | translation | strict F1 |\n|---|---|---|")
    for name in a.sets:
        run(name, a.share, params, emb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
