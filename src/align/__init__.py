"""align: check a Chinese translation against its English original (or the reverse), offline.

The public API mirrors the CLI: ``check()`` runs segment → embed → align → check and returns a
``Report``; ``align_documents()`` stops after alignment; ``batch()`` checks many pairs (in worker
processes or on Dask) and returns their summary as a DataFrame.
"""

__version__ = "0.3.0"

from align.types import Bead, Document, Flag, Report, Sentence  # noqa: E402

__all__ = [
    "Bead",
    "Document",
    "Flag",
    "Report",
    "Sentence",
    "__version__",
    "check",
    "align_documents",
    "batch",
]


def __getattr__(name: str):
    # The pipeline imports embedders and checks; load it only when asked so `import align` is cheap.
    if name in ("check", "align_documents"):
        from align import pipeline

        return getattr(pipeline, name)
    if name == "batch":
        from align.batching import batch

        return batch
    raise AttributeError(name)
