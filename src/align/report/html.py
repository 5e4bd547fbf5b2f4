"""``report.html``: the one file an editor opens to review a translation.

Self-contained on purpose — inline CSS and JavaScript, no CDN, no web fonts — so it can be mailed,
archived and opened offline years later. The data lives in the DOM (text plus ``data-*``
attributes), not in a JSON blob for a framework: 5,000 beads of plain elements render fast, the
page works with scripts disabled (everything visible, only filtering is lost), and nothing from
the documents is ever placed inside a ``<script>``.

Every string from the documents goes through Jinja2 autoescaping or :func:`markupsafe.escape`;
the only markup we build by hand is the highlighting of flag spans, made by slicing the bead's
joined text (the string flag spans index into) and escaping each piece.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from align.report.tables import ids, worst_severity
from align.report.tmx import report_created
from align.types import FLAG_KINDS, SEVERITIES, Report, joiner

TEMPLATE_DIR = Path(__file__).parent / "templates"
TEMPLATE = "report.html.j2"
_LANG_ATTR = {"zh": "zh-CN", "en": "en"}
_LANG_NAME = {"zh": "Chinese", "en": "English"}
# A span-less flag of these kinds is about all the text on that side (what was left out / added),
# so the whole side is highlighted; other span-less flags are only listed under the bead.
_WHOLE_SIDE = {("omission", "source"), ("addition", "target")}


def _environment() -> jinja2.Environment:
    # autoescape=True for every template, whatever its file name: the documents are untrusted input.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_marked(
    text: str,
    marks: list[tuple[int, int, str, str]],
    breaks: list[int] | tuple[int, ...] = (),
) -> Markup:
    """Escape ``text`` and wrap each flag span in ``<mark>``; mark paragraph breaks inside a bead.

    ``marks`` are ``(start, end, kind, title)`` with offsets into ``text``. Overlapping spans are
    flattened: the text is cut at every span boundary and each piece gets one ``<mark>`` carrying
    the classes of all spans covering it (``k-number k-name``), so nothing is nested or lost and
    the HTML stays well formed. Out-of-range spans are clipped; empty ones are ignored.
    ``breaks`` are offsets where a new paragraph starts within the bead.
    """
    n = len(text)
    clean: list[tuple[int, int, str, str]] = []
    for start, end, kind, title in marks:
        a, b = max(0, min(start, n)), max(0, min(end, n))
        if a < b:
            clean.append((a, b, kind, title))
    cuts = {0, n}
    for a, b, _, _ in clean:
        cuts.update((a, b))
    brk = {p for p in breaks if 0 < p < n}
    cuts.update(brk)
    points = sorted(cuts)
    out: list[str] = []
    pending: tuple[frozenset[int], int, int] | None = None  # (active mark ids, start, end)

    def flush() -> None:
        if pending is None:
            return
        active, a, b = pending
        piece = str(escape(text[a:b]))
        if not active:
            out.append(piece)
            return
        kinds = [k for k in FLAG_KINDS if any(clean[j][2] == k for j in active)]
        cls = " ".join(f"k-{k}" for k in kinds) + (" multi" if len(active) > 1 else "")
        title = "\n".join(dict.fromkeys(clean[j][3] for j in sorted(active)))
        out.append(f'<mark class="{cls}" title="{escape(title)}">{piece}</mark>')

    for a, b in zip(points, points[1:], strict=False):
        active = frozenset(j for j, m in enumerate(clean) if m[0] <= a and m[1] >= b)
        if a in brk:
            flush()
            pending = None
            out.append('<span class="pbreak" role="separator" aria-label="new paragraph"></span>')
        if pending is not None and pending[0] == active:
            pending = (active, pending[1], b)
        else:
            flush()
            pending = (active, a, b)
    flush()
    return Markup("".join(out))


def _breaks(report: Report, i: int, side: str) -> list[int]:
    """Offsets in the bead's joined text where a sentence from a new paragraph begins."""
    doc = report.source if side == "source" else report.target
    idx = report.beads[i].source if side == "source" else report.beads[i].target
    glue = len(joiner(doc.lang))
    pos, out, prev = 0, [], None
    for k in idx:
        sent = doc.sentences[k]
        if prev is not None and sent.paragraph != prev:
            out.append(pos)
        prev = sent.paragraph
        pos += len(sent.text) + glue
    return out


