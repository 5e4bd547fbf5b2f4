"""How likely each flag is a real error: a model learned from flags on human translations.

Why: the checks are rules, and each rule was written against texts the team wrote. On professional
translations nobody here tuned on they raise several major flags per 50 sentences, almost all of them
false (a name kept in Latin script, an attribution moved to the front, a verb and its idiomatic
rendering). Whether a flag is worth an editor's time depends on more than the rule that raised it:
how well the two sides match otherwise (similarity, word links), how much else in the document the
same rule flagged, how sure the rule was. A small logistic regression over those features
(``data/flag_model.json``) is fit on flags raised on human translations the project may learn from
(``parallel/ntrex.tsv``, CC BY-SA: news documents, both directions): every flag on the faithful text is
a false flag, and a new flag in the bead where one error was planted is a true one
(``benchmarks/flag_fit``). Its output is a probability (Platt-calibrated on held-out documents of that
mix), and the severity of a flag follows from it through thresholds chosen there:

* ``p >= critical`` → critical, ``p >= major`` → major, ``p >= minor`` → minor, below → the flag is not
  raised. The thresholds live in the model file with the rules they were chosen by; the shipped
  ``minor`` is 0, so no flag is withheld (withholding cost DEMETR's single-sentence files far more
  than it saved: ``data/flag_model.md``).
* ``form`` flags and flags of checks without training flags (a plugin's, the glossary's) are not
  rated: they keep the rules' severity.
* The rule's own severity is one of the features, so a number changed stays serious unless the rest
  of the evidence speaks against it.

Nothing here reads text that the checks have not read already: the features are the flags, the
bead's similarity, the risk stage's probabilities and text features (computed once for both), and
the learned word links of flagged beads.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from align import logistic
from align.text.datafiles import data_path
from align.types import SEVERITY_RANK, Bead, Flag

MODEL_PATH = data_path("flag_model.json")

CHECKS: tuple[str, ...] = (
    "number", "name", "lexical", "form", "clause", "coverage", "divergence", "term", "links"
)
KINDS: tuple[str, ...] = ("omission", "addition", "mistranslation", "number", "name", "term")
TEXT: tuple[str, ...] = (
    "len_dev", "size", "zh_cov", "en_cov", "en_unlinked", "zh_unlinked", "en_run", "zh_run", "link_mean"
)
FEATURES: tuple[str, ...] = (
    *(f"c_{c}" for c in CHECKS),
    "c_other",
    *(f"k_{k}" for k in KINDS),
    "sev_critical",
    "sev_major",
    "confidence",
    "sim",
    "sim_rel",
    "null",
    "bead_risk",
    *TEXT,
    "n_bead",
    "n_same_bead",
    "doc_same_rate",
    "doc_rate",
    "span_frac",
    "to_zh",
    "span_linked",
    "span_content",
    "rest_linked",
)
# Each check's confidence on its own scale: a product per check (computed from the features above).
PRODUCTS: tuple[str, ...] = tuple(f"confidence*c_{c}" for c in CHECKS)
FEATURES = (*FEATURES, *PRODUCTS)


def span_link_features(
    spans: tuple[tuple[int, int] | None, tuple[int, int] | None],
    texts: tuple[str, str],
    langs: tuple[str, str],
) -> dict[str, float]:
    """Whether the flagged words are rendered after all: the share of content words inside the
    flag's spans that the learned word links (``align.text.wordlinks``) tie to the other side
    (``span_linked``; 0.5 without any), how many there are (``span_content``, log), and the share
    linked in the rest of the bead (``rest_linked``). An omission whose words are linked, or a
    name the links find rendered, is most likely a false flag."""
    en_i = 0 if langs[0] == "en" else 1
    en_text, zh_text = texts[en_i], texts[1 - en_i]
    if not (en_text.strip() and zh_text.strip()):
        return {"span_linked": 0.0, "span_content": 0.0, "rest_linked": 0.0}
    links = _links(en_text, zh_text)
    en_span, zh_span = spans[en_i], spans[1 - en_i]
    inside = outside = in_linked = out_linked = 0
    for k in links.en_content:
        t = links.en[k]
        hit = en_span is not None and t.start < en_span[1] and t.end > en_span[0]
        linked = k in links.en_linked
        inside, in_linked = inside + hit, in_linked + (hit and linked)
        outside, out_linked = outside + (not hit), out_linked + (not hit and linked)
    for k in links.zh_content:
        _, a, b = links.zh[k]
        hit = zh_span is not None and a < zh_span[1] and b > zh_span[0]
        linked = k in links.zh_linked
        inside, in_linked = inside + hit, in_linked + (hit and linked)
        outside, out_linked = outside + (not hit), out_linked + (not hit and linked)
    return {
        "span_linked": in_linked / inside if inside else 0.5,
        "span_content": math.log1p(inside),
        "rest_linked": out_linked / outside if outside else 0.0,
    }


@functools.lru_cache(maxsize=4096)
def _links(en_text: str, zh_text: str):  # noqa: ANN202 - a WordLinks
    from align.text.wordlinks import word_links

    return word_links(en_text, zh_text)


_QUOTED = re.compile(r'"[^"]*"|“[^”]*”|\'[^\']*\'|\([^)]*\)')
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")
_IDS_AND_FIGURES = re.compile(r"\b[st]\d+\b|\d+")


def rule_of(check: str, message: str) -> str:
    """Which rule of a check raised a flag, read from the wording of its message: the message without
    its quotations, bracketed glosses, Chinese words and figures, up to its first colon, first six
    words (``lexical|negation added``, ``name|name in the original has no``). The model has a weight
    for each rule seen at least ``MIN_RULE`` times in training (``r:<rule>`` features in its file);
    a wording it has not seen counts as none of them."""
    m = _IDS_AND_FIGURES.sub(" ", _NOT_ASCII.sub(" ", _QUOTED.sub(" ", message)))
    return f"{check}|{' '.join(m.split(':')[0].split()[:6])}"


def with_products(row: dict[str, float]) -> dict[str, float]:
    """``row`` with the product features filled in (``a*b`` = ``row[a] * row[b]``)."""
    for name in PRODUCTS:
        a, b = name.split("*")
        row[name] = row[a] * row[b]
    return row


@functools.cache
def load_model(path: str | None = None) -> dict:
    """The fitted model (weights over standardised features, calibration, thresholds)."""
    return json.loads(Path(path or MODEL_PATH).read_text(encoding="utf-8"))


def fitted_on() -> str:
    """The date the shipped model was fit (``report.json`` names it beside the severities)."""
    return str(load_model().get("fitted", "unknown"))


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def _span_frac(f: Flag, texts: tuple[str, str]) -> float:
    """Share of the bead's joined text the flag's span covers, target span first (0 without one)."""
    for span, text in ((f.target_span, texts[1]), (f.source_span, texts[0])):
        if span is not None and text:
            return max(0.0, min(1.0, (span[1] - span[0]) / len(text)))
    return 0.0


def evidence(
    beads: Sequence[Bead],
    flags: Sequence[Sequence[Flag]],
    texts: Sequence[tuple[str, str]],
    langs: tuple[str, str],
    probabilities: Sequence[float] | None = None,
    text: Sequence[dict[str, float] | None] | None = None,
) -> tuple[list[float], list[dict[str, float] | None]]:
    """The risk stage's view of each bead: its calibrated probability (no flag lift, to 4 decimals as
    the model was fit with) and its length, dictionary and link features (memoised in
    ``align.risk``). ``probabilities``: ``align.risk.bead_probabilities`` and ``text``:
    ``align.risk.all_text_features``, when the caller has them."""
    from align.risk import all_text_features, bead_probabilities

    feats = list(text) if text is not None else all_text_features(texts, langs)
    if probabilities is None:
        probabilities = bead_probabilities(beads, flags, texts=texts, langs=langs, text=feats)
    return [round(p, 4) for p in probabilities], feats


def flag_features(
    beads: Sequence[Bead],
    flags: Sequence[Sequence[Flag]],
    texts: Sequence[tuple[str, str]],
    langs: tuple[str, str],
    probabilities: Sequence[float] | None = None,
    text: Sequence[dict[str, float] | None] | None = None,
) -> list[list[dict[str, float]]]:
    """The raw features of every flag, per bead (the same nesting as ``flags``): those of
    ``FEATURES`` and one ``r:<rule>`` key for the rule that raised it (see :func:`rule_of`)."""
    bead_risk, text_features = evidence(beads, flags, texts, langs, probabilities, text)
    paired = [b.score for b in beads if not b.is_null]
    median = float(np.median(paired)) if paired else 0.0
    n_beads = max(len(beads), 1)
    per_check = Counter(f.check for fl in flags for f in fl)
    total = sum(per_check.values())
    to_zh = 1.0 if langs[1] == "zh" else 0.0
    out: list[list[dict[str, float]]] = []
    for i, (bead, fl) in enumerate(zip(beads, flags, strict=True)):
        tf = text_features[i] or {}
        in_bead = Counter(f.check for f in fl)
        rows = []
        for f in fl:
            check = f.check if f.check in CHECKS else "other"
            row = {f"c_{c}": 0.0 for c in (*CHECKS, "other")}
            row[f"c_{check}"] = 1.0
            for k in KINDS:
                row[f"k_{k}"] = 1.0 if f.kind == k else 0.0
            row["sev_critical"] = 1.0 if f.severity == "critical" else 0.0
            row["sev_major"] = 1.0 if f.severity == "major" else 0.0
            row["confidence"] = float(f.confidence)
            row["sim"] = 0.0 if bead.is_null else float(bead.score)
            row["sim_rel"] = 0.0 if bead.is_null else float(bead.score) - median
            row["null"] = 1.0 if bead.is_null else 0.0
            row["bead_risk"] = _logit(float(bead_risk[i]))
            for name in TEXT:
                row[name] = float(tf.get(name, 0.0))
            row["n_bead"] = math.log1p(len(fl))
            row["n_same_bead"] = math.log1p(in_bead[f.check] - 1)
            row["doc_same_rate"] = math.log1p(100.0 * (per_check[f.check] - 1) / n_beads)
            row["doc_rate"] = math.log1p(100.0 * (total - 1) / n_beads)
            row["span_frac"] = _span_frac(f, texts[i])
            row["to_zh"] = to_zh
            row.update(span_link_features((f.source_span, f.target_span), texts[i], langs))
            row[f"r:{rule_of(f.check, f.message)}"] = 1.0
            rows.append(with_products(row))
        out.append(rows)
    return out


def report_features(report) -> list[list[dict[str, float]]]:  # noqa: ANN001 - an align.types.Report
    """:func:`flag_features` of a finished report (the fit and the benchmarks read flags this way)."""
    texts = [(report.bead_text(i, "source"), report.bead_text(i, "target")) for i in range(len(report.beads))]
    return flag_features(report.beads, report.flags, texts, (report.source.lang, report.target.lang))


def probability(row: dict[str, float], model: dict) -> float:
    """Calibrated probability that the flag is a real error (a feature the row lacks counts 0: a rule
    or check the flag does not have)."""
    return logistic.probability(row, model, default=0.0)


def severity_of(p: float, thresholds: dict[str, float]) -> str | None:
    """The severity a probability earns, or ``None`` when the flag is not worth raising."""
    for sev in ("critical", "major", "minor"):
        if p >= float(thresholds[sev]):
            return sev
    return None


def rate_flags(
    beads: Sequence[Bead],
    flags: Sequence[Sequence[Flag]],
    texts: Sequence[tuple[str, str]],
    langs: tuple[str, str],
    model: dict | None = None,
    probabilities: Sequence[float] | None = None,
    text: Sequence[dict[str, float] | None] | None = None,
) -> list[list[Flag]]:
    """Each bead's flags with the severity the model gives them; flags below ``minor`` are dropped.

    Flags of checks the model was not fit on (a plugin's, the glossary's) keep their own severity:
    the model cannot speak for them. ``probabilities``: ``align.risk.bead_probabilities`` of these
    flags, when the caller has them (the pipeline computes them once for this and the risk); ``text``:
    ``align.risk.all_text_features`` likewise."""
    model = model or load_model()
    feats = flag_features(beads, flags, texts, langs, probabilities, text)
    fitted = set(model.get("checks", CHECKS))
    out: list[list[Flag]] = []
    for fl, rows in zip(flags, feats, strict=True):
        kept = []
        for f, row in zip(fl, rows, strict=True):
            if f.check not in fitted:
                kept.append(f)
                continue
            sev = severity_of(probability(row, model), model["thresholds"])
            if sev is not None:
                kept.append(f if sev == f.severity else dataclasses.replace(f, severity=sev))
        kept.sort(key=lambda f: (SEVERITY_RANK[f.severity], -f.confidence, f.kind))
        out.append(kept)
    return out
