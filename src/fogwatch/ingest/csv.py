"""CSV with a header row, columns as in the SCHEMA.md input format.

Needs a ``text`` or ``html`` column; ``id, url, source, title, published, language``
are used when present and empty cells count as missing. Errors name ``file:line``.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import InputError
from ..model import Document
from ._common import DEFAULT_MAX_BYTES, document_from_record

__all__ = ["read_csv"]


def read_csv(
    stream: BinaryIO,
    name: str,
    *,
    published: str | None = None,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | InputError]:
    """Documents from CSV rows; a bad row is yielded as an error and reading goes on."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="strict", newline="")
    csv.field_size_limit(min(max_bytes, sys.maxsize))
    reader = csv.DictReader(text)
    try:
        fields = reader.fieldnames or []
    except (UnicodeDecodeError, csv.Error) as error:
        yield InputError(name, f"cannot read the CSV header: {error}",
                         hint="save the CSV as UTF-8 with a header row")
        return
    if "text" not in fields and "html" not in fields:
        yield InputError(name, "CSV has no 'text' or 'html' column",
                         hint="the header row needs text (or html), and optionally id, url, "
                              "source, title, published, language")
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as error:
            yield InputError(f"{name}:{reader.line_num + 1}",
                             f"invalid UTF-8 ({error.reason}); the rest of the file is skipped",
                             hint="re-save the file as UTF-8")
            return
        except csv.Error as error:
            yield InputError(f"{name}:{reader.line_num}", f"malformed CSV row: {error}")
            continue
        where = f"{name}:{reader.line_num}"
        if None in row:
            yield InputError(where, "more cells than header columns")
            continue
        try:
            yield document_from_record(row, where, published=published, source=source,
                                       origin=where)
        except InputError as error:
            yield error
