"""The clause check (`align.checks.clauses`) on labelled and synthetic data:
`python benchmarks/bench_clauses.py`.

Prints, per set, the share of beads with a clause flag:

- faithful translations, where every flag is a false alarm: MAC-Dev gold beads (Chinese novels,
  zh→en), every third Bible gold bead (en→zh), mqm-zhen/ted segments no rater marked with an
  `Accuracy/*` error (zh→en), wmt21-ced-enzh dev pairs labelled NOT (en→zh);
- the same faithful beads with one chunk (a clause or phrase of at least 3 English content words / 5
  Han characters, chosen at random with a fixed seed) deleted from the translation: an omission
  flag is a hit; and deleted from the original: an addition flag is a hit;
- DEMETR-zh `major_id5_pp_removed` (a prepositional phrase removed from the English).

Skips with a message where ../shared/data is absent.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_false_flags import gold_beads, share  # noqa: E402

from align.bench.datasets import data_root, read_mqm, read_wmt21  # noqa: E402
from align.checks.clauses import MIN_SIZE, check_pair, chunks, content_size, rest_without  # noqa: E402

Pair = tuple[str, str, str, str]


def _delete_chunk(text: str, lang: str, rng: random.Random) -> str | None:
    ch = [c for c in chunks(text, lang) if content_size(text[c[0] : c[1]], lang) >= MIN_SIZE[lang]]
    if not ch:
        return None
    s, e = rng.choice(ch)
    return rest_without(text, s, e, lang)


def _has(flags: list, kind: str | None) -> bool:
    return any(kind is None or f.kind == kind for f in flags)


def _share(pairs: list[Pair], kind: str | None = None) -> str:
    return share(sum(_has(check_pair(*p), kind) for p in pairs), len(pairs))


def main() -> int:
    root = data_root()
    if root is None:
        print("skipped: ../shared/data not found (set ALIGN_DATA to the data folder)")
        return 0
    faithful: dict[str, list[Pair]] = {
        "mac-dev gold beads (zh→en)": gold_beads("mac-dev"),
        "bible gold beads, every third (en→zh)": gold_beads("bible")[::3],
        "mqm-ted without accuracy error (zh→en)": [
            (s.src, "zh", s.tgt, "en") for s in read_mqm(root) if not s.accuracy
        ],
        "wmt21 dev NOT (en→zh)": [
            (p.src, "en", p.tgt, "zh") for p in read_wmt21(root, "dev") if not p.critical
        ],
    }
    print("| set | beads flagged | with an omission flag | with an addition flag |")
    print("|---|---|---|---|")
    for name, pairs in faithful.items():
        flags = [check_pair(*p) for p in pairs]
        cells = [
            share(sum(_has(fl, kind) for fl in flags), len(pairs)) for kind in (None, "omission", "addition")
        ]
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
    rng = random.Random(0)
    for name in ("mac-dev gold beads (zh→en)", "bible gold beads, every third (en→zh)"):
        omitted, added = [], []
        for s, sl, t, tl in faithful[name]:
            t2 = _delete_chunk(t, tl, rng)
            if t2 is not None:
                omitted.append((s, sl, t2, tl))
            s2 = _delete_chunk(s, sl, rng)
            if s2 is not None:
                added.append((s2, sl, t, tl))
        print(f"| {name}, a chunk deleted from the translation: omission flagged | ", end="")
        print(f"{_share(omitted, 'omission')} | | |")
        print(f"| {name}, a chunk deleted from the original: addition flagged | ", end="")
        print(f"{_share(added, 'addition')} | | |")
    rows = json.loads((root / "demetr-zh" / "major_id5_pp_removed.json").read_text(encoding="utf-8"))
    pp = [(r["src_sent"], "zh", r["pert_sent"], "en") for r in rows if r.get("pert_check", True)]
    print(f"| demetr pp_removed | {_share(pp)} | | |")
    clean = {r["id"]: (r["src_sent"], "zh", r["mt_sent"], "en") for r in rows}
    print(f"| demetr clean pairs of that file | {_share(list(clean.values()))} | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
