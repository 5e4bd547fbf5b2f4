#!/usr/bin/env python
"""Build the lexical translation table ``src/align/data/ttable.tsv.gz`` from human translations.

Why: CC-CEDICT says which English words a Chinese word *can* stand for, but not which one
translators actually use, nor how likely each is. Word alignments of ~52k human-translated sentence
pairs give both directions, p(zh|en) and p(en|zh), for the words real texts contain.

Pipeline (one command, deterministic)::

    .venv/bin/python scripts/build_ttable.py [--data ../shared/data/parallel] [--out src/align/data]

1. Read ``/work/shared/data/parallel/*.tsv`` (and nothing else of shared/data), convert Chinese to
   Simplified (OpenCC ``t2s``), tokenise with the project's own tokenisers (jieba words; English
   lower-cased lemmas), drop punctuation and numbers. The tokeniser calls live in
   ``zh_tokens``/``en_tokens``/``cedict_en`` below, one small function each.
2. Word-align with eflomal (HMM + fertility, Gibbs sampling) in both directions, with CC-CEDICT
   pairs as Dirichlet priors. eflomal has no seed option; it seeds from ``/dev/urandom``, so we
   run it with a tiny ``LD_PRELOAD`` shim (built with the system C compiler) that serves a fixed
   byte stream instead: the same input gives the same table.
3. Symmetrise with grow-diag-final-and, count links, estimate p(zh|en) = c(en,zh)/c(en) and
   p(en|zh) = c(en,zh)/c(zh) (c(x) = links of x), prune, and write the table and its data card.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import logging
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

log = logging.getLogger("build_ttable")

# The corpora, in the order (and with the attribution text) of shared/data/parallel/README.md.
SOURCES: dict[str, tuple[str, str]] = {
    "tatoeba.tsv": (
        "CC BY 2.0 FR",
        "Sentences from Tatoeba (https://tatoeba.org), by the Tatoeba contributors, licensed under "
        "CC BY 2.0 FR; exported by manythings.org.",
    ),
    "mlqe-pe.tsv": (
        "CC0-1.0",
        'No attribution required. Please cite Fomicheva et al., "MLQE-PE: A Multilingual Quality '
        'Estimation and Post-Editing Dataset", LREC 2022. The English sentences come from Wikipedia.',
    ),
    "wiki-bio.tsv": (
        "CC BY-SA 3.0",
        "Text from English and Chinese Wikipedia (https://en.wikipedia.org, https://zh.wikipedia.org), "
        "by Wikipedia contributors, CC BY-SA 3.0; sentence alignment by the ZH-EN Parallel Wikipedia "
        "Biography Article Corpus (https://github.com/jz95/ZH-EN-Parallel-Wikipedia-Biography-Article-"
        "Corpus). Modified: whitespace normalised, pairs removed.",
    ),
    "ntrex.tsv": (
        "CC BY-SA 4.0",
        "NTREX-128 (Federmann, Kocmi and Xin, 'NTREX-128 – News Test References for MT Evaluation of "
        "128 Languages', SUMEval 2022), Microsoft, CC BY-SA 4.0; English source from the WMT19 news test "
        "set. Modified: whitespace normalised, pairs removed.",
    ),
    "hsk.tsv": (
        "CC BY-SA 4.0",
        "HSK sentences from hsk-sentences-audio (https://github.com/no7z/hsk-sentences-audio), "
        "© hsk-sentences-audio contributors, CC BY-SA 4.0. Modified: only sentence, translation, level "
        "and topic kept.",
    ),
}

# Pruning: a pair seen once survives only when CC-CEDICT pairs it too; each word keeps at most
# TOP_N translations per direction with probability >= MIN_P (a row stays when either direction keeps it).
TOP_N = 20
MIN_P = 0.01
MIN_COUNT = 2
PRIOR_ALPHA = 0.5  # Dirichlet pseudo-count eflomal adds to every CC-CEDICT pair
N_SAMPLERS = 3
SEED = 20240601

_HAN_OR_WORD = re.compile(r"[\w\u3400-\u9fff]")
_NUMBER = re.compile(r"^[\d.,%％:/+\-−]+$|^[0-9０-９]")


# --------------------------------------------------------------------------------------------------
# Project tokenisers: every call into align.* lives in one of these small functions.
# --------------------------------------------------------------------------------------------------


def to_simplified(text: str) -> str:
    """Traditional → Simplified Chinese (wiki-bio and a few Tatoeba lines are Traditional)."""
    import opencc

    conv = getattr(to_simplified, "_conv", None)
    if conv is None:
        conv = opencc.OpenCC("t2s")
        to_simplified._conv = conv  # type: ignore[attr-defined]
    return conv.convert(text)


def zh_tokens(text: str) -> list[str]:
    """Chinese words of a (simplified) text, punctuation, whitespace and numbers dropped."""
    from align.text.zh import zh_words

    return [w for w, _s, _e in zh_words(text) if keep_zh(w)]


def keep_zh(w: str) -> bool:
    return bool(_HAN_OR_WORD.search(w)) and not _NUMBER.match(w) and " " not in w


def en_tokens(text: str) -> list[str]:
    """Lower-cased English lemmas (the project's lemmatiser); digits never form a token there."""
    from align.text.en import en_tokens as _en_tokens
    from align.text.en import lemma

    out = []
    for t in _en_tokens(text):
        lem = (t.lemma or lemma(t.lower)).lower()
        if lem:
            out.append(lem)
    return out


def cedict_en(zh: str) -> frozenset[str]:
    """Single English lemmas CC-CEDICT gives for a Chinese headword (all senses; none if no headword)."""
    from align.text.cedict import senses
    from align.text.en import STOPWORDS

    return frozenset(w for s in senses(zh) for w in s.words if w not in STOPWORDS and " " not in w)


# --------------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------------


def read_pairs(data: Path) -> Iterator[tuple[str, str, str]]:
    """(source file, en, zh) for every row of the parallel corpora, in README order."""
    csv.field_size_limit(10**7)
    for name in SOURCES:
        path = data / name
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                yield name, row["en"], row["zh"]


def tokenise(data: Path) -> tuple[list[list[str]], list[list[str]], Counter]:
    en_side: list[list[str]] = []
    zh_side: list[list[str]] = []
    per_source: Counter = Counter()
    for name, en, zh in read_pairs(data):
        per_source[name, "read"] += 1
        e = en_tokens(en)
        z = zh_tokens(to_simplified(zh))
        if not e or not z or len(e) > 200 or len(z) > 200:
            continue
        per_source[name, "used"] += 1
        en_side.append(e)
        zh_side.append(z)
    return en_side, zh_side, per_source


# --------------------------------------------------------------------------------------------------
# eflomal with a fixed seed
# --------------------------------------------------------------------------------------------------

_SHIM = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
/* eflomal seeds its generators from /dev/urandom; serve a fixed file instead. */
FILE *fopen(const char *path, const char *mode) {
    static FILE *(*real)(const char *, const char *) = NULL;
    if (!real) real = (FILE *(*)(const char *, const char *))dlsym(RTLD_NEXT, "fopen");
    const char *seed = getenv("EFLOMAL_SEED_FILE");
    if (seed && path && strcmp(path, "/dev/urandom") == 0) return real(seed, mode);
    return real(path, mode);
}
"""


def seeded_env(tmp: Path) -> dict[str, str] | None:
    """Environment that makes eflomal deterministic, or None when no C compiler is available."""
    src = tmp / "seed_shim.c"
    lib = tmp / "seed_shim.so"
    src.write_text(_SHIM)
    try:
        subprocess.run(["cc", "-shared", "-fPIC", "-O2", "-o", str(lib), str(src), "-ldl"], check=True)
    except (OSError, subprocess.CalledProcessError):
        log.warning("no C compiler: eflomal runs unseeded, the table will differ slightly per build")
        return None
    seed_file = tmp / "seed.bin"
    # 1 MiB of bytes derived from SEED (eflomal reads a few words per sampler)
    blocks = [hashlib.sha256(f"{SEED}:{i}".encode()).digest() for i in range(1 << 15)]
    seed_file.write_bytes(b"".join(blocks))
    env = dict(os.environ)
    env["LD_PRELOAD"] = str(lib)
    env["EFLOMAL_SEED_FILE"] = str(seed_file)
    # eflomal's parallel samplers draw their seeds in thread order: one thread keeps them reproducible
    env["OMP_NUM_THREADS"] = "1"
    return env


def run_eflomal(
    en_side: list[list[str]], zh_side: list[list[str]], priors: Iterable[tuple[str, str, float]], tmp: Path
) -> tuple[list[str], list[str]]:
    """Forward (en→zh) and reverse links, one ``i-j`` line per sentence pair (i = en, j = zh)."""
    import eflomal

    src = tmp / "en.txt"
    trg = tmp / "zh.txt"
    pri = tmp / "priors.txt"
    src.write_text("".join(" ".join(s) + "\n" for s in en_side), encoding="utf-8")
    trg.write_text("".join(" ".join(s) + "\n" for s in zh_side), encoding="utf-8")
    pri.write_text("".join(f"LEX\t{e}\t{z}\t{a:g}\n" for e, z, a in priors), encoding="utf-8")
    fwd = tmp / "fwd.links"
    rev = tmp / "rev.links"
    env = seeded_env(tmp)
    # eflomal's Python wrapper spawns its binary; run the wrapper in a child process that carries the
    # preload (setting LD_PRELOAD in this process would not affect an already-running interpreter).
    code = (
        "import eflomal,sys\n"
        f"a = eflomal.Aligner(model=3, n_samplers={N_SAMPLERS})\n"
        "with open(sys.argv[1], encoding='utf-8') as s, open(sys.argv[2], encoding='utf-8') as t, "
        "open(sys.argv[3], encoding='utf-8') as p:\n"
        "    a.align(s, t, links_filename_fwd=sys.argv[4], links_filename_rev=sys.argv[5], priors_input=p)\n"
    )
    del eflomal
    subprocess.run(
        [sys.executable, "-c", code, str(src), str(trg), str(pri), str(fwd), str(rev)],
        check=True,
        env=env,
    )
    return fwd.read_text().splitlines(), rev.read_text().splitlines()


def parse_links(line: str) -> set[tuple[int, int]]:
    return {(int(a), int(b)) for a, b in (x.split("-") for x in line.split())}


def grow_diag_final_and(fwd: set[tuple[int, int]], rev: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Koehn's grow-diag-final-and symmetrisation of two directional alignments."""
    union = fwd | rev
    links = fwd & rev
    aligned_e = {i for i, _ in links}
    aligned_f = {j for _, j in links}
    neigh = ((-1, 0), (0, -1), (1, 0), (0, 1), (-1, -1), (-1, 1), (1, -1), (1, 1))
    added = True
    while added:
        added = False
        for i, j in sorted(links):
            for di, dj in neigh:
                p = (i + di, j + dj)
                if p in union and p not in links and (p[0] not in aligned_e or p[1] not in aligned_f):
                    links.add(p)
                    aligned_e.add(p[0])
                    aligned_f.add(p[1])
                    added = True
    for d in (fwd, rev):
        for i, j in sorted(d):
            if i not in aligned_e and j not in aligned_f:
                links.add((i, j))
                aligned_e.add(i)
                aligned_f.add(j)
    return links


# --------------------------------------------------------------------------------------------------
# Table
# --------------------------------------------------------------------------------------------------


def estimate(
    en_side: list[list[str]], zh_side: list[list[str]], fwd: list[str], rev: list[str]
) -> tuple[Counter, Counter, Counter]:
    pair: Counter = Counter()
    for e, z, lf, lr in zip(en_side, zh_side, fwd, rev, strict=True):
        for i, j in grow_diag_final_and(parse_links(lf), parse_links(lr)):
            if i < len(e) and j < len(z):
                pair[e[i], z[j]] += 1
    c_en: Counter = Counter()
    c_zh: Counter = Counter()
    for (e, z), c in pair.items():
        c_en[e] += c
        c_zh[z] += c
    return pair, c_en, c_zh


def prune(pair: Counter, c_en: Counter, c_zh: Counter) -> list[tuple[str, str, float, float, int]]:
    ok = {(e, z): c for (e, z), c in pair.items() if c >= MIN_COUNT or e in cedict_en(z)}
    by_en: dict[str, list[tuple[float, str]]] = {}
    by_zh: dict[str, list[tuple[float, str]]] = {}
    for (e, z), c in ok.items():
        by_en.setdefault(e, []).append((c / c_en[e], z))
        by_zh.setdefault(z, []).append((c / c_zh[z], e))
    keep: set[tuple[str, str]] = set()
    for e, lst in by_en.items():
        lst.sort(key=lambda x: (-x[0], x[1]))
        keep.update((e, z) for p, z in lst[:TOP_N] if p >= MIN_P)
    for z, lst in by_zh.items():
        lst.sort(key=lambda x: (-x[0], x[1]))
        keep.update((e, z) for p, e in lst[:TOP_N] if p >= MIN_P)
    rows = [(e, z, ok[e, z] / c_en[e], ok[e, z] / c_zh[z], ok[e, z]) for e, z in keep]
    rows.sort(key=lambda r: (r[0], -r[4], r[1]))
    return rows


def source_lines(used: dict[str, int]) -> list[str]:
    """The attribution block of a file derived from ``parallel/``: each source, its licence and how
    many of its pairs were used (every table built from these corpora carries it)."""
    return ["Sources (shared/data/parallel):"] + [
        f"  {name} ({lic}; {used[name]} pairs used): {attr}" for name, (lic, attr) in SOURCES.items()
    ]


def write_table(path: Path, rows: list[tuple[str, str, float, float, int]], header: list[str]) -> None:
    buf = io.StringIO()
    for h in header:
        buf.write(f"# {h}\n" if h else "#\n")
    buf.write("en\tzh\tp_zh_en\tp_en_zh\tcount\n")
    for e, z, p1, p2, c in rows:
        buf.write(f"{e}\t{z}\t{p1:.4g}\t{p2:.4g}\t{c}\n")
    # mtime=0 and no file name: byte-identical output for identical input
    with (
        path.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz,
    ):
        gz.write(buf.getvalue().encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "parallel")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "align" / "data")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    t0 = time.time()

    en_side, zh_side, per_source = tokenise(args.data)
    t_tok = time.time() - t0
    log.info("tokenised %d pairs in %.0f s", len(en_side), t_tok)

    en_vocab = Counter(w for s in en_side for w in s)
    zh_vocab = Counter(w for s in zh_side for w in s)
    priors = sorted((e, z, PRIOR_ALPHA) for z in zh_vocab for e in cedict_en(z) if e in en_vocab)
    log.info("%d CC-CEDICT prior pairs", len(priors))

    with tempfile.TemporaryDirectory(prefix="ttable-") as d:
        t1 = time.time()
        fwd, rev = run_eflomal(en_side, zh_side, priors, Path(d))
        t_align = time.time() - t1
    log.info("aligned in %.0f s", t_align)

    pair, c_en, c_zh = estimate(en_side, zh_side, fwd, rev)
    rows = prune(pair, c_en, c_zh)
    elapsed = time.time() - t0
    n_en = len({r[0] for r in rows})
    n_zh = len({r[1] for r in rows})
    n_tok_en = sum(en_vocab.values())
    n_tok_zh = sum(zh_vocab.values())

    header = [
        "align lexical translation table: p(zh|en) and p(en|zh) from eflomal word alignments of",
        "human English-Chinese translations (grow-diag-final-and links; CC-CEDICT as Dirichlet prior).",
        "Licence: CC BY-SA 4.0 (inherited from the CC BY-SA sources below). See ttable.md.",
        *source_lines({name: per_source[name, "used"] for name in SOURCES}),
    ]
    header += [
        "Rebuild: .venv/bin/python scripts/build_ttable.py"
        " [--data ../shared/data/parallel] [--out src/align/data]",
        f"Counts: {len(en_side)} pairs, {n_tok_en} en tokens, {n_tok_zh} zh tokens, {len(pair)} linked pairs,"
        f" {len(rows)} rows, {n_en} en words, {n_zh} zh words.",
        f"Pruning: count >= {MIN_COUNT} unless CC-CEDICT pairs them; top {TOP_N} per word with p >= {MIN_P}.",
        "Columns: en = lower-cased English lemma, zh = jieba word (Simplified); p_zh_en = c(en,zh)/c(en),"
        " p_en_zh = c(en,zh)/c(zh), c(x) = all links of x before pruning; count = c(en,zh).",
    ]
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / "ttable.tsv.gz"
    write_table(out, rows, header)
    log.info(
        "wrote %s: %d rows, %d en, %d zh, %.1f MB; total %.0f s (tokenise %.0f s, align %.0f s)",
        out,
        len(rows),
        n_en,
        n_zh,
        out.stat().st_size / 1e6,
        elapsed,
        t_tok,
        t_align,
    )
    stats = {
        "pairs": len(en_side),
        "en_tokens": n_tok_en,
        "zh_tokens": n_tok_zh,
        "rows": len(rows),
        "en_words": n_en,
        "zh_words": n_zh,
        "linked_pairs": len(pair),
        "seconds": round(elapsed),
        "tokenise_s": round(t_tok),
        "align_s": round(t_align),
        "bytes": out.stat().st_size,
        "priors": len(priors),
        "sha256": hashlib.sha256(out.read_bytes()).hexdigest()[:16],
    }
    for name in SOURCES:
        stats[f"{name}:read"] = per_source[name, "read"]
        stats[f"{name}:used"] = per_source[name, "used"]
    print("\t".join(f"{k}={v}" for k, v in stats.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
