"""Benchmarks against human-aligned data: the published alignment metric and the data readers.

Kept apart from the aligner so the yardstick cannot quietly change with the thing it measures.
"""

from align.bench.datasets import (
    DATA_ROOT,
    Doc,
    data_root,
    format_align,
    load_set,
    parse_align_line,
    read_align,
    write_align,
)
from align.bench.metric import Scores, merge_by_verse, score

__all__ = [
    "DATA_ROOT",
    "Doc",
    "Scores",
    "data_root",
    "format_align",
    "load_set",
    "merge_by_verse",
    "parse_align_line",
    "read_align",
    "score",
    "write_align",
]
