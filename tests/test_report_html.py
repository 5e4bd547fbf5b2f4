"""report.html: span highlighting and escaping (pure Python) and the page in a real headless Chromium.

The browser tests need Debian's ``chromium`` and ``chromium-driver`` (the CI script installs
them); they skip, saying so, only when those binaries are absent. Selenium is pointed at
``/usr/bin/chromedriver`` so Selenium Manager never tries to download a driver.
"""

from __future__ import annotations

import dataclasses
import html as htmlmod
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.report.html import render_html, render_marked, write_html
from align.types import FLAG_KINDS, SEVERITIES, Bead, Report
from browser.sample import SCRIPT, make_report

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


# --------------------------------------------------------------------------- pure Python


class _Checker(HTMLParser):
    """Collects text and checks tags nest properly (a broken mark would leak into the page)."""

    VOID = {"br", "meta", "input", "img", "hr", "link"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.marked: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unbalanced </{tag}> with open {self.stack}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        if "mark" in self.stack:
            self.marked.append(data)


def _parse(fragment: str) -> _Checker:
    c = _Checker()
    c.feed(fragment)
    c.close()
    return c


def test_render_marked_escapes_every_piece_and_keeps_text():
    text = 'a <b>&"x"</b> 3.2 亿'
    out = str(render_marked(text, [(3, 10, "number", "t<i>"), (0, 1, "name", "n")]))
    assert "<b>" not in out and "</b>" not in out and "&lt;" in out and "&amp;" in out
    c = _parse(out)
    assert not c.errors and not c.stack
    assert "".join(c.text) == text
    assert c.marked == ["a", text[3:10]]


def test_render_marked_flattens_overlaps_into_pieces():
    text = "revenue of 3.2 billion dollars"
    a = text.index("3.2 billion")
    b = text.index("billion dollars")
    out = str(
        render_marked(
            text, [(a, a + len("3.2 billion"), "number", "n"), (b, b + len("billion dollars"), "term", "t")]
        )
    )
    pieces = re.findall(r'<mark class="([^"]+)"[^>]*>([^<]*)</mark>', out)
    assert pieces == [("k-number", "3.2 "), ("k-number k-term multi", "billion"), ("k-term", " dollars")]


def test_render_marked_clips_and_ignores_bad_spans_and_marks_paragraph_breaks():
    text = "One. Two."
    out = str(
        render_marked(text, [(-5, 3, "term", "x"), (7, 99, "name", "y"), (4, 4, "number", "z")], breaks=[5])
    )
    c = _parse(out)
    assert "".join(c.text) == text
    assert c.marked == ["One", "o."]
    assert out.count('class="pbreak"') == 1
    assert out.index("One") < out.index("pbreak") < out.index("Tw")


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab <>&\"'亿。 \n")), max_size=40),
    spans=st.lists(
        st.tuples(st.integers(-3, 45), st.integers(-3, 45), st.sampled_from(FLAG_KINDS)), max_size=5
    ),
    breaks=st.lists(st.integers(0, 45), max_size=3),
)
def test_render_marked_is_well_formed_and_lossless(text, spans, breaks):
    out = str(render_marked(text, [(a, b, k, f"{k}<&>") for a, b, k in spans], breaks))
    c = _parse(out)
    assert not c.errors and not c.stack
    assert "".join(c.text) == text
    covered = {i for a, b, _ in spans for i in range(max(a, 0), min(b, len(text)))}
    assert sum(len(m) for m in c.marked) == len(covered)


def test_page_escapes_document_text_and_is_self_contained():
    report = make_report()
    page = render_html(report)
    assert SCRIPT not in page
    assert htmlmod.escape(SCRIPT, quote=False) in page
    assert page.count("<script>") == 1  # only our own inline script
    # nothing is fetched from anywhere: no external scripts, stylesheets, fonts or images
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page)
    assert "@import" not in page and "url(" not in page
    assert "a test warning with &lt;angle&gt; &amp; ampersand" in page


