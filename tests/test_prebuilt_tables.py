"""The tables shipped in ``align/data/prebuilt`` (issue 18: a first run spent ~15 s building them):
each equals a fresh build, a run copies it into an empty cache instead of building, and a missing,
stale or damaged one only means the table is built as before."""

from __future__ import annotations

import importlib.util
import io
import lzma
import pickle

import numpy as np
import pytest

from align import paths
from align.text.datafiles import DATA_DIR

ROOT = DATA_DIR.parents[2]


def _build_tables_script():  # noqa: ANN202 - the module scripts/build_tables.py
    spec = importlib.util.spec_from_file_location("build_tables", ROOT / "scripts" / "build_tables.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_tables_equal_a_fresh_build() -> None:
    """About 20 s: every table built from scratch (the command to fix a failure is in the message)."""
    problems = _build_tables_script().check()
    assert not problems, "rebuild with: .venv/bin/python scripts/build_tables.py\n" + "\n".join(problems)


def test_data_card_names_every_shipped_table_and_the_rebuild_command() -> None:
    card = (paths.PREBUILT_DIR / "README.md").read_text(encoding="utf-8")
    assert "scripts/build_tables.py" in card and "CC BY-SA 4.0" in card and "MDBG" in card
    shipped = sorted(paths.PREBUILT_DIR.glob("*.xz"))
    assert len(shipped) == 6
    for path in shipped:
        assert f"`{path.name.split('-')[0]}-" in card, path.name
    assert sum(p.stat().st_size for p in shipped) < 10_000_000  # the package may grow by ~10 MB at most


@pytest.fixture
def shipped(tmp_path, monkeypatch):
    """A folder of shipped tables (empty) and an empty cache folder, for ``paths``."""
    folder, cache = tmp_path / "prebuilt", tmp_path / "cache"
    folder.mkdir()
    cache.mkdir()
    monkeypatch.setattr(paths, "PREBUILT_DIR", folder)
    monkeypatch.setenv("ALIGN_CACHE", str(cache))
    paths._usable.cache_clear()
    yield folder, cache
    paths._usable.cache_clear()


def _ship(folder, name: str, data: bytes) -> None:
    (folder / f"{name}.xz").write_bytes(lzma.compress(data))


def _npz(**arrays) -> bytes:
    buf = io.BytesIO()
    np.savez(buf, _complete=np.zeros(0, np.int8), **arrays)
    return buf.getvalue()


def test_a_shipped_table_is_copied_into_the_cache_instead_of_built(shipped) -> None:
    folder, cache = shipped
    _ship(folder, "thing-v1.npz", _npz(x=np.arange(4)))
    _ship(folder, "other-v1.pkl", pickle.dumps({"a": 1}))
    (cache / "thing-v0.npz").write_bytes(b"an older build")

    def never() -> dict:
        raise AssertionError("built although a current table ships")

    z = paths.arrays_cached("thing-v1", "thing-*.npz", never)
    assert np.array_equal(z["x"], np.arange(4))
    assert sorted(p.name for p in cache.iterdir()) == ["thing-v1.npz"]  # copied; the stale one removed
    assert paths.pickle_cached("other-v1", "other-*.pkl", dict, never) == {"a": 1}
    assert (cache / "other-v1.pkl").is_file()
    # a table of another version (another name) is not used: built as before
    assert paths.arrays_cached("thing-v2", "thing-*.npz", lambda: {"x": np.arange(2)})["x"].tolist() == [0, 1]


def test_an_unusable_cache_reads_the_shipped_table_directly(shipped, monkeypatch) -> None:
    folder, cache = shipped
    _ship(folder, "thing-v1.npz", _npz(x=np.arange(3)))
    not_a_folder = cache / "file"
    not_a_folder.write_text("x")
    monkeypatch.setenv("ALIGN_CACHE", str(not_a_folder))
    paths._usable.cache_clear()
    z = paths.arrays_cached("thing-v1", "thing-*.npz", lambda: {"x": np.arange(9)})
    assert z["x"].tolist() == [0, 1, 2]


def test_a_damaged_or_disabled_shipped_table_is_built_instead(shipped, monkeypatch) -> None:
    folder, _ = shipped
    (folder / "thing-v1.npz.xz").write_bytes(b"not xz at all")
    _ship(folder, "other-v1.pkl", b"\x80\x05junk")
    assert paths.arrays_cached("thing-v1", "thing-*.npz", lambda: {"x": np.arange(2)})["x"].tolist() == [0, 1]
    assert paths.pickle_cached("other-v1", "other-*.pkl", list, lambda: [7]) == [7]
    _ship(folder, "third-v1.pkl", pickle.dumps([1]))
    monkeypatch.setattr(paths, "USE_PREBUILT", False)
    assert paths.pickle_cached("third-v1", "third-*.pkl", list, lambda: [2]) == [2]


def test_names_table_is_the_lexicon_it_was_built_from() -> None:
    from align.checks.names import gazetteer

    built = gazetteer._build()
    table = gazetteer._unpack(gazetteer._pack(built))
    assert list(table.entries) == list(built.entries) and table.zh_max == built.zh_max
    for field, _ in gazetteer._INDEXES:
        assert dict(getattr(table, field).items()) == dict(getattr(built, field)), field
    for field, _ in gazetteer._SETS:
        assert getattr(table, field) == getattr(built, field), field
    e = table.zh_index["日本"][0]
    assert e is table.zh_index["日本"][0] and e in table.en_index["japan"]  # one object per entry
    assert "不存在的名字" not in table.zh_index and table.zh_index.get("不存在的名字", []) == []
