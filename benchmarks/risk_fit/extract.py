"""Per-pair raw signals for fitting and evaluating the bead risk (``align.risk``).

Each record holds a sentence pair (texts, languages), its USE cosine, the flags the default pair
checks raise on it (``number``, ``name``, ``lexical``, ``form`` through ``cls().check_pair`` of the
registry's classes, and ``clause`` through ``align.checks.clauses.check_pair``; each flag stamped
with its check's name, as the pipeline does), a label, a document id and a group. Written as JSON
lines to ``<cache_dir>/risk_fit/<set>.jsonl``; features are computed later from these records by
``align.risk.pair_features`` (the function the pipeline uses).

Sets. Fit on (``fit.py``): ``mqm21`` (MQM newstest2021 zh-en, Apache-2.0; label = any rater marked
a Major ``Accuracy/*`` or ``Non_translation`` error) and ``planted`` (faithful pairs of
``parallel/ntrex.tsv`` and ``parallel/mlqe-pe.tsv``, each once untouched (0) and once with one
planted error (1), in a random direction: en→zh or zh→en). Measured only: ``mqm_ted``,
``wmt21_dev``, ``demetr`` (evaluation sets) and ``gmt23`` (MQM generalMT2023, GPL-3: measured, never
fit on).

Usage: ``python benchmarks/risk_fit/extract.py [SET ...]`` (all sets by default; two processes
over disjoint sets halve the time, see ``refit.sh``).
"""

from __future__ import annotations

import argparse
import csv
import functools
import json
import random
import re
import sys
import time
from dataclasses import asdict, replace
from pathlib import Path

from align.bench.datasets import data_root, read_mqm, read_wmt21
from align.checks import clauses
from align.checks.registry import by_name
from align.embed import get_embedder
from align.paths import cache_dir
from align.text.zh import zh_words

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/planting.py

SETS = ("mqm21", "planted", "mqm_ted", "wmt21_dev", "demetr", "gmt23")
PAIR_CHECKS = ("number", "name", "lexical", "form")
# bounded extraction (2 CPU cores): deterministic samples of the larger sets
LIMITS = {"mqm21": 6000, "mqm_ted_mt": 3600, "gmt23": 1200, "planted_ntrex": 1000, "planted_mlqe": 700}
SEED = 13


def work_dir() -> Path:
    d = cache_dir() / "risk_fit"
    d.mkdir(parents=True, exist_ok=True)
    return d


# ------------------------------------------------------------------------------------------------
# readers
# ------------------------------------------------------------------------------------------------


