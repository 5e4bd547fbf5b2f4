"""Memory of a long document: freed memory given back to the operating system between stages, and
arrays a stage does not need set aside in a file.

Why: glibc's allocator keeps memory that Python and numpy have freed in its heap for reuse, and
its threshold for serving a large block from its own mapping (given back at once when freed)
rises as blocks are freed, so a book-length pair's temporaries (embedding chunks, dictionary
vectors, the aligner's blocks) stay resident after the stage that made them. Measured on the
100,000-sentence pair (``benchmarks/bench_scale.py``): 417 MB of freed memory still resident
after embedding, 212 MB when the bead pass starts (``benchmarks/RESULTS.md``). ``malloc_trim``
returns it; Dask's workers do the same for the same reason.

Only on Linux with glibc, and only for long documents (a call walks the heap: ~1-10 ms).
Elsewhere, or where the C library lacks it, nothing happens.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import sys
import tempfile

import numpy as np

# Below this many sentences (both sides) the temporaries are small and a trim is not worth a call.
LONG_DOCUMENT = 20_000


@functools.cache
def _malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):  # musl and other C libraries have no malloc_trim
        return None


def release_freed_memory(sentences: int | None = None) -> bool:
    """Return freed heap memory to the operating system; ``sentences``: the document's size, below
    ``LONG_DOCUMENT`` nothing is done. Returns whether a trim ran."""
    if sentences is not None and sentences < LONG_DOCUMENT:
        return False
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


class Spilled:
    """Arrays written to a file in the cache folder while a long stage does not need them.

    Why a file and not a smaller copy: the values come back bit for bit, so a spilled run's beads and
    scores equal an unspilled one's. The file has no name on disk (a ``tempfile.TemporaryFile``) and
    is gone when this object is, or when the process ends, even on Ctrl-C. Where the file cannot be
    written (a full disk), the arrays simply stay in memory: the run needs more of it, and goes on.
    """

    def __init__(self, **arrays: np.ndarray) -> None:
        from align.paths import cache_dir

        self._kept: dict[str, np.ndarray] | None = None
        self._file = None
        try:
            self._file = tempfile.TemporaryFile(dir=cache_dir(), prefix="align-spill-")  # noqa: SIM115
            np.savez(self._file, **arrays)
            self._file.flush()
        except OSError:
            if self._file is not None:
                self._file.close()
            self._file, self._kept = None, dict(arrays)

    def load(self) -> dict[str, np.ndarray]:
        """The arrays, read back in full (the file stays for another load)."""
        if self._file is None:
            return dict(self._kept or {})
        self._file.seek(0)
        with np.load(self._file) as npz:
            return {k: npz[k] for k in npz.files}


class SideArrays:
    """Named arrays of each side of a document (sentence parts, dictionary vectors).

    With ``spill`` (a long document), each waits in its own file and at most one side's are in
    memory at a time: the aligner's window pass reads the source side's, then the target side's.
    Without, they simply stay in memory.
    """

    def __init__(self, spill: bool) -> None:
        self.spill = spill
        self._files: dict[tuple[str, str], Spilled] = {}
        self._mem: dict[tuple[str, str], np.ndarray] = {}

    def put(self, side: str, name: str, array: np.ndarray) -> None:
        if self.spill:
            self._files[(side, name)] = Spilled(array=array)
        else:
            self._mem[(side, name)] = array

    def get(self, side: str, name: str) -> np.ndarray:
        key = (side, name)
        if key not in self._mem:
            for other in [k for k in self._mem if k[0] != side]:
                del self._mem[other]
            self._mem[key] = self._files[key].load()["array"]
        return self._mem[key]

    def release(self) -> None:
        """Drop the copies read back from files (a spilled store only)."""
        if self.spill:
            self._mem.clear()
