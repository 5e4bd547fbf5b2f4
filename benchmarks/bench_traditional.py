"""Traditional Chinese input: `python benchmarks/bench_traditional.py`.

Why: a Traditional translation (or original) is checked through a Simplified copy. A conversion
that gets a character wrong (乾隆 → 干隆, 著名 → 着名) turns a faithful word into a different one,
which the dictionary, the name check and the embeddings then read wrongly.

For the demo and every written text in ``tests/data`` (both ways round), this converts the Chinese
side to Traditional with OpenCC (``s2tw``, Taiwan standard, the form users most often hold), checks
the pair, and compares the flags with those of the Simplified original: every flag that appears or
vanishes is a difference the conversion caused. Needs the ``opencc`` package (a dependency).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import opencc

from align.embed import get_embedder
from align.pipeline import check, demo_paths

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def _flags(original: Path, translation: Path, emb) -> list[tuple[int, str, str]]:
    r = check(original, translation, embedder=emb)
    return sorted((i, f.kind, f.severity) for i, fl in enumerate(r.flags) for f in fl)


def main() -> int:
    emb = get_embedder("use")
    to_trad = opencc.OpenCC("s2tw")
    en, zh = demo_paths()
    pairs = [("demo", en, zh)]
    slips = json.loads((DATA / "slips.json").read_text(encoding="utf-8"))
    pairs += [(t, DATA / f"{t}.en.txt", DATA / f"{t}.zh.txt") for t in slips if not t.startswith("_")]
    total = {"same": 0, "differ": 0, "extra": 0, "lost": 0}
    print("| text | direction | flags (Simplified) | flags (Traditional) | appeared | vanished |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, en_path, zh_path in pairs:
            trad = Path(tmp) / f"{name}.zh-tw.txt"
            trad.write_text(to_trad.convert(zh_path.read_text(encoding="utf-8")), encoding="utf-8")
            for direction, args_s, args_t in (
                ("en-zh", (en_path, zh_path), (en_path, trad)),
                ("zh-en", (zh_path, en_path), (trad, en_path)),
            ):
                simp, tw = _flags(*args_s, emb), _flags(*args_t, emb)
                extra = [f for f in tw if f not in simp]
                lost = [f for f in simp if f not in tw]
                total["same" if not extra and not lost else "differ"] += 1
                total["extra"] += len(extra)
                total["lost"] += len(lost)
                row = (name, direction, len(simp), len(tw), len(extra), len(lost))
                print("| " + " | ".join(map(str, row)) + " |", flush=True)
    print(
        f"\n{total['same']} runs identical, {total['differ']} differ; "
        f"{total['extra']} flags appeared and {total['lost']} vanished with Traditional input"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
