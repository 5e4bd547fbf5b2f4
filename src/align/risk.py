"""One number per bead: the probability that it holds a fidelity problem (0-1).

Why a fitted model rather than hand-set weights: the checks' flags, the embedding similarity, the
length ratio, the dictionary overlap and the word links are each weak evidence, and how much each
is worth is an empirical question. A small logistic regression (``data/risk_model.json``) answers it
on labelled pairs the project may learn from (benchmarks/risk_fit): Google's MQM annotations of
WMT21 news zh→en (a segment is positive when a rater marked a Major accuracy error) and faithful
human pairs of ``parallel/`` (NTREX news, MLQE-PE), each untouched and with one planted error
(a clause dropped, a number changed, a negation added or removed, a content word swapped, an
unrelated clause added), in both directions. No evaluation set (wmt21-ced-enzh, MQM-TED, DEMETR)
is fit on. The model's output is then recalibrated (Platt scaling on out-of-fold predictions,
``calibration`` in the model file), so ``risk`` reads as "a bead like this one holds a major
fidelity error about this often" on that training mix.

Features of a bead (all cheap; the flags and the similarity are already computed by the pipeline):

* ``sim``: cosine of the two sides' embeddings (the bead score), and ``sim_low`` = how far it falls
  below 0.6. Optionally (``doc_relative``) the similarity is first shifted by the document's median
  minus the training median (off by default: it changes no ranking within a document).
* ``len_dev``: squared z-score of the zh/en length ratio under the aligner's length model (capped);
  ``size``: log length in English-character units.
* ``zh_cov``/``en_cov``: share of content words with a CC-CEDICT counterpart on the other side.
* word links from the learned translation table (``align.text.ttable.link``): ``en_unlinked`` /
  ``zh_unlinked`` = share of each side's content words with no link, ``en_run``/``zh_run`` =
  log(1 + longest run of consecutive unlinked content words) — an omitted or added clause is a run
  — ``link_mean`` = mean link score, ``n_unlinked`` = log(1 + unlinked content words, both sides).
* ``zh_null``: the most surprising unlinked content word of the Chinese side, by how rarely human
  translators leave that word unrendered (``align.text.nullrates``, counted on ``parallel/``): one
  dropped or added word barely moves the shares above, but a word translators nearly always
  render, left unrendered, stands out.
* flags by check family: ``f_<check>`` = the largest confidence among the flags of that check
  (number, name, lexical, form, clause), ``f_other`` for checks the training pairs cannot raise
  (coverage, divergence, term: document-level or opt-in), and ``n_flags`` = log(1 + flags). A flag
  without a ``check`` (a check function called directly) is attributed by its kind (number, name;
  mistranslation → lexical; omission/addition → clause). Flag weights are held non-negative, so a
  flag can only raise the risk (monotonic in its confidence); ``f_other``'s weight is not fit but
  set to the mean of the fitted family weights (recorded in the model file).

A 1-0 or 0-1 bead (nothing on one side) is scored as a pair with nothing matched (similarity 0,
coverage 0, every word unlinked) and its risk is at least ``null_floor`` (hand-set: no training pair
is unpaired). Without the texts, the text features take their training means (neutral).

One deliberate departure from calibration: a flagged bead is lifted above unflagged ones, because
the flags are what an editor acts on and a report sorted by risk must show them first. A flagged
bead's risk is at least an anchor (and increasing in its probability, see ``lift``): in
``pair_risk`` the model's ``flag_floor`` (90th percentile of unflagged training pairs' out-of-fold
risk), in ``bead_risks`` the larger of that and the highest unflagged risk of the document.
``calibrated=True`` / ``flags_first=False`` (``bead_risks``) returns the plain probability.
Measured cost of the lift: benchmarks/risk_fit/README.md.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from align import logistic
from align.text.cedict import Overlap, translation_overlap
from align.text.datafiles import data_path, read_words
from align.text.en import EN_FUNCTION, STOPWORDS, en_tokens
from align.text.nullrates import load_null_rates
from align.text.ttable import link, load_table
from align.text.wordlinks import word_links
from align.text.zh import has_han, zh_words
from align.types import Bead, Flag

MODEL_PATH = data_path("risk_model.json")

# Length model of the aligner (align.aligner.LENGTH_MODEL): log(en chars / zh chars) ~ N(1.35, 0.35).
_LEN_MU, _LEN_SD = 1.35, 0.35
_SIM_KNEE = 0.6
FLAG_CHECKS: tuple[str, ...] = ("number", "name", "lexical", "form", "clause")
TEXT_FEATURES: tuple[str, ...] = (
    "len_dev",
    "size",
    "zh_cov",
    "en_cov",
    "en_unlinked",
    "zh_unlinked",
    "en_run",
    "zh_run",
    "link_mean",
    "n_unlinked",
    "zh_null",
)
# Features that only flags feed: their weights are >= 0 (fit with that constraint).
FLAG_FEATURES: tuple[str, ...] = (*(f"f_{c}" for c in FLAG_CHECKS), "f_other", "n_flags")
# In the order of the model file's weights.
FEATURES: tuple[str, ...] = ("sim", "sim_low", *TEXT_FEATURES, *FLAG_FEATURES)
# A flag without ``check`` (a check function called directly, as the benchmarks do): by its kind.
_KIND_CHECK = {
    "number": "number",
    "name": "name",
    "mistranslation": "lexical",
    "omission": "clause",
    "addition": "clause",
}
# Chinese function words: neither linked nor unlinked content (the list the model was fit with).
ZH_FUNCTION = read_words("risk_zh_function_words.txt")


@functools.cache
def load_model(path: str | None = None) -> dict:
    """The fitted model (weights over standardised features, calibration); read once per process."""
    return json.loads(Path(path or MODEL_PATH).read_text(encoding="utf-8"))


def _longest_true_run(xs: Sequence[bool]) -> int:
    best = cur = 0
    for x in xs:
        cur = cur + 1 if x else 0
        best = max(best, cur)
    return best


def link_features(zh: str, en: str, overlap: Overlap | None = None) -> dict[str, float]:
    """Word-link statistics of a zh/en pair from the learned translation table (see module doc).

    ``overlap``: ``translation_overlap(zh_words(zh), en)``, when the caller has it."""
    toks = en_tokens(en)
    words = [w for w, _, _ in zh_words(zh)]
    links = link(load_table(), [t.lemma for t in toks], words) if toks and words else []
    en_linked = {i for i, _, _ in links}
    zh_linked = {j for _, j, _ in links}
    en_un = [
        i not in en_linked
        for i, t in enumerate(toks)
        if any(c.isalpha() for c in t.text) and t.lemma not in STOPWORDS and t.lemma not in EN_FUNCTION
    ]
    zh_un = [j not in zh_linked for j, w in enumerate(words) if has_han(w) and w not in ZH_FUNCTION]
    return {
        "en_unlinked": sum(en_un) / len(en_un) if en_un else 0.0,
        "zh_unlinked": sum(zh_un) / len(zh_un) if zh_un else 0.0,
        "en_run": math.log1p(_longest_true_run(en_un)),
        "zh_run": math.log1p(_longest_true_run(zh_un)),
        "link_mean": float(np.mean([s for _, _, s in links])) if links else 0.0,
        "n_unlinked": math.log1p(sum(en_un) + sum(zh_un)),
        **null_features(zh, en, links, overlap),
    }


def null_features(
    zh: str,
    en: str,
    learned: Sequence[tuple[int, int, float]] | None = None,
    overlap: Overlap | None = None,
) -> dict[str, float]:
    """``zh_null``: the most surprising unlinked content word of the Chinese side (0 if none is more
    surprising than an ordinary word), by how rarely human translators leave that word unrendered
    (``align.text.nullrates``), with the linker the rates were counted with. ``learned``: the
    table's links and CC-CEDICT's overlap of the same texts, when the caller has them.

    Only the Chinese side: the English side's counterpart (``en_null``) was tried and left out; on
    the risk fit's own held-out split it cost 0.02 ROC-AUC on MQM newstest2021, whose English is MT
    that adds words for fluency (benchmarks/risk_fit/README.md)."""
    wl = word_links(en, zh, learned=learned, overlap=overlap)
    rates = load_null_rates()
    return {"zh_null": max([0.0, *(rates.surprise(wl.zh[j][0], "zh") for j in wl.zh_unlinked())])}


def text_features(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> dict[str, float] | None:
    """Length, dictionary and word-link features of an en/zh pair; ``None`` for other language pairs.

    Memoised (a fresh dict each call): a document that repeats a pair of texts computes them once."""
    if {src_lang, tgt_lang} != {"en", "zh"}:
        return None
    return dict(_text_features(src_text, src_lang, tgt_text, tgt_lang))


def all_text_features(
    texts: Sequence[tuple[str, str]], langs: tuple[str, str]
) -> list[dict[str, float] | None]:
    """:func:`text_features` of every bead's (source, target) texts: what the risk needs besides the
    flags, so it can be computed while the checks run."""
    return [text_features(s, langs[0], t, langs[1]) for s, t in texts]


@functools.lru_cache(maxsize=32768)
def _text_features(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> dict[str, float]:
    zh, en = (src_text, tgt_text) if src_lang == "zh" else (tgt_text, src_text)
    zh_chars = sum(1 for c in zh if not c.isspace())
    en_chars = sum(1 for c in en if not c.isspace())
    # the aligner's length model, smoothed as it is there so short texts do not swing wildly
    r = math.log((en_chars + 4.0 * math.exp(_LEN_MU)) / (zh_chars + 4.0))
    z = (r - _LEN_MU) / _LEN_SD
    size = math.log1p((en_chars + math.exp(_LEN_MU) * zh_chars) / 2.0)
    ov = None
    if zh.strip() and en.strip():
        ov = translation_overlap(zh_words(zh), en)
        zc, ec = ov.zh_coverage, ov.en_coverage
    else:
        zc = ec = 0.0
    out = {"len_dev": min(z * z, 9.0), "size": size, "zh_cov": zc, "en_cov": ec}
    if zh.strip() and en.strip():
        out.update(link_features(zh, en, ov))
    else:  # one side empty: everything on the other side is unlinked
        lf = link_features(zh, "") if zh.strip() else link_features("", en)
        lf["en_unlinked" if en.strip() else "zh_unlinked"] = 1.0
        out.update(lf)
    return out


def flag_features(flags: Sequence[Flag]) -> dict[str, float]:
    """``f_<check>`` (largest confidence per check family), ``f_other`` and ``n_flags``."""
    out = {f"f_{c}": 0.0 for c in FLAG_CHECKS}
    out["f_other"] = 0.0
    for f in flags:
        check = f.check or _KIND_CHECK.get(f.kind, "")
        key = f"f_{check}" if check in FLAG_CHECKS else "f_other"
        out[key] = max(out[key], float(f.confidence))
    out["n_flags"] = math.log1p(len(flags))
    return out


def pair_features(
    flags: Sequence[Flag],
    similarity: float,
    *,
    src_text: str | None = None,
    src_lang: str | None = None,
    tgt_text: str | None = None,
    tgt_lang: str | None = None,
    doc_median: float | None = None,
    model: dict | None = None,
    text: dict[str, float] | None = None,
) -> dict[str, float]:
    """The raw (unstandardised) features of one bead; see the module docstring.

    ``text`` may pass precomputed :func:`text_features` (the fit caches them)."""
    model = model or load_model()
    sim = float(similarity)
    if doc_median is not None:
        sim = sim - float(doc_median) + float(model["ref_median"])
    out: dict[str, float] = {"sim": sim, "sim_low": max(0.0, _SIM_KNEE - sim)}
    if text is None and src_text is not None and tgt_text is not None and src_lang and tgt_lang:
        text = text_features(src_text, src_lang, tgt_text, tgt_lang)
    fill = dict(zip(model["features"], model["mean"], strict=True))
    for name in TEXT_FEATURES:
        out[name] = text[name] if text is not None else float(fill[name])
    out.update(flag_features(flags))
    return out


def logit(feats: dict[str, float], model: dict) -> float:
    """The regression's log-odds (before calibration)."""
    return logistic.logit(feats, model)


