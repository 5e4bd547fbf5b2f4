"""Planted errors in real professional translations (WMT news documents):
`python benchmarks/bench_planted.py [--docs 12] [--kinds number,negation,...] [--folders wmt21.en-zh,...]
[--domains news] [--seed 0] [--quick] [-j 1] [--checks ...] [--out /tmp/bench_planted]`.

Data: ``shared/data/wmt-docs/`` (read its README): per test set and direction, line-parallel ``src.txt`` /
``ref.txt`` and ``docs.tsv``. Only lines with a doc id are used, grouped into documents in file order;
documents of 6-60 segments in the chosen domains (news by default) are kept, and ``--docs`` of them per
folder are drawn with a fixed seed. ``wmt23.en-zh`` has no doc ids and is skipped.

1. Faithful documents: the checker runs on (original = src lines, translation = ref lines) of each
   document; reported: major-or-critical flags per 50 segments, flags of any severity per 100 segments,
   the share of documents with a critical flag, the most frequent flag checks/kinds and a few example
   messages (printed only: they quote WMT text).
2. Planted errors: for each document, copies of the translation with exactly one planted error each
   (``benchmarks/planting.py``: number, negation, antonym, name, term, clause_drop, sentence_drop,
   sentence_add), planted in the translation side; en-zh and zh-en folders cover both directions. A kind
   that finds nothing to edit in a document counts as not planted, not as missed. A planted error is
   *found with the right kind* when the run has a flag of the expected kind (number -> number;
   negation/antonym/term -> mistranslation; name -> name; drops -> omission; sentence_add -> addition)
   in a bead holding the touched line (the source line whose rendering was dropped, the target line
   otherwise) that the faithful run of the same document did not already raise: a flag counts as old when
   the faithful run had one of the same kind and message in a bead with the same source text or the same
   target text (the touched bead's target text always changes, so comparing both sides' text at once would
   count every old flag of that bead as new). *Found with any new flag* counts a new flag of any kind there.
3. Splits: wmt19, wmt21, wmt23 are dev; **wmt22 is held out** and reported separately. Note:
   wmt19.en-zh's English and its refB are in ``parallel/ntrex.tsv``, which trains the project's translation
   table, so wmt19 is in-sample for it (ref = the official WMT19 reference, a different translation).

Nothing derived from wmt-docs is written into the repository: the aggregate JSON goes to ``--out``
(default /tmp/bench_planted, refused inside the repository); embeddings are cached where ``ALIGN_CACHE``
points. Only aggregate figures, flag-check counts and ten example messages are printed.
Default run (12 documents per folder, 6 folders, 9 checks per document): about 15-25 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import planting as P  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("ALIGN_WMT_DOCS", "/work/shared/data/wmt-docs"))
FOLDERS = (
    "wmt19.en-zh", "wmt21.en-zh", "wmt21.zh-en", "wmt22.en-zh", "wmt22.zh-en", "wmt23.en-zh", "wmt23.zh-en"
)
HELD_OUT_YEARS = ("wmt22",)
# parallel/ntrex.tsv (CC BY-SA, may train what ships): the flag model's training documents, both ways
PARALLEL = Path(os.environ.get("ALIGN_PARALLEL", "/work/shared/data/parallel"))
NTREX_FOLDERS = ("ntrex.en-zh", "ntrex.zh-en")
MIN_SEGS, MAX_SEGS = 6, 60


def split_of(folder: str) -> str:
    if folder.startswith("ntrex"):
        return "train"
    return "held-out" if folder.split(".")[0] in HELD_OUT_YEARS else "dev"


@dataclass
class Doc:
    folder: str
    doc: str
    src: list[str]
    tgt: list[str]
    src_lang: str
    tgt_lang: str


def load_ntrex(folder: str) -> list[Doc]:
    """NTREX news documents of ``parallel/ntrex.tsv`` (English original, human Chinese translation);
    ``ntrex.zh-en`` swaps the sides, so the English is checked as if it rendered the Chinese."""
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in (PARALLEL / "ntrex.tsv").read_text(encoding="utf-8").split("\n")[1:]:
        f = row.split("\t")
        if len(f) >= 3 and f[1].strip() and f[2].strip():
            groups[f[0]].append((f[1], f[2]))
    out = []
    for k, pairs in groups.items():
        if not MIN_SEGS <= len(pairs) <= MAX_SEGS:
            continue
        en, zh = [p[0] for p in pairs], [p[1] for p in pairs]
        out.append(Doc(folder, k, en, zh, "en", "zh") if folder.endswith("en-zh")
                   else Doc(folder, k, zh, en, "zh", "en"))
    return out


def load_folder(folder: str, domains: set[str]) -> list[Doc]:
    """Documents of one folder: lines with a doc id, grouped in file order, 6-60 segments, chosen domains."""
    if folder.startswith("ntrex"):
        return load_ntrex(folder)
    d = DATA / folder
    src = (d / "src.txt").read_text(encoding="utf-8").split("\n")
    ref = (d / "ref.txt").read_text(encoding="utf-8").split("\n")
    groups: dict[str, list[int]] = defaultdict(list)
    domain: dict[str, str] = {}
    for row in (d / "docs.tsv").read_text(encoding="utf-8").split("\n")[1:]:
        f = row.split("\t")
        if len(f) < 4 or not f[2]:
            continue
        groups[f[2]].append(int(f[0]) - 1)
        domain[f[2]] = f[3]
    sl, tl = folder.split(".")[1].split("-")
    return [
        Doc(folder, k, [src[i] for i in ids], [ref[i] for i in ids], sl, tl)
        for k, ids in groups.items()
        if domain[k] in domains and MIN_SEGS <= len(ids) <= MAX_SEGS
    ]


# ------------------------------------------------------------------------------------------- resources


def english_vocab() -> tuple[Counter, set[str]]:
    """Lower-case word counts of all English text in wmt-docs, and the capitalised words never seen in
    lower case (likely names)."""
    low: Counter = Counter()
    caps: set[str] = set()
    for folder in FOLDERS:
        d = DATA / folder
        if not d.exists():
            continue
        names = ["src.txt"] if folder.endswith("en-zh") else ["ref.txt", "refB.txt"]
        for n in names:
            if (d / n).exists():
                for w in re.findall(r"[A-Za-z]+", (d / n).read_text(encoding="utf-8")):
                    if w.islower():
                        low[w] += 1
                    elif w[0].isupper() and w[1:].islower():
                        caps.add(w)
    return low, {w for w in caps if w.lower() not in low}


class Resources:
    """What the planting functions need, built once per run."""

    def __init__(self) -> None:
        self.antonyms = P.load_wordnet_antonyms()
        self.nouns = P.load_noun_net()
        low, self.en_names = english_vocab()
        self.vocab = frozenset(w for w, c in low.items() if c >= 3)
        from align.checks.names.gazetteer import lexicon
        from align.checks.names.text import name_key

        self._lex, self._key = lexicon(), name_key

    def en_name_type(self, word: str) -> str | None:
        """place / person for a capitalised word the corpus never writes in lower case; None otherwise."""
        if word not in self.en_names:
            return None
        entries = self._lex.en_index.get(self._key(word), [])
        gaz = [e for e in entries if e.origin == "gazetteer"]
        for e in gaz or entries:
            if e.coarse == "place":
                return "place"
            if e.coarse in ("org", "other") and gaz:
                return None
        return "person"

    def zh_common(self, word: str) -> bool:
        """An ordinary CC-CEDICT word (英里, 清真寺) that is no known name: not a name to swap."""
        return word in self._lex.zh_common and word not in self._lex.zh_index

    def name_pool(self, docs: list[Doc]) -> dict[str, dict[str, set[str]]]:
        """{doc id: {type: names}} of the translations of a folder's documents."""
        out: dict[str, dict[str, set[str]]] = {}
        for d in docs:
            pool: dict[str, set[str]] = defaultdict(set)
            for line in d.tgt:
                if d.tgt_lang == "zh":
                    for s, e, t in P.zh_name_spans(line, self.zh_common):
                        pool[t].add(line[s:e])
                else:
                    for s, e in P.en_name_spans(line):
                        t = self.en_name_type(line[s:e])
                        if t:
                            pool[t].add(line[s:e])
            out[d.doc] = pool
        return out


