"""The one loader for the knowledge files in ``align/data``: word lists, tables, fitted weights.

Every file there starts with a header that names its source and licence (``#`` lines in TSV and
text files, a ``_provenance`` key in JSON); logic modules never hold word lists of their own, they
read them here. Files are read once per process.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def data_path(name: str) -> Path:
    """The path of a bundled data file (``risk_model.json``, ``lex_opposites.tsv`` …)."""
    return DATA_DIR / name


@functools.cache
def read_json(name: str) -> dict:
    """A bundled JSON file (treat the result as read-only: it is shared by every caller)."""
    return json.loads(data_path(name).read_text(encoding="utf-8"))


@functools.cache
def read_rows(name: str, *, header: bool = True) -> tuple[tuple[str, ...], ...]:
    """The tab-separated rows of a bundled TSV file, without ``#`` comment lines, blank lines and
    (when ``header``) the column-name row."""
    rows = []
    for line in data_path(name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(tuple(line.split("\t")))
    return tuple(rows[1:] if header and rows else rows)


@functools.cache
def read_words(name: str) -> frozenset[str]:
    """A bundled word list: one entry a line (the first column of a TSV), comments skipped."""
    return frozenset(r[0] for r in read_rows(name, header=False) if r and r[0])
