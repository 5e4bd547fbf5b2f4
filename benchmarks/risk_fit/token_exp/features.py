"""Cross-lingual token-alignment features (BERTScore-like) for the risk-fit pairs.

Experiment, not shipped. For every pair of ``$ALIGN_CACHE/risk_fit/{wmt21_train,wmt21_dev,mqm_ted}.jsonl``
both sides are run once through ``align.embed.e5tokens`` at layers 6, 8 and 10; the token-by-token
cosine matrix (target tokens x source tokens) of each layer is stored (float16) in
``token_exp/work/<set>.npz`` with the token strings in ``work/<set>_tokens.jsonl``, so features can
be recomputed without re-encoding. ``token_features`` turns one pair's matrices into the features;
``load_features`` computes them for a set and caches the result in ``work/<set>_feat.npz``.

wmt21's Chinese is pre-tokenised with spaces; the jsonl has every space removed (extract.py), which
also glues Latin words together ("iPhone X" -> "iPhoneX"). Here the Chinese is re-read from the TSV
and a space is dropped unless it sits between two ASCII letters/digits.

Usage: ``ALIGN_CACHE=/work/.cache_align .venv/bin/python benchmarks/risk_fit/token_exp/features.py``
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
WORK = HERE / "work"
SETS = ("wmt21_train", "wmt21_dev", "mqm_ted")
LAYERS = (6, 8, 10)
FIXED_THRESHOLDS = (0.4, 0.5)
DATA = Path("/work/shared/data")


def cache_rows(name: str) -> list[dict]:
    from align.paths import cache_dir

    path = cache_dir() / "risk_fit" / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


_KEEP = re.compile(r"(?<=[A-Za-z0-9])\s+(?=[A-Za-z0-9])")


def unspace(text: str) -> str:
    """Drop the tokeniser's spaces, keeping one between two ASCII alphanumerics."""
    parts = _KEEP.split(text.strip())
    return " ".join(re.sub(r"\s+", "", p) for p in parts)


def texts_for(name: str, rows: list[dict]) -> list[tuple[str, str]]:
    """(source, target) texts to encode: for wmt21 the TSV Chinese, un-spaced as above."""
    if not name.startswith("wmt21"):
        return [(r["src"], r["tgt"]) for r in rows]
    spaced: dict[str, str] = {}
    with open(DATA / "wmt21-ced-enzh" / f"{name.split('_')[1]}.tsv", encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) >= 5:
                spaced[p[0]] = p[2]
    out = []
    for r in rows:
        z = unspace(spaced[r["id"]])
        assert z.replace(" ", "") == r["tgt"], r["id"]
        out.append((r["src"], z))
    return out


def encode_set(name: str) -> None:
    from align.embed.e5tokens import shared

    npz, tok_path = WORK / f"{name}.npz", WORK / f"{name}_tokens.jsonl"
    if npz.exists() and tok_path.exists():
        print(f"{name}: cached ({npz})", flush=True)
        return
    rows = cache_rows(name)
    pairs = texts_for(name, rows)
    enc = shared()
    memo: dict[str, tuple[dict[int, np.ndarray], list[str]]] = {}

    def vecs(text: str) -> tuple[dict[int, np.ndarray], list[str]]:
        if text not in memo:
            h, spans = enc.token_vectors(text, layers=LAYERS)
            memo[text] = (h, [text[a:b] for a, b in spans])
        return memo[text]

    mats: dict[int, list[np.ndarray]] = {L: [] for L in LAYERS}
    shapes, sentcos, toks = [], [], []
    t0 = time.perf_counter()
    for i, (s, t) in enumerate(pairs):
        hs, ts = vecs(s)
        ht, tt = vecs(t)
        shapes.append((len(tt), len(ts)))
        cos = []
        for L in LAYERS:
            mats[L].append((ht[L] @ hs[L].T).astype(np.float16).ravel())
            ms, mt = hs[L].mean(0), ht[L].mean(0)
            cos.append(float(ms @ mt / max(np.linalg.norm(ms) * np.linalg.norm(mt), 1e-9)))
        sentcos.append(cos)
        toks.append({"src": ts, "tgt": tt})
        if (i + 1) % 500 == 0 or i + 1 == len(pairs):
            el = time.perf_counter() - t0
            print(f"  {name}: {i + 1}/{len(pairs)} pairs, {el:.0f} s ({1000 * el / (i + 1):.1f} ms/pair)", flush=True)
    WORK.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        npz,
        shapes=np.array(shapes, dtype=np.int32),
        sentcos=np.array(sentcos, dtype=np.float32),
        seconds=np.array([time.perf_counter() - t0, len(memo)]),
        **{f"S{L}": np.concatenate(mats[L]) for L in LAYERS},
    )
    with open(tok_path, "w", encoding="utf-8") as f:
        for tk in toks:
            f.write(json.dumps(tk, ensure_ascii=False) + "\n")
    print(f"{name}: wrote {npz} in {time.perf_counter() - t0:.0f} s ({len(memo)} distinct texts)", flush=True)


