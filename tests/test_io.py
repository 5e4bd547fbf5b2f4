"""Reading files in the encodings users have, and refusing what is not text, in one line."""

from __future__ import annotations

import warnings

import pytest

from align.errors import AlignError
from align.io import InputWarning, atomic_dir, read_text

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


# --- files real exports produce: repaired with a warning, or refused with the place of the problem ---

ZH_DOC = "日本与美国的同盟正在改变。\n\n东京决定增加国防预算。\n\n北京对此表示担忧。\n"


def _read_warned(p):
    """read_text, plus the InputWarning messages it raised (each must name the file)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text, enc = read_text(p)
    msgs = [str(w.message) for w in caught if issubclass(w.category, InputWarning)]
    assert all(str(p) in m for m in msgs)
    return text, enc, msgs


def test_a_gbk_paragraph_pasted_into_a_utf8_file_is_decoded_line_by_line(tmp_path):
    paras = ZH_DOC.split("\n\n")
    p = _write(
        tmp_path / "f.txt", paras[0].encode() + b"\n\n" + paras[1].encode("gbk") + b"\n\n" + paras[2].encode()
    )
    text, _, msgs = _read_warned(p)
    assert text == ZH_DOC
    assert msgs and "line 3" in msgs[0] and "GB18030" in msgs[0]


@pytest.mark.parametrize(
    "bad",
    [
        b"\xed\xa0\x80",  # a lone surrogate encoded as UTF-8 (CESU-8 / broken Java export)
        "\udc80".encode("utf-8", "surrogateescape"),  # a stray byte, as Python's surrogateescape writes it
        b"\xe4\xb8",  # a character cut in half
    ],
)
def test_a_few_undecodable_bytes_are_replaced_and_reported(tmp_path, bad):
    p = _write(tmp_path / "f.txt", "第一句。".encode() + bad + "第二句。\n第三句。".encode())
    text, enc, msgs = _read_warned(p)
    assert enc == "utf-8" and text.startswith("第一句。\ufffd") and text.endswith("第二句。\n第三句。")
    assert len(msgs) == 1 and "line 1" in msgs[0]


def test_lone_surrogate_in_utf16_is_replaced_and_reported(tmp_path):
    p = _write(
        tmp_path / "f.txt",
        b"\xff\xfe" + "第一句。".encode("utf-16-le") + b"\x00\xd8" + "第二句。".encode("utf-16-le"),
    )
    text, enc, msgs = _read_warned(p)
    assert (text, enc) == ("第一句。\ufffd第二句。", "utf-16-le")
    assert len(msgs) == 1 and "surrogate" in msgs[0]


@pytest.mark.parametrize(
    "data",
    [
        ZH_DOC.replace("。", "。\x00", 1).encode(),  # one stray NUL
        ZH_DOC.replace("。", "。\x00").encode(),  # a NUL after every sentence
        ZH_DOC.encode() + b"\x00" * 4096,  # a pre-allocated file padded with NULs
        ZH_DOC.replace("。", "。\x00").encode() + b"\x00",  # even length: must not be read as UTF-16
    ],
)
def test_nul_bytes_in_text_are_dropped_with_a_warning(tmp_path, data):
    text, enc, msgs = _read_warned(_write(tmp_path / "f.txt", data))
    assert (text, enc) == (ZH_DOC, "utf-8")
    assert len(msgs) == 1 and "NUL" in msgs[0]


def test_windows_english_with_curly_apostrophes_is_not_read_as_chinese(tmp_path):
    """cp1252 "don’t" is also valid GB18030 ("don抰"): the rare-character test must reject that."""
    en = "Japan’s budget will climb. It doesn’t matter what Tokyo’s critics say — the plan is clear."
    text, enc, msgs = _read_warned(_write(tmp_path / "f.txt", en.encode("cp1252")))
    assert text == en and enc == "cp1252" and not msgs


def test_utf8_chinese_with_a_bad_byte_is_not_read_as_gb18030_mojibake(tmp_path):
    """The demo article in UTF-8 read as GB18030 passes a plain "looks like text" test (0.87)."""
    from align.pipeline import demo_paths

    data = bytearray(demo_paths()[1].read_bytes())
    data[200] = 0xFF
    text, enc, msgs = _read_warned(_write(tmp_path / "f.txt", bytes(data)))
    assert enc == "utf-8" and text.count("\ufffd") <= 3 and "日本悄然重整军备" in text
    assert len(msgs) == 1


def test_undecodable_file_error_says_where(tmp_path):
    data = b"first line\nsecond line\n" + bytes(range(0x80, 0x100)) * 8
    with pytest.raises(AlignError, match=r"line 3, byte 0x80 at offset 23") as e:
        read_text(_write(tmp_path / "f.txt", data))
    assert "\n" not in str(e.value)


def test_control_characters_are_removed_and_form_feeds_break_lines(tmp_path):
    p = _write(tmp_path / "f.txt", b"Page one ends.\x0cPage two \x1b[1mbold\x1b[0m.\n")
    text, _, msgs = _read_warned(p)
    assert text == "Page one ends.\nPage two [1mbold[0m.\n"
    assert len(msgs) == 1 and "2 control" in msgs[0]


def test_markdown_saved_as_txt_is_detected(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("# Heading\n\nSome **bold** and [a link](http://x).\n", encoding="utf-8")
    text, _, msgs = _read_warned(p)
    assert text == "Heading\n\nSome bold and a link.\n"
    assert len(msgs) == 1 and "Markdown" in msgs[0]


def test_plain_text_with_a_hash_or_asterisk_is_left_alone(tmp_path):
    plain = "# 1 in the ranking.\n\nPrices rose 5*3 times; see note *.\n"
    p = tmp_path / "a.txt"
    p.write_text(plain, encoding="utf-8")
    assert _read_warned(p)[:3:2] == (plain, [])


def test_html_head_and_title_are_not_text(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(
        "<html><head><title>Site | Page</title><meta charset=utf-8></head><body><h1>Title</h1><p>Body.</p>"
    )
    assert read_text(p)[0] == "Title\n\nBody.\n"


def test_interrupt_between_the_two_renames_keeps_the_previous_output(tmp_path, monkeypatch):
    """Ctrl-C after the old folder was moved aside but before the new one is in place."""
    import os

    target = tmp_path / "out"
    target.mkdir()
    (target / "old.csv").write_text("old")
    real_replace = os.replace
    calls = []

    def interrupted_replace(src, dst):
        calls.append(src)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", interrupted_replace)
    with pytest.raises(KeyboardInterrupt), atomic_dir(target, force=True) as tmp:
        (tmp / "new.csv").write_text("new")
    monkeypatch.setattr(os, "replace", real_replace)
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert [p.name for p in target.iterdir()] == ["old.csv"]
