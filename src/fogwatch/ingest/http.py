"""Documents from HTTP(S) URLs with httpx.

Guards, because a URL list is untrusted input: connect/read timeouts, at most
``MAX_REDIRECTS`` redirects, a content-type allow-list (pages, text, feeds, JSON
lines), and a size cap enforced while streaming (the ``Content-Length`` header is
checked first but never trusted, and the cap counts decompressed bytes).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx

from .. import __version__
from ..errors import InputError
from ..model import Document
from ._common import DEFAULT_MAX_BYTES
from ._dispatch import read_data

__all__ = ["CONTENT_KINDS", "MAX_REDIRECTS", "fetch", "make_client", "read_url"]

MAX_REDIRECTS = 5
TIMEOUT = httpx.Timeout(20.0, connect=10.0)

#: Media type -> reader kind. Anything else is refused before its body is read.
CONTENT_KINDS: dict[str, str] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/jsonlines": "jsonl",
    "application/json-lines": "jsonl",
    "application/x-jsonlines": "jsonl",
    "application/json": "json",
    "text/csv": "csv",
}


@dataclass(frozen=True)
class Fetched:
    data: bytes
    kind: str | None
    charset: str | None
    url: str


def make_client() -> httpx.Client:
    """The client used when the caller passes none."""
    return httpx.Client(
        timeout=TIMEOUT,
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        headers={"User-Agent": f"fogwatch/{__version__}"},
    )


def fetch(url: str, client: httpx.Client, max_bytes: int = DEFAULT_MAX_BYTES) -> Fetched:
    """Download ``url`` within the guards above; every failure is an InputError."""
    try:
        with client.stream("GET", url, follow_redirects=True) as response:
            if response.status_code >= 400:
                raise InputError(url, f"HTTP {response.status_code} {response.reason_phrase}")
            content_type = response.headers.get("content-type", "")
            media_type = content_type.split(";")[0].strip().lower()
            kind = CONTENT_KINDS.get(media_type)
            if media_type and kind is None:
                raise InputError(url, f"unsupported content type {media_type!r}",
                                 hint="fogwatch reads HTML, plain text, feeds, JSON lines, CSV")
            length = response.headers.get("content-length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise InputError(url, f"{length} bytes, above the size cap of {max_bytes}")
            chunks: list[bytes] = []
            total = 0
            for chunk in response.iter_bytes():
                total += len(chunk)
                if total > max_bytes:
                    raise InputError(url, f"more than the size cap of {max_bytes} bytes")
                chunks.append(chunk)
            return Fetched(b"".join(chunks), kind, response.charset_encoding,
                           str(response.url))
    except httpx.TooManyRedirects:
        raise InputError(url, f"more than {MAX_REDIRECTS} redirects") from None
    except httpx.TimeoutException as error:
        raise InputError(url, f"timed out ({type(error).__name__})") from None
    except httpx.InvalidURL as error:
        raise InputError(url, f"invalid URL: {error}") from None
    except httpx.HTTPError as error:
        reason = str(error) or type(error).__name__
        raise InputError(url, f"cannot fetch: {reason}",
                         hint="check the address and the network") from None


def read_url(
    url: str,
    client: httpx.Client,
    *,
    published: str | None = None,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | InputError]:
    """Documents from one URL (a page, a feed, a JSONL file …); ``url`` is the final URL."""
    fetched = fetch(url, client, max_bytes)
    for item in read_data(fetched.data, fetched.kind, url, url=fetched.url,
                          published=published, source=source, charset=fetched.charset,
                          max_bytes=max_bytes):
        if isinstance(item, Document) and item.url is None:
            item = _with_url(item, fetched.url)
        yield item


def _with_url(document: Document, url: str) -> Document:
    from dataclasses import replace

    return replace(document, url=url)
