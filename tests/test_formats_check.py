"""The demo's content in every format translators have gives the demo's four planted flags.

The bundled demo pair (an English article and a Chinese translation with four planted errors: a
dropped sentence, an added sentence, a changed figure, "a middle power" as 作为一个小国) is turned
into XLIFF 1.2 and TMX by translate-toolkit, into XLIFF 2.0 and a Trados-style .sdlxliff by hand,
into .docx by python-docx, and into a web page with navigation, share buttons, a caption, related
links and a footer around it (served from 127.0.0.1 for the URL path). Each must give the same four
flags and nothing from the wrapping.
"""

from __future__ import annotations

import html
import http.server
import subprocess
import sys
import threading
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

import align
from align.errors import AlignError
from align.pipeline import check_bilingual, demo_paths

PLANTED = {"omission", "addition", "number", "mistranslation"}


def _paragraphs(path: Path) -> list[str]:
    return [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]


@pytest.fixture(scope="module")
def demo_units() -> list[tuple[str, str]]:
    """The demo's eight paragraphs, English with Chinese: a paragraph-segmented CAT file's units."""
    en, zh = (_paragraphs(p) for p in demo_paths())
    assert len(en) == len(zh) == 8
    return list(zip(en, zh, strict=True))


def _kinds(report) -> list[str]:
    return sorted(f.kind for fl in report.flags for f in fl)


def _assert_demo_flags(report) -> None:
    kinds = _kinds(report)
    assert set(kinds) == PLANTED and len(kinds) == 4, [(f.kind, f.message) for fl in report.flags for f in fl]


def test_xliff12_from_translate_toolkit(demo_units, tmp_path):
    from translate.storage import xliff

    store = xliff.xlifffile(sourcelanguage="en-US", targetlanguage="zh-CN")
    for en, zh in demo_units:
        store.addsourceunit(en).target = zh
    path = tmp_path / "demo.xlf"
    path.write_bytes(bytes(store))
    report = check_bilingual(path)
    _assert_demo_flags(report)
    assert report.units and len(set(report.units)) == 8  # every bead names its unit
    frame = report.to_frame()
    assert frame.columns[-1] == "unit" and frame["unit"].nunique() == 8


def test_tmx_from_translate_toolkit(demo_units, tmp_path):
    from translate.storage import tmx

    store = tmx.tmxfile(sourcelanguage="en-US", targetlanguage="zh-CN")
    for en, zh in demo_units:
        store.addtranslation(en, "en-US", zh, "zh-CN")
    path = tmp_path / "demo.tmx"
    path.write_bytes(bytes(store))
    _assert_demo_flags(check_bilingual(path))


def test_xliff20_with_tags_and_an_untranslated_unit(demo_units, tmp_path):
    units = "".join(
        f'<unit id="u{k}"><segment id="s{k}"><source>{escape(en)}</source><target>{escape(zh)}</target>'
        "</segment></unit>\n"
        for k, (en, zh) in enumerate(demo_units, start=1)
    )
    units += (
        '<unit id="links"><segment><source>Read <pc id="1">the full plan</pc> online.<ph id="2"/></source>'
        "<target>请在网上阅读完整计划。</target></segment></unit>\n"
        '<unit id="todo"><segment><source>This closing line was never translated.</source>'
        "<target></target></segment></unit>\n"
    )
    path = tmp_path / "demo.xlf"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" '
        f'version="2.0" srcLang="en" trgLang="zh-CN"><file id="f1">\n{units}</file></xliff>\n',
        encoding="utf-8",
    )
    report = check_bilingual(path)
    by_unit = {}
    for i, fl in enumerate(report.flags):
        for f in fl:
            by_unit.setdefault(report.units[i], []).append(f)
    demo = [f for u, fl in by_unit.items() if u.startswith("u") for f in fl]
    assert sorted(f.kind for f in demo) == sorted(PLANTED)
    [tags] = by_unit["links"]
    assert tags.check == "form" and "{1}" in tags.message and "{2}" in tags.message
    [todo] = by_unit["todo"]
    assert todo.kind == "omission" and todo.severity == "critical" and "not translated" in todo.message
    # the tags are shown where they are, and the number check did not read {1} as a figure
    links = report.units.index("links")
    assert "{1}the full plan{/1}" in report.bead_text(links, "source")
    assert not [f for f in by_unit["links"] if f.check == "number"]


