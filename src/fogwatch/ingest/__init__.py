"""Reading inputs: files, folders, JSONL on stdin and URLs become ``Document`` records.

``read_inputs`` never raises for a bad input: it yields an ``InputError`` naming the
input and the reason, then goes on with the next one, so a batch of thousands is not
lost to one broken file. Documents come out as read (not cleaned): ``text`` set,
``flags`` and ``sentences`` empty (``flags.notes`` may say a legacy encoding was used).

Which reader: ``-`` is JSONL on stdin; ``http(s)://`` is fetched; a folder is walked
(sorted; hidden files and files of unknown type skipped); a file goes by its
extension, and by its first bytes when it has no known extension.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..model import Document
from ._common import DEFAULT_MAX_BYTES
from ._dispatch import read_data, sniff

if TYPE_CHECKING:
    import httpx

__all__ = ["DEFAULT_MAX_BYTES", "EXTENSIONS", "read_inputs", "read_path", "sniff"]

#: File extension -> reader kind. Unknown extensions are sniffed.
EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".json": "json",
}

_STREAMED = frozenset({"jsonl", "csv"})


def read_inputs(
    inputs: Iterable[str],
    *,
    published: str | None = None,
    source: str | None = None,
    client: httpx.Client | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | InputError]:
    """Yield a Document for each readable document and an InputError for each bad input.

    ``published`` and ``source`` fill in what an input does not say itself.
    ``max_bytes`` caps one file, one download or one JSONL/CSV record; it is checked
    before reading, so a huge file costs nothing. ``client`` is used for URLs (one is
    made, and closed at the end, when none is given).
    """
    own_client: httpx.Client | None = None
    try:
        for item in inputs:
            name = str(item)
            if name == "-":
                from .jsonl import read_jsonl

                yield from read_jsonl(sys.stdin.buffer, "<stdin>", published=published,
                                      source=source, max_bytes=max_bytes)
            elif name.lower().startswith(("http://", "https://")):
                if client is None:
                    from .http import make_client

                    client = own_client = make_client()
                yield from _guarded(_read_url(name, client, published, source, max_bytes))
            else:
                yield from read_path(Path(name), published=published, source=source,
                                     max_bytes=max_bytes)
    finally:
        if own_client is not None:
            own_client.close()


def _read_url(url: str, client: httpx.Client, published: str | None, source: str | None,
              max_bytes: int) -> Iterator[Document | InputError]:
    from .http import read_url

    yield from read_url(url, client, published=published, source=source, max_bytes=max_bytes)


def _guarded(items: Iterator[Document | InputError]) -> Iterator[Document | InputError]:
    """Turn an InputError raised by a reader into one yielded, ending that input only."""
    try:
        yield from items
    except InputError as error:
        yield error


def read_path(
    path: Path,
    *,
    published: str | None = None,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | InputError]:
    """Documents from a file or (recursively) a folder."""
    name = str(path)
    if path.is_dir():
        files = sorted(
            Path(root) / f
            for root, dirs, names in os.walk(path)
            for f in names
            if not f.startswith(".") and not any(part.startswith(".") for part in
                                                  Path(root).relative_to(path).parts)
        )
        # In a folder only known types (and files with no extension) are read, so a
        # README or an image beside the articles is not an error.
        readable = [f for f in files if f.suffix == "" or f.suffix.lower() in EXTENSIONS]
        if not readable:
            known = " ".join(sorted(EXTENSIONS))
            yield InputError(name, "folder holds no readable files", hint=f"expected {known}")
        for file in readable:
            yield from read_path(file, published=published, source=source, max_bytes=max_bytes)
        return
    if not path.exists():
        yield InputError(name, "no such file or folder")
        return
    yield from _guarded(_read_file(path, name, published, source, max_bytes))


def _read_file(path: Path, name: str, published: str | None, source: str | None,
               max_bytes: int) -> Iterator[Document | InputError]:
    kind = EXTENSIONS.get(path.suffix.lower())
    try:
        size = path.stat().st_size
        if size == 0:
            raise InputError(name, "empty file")
        if kind not in _STREAMED and size > max_bytes:
            raise InputError(name, f"{size} bytes, above the size cap of {max_bytes}",
                             hint="raise the cap (max_bytes) if this file is real")
        with path.open("rb") as stream:
            head = stream.read(8192)
            if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
                raise InputError(name, "binary file (NUL bytes), not text",
                                 hint="pass text, HTML, JSONL, CSV, a feed or a Telegram export")
            if kind in _STREAMED:
                stream.seek(0)
                if kind == "jsonl":
                    from .jsonl import read_jsonl

                    yield from read_jsonl(stream, name, published=published, source=source,
                                          max_bytes=max_bytes)
                else:
                    from .csv import read_csv

                    yield from read_csv(stream, name, published=published, source=source,
                                        max_bytes=max_bytes)
                return
            data = head + stream.read(max_bytes + 1 - len(head))
    except OSError as error:
        raise InputError(name, f"cannot read: {error.strerror or error}") from None
    if len(data) > max_bytes:  # the file grew while we read it
        raise InputError(name, f"more than the size cap of {max_bytes} bytes")
    yield from read_data(data, kind, name, doc_id=path.stem, published=published,
                         source=source, max_bytes=max_bytes)
