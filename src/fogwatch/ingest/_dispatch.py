"""From bytes of a known or guessed kind to documents; shared by files and URLs.

The kind comes from a file extension or an HTTP content type; when neither says
anything the first bytes decide (``sniff``), because exported files often arrive
without a meaningful name.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

from ..errors import InputError
from ..model import Document
from ._common import DEFAULT_MAX_BYTES, decode_bytes, document_from_record

__all__ = ["KINDS", "read_data", "sniff"]

#: The kinds a reader exists for.
KINDS = ("text", "html", "jsonl", "csv", "feed", "json")


def sniff(data: bytes) -> str:
    """Guess the kind of an input from its first bytes."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<"):
        if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
            return "feed"
        if b"<html" in head or head.startswith(b"<!doctype html") or b"<body" in head:
            return "html"
        if head.startswith(b"<?xml"):
            return "feed"
        return "html"
    if head.startswith((b"{", b"[")):
        try:
            json.loads(data)
        except (ValueError, RecursionError):
            return "jsonl"
        return "json"
    return "text"


def _read_json(
    data: bytes, name: str, *, doc_id: str | None, published: str | None, source: str | None,
) -> Iterator[Document | InputError]:
    from .telegram import is_telegram_export, read_telegram

    text, _ = decode_bytes(data, name)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(name, f"not valid JSON: {error.msg} (line {error.lineno})") from None
    except RecursionError:
        raise InputError(name, "not valid JSON: nested too deeply") from None
    if is_telegram_export(value):
        yield from read_telegram(value, name, published=published, source=source)
    elif isinstance(value, dict):
        yield document_from_record(value, name, default_id=doc_id, published=published,
                                   source=source)
    elif isinstance(value, list):
        for number, record in enumerate(value, 1):
            where = f"{name}[{number}]"
            if not isinstance(record, dict):
                yield InputError(where, f"expected a JSON object, got {type(record).__name__}")
                continue
            try:
                yield document_from_record(record, where, published=published, source=source)
            except InputError as error:
                yield error
    else:
        raise InputError(name, "JSON is neither a Telegram export nor input records",
                         hint="see SCHEMA.md, 'Input documents'")


def read_data(
    data: bytes,
    kind: str | None,
    name: str,
    *,
    doc_id: str | None = None,
    url: str | None = None,
    published: str | None = None,
    source: str | None = None,
    charset: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | InputError]:
    """Documents from one input held in memory; raises InputError for the whole input."""
    if not data.strip():
        raise InputError(name, "empty input (no bytes or only whitespace)")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(name, "binary file (NUL bytes), not text",
                         hint="pass text, HTML, JSONL, CSV, a feed or a Telegram export")
    kind = kind or sniff(data)
    if kind == "text":
        from .text import read_text

        yield from read_text(data, name, doc_id=doc_id, url=url, published=published,
                             source=source, charset=charset)
    elif kind == "html":
        from .html import read_html

        yield from read_html(data, name, doc_id=doc_id, url=url, published=published,
                             source=source, charset=charset)
    elif kind == "jsonl":
        from .jsonl import read_jsonl

        yield from read_jsonl(io.BytesIO(data), name, published=published, source=source,
                              max_bytes=max_bytes)
    elif kind == "csv":
        from .csv import read_csv

        yield from read_csv(io.BytesIO(data), name, published=published, source=source,
                            max_bytes=max_bytes)
    elif kind == "feed":
        from .feed import read_feed

        yield from read_feed(data, name, published=published, source=source)
    elif kind == "json":
        yield from _read_json(data, name, doc_id=doc_id, published=published, source=source)
    else:
        raise ValueError(f"unknown input kind {kind!r}; expected one of {KINDS}")
