"""Reading files in the encodings users have, and refusing what is not text, in one line."""

from __future__ import annotations

import pytest

from align.errors import AlignError
from align.io import atomic_dir, read_text

ZH = "日本与美国的关系。\n\n第二段：“好的。”\n"
ZH_TRAD = "日本與美國的關係。\n\n第二段：「好的。」\n"


@pytest.mark.parametrize(
    ("data", "expected_enc"),
    [
        (ZH.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + ZH.encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + ZH.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + ZH.encode("utf-16-be"), "utf-16-be"),
        (ZH.encode("gb18030"), "gb18030"),
        (ZH.encode("gbk"), "gb18030"),
    ],
)
def test_decodes_common_encodings(tmp_path, data, expected_enc):
    p = tmp_path / "f.txt"
    p.write_bytes(data)
    text, enc = read_text(p)
    assert text == ZH
    assert enc == expected_enc


def test_big5(tmp_path):
    p = tmp_path / "f.txt"
    p.write_bytes(ZH_TRAD.encode("big5"))
    text, enc = read_text(p)
    assert text == ZH_TRAD
    assert enc == "big5"


def test_utf16_without_bom_english(tmp_path):
    p = tmp_path / "f.txt"
    p.write_bytes("Hello there. It works.\n".encode("utf-16-le"))
    assert read_text(p)[0] == "Hello there. It works.\n"


def test_crlf_and_cr_normalised(tmp_path):
    p = tmp_path / "f.txt"
    p.write_bytes(b"One.\r\nTwo.\r\n\r\nThree.\rFour.")
    assert read_text(p)[0] == "One.\nTwo.\n\nThree.\nFour."


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "e.txt", b""), "empty"),
        (lambda d: _write(d / "w.txt", b"  \n\t\n"), "empty"),
        (lambda d: _write(d / "b.bin", bytes(range(256)) * 20), "binary"),
    ],
)
def test_bad_input_is_one_clear_error(tmp_path, make, message):
    with pytest.raises(AlignError, match=message) as e:
        read_text(make(tmp_path))
    assert "\n" not in str(e.value)


def _write(p, data):
    p.write_bytes(data)
    return p


def test_atomic_dir_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "out"
    with pytest.raises(RuntimeError), atomic_dir(target) as tmp:
        (tmp / "half.csv").write_text("x")
        raise RuntimeError("boom")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_atomic_dir_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    (target / "old.csv").write_text("old")
    with pytest.raises(AlignError, match="--force"), atomic_dir(target):
        pass
    with atomic_dir(target, force=True) as tmp:
        (tmp / "new.csv").write_text("new")
    assert sorted(p.name for p in target.iterdir()) == ["new.csv"]


def test_html_input_is_reduced_to_its_text(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(
        "<!doctype html><html><head><title>T</title><style>p{}</style><script>var x=1;</script></head>"
        "<body><h1>Title</h1><p>First &amp; one. Second.</p><p>Third.</p></body></html>",
        encoding="utf-8",
    )
    text, _ = read_text(p)
    assert "var x" not in text and "p{}" not in text and "<" not in text
    assert "First & one. Second.\n\nThird." in text


def test_markdown_input_keeps_words_and_paragraphs(tmp_path):
    p = tmp_path / "a.md"
    p.write_text(
        "# Heading\n\nSome **bold** and [a link](http://x).\n\n- item one\n- item two\n", encoding="utf-8"
    )
    assert read_text(p)[0] == "Heading\n\nSome bold and a link.\n\nitem one\nitem two\n"
