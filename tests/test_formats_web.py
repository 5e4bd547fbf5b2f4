"""The original from a web page: the article kept, the page's furniture dropped, errors in one line."""

from __future__ import annotations

import gzip
import html
import socket
import threading
import time
import warnings
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import align
from align.errors import AlignError
from align.formats import web
from align.formats.web import article_from_url, decode_page, extract_article, fetch_url, is_url
from align.io import InputWarning, read_text

DEMO = Path(align.__file__).parent / "demo"
BOILERPLATE = {
    "en": ["Home", "World news", "Share on Facebook", "Copy link", "Related stories", "Markets slide",
           "Copyright 2024", "Privacy policy", "Soldiers unload crates", "Example News"],
    "zh": ["首页", "国际新闻", "分享到微博", "复制链接", "相关阅读", "股市下跌", "版权所有", "隐私政策",
           "士兵们在卸货", "示例新闻网"],
}  # fmt: skip


def _demo(lang: str) -> list[str]:
    text = (DEMO / f"article.{lang}.txt").read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def page(lang: str, charset: str = "utf-8") -> str:
    """A news page around the demo article: header, menu, share buttons, a captioned photo,
    related links and a footer, as a site's template would put them."""
    title, *paras = _demo(lang)
    b = BOILERPLATE[lang]
    ps = [f"<p>{html.escape(p)}</p>" for p in paras]
    figure = (
        f'<figure><img src="/img/base.jpg" alt=""><figcaption>{b[8]} at a base, 2023.</figcaption></figure>'
    )
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="{charset}"><title>{html.escape(title)} | {b[9]}</title>
<script>window.analytics = {{"page": "article"}};</script><style>nav {{ display: flex; }}</style></head>
<body>
<header><div class="logo">{b[9]}</div>
<nav class="menu"><ul><li><a href="/">{b[0]}</a></li><li><a href="/world">{b[1]}</a></li></ul></nav></header>
<main><article>
<h1>{html.escape(title)}</h1>
<div class="share"><a href="#">{b[2]}</a> <button>{b[3]}</button></div>
{"".join(ps[:2])}
{figure}
{"".join(ps[2:])}
</article>
<aside class="related"><h2>{b[4]}</h2><ul><li><a href="/a">{b[5]} after the rate decision</a></li>
<li><a href="/b">Ten more stories you may like</a></li></ul></aside>
</main>
<footer><p>{b[6]} {b[9]}.</p><a href="/privacy">{b[7]}</a></footer>
</body></html>
"""


def _expected(lang: str) -> str:
    return "\n\n".join(_demo(lang)) + "\n"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_article_kept_and_boilerplate_dropped(lang):
    got = extract_article(page(lang), f"article.{lang}.html")
    assert got == _expected(lang)  # title first, every paragraph, a blank line between
    for junk in BOILERPLATE[lang]:
        assert junk not in got


def test_no_article_text():
    login = (
        "<html><head><title>Sign in</title></head><body><header><nav><a href='/'>Home</a> "
        "<a href='/news'>News</a></nav></header><main><form><label>User</label><input name=u>"
        "<button>Sign in</button></form></main><footer><a href='/privacy'>Privacy</a></footer></body></html>"
    )
    for source in (login, "", "<html><body><script>render()</script></body></html>"):
        with pytest.raises(AlignError) as e:
            extract_article(source, "login.html")
        assert str(e.value) == "login.html: no article text found in the page"


def test_is_url():
    assert is_url("https://example.com/a?b=1") and is_url("HTTP://example.com")
    assert not is_url("example.com") and not is_url("ftp://example.com/x") and not is_url("https://")
    assert not is_url("article.en.txt") and not is_url("C:\\docs\\a.html")


def test_decode_page_honours_declared_and_detected_charsets():
    zh = page("zh", charset="gbk")
    data = zh.encode("gb18030")
    assert decode_page(data, "p") == zh  # from <meta charset>
    assert decode_page(data, "p", charset="GB2312") == zh  # a GB2312 label on GBK text, as browsers read it
    assert decode_page(page("zh").encode("utf-8"), "p", charset="iso-8859-1") == page("zh")  # wrong label


class _Site(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, dict[str, str], bytes, float]] = {}

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        status, headers, body, delay = self.routes.get(
            self.path, (404, {"Content-Type": "text/html"}, b"", 0)
        )
        time.sleep(delay)
        self.send_response(status)
        for k, v in {**headers, "Content-Length": str(len(body))}.items():
            self.send_header(k, v)
        self.server.seen.append(self.headers.get("User-Agent", ""))  # type: ignore[attr-defined]
        try:
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the client gave up first (the timeout test)
            pass

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass


@pytest.fixture(scope="module")
def site():
    _Site.routes = {
        "/en.html": (200, {"Content-Type": "text/html; charset=utf-8"}, page("en").encode(), 0),
        "/zh.html": (200, {"Content-Type": "text/html"}, page("zh", "gbk").encode("gb18030"), 0),
        "/gz.html": (
            200,
            {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"},
            gzip.compress(page("en").encode()),
            0,
        ),
        "/data.json": (200, {"Content-Type": "application/json"}, b'{"a": 1}', 0),
        "/slow.html": (200, {"Content-Type": "text/html"}, b"<p>late</p>", 1.0),
    }
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    server.daemon_threads = True
    server.seen = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_fetch_and_extract_from_a_local_server(site):
    server, base = site
    assert fetch_url(f"{base}/en.html") == page("en").encode()
    assert server.seen[-1].startswith("align/")
    assert article_from_url(f"{base}/en.html") == _expected("en")
    assert article_from_url(f"{base}/zh.html") == _expected("zh")  # GBK, declared in the page only
    assert article_from_url(f"{base}/gz.html") == _expected("en")


def _fetch_error(url: str, **kw) -> str:
    with pytest.raises(AlignError) as e:
        fetch_url(url, **kw)
    msg = str(e.value)
    assert "\n" not in msg and msg.startswith(url)
    return msg


def test_network_errors_are_one_line(site, monkeypatch):
    _, base = site
    assert _fetch_error(f"{base}/missing.html") == f"{base}/missing.html: HTTP 404 Not Found"
    assert "application/json, not a web page" in _fetch_error(f"{base}/data.json")
    assert "no answer within 0.2 s" in _fetch_error(f"{base}/slow.html", timeout=0.2)

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    assert "connection refused" in _fetch_error(f"http://127.0.0.1:{closed}/")

    def offline(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", offline)
    assert "cannot find the server news.example (offline" in _fetch_error("https://news.example/a.html")


def test_page_size_limit(site, monkeypatch):
    _, base = site
    monkeypatch.setattr(web, "MAX_PAGE_BYTES", 1000)
    assert "over the" in _fetch_error(f"{base}/en.html")
    assert "over the" in _fetch_error(f"{base}/gz.html")


def test_saved_pages_are_read_as_their_article(tmp_path):
    saved = tmp_path / "article.html"
    saved.write_text(page("en"), encoding="utf-8")
    text, _ = read_text(saved)
    assert text == _expected("en")
    as_txt = tmp_path / "article.zh.txt"  # a page saved under a .txt name
    as_txt.write_text(page("zh"), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text, _ = read_text(as_txt)
    assert text == _expected("zh")
    assert any("looks like HTML" in str(w.message) for w in caught if w.category is InputWarning)


def test_a_large_page_without_an_article_is_read_whole_with_a_warning(tmp_path):
    links = "".join(f"<li><a href='/{i}'>Section {i}</a></li>" for i in range(300))
    saved = tmp_path / "index.html"
    saved.write_text(f"<html><body><nav><ul>{links}</ul></nav></body></html>", encoding="utf-8")
    with pytest.warns(InputWarning, match="no article found"):
        text, _ = read_text(saved)
    assert "Section 0" in text and "Section 299" in text