def plant_all(doc: Doc, kinds: list[str], res: Resources, pools, others: list[str], seed: int):
    """The planted copies of one document (``None`` for a kind with nothing to plant)."""
    own = pools[doc.doc]
    pool = {
        t: sorted({n for k, p in pools.items() if k != doc.doc for n in p.get(t, ())} - own.get(t, set()))
        for t in ("person", "place")
    }
    out = {}
    for kind in kinds:
        rng = random.Random(f"{seed}|{doc.folder}|{doc.doc}|{kind}")
        out[kind] = P.plant_document(
            kind,
            doc.tgt,
            doc.tgt_lang,
            rng,
            antonyms=res.antonyms,
            pool=pool,
            name_type=res.en_name_type,
            zh_common=res.zh_common,
            nouns=res.nouns,
            vocab=res.vocab,
            others=others,
        )
    return out


# --------------------------------------------------------------------------------------------- checking

_EMB = None
_CHECKS = None
_SEVERITY = None


def _init(checks, dump: bool = False, severity: str | None = None) -> None:
    global _EMB, _CHECKS, _DUMP, _SEVERITY
    from align.embed import get_embedder

    _EMB, _CHECKS, _DUMP, _SEVERITY = get_embedder("use"), checks, dump, severity


def _run(src_lines, tgt_lines, src_lang, tgt_lang):
    from align.pipeline import check_documents
    from align.segment import segment_lines

    return check_documents(
        segment_lines(src_lines, src_lang, "source"),
        segment_lines(tgt_lines, tgt_lang, "target"),
        embedder=_EMB,
        checks=_CHECKS,
        severity=_SEVERITY,
    )