def read_mqm_file(path: Path, human: tuple[str, ...]) -> list[dict]:
    """One record per (system, segment) of an MQM tsv (mqm-train format); ``<v>`` marks removed."""
    segs: dict[tuple[str, str], dict] = {}
    with open(path, encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for row in reader:
            if len(row) < 9:
                continue
            system, doc, _doc_id, seg_id, _rater, source, target, category, severity = row[:9]
            key = (system, seg_id)
            bad = severity == "Major" and (category.startswith("Accuracy/") or category.startswith("Non"))
            if key not in segs:
                src, tgt = (t.replace("<v>", "").replace("</v>", "") for t in (source, target))
                segs[key] = {
                    "id": f"{system}|{seg_id}",
                    "src": src,
                    "src_lang": "zh",
                    "tgt": tgt,
                    "tgt_lang": "en",
                    "label": False,
                    "doc": doc,
                    "group": "human" if system in human else "MT",
                }
            segs[key]["label"] = segs[key]["label"] or bad
    return [r for r in segs.values() if r["src"].strip() and r["tgt"].strip()]


def sample(rows: list[dict], n: int, seed: int = SEED) -> list[dict]:
    if len(rows) <= n:
        return rows
    return sorted(random.Random(seed).sample(rows, n), key=rows.index)


def read_mqm21(root: Path) -> list[dict]:
    rows = read_mqm_file(root / "mqm-train" / "newstest2021" / "mqm_newstest2021_zhen.tsv", ("ref", "refB"))
    return sample(rows, LIMITS["mqm21"])


def read_gmt23(root: Path) -> list[dict]:
    rows = read_mqm_file(root / "mqm-train" / "generalMT2023" / "mqm_generalMT2023_zhen.tsv", ("ref",))
    return sample(rows, LIMITS["gmt23"])


def read_ted(root: Path) -> list[dict]:
    rows = [
        {
            "id": f"{v.system}|{v.doc}|{v.seg_id}",
            "src": v.src,
            "src_lang": "zh",
            "tgt": v.tgt,
            "tgt_lang": "en",
            "label": v.major_accuracy,
            "doc": f"{v.system}|{v.doc}",
            "group": "human" if v.human else "MT",
        }
        for v in read_mqm(root)
    ]
    human = [r for r in rows if r["group"] == "human"]
    return human + sample([r for r in rows if r["group"] == "MT"], LIMITS["mqm_ted_mt"])


def read_wmt21_dev(root: Path) -> list[dict]:
    return [
        {
            "id": p.id,
            "src": p.src,
            "src_lang": "en",
            "tgt": p.tgt,
            "tgt_lang": "zh",
            "label": p.critical,
            "doc": None,
            "group": "wmt21",
        }
        for p in read_wmt21(root, "dev")
    ]


def read_demetr(root: Path) -> list[dict]:
    """DEMETR zh→en: the clean MT pairs (group ``clean``) and every perturbed pair (group = file)."""
    out, seen = [], set()
    for f in sorted((root / "demetr-zh").glob("*.json")):
        for r in json.loads(f.read_text(encoding="utf-8")):
            if r["id"] not in seen:
                seen.add(r["id"])
                out.append(_demetr(r, r["mt_sent"], "clean", False))
            if r.get("pert_check", True) and not f.stem.startswith("base_"):
                out.append(_demetr(r, r["pert_sent"], f.stem, r["severity"] in ("critical", "major")))
    return out


def _demetr(r: dict, tgt: str, group: str, label: bool) -> dict:
    return {
        "id": f"{group}|{r['id']}",
        "src": r["src_sent"],
        "src_lang": "zh",
        "tgt": tgt,
        "tgt_lang": "en",
        "label": label,
        "doc": None,
        "group": group,
    }


# ------------------------------------------------------------------------------------------------
# planted errors
# ------------------------------------------------------------------------------------------------

_EN_NEG = [
    (r"\b(is|are|was|were|will|can|could|should|would|has|have|had|does|did|do)\b", r"\1 not"),
]
_EN_UNNEG = [(r"\b(\w+) not\b", r"\1"), (r"n't\b", "")]
_ZH_NEG = [("是", "不是"), ("会", "不会"), ("能", "不能"), ("有", "没有"), ("可以", "不可以"), ("要", "不要")]
_ZH_UNNEG = [("不是", "是"), ("没有", "有"), ("不会", "会"), ("不能", "能"), ("不", ""), ("没", "")]
_EN_STOP = set(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "not",
        "no",
        "will",
        "would",
        "can",
        "could",
        "should",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
    ]
)
_CLAUSE = {"en": re.compile(r"(?<=[,;:])\s+"), "zh": re.compile(r"(?<=[，；：、])")}


def _clauses(text: str, lang: str) -> list[str]:
    return [c for c in _CLAUSE[lang].split(text) if c.strip()]


def _join(parts: list[str], lang: str) -> str:
    return ("" if lang == "zh" else " ").join(parts)


def _content_words(text: str, lang: str) -> list[str]:
    if lang == "zh":
        return [w for w, _, _ in zh_words(text) if len(w) >= 2 and all("\u4e00" <= c <= "\u9fff" for c in w)]
    return [w for w in re.findall(r"[A-Za-z]{4,}", text) if w.lower() not in _EN_STOP]


_WORDNET = Path("/usr/share/wordnet")


@functools.cache
def _wordnet_pos(pos: str) -> frozenset[str]:
    """Single-word lemmas of one WordNet part of speech (``adj``, ``noun``, ``verb``, ``adv``); empty
    without WordNet (then the word-level plants below find no candidates and other kinds are used)."""
    path = _WORDNET / f"index.{pos}"
    if not path.exists():
        return frozenset()
    with open(path, encoding="utf-8", errors="replace") as f:
        return frozenset(
            w for line in f if not line.startswith(" ") and (w := line.split(" ", 1)[0]).isalpha()
        )


def _en_adjectives(text: str) -> list[str]:
    """Words of ``text`` that WordNet knows only as adjectives (the modifiers to add elsewhere)."""
    adj, other = _wordnet_pos("adj"), _wordnet_pos("noun") | _wordnet_pos("verb")
    return [
        w for w in re.findall(r"\b[a-z]{4,}\b", text) if w in adj and w not in other and w not in _EN_STOP
    ]


def _en_nouns(text: str) -> list[re.Match]:
    """Lower-case words of ``text`` that WordNet knows only as nouns (where a modifier can go)."""
    noun, other = _wordnet_pos("noun"), _wordnet_pos("adj") | _wordnet_pos("verb")
    return [m for m in re.finditer(r"\b[a-z]{4,}\b", text) if m.group() in noun and m.group() not in other]