def test_page_data_attributes_match_report():
    report = make_report()
    page = render_html(report)
    rows = re.findall(
        r'<article class="bead[^"]*" id="b(\d+)"[^>]*data-kinds="([^"]*)" data-severity="([^"]*)"', page
    )
    assert len(rows) == len(report.beads)
    for i, kinds, sev in rows:
        fl = report.flags[int(i)]
        assert set(kinds.split()) == {f.kind for f in fl}
        assert sev == (min((f.severity for f in fl), key=SEVERITIES.index) if fl else "")


def test_write_html_writes_one_utf8_file(tmp_path):
    out = tmp_path / "report.html"
    write_html(make_report(), out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]
    assert "玛丽·史密斯" in out.read_text(encoding="utf-8")
    empty = dataclasses.replace(make_report(), beads=(), flags=(), risk=())
    write_html(empty, out)
    assert "No sentences to show" in out.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """One headless Chromium for the module (starting one costs about a second)."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.skip(
            f"browser test needs Debian chromium + chromium-driver; not installed: {', '.join(missing)}"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opts = Options()
    opts.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
        "--window-size=1400,1000",
    ):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=opts)
    driver.set_window_size(1400, 1000)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory):
    report = make_report()
    path = tmp_path_factory.mktemp("html") / "report.html"
    write_html(report, path)
    return report, path


def _open(driver, path: Path) -> None:
    driver.get(path.resolve().as_uri())
    assert driver.execute_script("return document.readyState") == "complete"


def _visible_beads(driver) -> list[int]:
    from selenium.webdriver.common.by import By

    return [
        int(el.get_attribute("data-bead"))
        for el in driver.find_elements(By.CSS_SELECTOR, "#beads .bead")
        if el.is_displayed()
    ]


def _severe_console_errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def test_page_loads_from_file_and_summary_matches(browser, sample_page):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    report, path = sample_page
    _open(browser, path)
    with pytest.raises(NoAlertPresentException):
        _ = browser.switch_to.alert.text
    assert not _severe_console_errors(browser)
    assert browser.title.startswith("Translation check")

    def cell(kind: str, sev: str) -> int:
        sel = f'td[data-count-kind="{kind}"][data-count-severity="{sev}"]'
        return int(browser.find_element(By.CSS_SELECTOR, sel).text)

    for kind in FLAG_KINDS:
        for sev in SEVERITIES:
            expected = sum(1 for fl in report.flags for f in fl if f.kind == kind and f.severity == sev)
            assert cell(kind, sev) == expected, (kind, sev)
        assert cell(kind, "total") == report.counts()[kind]
    assert cell("all", "total") == sum(len(fl) for fl in report.flags)
    assert int(browser.find_element(By.ID, "n-beads").text) == len(report.beads)
    assert int(browser.find_element(By.ID, "n-flagged").text) == len(report.flagged())
    assert int(browser.find_element(By.ID, "n-src-sent").text) == len(report.source.sentences)
    assert int(browser.find_element(By.ID, "n-tgt-sent").text) == len(report.target.sentences)
    assert (
        browser.find_element(By.CSS_SELECTOR, 'dd[data-sig="embedder"]').text == report.signature["embedder"]
    )
    assert browser.find_element(By.ID, "warnings").text == report.warnings[0]
    assert _visible_beads(browser) == list(range(len(report.beads)))


def test_script_in_translation_is_shown_as_text(browser, sample_page):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    report, path = sample_page
    _open(browser, path)
    bead = next(i for i in range(len(report.beads)) if report.bead_text(i, "target") == SCRIPT)
    tgt = browser.find_element(By.CSS_SELECTOR, f"#b{bead} .txt.tgt")
    assert tgt.text == SCRIPT
    assert browser.find_elements(By.CSS_SELECTOR, "#beads script") == []
    assert len(browser.find_elements(By.TAG_NAME, "script")) == 1
    with pytest.raises(NoAlertPresentException):
        _ = browser.switch_to.alert.text


def test_highlights_sit_on_the_flagged_words(browser, sample_page):
    from selenium.webdriver.common.by import By

    report, path = sample_page
    _open(browser, path)
    for i, flags in enumerate(report.flags):
        for side in ("source", "target"):
            text = report.bead_text(i, side)
            spans = [f.source_span if side == "source" else f.target_span for f in flags]
            covered = {k for sp in spans if sp for k in range(*sp)}
            cls = "src" if side == "source" else "tgt"
            marks = browser.find_elements(By.CSS_SELECTOR, f"#b{i} .txt.{cls} mark")
            if not covered:
                continue  # span-less flags may highlight a whole side; checked below
            assert "".join(m.text for m in marks) == "".join(text[k] for k in sorted(covered))
    # span-less omission: the whole original of the 1-0 bead is highlighted as omission
    one_zero = next(i for i, b in enumerate(report.beads) if b.kind == "1-0")
    m = browser.find_element(By.CSS_SELECTOR, f"#b{one_zero} .txt.src mark.k-omission")
    assert m.text == report.bead_text(one_zero, "source")


def _paragraph_starts(report: Report) -> list[int]:
    """Beads whose first sentence on either side opens a new paragraph."""
    out = []
    last = {"source": None, "target": None}
    for i, b in enumerate(report.beads):
        new = False
        for side, idx, doc in (("source", b.source, report.source), ("target", b.target, report.target)):
            if idx:
                par = doc.sentences[idx[0]].paragraph
                new |= last[side] is not None and par != last[side]
                last[side] = doc.sentences[idx[-1]].paragraph
        if new:
            out.append(i)
    return out


def test_paragraph_start_gets_a_visual_gap(browser, sample_page):
    report, path = sample_page
    _open(browser, path)
    starts = _paragraph_starts(report)
    assert starts, "sample should contain a paragraph break"
    margins = browser.execute_script(
        "return Array.from(document.querySelectorAll('#beads .bead'))"
        ".map(e => parseFloat(getComputedStyle(e).marginTop))"
    )
    others = [m for i, m in enumerate(margins) if i not in starts]
    gaps = [margins[i] for i in starts]
    assert min(gaps) >= 8 and max(others) < min(gaps), margins


def test_kind_and_severity_filters(browser, sample_page):
    from selenium.webdriver.common.by import By

    report, path = sample_page
    _open(browser, path)

    def having(pred) -> list[int]:
        return [i for i, fl in enumerate(report.flags) if any(pred(f) for f in fl)]

    browser.find_element(By.CSS_SELECTOR, '[data-only-kind="number"]').click()
    assert _visible_beads(browser) == having(lambda f: f.kind == "number")
    n_number = len(having(lambda f: f.kind == "number"))
    assert browser.find_element(By.ID, "status").text == f"Showing {n_number} of {len(report.beads)} beads"

    # add "name" with its checkbox: number or name beads
    browser.find_element(By.CSS_SELECTOR, '#kind-filter input[value="name"]').click()
    assert _visible_beads(browser) == having(lambda f: f.kind in ("number", "name"))

    browser.find_element(By.ID, "reset").click()
    assert _visible_beads(browser) == list(range(len(report.beads)))

    # severity: drop "minor" -> only beads with a critical or major flag
    browser.find_element(By.CSS_SELECTOR, '#severity-filter input[value="minor"]').click()
    assert _visible_beads(browser) == having(lambda f: f.severity != "minor")

    # kind x severity is per flag: number + critical excludes the minor-only number bead
    browser.find_element(By.ID, "reset").click()
    browser.find_element(By.CSS_SELECTOR, '[data-only-kind="number"]').click()
    for sev in ("major", "minor"):
        browser.find_element(By.CSS_SELECTOR, f'#severity-filter input[value="{sev}"]').click()
    assert _visible_beads(browser) == having(lambda f: f.kind == "number" and f.severity == "critical")

    browser.find_element(By.ID, "reset").click()
    browser.find_element(By.ID, "flagged-only").click()
    assert _visible_beads(browser) == report.flagged()
    browser.find_element(By.ID, "flagged-only").click()
    assert _visible_beads(browser) == list(range(len(report.beads)))
    assert not _severe_console_errors(browser)


def _press(driver, key: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(key).perform()


def _focused_bead(driver) -> int | None:
    v = driver.execute_script(
        "var b = document.activeElement && document.activeElement.closest('.bead');"
        "return b ? Number(b.dataset.bead) : null;"
    )
    return None if v is None else int(v)


def test_keyboard_next_and_previous_flagged_bead(browser, sample_page, tmp_path):
    from selenium.webdriver.common.by import By

    report, path = sample_page
    _open(browser, path)
    flagged = report.flagged()
    assert _focused_bead(browser) is None
    seen = []
    for _ in flagged:
        _press(browser, "n")
        seen.append(_focused_bead(browser))
    assert seen == flagged
    _press(browser, "n")  # past the last: stays put
    assert _focused_bead(browser) == flagged[-1]
    _press(browser, "p")
    assert _focused_bead(browser) == flagged[-2]
    _press(browser, "k")
    assert _focused_bead(browser) == flagged[-3]
    _press(browser, "j")
    assert _focused_bead(browser) == flagged[-2]
    outline = browser.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"

    # with a filter on, navigation skips hidden beads
    browser.find_element(By.CSS_SELECTOR, '[data-only-kind="number"]').click()
    browser.execute_script("document.activeElement.blur(); window.scrollTo(0, 0)")
    numbers = [i for i, fl in enumerate(report.flags) if any(f.kind == "number" for f in fl)]
    got = []
    for _ in numbers:
        _press(browser, "n")
        got.append(_focused_bead(browser))
    assert got == numbers

    shot = tmp_path / "report.png"
    browser.find_element(By.ID, "reset").click()
    browser.execute_script("window.scrollTo(0, 0)")
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == PNG_MAGIC


def _big_report(n_beads: int) -> Report:
    """The sample's six beads repeated until there are ``n_beads`` (same documents, reused sentences)."""
    base = make_report()
    reps = -(-n_beads // len(base.beads))
    beads: list[Bead] = []
    flags, risk = [], []
    for _ in range(reps):
        beads += base.beads
        flags += base.flags
        risk += base.risk
    return dataclasses.replace(
        base, beads=tuple(beads[:n_beads]), flags=tuple(flags[:n_beads]), risk=tuple(risk[:n_beads])
    )


def test_five_thousand_beads_stay_responsive(browser, tmp_path):
    from selenium.webdriver.common.by import By

    report = _big_report(5000)
    path = tmp_path / "report.html"
    write_html(report, path)
    t0 = time.perf_counter()
    _open(browser, path)
    load = time.perf_counter() - t0
    assert len(browser.find_elements(By.CSS_SELECTOR, "#beads .bead")) == 5000
    ms = browser.execute_script(
        "var t = performance.now(); document.querySelector('[data-only-kind=\"number\"]').click();"
        "document.body.offsetHeight; return performance.now() - t;"
    )
    expected = sum(1 for fl in report.flags if any(f.kind == "number" for f in fl))
    assert (
        browser.execute_script("return document.querySelectorAll('#beads .bead:not([hidden])').length")
        == expected
    )
    # generous bounds: these catch an accidental O(n^2), not a slow CI machine
    assert load < 20, load
    assert ms < 2000, ms
    # jump deep into the page with the keyboard: the target must be scrolled into view
    browser.execute_script(
        "document.getElementById('reset').click(); document.getElementById('b4000').focus()"
    )
    _press(browser, "n")
    i = _focused_bead(browser)
    assert i == next(k for k in range(4001, 5000) if report.flags[k])
    rect_js = "var r = document.activeElement.getBoundingClientRect(); return [r.top, r.bottom, innerHeight];"
    top, bottom, height = browser.execute_script(rect_js)
    assert top >= 0 and bottom <= height
