"""Behaviour snapshots: `python benchmarks/snapshot_reports.py save DIR` then `... compare DIR`.

Why: a restructure must not change what the tool finds. This writes the ``report.json`` content of
the demo, of every written text in ``tests/data`` both ways round (faithful, and with each planted
slip of ``slips.json`` one at a time), of the demo with every check on (``all``), and of MAC-Dev
chapter 001 when ``../shared/data`` is there; ``compare`` reruns them and lists every difference.
Keys a deliberate change adds (a flag's ``check``, the schema number) are ignored.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from align.embed import get_embedder
from align.pipeline import check, demo_paths
from align.report.jsonfile import report_dict

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
MAC = ROOT.parent / "shared" / "data" / "mac-dev"
IGNORED_FLAG_KEYS = ("check",)
# spelled out (not "all") so that the same list runs on code from before "all" reached the API
EVERY_CHECK = ["coverage", "number", "name", "lexical", "form", "clause", "divergence"]


def _canonical(report) -> dict:
    return _normalise(report_dict(report))


def _normalise(d: dict) -> dict:
    """Drop what a deliberate change may alter without changing behaviour (versions, the new keys)."""
    d.pop("schema", None)
    d["signature"].pop("checks", None)
    d["signature"].pop("align", None)
    d["signature"].pop("severity", None)  # added with the learned severities (issue 16)
    d["signature"].get("segmenter", {}).pop("zh", None)  # "align-rules-<version>": the version moves
    for b in d["beads"]:
        for f in b["flags"]:
            for k in IGNORED_FLAG_KEYS:
                f.pop(k, None)
    for side in ("source", "target"):
        d[side]["name"] = ""
    return d


def _cases(tmp: Path):
    """(name, kwargs for ``check``) of every snapshot, in a fixed order."""
    en, zh = demo_paths()
    yield "demo", {"original": en, "translation": zh}
    yield "demo-all", {"original": en, "translation": zh, "checks": EVERY_CHECK}
    slips = json.loads((DATA / "slips.json").read_text(encoding="utf-8"))
    for text in (k for k in slips if not k.startswith("_")):
        for src, tgt in (("en", "zh"), ("zh", "en")):
            original, translation = DATA / f"{text}.{src}.txt", DATA / f"{text}.{tgt}.txt"
            yield f"{text}.{src}-{tgt}", {"original": original, "translation": translation}
            body = translation.read_text(encoding="utf-8")
            for k, slip in enumerate(slips[text].get("slips", [])):
                old, new = slip[tgt]
                planted = tmp / f"{text}.{src}-{tgt}.{k}.{tgt}.txt"
                planted.write_text(body.replace(old, new), encoding="utf-8")
                yield f"{text}.{src}-{tgt}.slip{k}", {"original": original, "translation": planted}
    if (MAC / "zh" / "001").exists():
        yield "mac-001", {
            "original": MAC / "zh" / "001",
            "translation": MAC / "en" / "001",
            "presplit": True,
        }


def _run(kwargs: dict, emb) -> dict:
    return _canonical(check(embedder=emb, **kwargs))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=("save", "compare"))
    ap.add_argument("folder", type=Path)
    ap.add_argument("--only", default="", help="run only cases whose name starts with this")
    args = ap.parse_args(argv)
    emb = get_embedder("use")
    args.folder.mkdir(parents=True, exist_ok=True)
    diffs = 0
    n = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, kwargs in _cases(Path(tmp)):
            if not name.startswith(args.only):
                continue
            n += 1
            got = _run(kwargs, emb)
            path = args.folder / f"{name}.json"
            if args.mode == "save":
                text = json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True)
                path.write_text(text, encoding="utf-8")
                continue
            if not path.exists():
                diffs += 1
                print(f"MISSING: {name} (no {path.name} in {args.folder})")
                continue
            want = _normalise(json.loads(path.read_text(encoding="utf-8")))
            if got != want:
                diffs += 1
                print(f"DIFFERENT: {name}")
                _explain(want, got)
    print(f"{n} snapshots {'saved' if args.mode == 'save' else 'compared'}; {diffs} differ")
    return 1 if diffs else 0


def _explain(want: dict, got: dict) -> None:
    """Print the flags that appear or vanish, bead by bead (what an editor would see change)."""
    for key in ("warnings", "summary", "signature"):
        if want.get(key) != got.get(key):
            print(f"  {key}: {want.get(key)} -> {got.get(key)}")
    wb, gb = want["beads"], got["beads"]
    if [(b["source"], b["target"]) for b in wb] != [(b["source"], b["target"]) for b in gb]:
        print("  beads differ")
        return
    for i, (a, b) in enumerate(zip(wb, gb, strict=True)):
        if a != b:
            am = {f["message"] for f in a["flags"]}
            bm = {f["message"] for f in b["flags"]}
            pairs = zip(a["flags"], b["flags"], strict=False)
            sev = [f"{f['kind']} {f['severity']} -> {g['severity']}" for f, g in pairs
                   if f["message"] == g["message"] and f["severity"] != g["severity"]]
            print(f"  bead {i}: -{sorted(am - bm)} +{sorted(bm - am)} risk {a['risk']} -> {b['risk']}"
                  + (f"; severities {sev}" if sev else ""))


if __name__ == "__main__":
    sys.exit(main())
