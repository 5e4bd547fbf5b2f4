"""One number per bead: how likely is it that this bead holds a fidelity problem (0-1)?

Why a fitted model rather than hand-set weights: the checks' flags, the embedding similarity, the
length ratio and the dictionary overlap are each weak evidence, and how much each is worth is an
empirical question. A small logistic regression (``data/risk_model.json``) answers it on labelled
pairs — WMT21 critical-error detection, English → Chinese, train split only — so the risk is a
probability in the sense of that data: "a bead like this one is a critical error about this often".

Features of a bead (all cheap; the flags and the similarity are already computed by the pipeline):

* ``sim``: cosine of the two sides' embeddings (the bead score), and ``sim_low`` = how far it falls
  below 0.6, so very weak pairs can weigh more than a straight line allows. Optionally
  (``doc_median``/``doc_relative``) the similarity is first shifted by the document's median minus
  the training median, so a free literary translation, with lower cosines throughout, is not all
  high-risk. Off by default: within one document the shift changes no ranking, and on MQM-TED,
  where documents exist, it lowered the ROC-AUC (benchmarks/risk_fit/README.md).
* ``len_dev``: squared deviation of the zh/en length ratio from the typical one (z-score of the
  aligner's length model, capped), since an omitted clause shortens one side.
* ``size``: log length in English-character units — a long bead has more places to go wrong.
* ``zh_cov``/``en_cov``: share of content words with a CC-CEDICT counterpart on the other side.
* ``crit``/``major``/``minor``: the largest confidence among the flags of that severity, and
  ``n_flags``. By severity rather than kind, so flags the training pairs never raise (omission,
  addition, term) still count, through their severity. Their weights are constrained to be
  non-negative: a flag can only raise the risk.

A 1-0 or 0-1 bead (nothing on one side) is scored as a pair with nothing matched: similarity 0,
coverage 0; that is far outside the training pairs, so its risk is at least ``null_floor`` from the
model file (hand-set, not fit: WMT21 has no unpaired sentences). Without the texts, the text
features take their training means, i.e. they neither raise nor lower the risk.

One deliberate departure from calibration: a flagged bead is lifted above unflagged ones. On
WMT21 a flag is weak evidence (about a third of flagged pairs are labelled critical errors), so a
flagged pair with a high similarity would come out below an unflagged weak pair; but the flags are
what an editor acts on, and a report sorted by risk must show them first. A flagged bead's risk
is therefore at least ``anchor`` (and increasing in its model probability, see ``lift``): in
``pair_risk`` the anchor is ``flag_floor`` of the model file (the 90th percentile of unflagged
training pairs' out-of-fold risk), in ``bead_risks`` the larger of that and the highest unflagged
risk of the document. Measured cost on WMT21 dev: ROC-AUC 0.700 → 0.695 (benchmarks/risk_fit).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from align.text.cedict import translation_overlap
from align.text.datafiles import data_path
from align.text.zh import zh_words
from align.types import Bead, Flag

MODEL_PATH = data_path("risk_model.json")

# Length model of the aligner (align.aligner.LENGTH_MODEL): log(en chars / zh chars) ~ N(1.35, 0.35).
_LEN_MU, _LEN_SD = 1.35, 0.35
_SIM_KNEE = 0.6
FEATURES: tuple[str, ...] = (
    "sim",
    "sim_low",
    "len_dev",
    "size",
    "zh_cov",
    "en_cov",
    "crit",
    "major",
    "minor",
    "n_flags",
)
# Features that only flags feed: the fit keeps their weights >= 0.
FLAG_FEATURES: tuple[str, ...] = ("crit", "major", "minor", "n_flags")
TEXT_FEATURES: tuple[str, ...] = ("len_dev", "size", "zh_cov", "en_cov")


@functools.cache
def load_model(path: str | None = None) -> dict:
    """The fitted model (weights over standardised features); memoised, so read once per process."""
    return json.loads(Path(path or MODEL_PATH).read_text(encoding="utf-8"))


def _text_features(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> dict[str, float] | None:
    """Length and dictionary-overlap features of an en/zh pair; ``None`` for other language pairs."""
    if {src_lang, tgt_lang} != {"en", "zh"}:
        return None

    zh, en = (src_text, tgt_text) if src_lang == "zh" else (tgt_text, src_text)
    zh_chars = sum(1 for c in zh if not c.isspace())
    en_chars = sum(1 for c in en if not c.isspace())
    # the aligner's length model, smoothed as it is there so short texts do not swing wildly
    r = math.log((en_chars + 4.0 * math.exp(_LEN_MU)) / (zh_chars + 4.0))
    z = (r - _LEN_MU) / _LEN_SD
    size = math.log1p((en_chars + math.exp(_LEN_MU) * zh_chars) / 2.0)
    if zh.strip() and en.strip():
        ov = translation_overlap(zh_words(zh), en)
        zc, ec = ov.zh_coverage, ov.en_coverage
    else:
        zc = ec = 0.0
    return {"len_dev": min(z * z, 9.0), "size": size, "zh_cov": zc, "en_cov": ec}


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
) -> dict[str, float]:
    """The raw (unstandardised) features of one bead; see the module docstring."""
    model = model or load_model()
    sim = float(similarity)
    if doc_median is not None:
        sim = sim - float(doc_median) + float(model["ref_median"])
    out: dict[str, float] = {"sim": sim, "sim_low": max(0.0, _SIM_KNEE - sim)}
    text = None
    if src_text is not None and tgt_text is not None and src_lang and tgt_lang:
        text = _text_features(src_text, src_lang, tgt_text, tgt_lang)
    fill = dict(zip(model["features"], model["mean"], strict=True))
    for name in TEXT_FEATURES:
        out[name] = text[name] if text is not None else float(fill[name])
    for sev, name in (("critical", "crit"), ("major", "major"), ("minor", "minor")):
        out[name] = max((f.confidence for f in flags if f.severity == sev), default=0.0)
    out["n_flags"] = math.log1p(len(flags))
    return out


def _probability(feats: dict[str, float], model: dict) -> float:
    x = np.array([feats[n] for n in model["features"]], dtype=np.float64)
    z = (x - np.asarray(model["mean"])) / np.asarray(model["scale"])
    logit = float(model["intercept"] + z @ np.asarray(model["coef"]))
    return 1.0 / (1.0 + math.exp(-max(min(logit, 40.0), -40.0)))


def pair_risk(
    flags: list[Flag],
    similarity: float,
    *,
    src_text: str | None = None,
    src_lang: str | None = None,
    tgt_text: str | None = None,
    tgt_lang: str | None = None,
    doc_median: float | None = None,
) -> float:
    """Risk of a single sentence pair (benchmarks, one-off checks), rounded to 4 decimals.

    Pass the texts and languages for the length and dictionary features; ``doc_median`` (the
    median similarity of the document's paired beads) to judge the similarity relative to its
    document. A flagged pair's risk is at least the model's ``flag_floor``.
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
    return round(lift(p, float(model["flag_floor"])) if flags else p, 4)


def bead_risks(
    beads: tuple[Bead, ...],
    flags: list[list[Flag]],
    *,
    texts: Sequence[tuple[str, str]] | None = None,
    langs: tuple[str, str] | None = None,
    doc_relative: bool = False,
) -> list[float]:
    """Risk of every bead of a document, from its flags, its score and (optionally) its texts.

    ``texts[i]`` is bead ``i``'s (source, target) joined text and ``langs`` the (source, target)
    languages; without them only the flags and the similarity speak. ``doc_relative`` shifts the
    similarities by the document's median (see the module docstring).
    """
    model = load_model()
    scores = np.array([b.score for b in beads if not b.is_null], dtype=np.float64)
    med = float(np.median(scores)) if scores.size and doc_relative else None
    src_lang, tgt_lang = langs if langs is not None else (None, None)
    out = []
    for i, (bead, fl) in enumerate(zip(beads, flags, strict=True)):
        s_text, t_text = texts[i] if texts is not None else (None, None)
        if bead.is_null:
            # nothing to compare with: no similarity, no dictionary match (doc shift not applied)
            feats = pair_features(
                fl, 0.0, src_text=s_text, src_lang=src_lang, tgt_text=t_text, tgt_lang=tgt_lang, model=model
            )
            risk = max(_probability(feats, model), float(model["null_floor"]))
        else:
            feats = pair_features(
                fl,
                bead.score,
                src_text=s_text,
                src_lang=src_lang,
                tgt_text=t_text,
                tgt_lang=tgt_lang,
                doc_median=med,
                model=model,
            )
            risk = _probability(feats, model)
        out.append(risk)
    return [round(r, 4) for r in _flags_first(out, [bool(fl) for fl in flags], float(model["flag_floor"]))]


def lift(p: float, anchor: float, step: float = 0.05) -> float:
    """``max(p, anchor + step * (1 - anchor) * p)``: at least ``anchor``, increasing in ``p`` (so the
    order among flagged beads is kept), and unchanged when ``p`` is already well above ``anchor``."""
    return max(p, anchor + step * (1.0 - anchor) * p)


def _flags_first(risks: list[float], flagged: list[bool], floor: float) -> list[float]:
    """Raise flagged beads' risks above ``floor`` and above every unflagged bead of the document."""
    unflagged = [r for r, f in zip(risks, flagged, strict=True) if not f]
    anchor = min(max(floor, max(unflagged, default=0.0) + 2e-4), 1.0)
    return [lift(r, anchor) if f else r for r, f in zip(risks, flagged, strict=True)]
