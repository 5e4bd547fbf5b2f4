"""alignment.tmx, as align writes it, read back by translate-toolkit (what CAT tools build on) and by
align's own bilingual reader: one unit per paired bead, the texts unchanged."""

from __future__ import annotations

from translate.storage.tmx import tmxfile

from align.formats.bilingual import read_bilingual
from align.report.tmx import write_tmx
from browser.sample import make_report


def test_hand_built_report_round_trips(tmp_path):
    report = make_report()
    path = tmp_path / "alignment.tmx"
    write_tmx(report, path)
    paired = [i for i, b in enumerate(report.beads) if not b.is_null]
    expected = [(report.bead_text(i, "source"), report.bead_text(i, "target")) for i in paired]

    store = tmxfile(path.read_bytes())
    assert [(u.source, u.target) for u in store.units] == expected

    ours = read_bilingual(path)
    assert (ours.format, ours.source_lang, ours.target_lang) == ("tmx", "en", "zh")
    assert [u.id for u in ours.units] == [str(i) for i in paired]
    assert [(u.source, u.target) for u in ours.units] == [
        (" ".join(s.split()), " ".join(t.split())) for s, t in expected
    ]


def test_demo_report_tmx_is_read_by_translate_toolkit(tmp_path, embedder):
    import align
    from align.pipeline import demo_paths

    report = align.check(*demo_paths(), checks="number", embedder=embedder)
    report.write(tmp_path / "out", "tmx")
    store = tmxfile((tmp_path / "out" / "alignment.tmx").read_bytes())
    paired = [i for i, b in enumerate(report.beads) if not b.is_null]
    assert len(store.units) == len(paired) > 20
    assert store.units[0].source == report.bead_text(paired[0], "source")
    assert store.units[0].target == report.bead_text(paired[0], "target")
