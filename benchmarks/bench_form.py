"""The form check (`align.checks.form`) alone on the labelled data: `python benchmarks/bench_form.py`.

Prints how many pairs it flags, per set:

- each DEMETR-zh perturbation file (Chinese original, perturbed English; `pert_check: false` skipped)
  and DEMETR's clean pairs;
- mqm-zhen/ted segments that no rater marked with any `Accuracy/*` error (human and MT, zh→en);
- wmt21-ced-enzh dev pairs labelled NOT and ERR (en→zh);
- the gold beads of MAC-Dev (zh→en) and the Bible (en→zh), faithful published translations.

On the clean and gold sets nearly every flag is a false alarm. Skips where ../shared/data is absent.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_false_flags import gold_beads, share  # noqa: E402

from align.bench.datasets import data_root, read_mqm, read_wmt21  # noqa: E402
from align.checks.form import check_pair  # noqa: E402


def _count(pairs: list[tuple[str, str, str, str]]) -> str:
    return share(sum(bool(check_pair(*p)) for p in pairs), len(pairs))


def main() -> int:
    root = data_root()
    if root is None:
        print("skipped: ../shared/data not found (set ALIGN_DATA to the data folder)")
        return 0
    print("| set | flagged by form |")
    print("|---|---|")
    clean: dict[int, tuple[str, str]] = {}
    for f in sorted((root / "demetr-zh").glob("*.json")):
        rows = json.loads(f.read_text(encoding="utf-8"))
        for r in rows:
            clean[r["id"]] = (r["src_sent"], r["mt_sent"])
        pert = [(r["src_sent"], "zh", r["pert_sent"], "en") for r in rows if r.get("pert_check", True)]
        if pert and not f.stem.startswith("base_"):
            print(f"| demetr {f.stem} | {_count(pert)} |")
    print(f"| demetr clean pairs | {_count([(z, 'zh', e, 'en') for z, e in clean.values()])} |")
    mqm = [(s.src, "zh", s.tgt, "en") for s in read_mqm(root) if not s.accuracy]
    print(f"| mqm-ted segments without an accuracy error | {_count(mqm)} |")
    dev = read_wmt21(root, "dev")
    for label, crit in (("NOT", False), ("ERR", True)):
        pairs = [(p.src, "en", p.tgt, "zh") for p in dev if p.critical == crit]
        print(f"| wmt21 dev {label} | {_count(pairs)} |")
    for name in ("mac-dev", "bible"):
        print(f"| {name} gold beads | {_count(gold_beads(name))} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