def test_realign_keeps_unit_ids(demo_units, tmp_path):
    from translate.storage import xliff

    store = xliff.xlifffile(sourcelanguage="en", targetlanguage="zh")
    for en, zh in demo_units:
        store.addsourceunit(en).target = zh
    path = tmp_path / "demo.xlf"
    path.write_bytes(bytes(store))
    report = check_bilingual(path, realign=True)
    assert len(report.units) == len(report.beads) and report.signature["input"]["realign"] is True
    assert set(_kinds(report)) >= PLANTED


def test_docx_pair_and_reviewed_comments_on_the_flagged_words(tmp_path):
    from docx import Document

    from align.formats.docx import read_docx

    paths = []
    for src, name in zip(demo_paths(), ("demo.en.docx", "demo.zh.docx"), strict=True):
        doc = Document()
        doc.sections[0].header.paragraphs[0].text = "Confidential draft: header text that is not checked"
        for para in _paragraphs(src):
            doc.add_paragraph(para)
        doc.save(tmp_path / name)
        paths.append(tmp_path / name)
    before = paths[1].read_bytes()
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, "-m", "align", "check", *map(str, paths), "-o", str(out), "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1, run.stderr
    assert paths[1].read_bytes() == before  # the input is never touched
    reviewed = Document(str(out / "reviewed.docx"))
    comments = list(reviewed.comments)
    assert len(comments) == 4
    anchored = _anchored_texts(reviewed)
    assert "42亿美元" in anchored and "小国" in anchored
    assert any("has no counterpart" in c.text and "the original:" in c.text for c in comments)
    assert read_docx(out / "reviewed.docx").text == read_docx(paths[1]).text


def _anchored_texts(document) -> list[str]:
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    open_: dict[str, list[str]] = {}
    done = []
    for el in document.element.body.iter():
        if el.tag == w + "commentRangeStart":
            open_[el.get(w + "id")] = []
        elif el.tag == w + "commentRangeEnd":
            done.append("".join(open_.pop(el.get(w + "id"))))
        elif el.tag == w + "t":
            for parts in open_.values():
                parts.append(el.text or "")
    return done