def _probability(feats: dict[str, float], model: dict) -> float:
    """Calibrated probability: ``sigmoid(a * logit + b)`` (Platt; a > 0 keeps the order)."""
    return logistic.probability(feats, model)


def pair_risk(
    flags: list[Flag],
    similarity: float,
    *,
    src_text: str | None = None,
    src_lang: str | None = None,
    tgt_text: str | None = None,
    tgt_lang: str | None = None,
    doc_median: float | None = None,
    calibrated: bool = False,
) -> float:
    """Risk of a single sentence pair (benchmarks, one-off checks), rounded to 4 decimals.

    Pass the texts and languages for the length, dictionary and link features; ``doc_median`` (the
    median similarity of the document's paired beads) to judge the similarity relative to its
    document. A flagged pair's risk is at least the model's ``flag_floor`` unless ``calibrated``
    (then it is the plain calibrated probability).
    """
    model = load_model()
    feats = pair_features(
        flags,
        similarity,
        src_text=src_text,
        src_lang=src_lang,
        tgt_text=tgt_text,
        tgt_lang=tgt_lang,
        doc_median=doc_median,
        model=model,
    )
    p = _probability(feats, model)
    return round(lift(p, float(model["flag_floor"])) if flags and not calibrated else p, 4)


def bead_probabilities(
    beads: Sequence[Bead],
    flags: Sequence[Sequence[Flag]],
    *,
    texts: Sequence[tuple[str, str]] | None = None,
    langs: tuple[str, str] | None = None,
    doc_relative: bool = False,
    text: Sequence[dict[str, float] | None] | None = None,
) -> list[float]:
    """The calibrated probability of every bead (unrounded, no flag lift): what :func:`bead_risks`
    starts from, and what the flag model reads (``align.flagmodel``), computed once for both.

    ``texts[i]`` is bead ``i``'s (source, target) joined text and ``langs`` the (source, target)
    languages; without them only the flags and the similarity speak. ``doc_relative`` shifts the
    similarities by the document's median. ``text``: each bead's :func:`all_text_features`, when the
    caller computed them already (the pipeline does, beside the checks).
    """
    model = load_model()
    scores = np.array([b.score for b in beads if not b.is_null], dtype=np.float64)
    med = float(np.median(scores)) if scores.size and doc_relative else None
    src_lang, tgt_lang = langs if langs is not None else (None, None)
    out = []
    for i, (bead, fl) in enumerate(zip(beads, flags, strict=True)):
        s_text, t_text = texts[i] if texts is not None else (None, None)
        kw = dict(src_text=s_text, src_lang=src_lang, tgt_text=t_text, tgt_lang=tgt_lang, model=model)
        if text is not None:
            kw["text"] = text[i]
        if bead.is_null:
            # nothing to compare with: no similarity, no dictionary match (doc shift not applied)
            risk = max(_probability(pair_features(fl, 0.0, **kw), model), float(model["null_floor"]))
        else:
            risk = _probability(pair_features(fl, bead.score, doc_median=med, **kw), model)
        out.append(risk)
    return out