def _zh_pos(text: str, tags: tuple[str, ...]) -> list[tuple[str, int]]:
    """(word, offset) of the jieba words of ``text`` tagged with one of ``tags`` (two characters or more)."""
    from planting import zh_tokens

    return [(w, k) for w, t, k in zh_tokens(text) if t in tags and len(w) >= 2 and HAN_ONLY.match(w)]


_EN_NOT_MODIFIERS = {"most", "more", "much", "many", "less", "least", "such", "other", "same", "only", "able"}
HAN_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")


def plant_word(tgt: str, lang: str, other: str, rng: random.Random, op: str) -> str | None:
    """One word dropped from ``tgt`` (``word_drop``: a noun, verb or adjective), or a modifier taken from
    ``other`` put before one of its nouns (``word_add``: "affected *wild* pets", 受影响的*野生*宠物)."""
    if lang == "en":
        if op == "word_drop":
            cands = [m for m in re.finditer(r"\b[A-Za-z]{4,}\b", tgt) if m.group().lower() not in _EN_STOP]
            if len(cands) < 4:
                return None
            m = rng.choice(cands)
            new = re.sub(r"\s{2,}", " ", tgt[: m.start()] + tgt[m.end() :]).strip()
            return re.sub(r" ([,.;:!?])", r"\1", new)
        adjs = [a for a in _en_adjectives(other) if a not in tgt and a not in _EN_NOT_MODIFIERS]
        nouns = _en_nouns(tgt)
        adjs = adjs or [m.group() for m in _en_nouns(other) if m.group() not in tgt]
        if not nouns or not adjs:
            return None
        m = rng.choice(nouns)
        return tgt[: m.start()] + rng.choice(adjs) + " " + tgt[m.start() :]
    if op == "word_drop":
        cands = _zh_pos(tgt, ("n", "v", "vn", "a", "ad", "an", "d"))
        if len(cands) < 4:
            return None
        w, k = rng.choice(cands)
        return tgt[:k] + tgt[k + len(w) :]
    nouns = _zh_pos(tgt, ("n",))
    adjs = [w for w, _ in _zh_pos(other, ("a", "an", "b")) if w not in tgt]
    adjs = adjs or [w for w, _ in _zh_pos(other, ("n",)) if w not in tgt]
    if not nouns or not adjs:
        return None
    _, k = rng.choice(nouns)
    return tgt[:k] + rng.choice(adjs) + tgt[k:]


def plant(tgt: str, lang: str, other: str, rng: random.Random) -> tuple[str, str] | None:
    """One error planted in the translation ``tgt``; ``other`` is another translation of the set
    (source of swapped words, added modifiers and added clauses). Returns (new text, operation) or None."""
    ops = ["drop", "number", "negation", "swap", "add", "word_drop", "word_add"]
    rng.shuffle(ops)
    for op in ops:
        if op in ("word_drop", "word_add"):
            new = plant_word(tgt, lang, other, rng, op)
            if new and new != tgt:
                return new, op
        elif op == "drop":
            cl = _clauses(tgt, lang)
            if len(cl) >= 2:
                k = rng.randrange(len(cl))
                parts = cl[:k] + cl[k + 1 :]
                new = _join(parts, lang)
                if lang == "en" and k == 0:
                    new = new[:1].upper() + new[1:]
                return new, op
        elif op == "number":
            nums = list(re.finditer(r"\d+(?:[.,]\d+)?", tgt))
            if nums:
                m = rng.choice(nums)
                digits = m.group().replace(",", "")
                try:
                    v = float(digits)
                except ValueError:
                    continue
                nv = v * rng.choice((2, 3, 10)) + rng.choice((0, 1, 7)) if v else rng.choice((3, 12, 40))
                s = str(int(nv)) if "." not in digits else f"{nv:.1f}"
                return tgt[: m.start()] + s + tgt[m.end() :], op
        elif op == "negation":
            table = (_EN_UNNEG + _EN_NEG) if lang == "en" else (_ZH_UNNEG[:4] + _ZH_NEG)
            for pat, rep in table:
                if lang == "en":
                    new, n = re.subn(pat, rep, tgt, count=1)
                else:
                    n = tgt.count(pat)
                    new = tgt.replace(pat, rep, 1)
                if n and new != tgt:
                    return new, op
        elif op == "swap":
            mine, theirs = _content_words(tgt, lang), _content_words(other, lang)
            theirs = [w for w in theirs if w not in mine]
            if mine and theirs:
                w = rng.choice(mine)
                return tgt.replace(w, rng.choice(theirs), 1), op
        elif op == "add":
            cl = _clauses(other, lang) or [other]
            extra = rng.choice(cl).strip().rstrip("。.!！?？")
            if len(extra) >= (4 if lang == "zh" else 12):
                if lang == "zh":
                    base = tgt.rstrip("。!！?？")
                    return base + "，" + extra.strip("，,") + tgt[len(base) :], op
                base = tgt.rstrip(".!?")
                return base + ", " + extra[:1].lower() + extra[1:].strip(",") + tgt[len(base) :], op
    return None


