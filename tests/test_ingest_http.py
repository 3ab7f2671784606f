"""URLs against a real HTTP server on 127.0.0.1 that the test starts in a thread."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from fogwatch.errors import InputError
from fogwatch.ingest import read_inputs
from fogwatch.model import Document

PAGE = b"""<!DOCTYPE html><html><head><title>Port struck | River Post</title>
<meta property="og:title" content="Port struck">
<meta property="article:published_time" content="2023-07-24">
</head><body><article><h1>Port struck</h1>
<p>Drones hit a grain terminal on the river port early on Monday, damaging a warehouse
and two cranes, the regional governor said. One worker was wounded by debris.</p>
<p>Air defence shot down most of the drones launched overnight, the air force said, and
the port resumed loading ships in the afternoon after firefighters put out the blaze.</p>
</article></body></html>"""

FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>River Wire</title>
<item><title>Blast</title><link>http://example.org/blast</link>
<pubDate>Mon, 24 Jul 2023 06:00:00 +0300</pubDate>
<description>An explosion was heard near the port.</description></item>
</channel></rss>"""

ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/page.html": (200, "text/html; charset=utf-8", PAGE),
    "/feed": (200, "application/rss+xml", FEED),
    "/plain": (200, "text/plain; charset=windows-1251", "Обстрел порта.".encode("cp1251")),
    "/lines": (200, "application/x-ndjson", b'{"id": "l1", "text": "Line doc."}\nnope\n'),
    "/image": (200, "image/png", b"\x89PNG\r\n\x1a\n"),
    "/big": (200, "text/plain", b"a" * 50_000),
    "/scripts": (200, "text/html",
                 b"<html><body>" + b"<script>x=1</script>" * 40 + b"</body></html>"),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/page.html")
            self.end_headers()
            return
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        if self.path == "/chunked-big":  # no Content-Length: the cap must work while streaming
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"b" * 4096
            try:
                for _ in range(64):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        status, ctype, body = ROUTES.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _one(url: str, **kwargs) -> Document | InputError:
    items = list(read_inputs([url], **kwargs))
    assert len(items) == 1, [str(i) for i in items]
    return items[0]


def test_html_page(base_url: str) -> None:
    doc = _one(f"{base_url}/page.html", source="CLI source")
    assert isinstance(doc, Document), str(doc)
    assert "Drones hit a grain terminal" in doc.text
    assert (doc.title, doc.published, doc.url) == ("Port struck", "2023-07-24",
                                                    f"{base_url}/page.html")
    assert doc.raw is not None and "<article>" in doc.raw


def test_redirect_is_followed_and_final_url_kept(base_url: str) -> None:
    doc = _one(f"{base_url}/redirect")
    assert isinstance(doc, Document) and doc.url == f"{base_url}/page.html"


def test_feed_over_http(base_url: str) -> None:
    doc = _one(f"{base_url}/feed")
    assert isinstance(doc, Document)
    assert (doc.text, doc.source, doc.url) == ("An explosion was heard near the port.",
                                               "River Wire", "http://example.org/blast")


def test_declared_charset_is_used(base_url: str) -> None:
    doc = _one(f"{base_url}/plain")
    assert isinstance(doc, Document) and doc.text == "Обстрел порта."


def test_jsonl_over_http_with_a_bad_line(base_url: str) -> None:
    doc, error = list(read_inputs([f"{base_url}/lines"]))
    assert isinstance(doc, Document) and doc.id == "l1"
    assert isinstance(error, InputError) and error.source == f"{base_url}/lines:2"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/image", "unsupported content type 'image/png'"),
        ("/big", "50000 bytes, above the size cap of 10000"),
        ("/chunked-big", "more than the size cap of 10000 bytes"),
        ("/loop", "more than 5 redirects"),
        ("/scripts", "no article text in the HTML page after extraction"),
    ],
)
def test_bad_urls(base_url: str, path: str, reason: str) -> None:
    error = _one(f"{base_url}{path}", max_bytes=10_000)
    assert isinstance(error, InputError)
    assert error.source == f"{base_url}{path}"
    assert error.reason == reason


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_unreachable_url_and_the_batch_goes_on(base_url: str) -> None:
    dead = f"http://127.0.0.1:{_closed_port()}/article"
    error, doc = list(read_inputs([dead, f"{base_url}/page.html"]))
    assert isinstance(error, InputError) and error.source == dead
    assert error.reason.startswith("cannot fetch")
    assert isinstance(doc, Document)


def test_given_client_is_used_and_left_open(base_url: str) -> None:
    with httpx.Client(timeout=5) as client:
        doc = _one(f"{base_url}/page.html", client=client)
        assert isinstance(doc, Document)
        assert not client.is_closed