def _old_keys(report) -> tuple[set, set]:
    src, tgt = set(), set()
    for i, fl in enumerate(report.flags):
        s, t = report.bead_text(i, "source"), report.bead_text(i, "target")
        for f in fl:
            src.add((s, f.kind, f.message))
            tgt.add((t, f.kind, f.message))
    return src, tgt


def evaluate(report, planted: P.Planted, old: tuple[set, set]) -> dict:
    """Whether the run flags the planted error in the right bead: right kind / right kind major+ / any."""
    expected = P.EXPECTED_FLAG[planted.kind]
    res = {"right": False, "right_major": False, "any": False, "unrelated": bool(report.unrelated)}
    for i, b in enumerate(report.beads):
        ids = b.source if planted.side == "source" else b.target
        if planted.line not in ids:
            continue
        s, t = report.bead_text(i, "source"), report.bead_text(i, "target")
        for f in report.flags[i]:
            if (s, f.kind, f.message) in old[0] or (t, f.kind, f.message) in old[1]:
                continue
            res["any"] = True
            if f.kind == expected:
                res["right"] = True
                res["right_major"] |= f.severity in ("critical", "major")
    return res


def _flag_rows(report, meta: dict, label_of) -> list[dict]:
    """One row per flag for the flag model's fit (``--dump``): its features, its check/kind/severity
    and a label from ``label_of(i, flag)`` (1 real, 0 false, None: leave the flag out)."""
    from align.flagmodel import report_features

    rows = []
    for i, (fl, feats) in enumerate(zip(report.flags, report_features(report), strict=True)):
        for f, x in zip(fl, feats, strict=True):
            lab = label_of(i, f)
            if lab is None:
                continue
            rows.append(meta | {"label": lab[0], "right": lab[1], "check": f.check, "kind": f.kind,
                                "severity": f.severity, "bead": i, "x": x, "message": f.message,
                                "spans": [f.source_span, f.target_span],
                                "texts": [report.bead_text(i, "source"), report.bead_text(i, "target")],
                                "langs": [report.source.lang, report.target.lang]})
    return rows


def _planted_label(report, planted: P.Planted, old: tuple[set, set]):
    expected = P.EXPECTED_FLAG[planted.kind]
    touched = {
        i for i, b in enumerate(report.beads)
        if planted.line in (b.source if planted.side == "source" else b.target)
    }

    def label(i: int, f) -> tuple[int, bool] | None:
        s, t = report.bead_text(i, "source"), report.bead_text(i, "target")
        if (s, f.kind, f.message) in old[0] or (t, f.kind, f.message) in old[1]:
            return None  # the faithful run raised it already
        return (1, f.kind == expected) if i in touched else (0, False)

    return label