def is_content(tok: str) -> bool:
    return any(c.isalnum() for c in tok)


def quantile_thresholds() -> dict[int, tuple[float, float]]:
    """Per layer, the 10th and 25th percentiles of content tokens' best cosine on wmt21 TRAIN only."""
    path = WORK / "thresholds.json"
    if path.exists():
        return {int(k): tuple(v) for k, v in json.loads(path.read_text()).items()}
    d = np.load(WORK / "wmt21_train.npz")
    toks = [json.loads(x) for x in (WORK / "wmt21_train_tokens.jsonl").read_text(encoding="utf-8").splitlines()]
    out = {}
    for L in LAYERS:
        best: list[np.ndarray] = []
        off = 0
        flat = d[f"S{L}"]  # read once: each d[...] access decompresses the whole array
        for (nt, ns), tk in zip(d["shapes"], toks, strict=True):
            S = flat[off : off + nt * ns].astype(np.float32).reshape(nt, ns)
            off += nt * ns
            if nt and ns:
                best.append(S.max(1)[[is_content(x) for x in tk["tgt"]]])
                best.append(S.max(0)[[is_content(x) for x in tk["src"]]])
        b = np.concatenate(best)
        out[L] = (float(np.quantile(b, 0.10)), float(np.quantile(b, 0.25)))
    path.write_text(json.dumps(out, indent=1))
    return out


def feature_names() -> list[str]:
    names = []
    for L in LAYERS:
        names += [f"P{L}", f"R{L}", f"F{L}", f"sentcos{L}", f"minS{L}", f"minT{L}"]
        for tag in ("04", "05", "q10", "q25"):
            names += [f"lowS{tag}_{L}", f"lowT{tag}_{L}"]
    return names


def token_features(mats: dict[int, np.ndarray], sentcos: np.ndarray, src_toks: list[str], tgt_toks: list[str],
                   qthr: dict[int, tuple[float, float]]) -> list[float]:
    """Features of one pair. mats[L]: (n_tgt, n_src) cosines. S = source side, T = target side.

    P: mean over target tokens of the best cosine to a source token; R: the same from the source side;
    F: harmonic mean. min*/low*: over content tokens (some letter, digit or CJK character) of that side:
    the smallest best cosine, and the share whose best cosine is below 0.4, 0.5, and the layer's
    wmt21-train 10th / 25th percentile.
    """
    cs = np.array([is_content(x) for x in src_toks], dtype=bool)
    ct = np.array([is_content(x) for x in tgt_toks], dtype=bool)
    out: list[float] = []
    for j, L in enumerate(LAYERS):
        S = mats[L]
        if S.size == 0:
            out += [0.0, 0.0, 0.0, float(sentcos[j]), 0.0, 0.0] + [1.0] * 8
            continue
        bt, bs = S.max(1), S.max(0)  # best per target token, per source token
        P, R = float(bt.mean()), float(bs.mean())
        F = 2 * P * R / max(P + R, 1e-9)
        vs, vt = bs[cs] if cs.any() else bs, bt[ct] if ct.any() else bt
        out += [P, R, F, float(sentcos[j]), float(vs.min()), float(vt.min())]
        for thr in (*FIXED_THRESHOLDS, *qthr[L]):
            out += [float((vs < thr).mean()), float((vt < thr).mean())]
    return out


def load_features(name: str) -> np.ndarray:
    """(n_pairs, len(feature_names())) for a set, cached in work/<set>_feat.npz."""
    path = WORK / f"{name}_feat.npz"
    names = feature_names()
    if path.exists():
        d = np.load(path)
        if list(d["names"]) == names:
            return d["x"]
    qthr = quantile_thresholds()
    d = np.load(WORK / f"{name}.npz")
    toks = [json.loads(x) for x in (WORK / f"{name}_tokens.jsonl").read_text(encoding="utf-8").splitlines()]
    flat = {L: d[f"S{L}"] for L in LAYERS}
    sentcos = d["sentcos"]
    rows, off = [], 0
    for k, ((nt, ns), tk) in enumerate(zip(d["shapes"], toks, strict=True)):
        mats = {L: flat[L][off : off + nt * ns].astype(np.float32).reshape(nt, ns) for L in LAYERS}
        off += nt * ns
        rows.append(token_features(mats, sentcos[k], tk["src"], tk["tgt"], qthr))
    x = np.array(rows)
    np.savez(path, x=x, names=np.array(names))
    return x


def main() -> int:
    sets = sys.argv[1:] or list(SETS)
    for name in sets:
        encode_set(name)
    for name in sets:
        t0 = time.perf_counter()
        x = load_features(name)
        print(f"{name}: features {x.shape} in {time.perf_counter() - t0:.1f} s", flush=True)
    print("quantile thresholds (wmt21 train):", quantile_thresholds())
    return 0


if __name__ == "__main__":
    sys.exit(main())