def _page(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs[1:])
    title = html.escape(paragraphs[0])
    return "\n".join(
        [
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} | Example</title>',
            "</head><body><header><nav><a href='/'>Home</a> <a href='/world'>World</a>",
            "<a href='/subscribe'>Subscribe</a></nav></header>",
            f"<main><article><h1>{title}</h1>",
            "<div class='share'><a href='#'>Share on X</a> <a href='#'>Email</a></div>",
            body,
            "<figure><img src='drill.jpg' alt=''><figcaption>Troops at a drill in 2023. Photo: Agency",
            "</figcaption></figure></article></main><aside><h2>Related</h2><ul>",
            "<li><a href='/a'>Why Europe is rearming and what it will cost the taxpayers</a></li>",
            "<li><a href='/b'>Ten charts that explain the budget fight in Washington this year</a></li>",
            "</ul></aside><footer>© 2026 Example Media. All rights reserved. Privacy policy. Terms of use.",
            "</footer></body></html>",
        ]
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    (root / "article.html").write_text(_page(_paragraphs(demo_paths()[0])), encoding="utf-8")
    (root / "login.html").write_text(
        "<html><body><nav><a href='/'>Home</a></nav><form>Log in</form></body></html>", encoding="utf-8"
    )

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):
            super().__init__(*a, directory=str(root), **k)

        def log_message(self, *a):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_saved_page_and_url_give_the_demo_flags_and_nothing_from_the_page(server, tmp_path):
    root, base = server
    zh = demo_paths()[1]
    _assert_demo_flags(align.check(root / "article.html", zh))
    out, saved = tmp_path / "out", tmp_path / "original.txt"
    run = subprocess.run(
        [sys.executable, "-m", "align", "check", f"{base}/article.html", str(zh), "-o", str(out)]
        + ["--format", "json", "--save-original", str(saved)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1, run.stderr
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("Japan's Quiet Rearmament") and "Subscribe" not in text and "Share on" not in text
    assert "Photo: Agency" not in text and "Related" not in text and "Privacy" not in text
    # the saved text is a file like any other: checking it again gives the same flags
    _assert_demo_flags(align.check(saved, zh))


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda root, base, tmp: [f"{base}/missing.html"], "HTTP 404"),
        (lambda root, base, tmp: ["http://127.0.0.1:9/article.html"], "127.0.0.1"),
        (lambda root, base, tmp: [f"{base}/login.html"], "no article text"),
        (lambda root, base, tmp: [str(_zip_of_text(tmp))], "Word"),
        (lambda root, base, tmp: [str(_broken_xliff(tmp))], "line"),
    ],
)
def test_bad_inputs_are_one_line_and_exit_2(server, tmp_path, make, expected):
    root, base = server
    args = make(root, base, tmp_path)
    if not args[0].endswith(".xlf"):
        args.append(str(demo_paths()[1]))
    run = subprocess.run(
        [sys.executable, "-m", "align", "check", *args, "-o", str(tmp_path / "o")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2, run.stderr
    assert expected in run.stderr and run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert not (tmp_path / "o").exists()


def _zip_of_text(folder: Path) -> Path:
    import zipfile

    path = folder / "notes.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("notes.txt", "not a Word document")
    return path


def _broken_xliff(folder: Path) -> Path:
    path = folder / "broken.xlf"
    path.write_text(
        '<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="en" target-language="zh">\n'
        '<body><trans-unit id="1"><source>Hello.</source>\n</body></file></xliff>\n',
        encoding="utf-8",
    )
    return path


def test_a_bilingual_file_is_checked_alone():
    with pytest.raises(AlignError):
        from align.cli import _bilingual_input

        _bilingual_input(Path("a.xlf"), Path("b.txt"))


def _xliff12(path: Path, units: list[tuple[str, str]], src: str = "en-US", tgt: str = "zh-CN") -> Path:
    body = "".join(
        f'<trans-unit id="t{k}"><source>{escape(a)}</source><target>{escape(b)}</target></trans-unit>\n'
        for k, (a, b) in enumerate(units, start=1)
    )
    path.write_text(
        '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        f'<file original="x" source-language="{src}" target-language="{tgt}" datatype="plaintext"><body>\n'
        f"{body}</body></file></xliff>\n",
        encoding="utf-8",
    )
    return path


def test_a_target_copied_from_the_source_is_not_translated(demo_units, tmp_path):
    copy = "Officials also cite Russia's invasion of Ukraine as proof that borders can be redrawn."
    units = [*demo_units[:3], (copy, copy), ("NATO", "NATO")]
    report = check_bilingual(_xliff12(tmp_path / "copy.xlf", units))
    flagged = {report.units[i]: [f.message for f in fl] for i, fl in enumerate(report.flags) if fl}
    assert any("repeats the original" in m for m in flagged["t4"])
    assert "t5" not in flagged  # a name is rightly the same in both


def test_shifted_units_are_flagged_one_by_one_not_withheld(demo_units, tmp_path):
    en = [a for a, _ in demo_units]
    zh = [b for _, b in demo_units]
    shifted = list(zip(en, [*zh[1:], ""], strict=True))
    report = check_bilingual(_xliff12(tmp_path / "shift.xlf", shifted))
    assert not report.unrelated  # the translator's pairs are judged, not the file as a whole
    flagged_units = {report.units[i] for i, fl in enumerate(report.flags) if fl}
    assert len(flagged_units) >= 6 and "t8" in flagged_units
    realigned = check_bilingual(tmp_path / "shift.xlf", realign=True)
    assert not any("flagged as untranslated" in w for w in realigned.warnings)


def test_a_file_whose_text_is_not_in_its_declared_languages_is_refused(tmp_path):
    french = [("Le gouvernement a annoncé une hausse du budget de la défense.", "政府宣布增加国防预算。")] * 3
    with pytest.raises(AlignError, match="French"):
        check_bilingual(_xliff12(tmp_path / "fr.xlf", french))
    reversed_ = [
        ("政府宣布增加国防预算，幅度之大前所未有。", "The government announced a defence budget rise.")
    ] * 3
    with pytest.raises(AlignError, match="English"):
        check_bilingual(_xliff12(tmp_path / "rev.xlf", reversed_))