def bead_risks(
    beads: Sequence[Bead],
    flags: Sequence[Sequence[Flag]],
    *,
    texts: Sequence[tuple[str, str]] | None = None,
    langs: tuple[str, str] | None = None,
    doc_relative: bool = False,
    flags_first: bool = True,
    probabilities: Sequence[float] | None = None,
    text: Sequence[dict[str, float] | None] | None = None,
) -> list[float]:
    """Risk of every bead of a document, from its flags, its score and (optionally) its texts,
    rounded to 4 decimals.

    Arguments as for :func:`bead_probabilities`, whose result ``probabilities`` passes when the
    caller has it already (the flags' confidences unchanged since); ``flags_first=False`` leaves out
    the flag lift (plain calibrated probabilities).
    """
    if probabilities is None:
        probabilities = bead_probabilities(
            beads, flags, texts=texts, langs=langs, doc_relative=doc_relative, text=text
        )
    out = list(probabilities)
    if flags_first:
        out = _flags_first(out, [bool(fl) for fl in flags], float(load_model()["flag_floor"]))
    return [round(r, 4) for r in out]


def lift(p: float, anchor: float, step: float = 0.05) -> float:
    """``max(p, anchor + step * (1 - anchor) * p)``: at least ``anchor``, increasing in ``p`` (so the
    order among flagged beads is kept), and unchanged when ``p`` is already well above ``anchor``."""
    return max(p, anchor + step * (1.0 - anchor) * p)


def _flags_first(risks: list[float], flagged: list[bool], floor: float) -> list[float]:
    """Raise flagged beads' risks above ``floor`` and above every unflagged bead of the document."""
    unflagged = [r for r, f in zip(risks, flagged, strict=True) if not f]
    anchor = min(max(floor, max(unflagged, default=0.0) + 2e-4), 1.0)
    return [lift(r, anchor) if f else r for r, f in zip(risks, flagged, strict=True)]