def read_planted(root: Path) -> list[dict]:
    """Faithful pairs, each twice: untouched (label 0) and with one planted error (label 1)."""
    rng = random.Random(SEED)
    pairs: list[tuple[str, str, str, str]] = []  # (corpus, doc, en, zh)
    for name, doc_col, limit in (("ntrex", "doc", "planted_ntrex"), ("mlqe-pe", "doc", "planted_mlqe")):
        with open(root / "parallel" / f"{name}.tsv", encoding="utf-8") as f:
            reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
            rows = [(name, r[doc_col], r["en"], r["zh"]) for r in reader if len(r["en"]) >= 20]
        pairs += sample(rows, LIMITS[limit])
    out = []
    for k, (corpus, doc, en, zh) in enumerate(pairs):
        en_orig = rng.random() < 0.5
        src, sl, tgt, tl = (en, "en", zh, "zh") if en_orig else (zh, "zh", en, "en")
        other = pairs[rng.randrange(len(pairs))]
        res = plant(tgt, tl, other[3] if tl == "zh" else other[2], rng)
        base = {
            "src": src,
            "src_lang": sl,
            "tgt_lang": tl,
            "doc": f"{corpus}|{doc}",
            "group": f"{corpus}|{sl}",
        }
        out.append({**base, "id": f"{corpus}|{k}|clean", "tgt": tgt, "label": False, "op": ""})
        if res is not None:
            out.append({**base, "id": f"{corpus}|{k}|{res[1]}", "tgt": res[0], "label": True, "op": res[1]})
    return out


READERS = {
    "mqm21": read_mqm21,
    "planted": read_planted,
    "mqm_ted": read_ted,
    "wmt21_dev": read_wmt21_dev,
    "demetr": read_demetr,
    "gmt23": read_gmt23,
}


# ------------------------------------------------------------------------------------------------
# extraction
# ------------------------------------------------------------------------------------------------


def extract(rows: list[dict], out: Path) -> None:
    emb = get_embedder("use")
    checks = [(name, by_name(name)()) for name in PAIR_CHECKS]
    t0 = time.perf_counter()
    sims: list[float] = []
    for k in range(0, len(rows), 512):
        chunk = rows[k : k + 512]
        a = emb.encode([r["src"] for r in chunk])
        b = emb.encode([r["tgt"] for r in chunk])
        sims.extend(float(x) for x in (a * b).sum(axis=1))
    print(f"  embedded {len(rows)} pairs in {time.perf_counter() - t0:.0f} s", flush=True)
    with open(out, "w", encoding="utf-8") as f:
        for n, (r, sim) in enumerate(zip(rows, sims, strict=True)):
            args = (r["src"], r["src_lang"], r["tgt"], r["tgt_lang"])
            flags = [replace(fl, check=name) for name, c in checks for fl in c.check_pair(*args)]
            flags += [replace(fl, check="clause") for fl in clauses.check_pair(*args)]
            f.write(
                json.dumps(
                    {**r, "sim": round(sim, 6), "flags": [asdict(x) for x in flags]}, ensure_ascii=False
                )
            )
            f.write("\n")
            if n % 1000 == 999:
                print(f"  {n + 1} pairs checked, {time.perf_counter() - t0:.0f} s", flush=True)
    print(f"  wrote {out} in {time.perf_counter() - t0:.0f} s", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("sets", nargs="*", default=list(SETS), choices=SETS)
    a = ap.parse_args()
    root = data_root()
    if root is None:
        print("skipped: ../shared/data is absent (set ALIGN_DATA to the evaluation data folder)")
        return 0
    for name in a.sets:
        rows = READERS[name](root)
        print(f"{name}: {len(rows)} pairs, {sum(bool(r['label']) for r in rows)} positive", flush=True)
        extract(rows, work_dir() / f"{name}.jsonl")
    return 0


if __name__ == "__main__":
    sys.exit(main())