_DUMP = False


def check_doc(task) -> dict:
    doc, planted = task
    t0 = time.perf_counter()
    faithful = _run(doc.src, doc.tgt, doc.src_lang, doc.tgt_lang)
    meta = {"folder": doc.folder, "doc": doc.doc, "segments": len(doc.src), "split": split_of(doc.folder)}
    rows = _flag_rows(faithful, meta | {"run": "faithful"}, lambda i, f: (0, False)) if _DUMP else []
    flags = [f for fl in faithful.flags for f in fl]
    out = {
        "folder": doc.folder,
        "doc": doc.doc,
        "segments": len(doc.src),
        "flags": len(flags),
        "major_plus": sum(f.severity in ("critical", "major") for f in flags),
        "critical": sum(f.severity == "critical" for f in flags),
        "unrelated": bool(faithful.unrelated),
        "checks": Counter(f"{f.check}/{f.kind}" for f in flags),
        "messages": [(f"{f.check}/{f.kind}", f.severity, f.message) for f in flags],
        "planted": {},
    }
    old = _old_keys(faithful)
    for kind, p in planted.items():
        if p is None:
            out["planted"][kind] = None
            continue
        src = doc.src
        rep = _run(src, list(p.lines), doc.src_lang, doc.tgt_lang)
        out["planted"][kind] = evaluate(rep, p, old)
        if _DUMP:  # a marker row per planted copy (recall needs the copies without any flag too)
            rows.append(meta | {"run": kind, "marker": True, "unrelated": bool(rep.unrelated)})
            rows += _flag_rows(rep, meta | {"run": kind}, _planted_label(rep, p, old))
    out["rows"] = rows
    out["seconds"] = time.perf_counter() - t0
    out["runs"] = 1 + sum(p is not None for p in planted.values())
    return out


# ---------------------------------------------------------------------------------------------- report


def pct(a: int, n: int) -> str:
    return f"{a}/{n} ({a / n:.0%})" if n else "–"


def faithful_rows(results: list[dict]) -> dict:
    segs = sum(r["segments"] for r in results)
    n = len(results)
    return {
        "docs": n,
        "segments": segs,
        "major_plus_per_50": 50 * sum(r["major_plus"] for r in results) / max(segs, 1),
        "flags_per_100": 100 * sum(r["flags"] for r in results) / max(segs, 1),
        "docs_with_critical": sum(r["critical"] > 0 for r in results) / max(n, 1),
        "unrelated_docs": sum(r["unrelated"] for r in results),
    }


def planted_rows(results: list[dict], kinds: list[str]) -> dict:
    rows = {}
    for kind in [*kinds, "all"]:
        ks = kinds if kind == "all" else [kind]
        vals = [r["planted"][k] for r in results for k in ks if k in r["planted"]]
        done = [v for v in vals if v is not None]
        rows[kind] = {
            "planted": len(done),
            "not_plantable": len(vals) - len(done),
            "right": sum(v["right"] for v in done),
            "right_major": sum(v["right_major"] for v in done),
            "any": sum(v["any"] for v in done),
            "unrelated": sum(v["unrelated"] for v in done),
        }
    return rows


