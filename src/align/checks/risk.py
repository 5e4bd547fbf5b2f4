"""One number per bead: how likely is it that this bead holds a fidelity problem (0-1)?

A first calibration: flags are treated as independent pieces of evidence, each weighted by its
severity and confidence (noisy-OR), and a small prior from the bead's similarity relative to the
document's typical similarity, so unflagged beads are still ranked. The checks issue calibrates it
against labelled data.
"""

from __future__ import annotations

import numpy as np

from align.types import Bead, Flag

SEVERITY_WEIGHT = {"critical": 0.95, "major": 0.75, "minor": 0.35}


def bead_risks(beads: tuple[Bead, ...], flags: list[list[Flag]]) -> list[float]:
    scores = np.array([b.score for b in beads if not b.is_null], dtype=np.float64)
    med = float(np.median(scores)) if scores.size else 0.0
    lo = float(np.percentile(scores, 5)) if scores.size else 0.0
    out = []
    for bead, fl in zip(beads, flags, strict=True):
        if bead.is_null:
            prior = 0.5
        else:
            # 0 at or above the median, 0.3 at the 5th percentile and below
            prior = 0.3 * float(np.clip((med - bead.score) / max(med - lo, 1e-6), 0.0, 1.0))
        keep = 1.0 - prior
        for f in fl:
            keep *= 1.0 - SEVERITY_WEIGHT[f.severity] * f.confidence
        out.append(round(1.0 - keep, 4))
    return out


def pair_risk(flags: list[Flag], similarity: float, *, typical: float = 0.75, floor: float = 0.35) -> float:
    """Risk of a single sentence pair with no document around it (benchmarks, one-off checks).

    Without a document to compare with, the similarity prior is anchored on fixed points for the
    default embedder: no prior at ``typical`` similarity or above, 0.5 at ``floor`` or below.
    """
    prior = 0.5 * float(np.clip((typical - similarity) / (typical - floor), 0.0, 1.0))
    keep = 1.0 - prior
    for f in flags:
        keep *= 1.0 - SEVERITY_WEIGHT[f.severity] * f.confidence
    return round(1.0 - keep, 4)
