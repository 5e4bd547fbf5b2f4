"""The sentence aligner: arrays in, beads out.

It takes sentence vectors (and, optionally, per-sentence anchor features such as figures and
dictionary vectors computed by ``align.text``) and returns monotone beads (n:m, 1-0 and 0-1
included). Like vecalign's ``dp_utils``, it knows nothing downstream: it imports nothing from
``align.checks``, and the pipeline is the only caller that knows about documents.

- ``dp``: bead costs, the banded dynamic programme, coarse-to-fine windows;
- ``lexvec``: CC-CEDICT dictionary vectors that keep names, numbers and rare words apart;
- ``numberbonus``: figures as anchors of a bead;
- ``tokenbonus``: the opt-in ``--precise`` score from contextual token vectors.
"""

from align.aligner.dp import (
    LENGTH_ADAPT_MAX,
    LENGTH_MODEL,
    AlignParams,
    Band,
    align_vectors,
    anchor_path,
    banded_dp,
    document_length_mean,
)

__all__ = [
    "LENGTH_ADAPT_MAX",
    "LENGTH_MODEL",
    "AlignParams",
    "Band",
    "align_vectors",
    "anchor_path",
    "banded_dp",
    "document_length_mean",
]
