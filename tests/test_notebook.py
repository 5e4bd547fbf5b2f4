"""The review notebook runs top to bottom without an error, headless (as CI runs it)."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "review.ipynb"


def test_review_notebook_executes(tmp_path):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    # the styled flag table and the plot were produced
    assert any("text/html" in o.get("data", {}) and "omission" in o["data"]["text/html"] for o in outputs)
    assert any("image/png" in o.get("data", {}) for o in outputs)
