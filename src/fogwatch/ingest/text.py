"""Plain-text files: the whole file is one document, its id the file stem."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import InputError
from ..model import Document, Flags
from ._common import decode_bytes, sha256_id

__all__ = ["read_text"]


def read_text(
    data: bytes,
    name: str,
    *,
    doc_id: str | None = None,
    url: str | None = None,
    published: str | None = None,
    source: str | None = None,
    charset: str | None = None,
) -> Iterator[Document]:
    """One document from plain text; no cleaning here (that is ``clean.py``'s job)."""
    text, note = decode_bytes(data, name, charset)
    if not text.strip():
        raise InputError(name, "no text (only whitespace)")
    yield Document(
        id=doc_id or sha256_id(text),
        text=text,
        source=source,
        url=url,
        published=published,
        origin=name,
        flags=Flags(notes=(note,)) if note else Flags(),
    )