def _bead_rows(report: Report) -> list[dict]:
    rows = []
    last_par = {"source": None, "target": None}
    for i, bead in enumerate(report.beads):
        flags = report.flags[i]
        side_html = {}
        new_par = {}
        for side, idx, doc in (
            ("source", bead.source, report.source),
            ("target", bead.target, report.target),
        ):
            text = report.bead_text(i, side)
            marks = []
            for f in flags:
                span = f.source_span if side == "source" else f.target_span
                if span is None and (f.kind, side) in _WHOLE_SIDE:
                    span = (0, len(text))  # an omission without a span: the whole original is missing
                if span is not None:
                    marks.append((span[0], span[1], f.kind, f"{f.kind} ({f.severity}): {f.message}"))
            side_html[side] = render_marked(text, marks, _breaks(report, i, side)) if text else Markup("")
            if idx:
                first = doc.sentences[idx[0]].paragraph
                new_par[side] = last_par[side] is not None and first != last_par[side]
                last_par[side] = doc.sentences[idx[-1]].paragraph
            else:
                new_par[side] = False
        kinds = [k for k in FLAG_KINDS if any(f.kind == k for f in flags)]
        rows.append(
            {
                "i": i,
                "kind": bead.kind,
                "source_ids": ids("source", bead.source),
                "target_ids": ids("target", bead.target),
                "source_html": side_html["source"],
                "target_html": side_html["target"],
                "source_empty": not bead.source,
                "target_empty": not bead.target,
                "severity": worst_severity(flags),
                "kinds": " ".join(kinds),
                "pairs": " ".join(f"{f.kind}:{f.severity}" for f in flags),
                "flags": [
                    {
                        "kind": f.kind,
                        "check": f.check,
                        "severity": f.severity,
                        "confidence": f.confidence,
                        "message": f.message,
                    }
                    for f in flags
                ],
                "par_source": new_par["source"],
                "par_target": new_par["target"],
                "risk": report.risk[i] if i < len(report.risk) else 0.0,
                "score": bead.score,
                "unit": report.units[i] if report.units else "",
            }
        )
    return rows


def _signature_items(report: Report) -> list[tuple[str, str]]:
    sig = report.signature if isinstance(report.signature, dict) else {}
    out = []
    for k, v in sig.items():
        text = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, sort_keys=True, default=str)
        out.append((str(k), text))
    return out


def build_context(report: Report) -> dict:
    """Everything the template needs, computed once in Python (the template only lays it out)."""
    by_kind_sev: Counter[tuple[str, str]] = Counter()
    for flags in report.flags:
        for f in flags:
            by_kind_sev[(f.kind, f.severity)] += 1
    counts = {k: {s: by_kind_sev[(k, s)] for s in SEVERITIES} for k in FLAG_KINDS}
    for k in FLAG_KINDS:
        counts[k]["total"] = sum(counts[k][s] for s in SEVERITIES)
    sev_totals = {s: sum(counts[k][s] for k in FLAG_KINDS) for s in SEVERITIES}
    sev_totals["total"] = sum(sev_totals[s] for s in SEVERITIES)
    bead_worst = Counter(worst_severity(f) for f in report.flags if f)
    sig = report.signature if isinstance(report.signature, dict) else {}
    src, tgt = report.source, report.target
    return {
        "title": f"{src.name or 'original'} → {tgt.name or 'translation'}",
        "source": {
            "name": src.name or "original",
            "lang": src.lang,
            "lang_attr": _LANG_ATTR.get(src.lang, src.lang),
            "lang_name": _LANG_NAME.get(src.lang, src.lang),
            "sentences": len(src.sentences),
        },
        "target": {
            "name": tgt.name or "translation",
            "lang": tgt.lang,
            "lang_attr": _LANG_ATTR.get(tgt.lang, tgt.lang),
            "lang_name": _LANG_NAME.get(tgt.lang, tgt.lang),
            "sentences": len(tgt.sentences),
        },
        "n_beads": len(report.beads),
        "n_flagged": len(report.flagged()),
        "bead_types": sorted(Counter(b.kind for b in report.beads).items()),
        "bead_worst": {s: bead_worst.get(s, 0) for s in SEVERITIES},
        "kinds": FLAG_KINDS,
        "severities": SEVERITIES,
        "counts": counts,
        "sev_totals": sev_totals,
        "signature": _signature_items(report),
        "embedder": str(sig.get("embedder", "")),
        "version": str(sig.get("version", "")),
        "created": report_created(report).strftime("%Y-%m-%d %H:%M UTC") if "created" in sig else "",
        "warnings": list(report.warnings),
        "rows": _bead_rows(report),
    }


def render_html(report: Report) -> str:
    """The report page as a string (what :func:`write_html` writes)."""
    return _environment().get_template(TEMPLATE).render(**build_context(report))


def write_html(report: Report, path: Path) -> None:
    """Write the self-contained review page for ``report`` to ``path`` (UTF-8)."""
    Path(path).write_text(render_html(report), encoding="utf-8")