def print_planted(title: str, rows: dict) -> None:
    print(f"\n### {title}\n")
    print("| kind | planted | not plantable | right kind | right kind, major+ | any new flag |")
    print("|---|---|---|---|---|---|")
    for kind, r in rows.items():
        name = f"**{kind}**" if kind == "all" else kind
        print(
            f"| {name} | {r['planted']} | {r['not_plantable']} | {pct(r['right'], r['planted'])} | "
            f"{pct(r['right_major'], r['planted'])} | {pct(r['any'], r['planted'])} |"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=12, help="documents per folder (default 12, seeded draw)")
    ap.add_argument("--kinds", default=",".join(P.KINDS), help="comma list of " + ",".join(P.KINDS))
    ap.add_argument("--folders", default=",".join(FOLDERS))
    ap.add_argument("--domains", default="news", help="comma list (news, conversation, ecommerce, ...)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--quick", action="store_true", help="2 documents per folder (smoke test)")
    ap.add_argument("-j", type=int, default=1, help="worker processes (default 1)")
    ap.add_argument("--checks", default=None, help="comma list passed to the checker (default: its defaults)")
    ap.add_argument("--severity", choices=("learned", "rules"), default=None,
                    help="flag severities (default: the pipeline's; --dump always records the rules')")
    ap.add_argument("--dump", default=None,
                    help="write one JSON line per flag (features and label) here, for benchmarks/flag_fit")
    ap.add_argument(
        "--out", default="/tmp/bench_planted", help="folder for the aggregate JSON (outside the repo)"
    )
    args = ap.parse_args(argv)
    t_start = time.perf_counter()
    if not DATA.exists():
        print(f"skipped: {DATA} not found (set ALIGN_WMT_DOCS)")
        return 0
    out_dir = Path(args.out).resolve()
    if out_dir == REPO or REPO in out_dir.parents:
        ap.error("--out must be outside the repository (nothing derived from wmt-docs goes into it)")
    kinds = [k for k in args.kinds.split(",") if k]
    bad = [k for k in kinds if k not in P.KINDS]
    if bad:
        ap.error(f"unknown kinds {bad}; expected {P.KINDS}")
    n_docs = 2 if args.quick else args.docs
    domains = set(args.domains.split(","))
    if "antonym" in kinds and not P.WORDNET.exists():
        print("note: /usr/share/wordnet absent (apt-get install wordnet-base): English antonyms and terms "
              "cannot be planted", file=sys.stderr)

    res = Resources()
    tasks, skipped = [], []
    for folder in args.folders.split(","):
        if not (PARALLEL / "ntrex.tsv" if folder.startswith("ntrex") else DATA / folder).exists():
            skipped.append(f"{folder} (missing)")
            continue
        docs = load_folder(folder, domains)
        if not docs:
            skipped.append(f"{folder} (no documents with doc ids in {sorted(domains)})")
            continue
        chosen = random.Random(f"{args.seed}|{folder}").sample(docs, min(n_docs, len(docs)))
        pools = res.name_pool(docs)
        for d in chosen:
            others = [x for o in docs if o.doc != d.doc for x in o.tgt]
            tasks.append((d, plant_all(d, kinds, res, pools, others, args.seed)))
    t_plant = time.perf_counter() - t_start
    print(f"planted {len(tasks)} documents in {t_plant:.0f} s; checking ...", file=sys.stderr)

    results = []
    checks = args.checks
    # the flag model is fit on the rules' own severities: a dump records those
    severity = "rules" if args.dump else args.severity
    if args.j > 1:
        import multiprocessing as mp

        ctx = mp.get_context("spawn")
        with ctx.Pool(args.j, initializer=_init, initargs=(checks, bool(args.dump), severity)) as pool:
            for k, r in enumerate(pool.imap_unordered(check_doc, tasks), 1):
                results.append(r)
                print(f"[{k}/{len(tasks)}] {r['folder']} {r['seconds']:.1f} s", file=sys.stderr)
    else:
        _init(checks, bool(args.dump), severity)
        for k, t in enumerate(tasks, 1):
            r = check_doc(t)
            results.append(r)
            print(f"[{k}/{len(tasks)}] {r['folder']} {r['seconds']:.1f} s", file=sys.stderr)
    results.sort(key=lambda r: (r["folder"], r["doc"]))
    if args.dump:
        dump = Path(args.dump).resolve()
        if dump == REPO or REPO in dump.parents:
            ap.error("--dump must be outside the repository")
        dump.parent.mkdir(parents=True, exist_ok=True)
        with dump.open("w", encoding="utf-8") as fh:
            for r in results:
                for row in r["rows"]:
                    fh.write(json.dumps(row) + "\n")
        print(f"flag rows: {dump}", file=sys.stderr)
    for r in results:
        r.pop("rows", None)
    total = time.perf_counter() - t_start

    folders = sorted({r["folder"] for r in results})
    by_split = {s: [r for r in results if split_of(r["folder"]) == s] for s in ("train", "dev", "held-out")}
    summary: dict = {"settings": vars(args) | {"docs_per_folder": n_docs}, "skipped": skipped}

    print("# Planted errors in professional WMT translations (benchmarks/bench_planted.py)\n")
    print(f"docs per folder {n_docs}, domains {sorted(domains)}, seed {args.seed}, checks "
          f"{args.checks or 'default'}; dev = wmt19/21/23, **held out = wmt22**; wmt19 is in-sample for the "
          "translation table (ntrex)")
    if skipped:
        print("skipped: " + "; ".join(skipped))
    print("\n## Faithful translations (src vs ref)\n")
    print("| folder | split | docs | segments | major+critical / 50 seg | flags / 100 seg "
          "| docs with critical |")
    print("|---|---|---|---|---|---|---|")
    faithful = {}
    for name, rs in [*[(f, [r for r in results if r["folder"] == f]) for f in folders],
                     *[(f"**{s}**", v) for s, v in by_split.items() if v]]:
        row = faithful_rows(rs)
        faithful[name.strip("*")] = row
        split = split_of(name) if not name.startswith("**") else ""
        print(f"| {name} | {split} | {row['docs']} | {row['segments']} | {row['major_plus_per_50']:.2f} | "
              f"{row['flags_per_100']:.1f} | {row['docs_with_critical']:.0%} |")
    summary["faithful"] = faithful
    for split, rs in by_split.items():
        if not rs:
            continue
        counts = sum((r["checks"] for r in rs), Counter())
        print(f"\nmost frequent flags on faithful text ({split}, check/kind): "
              + ", ".join(f"{k} {v}" for k, v in counts.most_common(10)))
        summary.setdefault("faithful_checks", {})[split] = dict(counts.most_common(10))
    msgs = [m for r in results for m in r["messages"]]
    rng = random.Random(args.seed)
    top = [k for k, _ in sum((r["checks"] for r in results), Counter()).most_common()]
    groups = {k: rng.sample(g, len(g)) for k in top if (g := [m for m in msgs if m[0] == k])}
    examples = []
    while len(examples) < 10 and any(groups.values()):  # round-robin over check/kinds, most frequent first
        for k in top:
            if groups.get(k) and len(examples) < 10:
                examples.append(groups[k].pop())
    print("\nexample flags on faithful text:")
    for k, sev, m in examples[:10]:
        print(f"- {k} {sev}: {m[:160]}")

    summary["planted"] = {}
    for split, rs in by_split.items():
        if not rs:
            continue
        label = {
            "held-out": "held-out split (wmt22; not used for tuning)",
            "dev": "dev split (wmt19, wmt21, wmt23)",
            "train": "NTREX (parallel/, the flag model's training documents: in-sample for it)",
        }[split]
        rows = planted_rows(rs, kinds)
        summary["planted"][split] = rows
        print_planted(f"Planted errors — {label}", rows)
    print("\n### Planted errors per folder (all kinds)\n")
    print("| folder | split | planted | right kind | any new flag |")
    print("|---|---|---|---|---|")
    summary["planted_per_folder"] = {}
    for f in folders:
        row = planted_rows([r for r in results if r["folder"] == f], kinds)["all"]
        summary["planted_per_folder"][f] = row
        print(f"| {f} | {split_of(f)} | {row['planted']} | {pct(row['right'], row['planted'])} | "
              f"{pct(row['any'], row['planted'])} |")
    runs = sum(r["runs"] for r in results)
    unrelated = sum(v["unrelated"] for r in results for v in r["planted"].values() if v)
    per_run = sum(r["seconds"] for r in results) / max(runs, 1)
    print(f"\n{runs} checker runs on {len(results)} documents; total time {total / 60:.1f} min "
          f"(planting {t_plant:.0f} s, checking {per_run:.2f} s per run)"
          + (f"; {unrelated} planted runs withheld all flags as 'unrelated texts'" if unrelated else ""))
    summary["runs"], summary["seconds"] = runs, total
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "summary.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False, default=str))
    print(f"aggregate figures: {out_dir / 'summary.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
