"""JSON Lines in the SCHEMA.md input format, streamed line by line.

A bad line (not UTF-8, not JSON, not an object, no text) becomes an InputError
naming ``file:line`` and reading goes on, so one broken record never costs a batch.
The size cap applies per line, so a large export is fine but a runaway line is not
read into memory whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import InputError
from ..model import Document
from ._common import DEFAULT_MAX_BYTES, document_from_record

__all__ = ["parse_record_line", "read_jsonl"]

_SKIP_CHUNK = 1 << 20


def parse_record_line(
    line: bytes, where: str, *, published: str | None = None, source: str | None = None
) -> Document | None:
    """One JSONL line to a Document; None for a blank line; InputError when bad."""
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(where, f"invalid UTF-8 at byte {error.start} of the line") from None
    decoded = decoded.lstrip("\ufeff")
    if not decoded.strip():
        return None
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as error:
        raise InputError(where, f"not valid JSON: {error.msg} (column {error.colno})",
                         hint="each line must be one JSON object") from None
    except RecursionError:
        raise InputError(where, "not valid JSON: nested too deeply") from None
    if not isinstance(record, dict):
        raise InputError(where, f"expected a JSON object, got {type(record).__name__}",
                         hint='e.g. {"text": "…", "published": "2022-08-08"}')
    return document_from_record(record, where, published=published, source=source,
                                origin=where)


def read_jsonl(
    stream: BinaryIO,
    name: str,
    *,
    published: str | None = None,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | InputError]:
    """Documents from a binary stream of JSON lines; bad lines are yielded as errors."""
    lineno = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        where = f"{name}:{lineno}"
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # skip the rest of the runaway line without holding it
                chunk = stream.readline(_SKIP_CHUNK)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield InputError(where, f"line longer than the size cap of {max_bytes} bytes",
                             hint="raise the cap with max_bytes if this record is real")
            continue
        try:
            document = parse_record_line(line, where, published=published, source=source)
        except InputError as error:
            yield error
            continue
        if document is not None:
            yield document
