"""What every reader shares: decoding bytes, the size cap, and building a Document.

Decoding policy (one place, so every format behaves the same):

1. NUL bytes in the first 8 KiB mean a binary file: an error, never a guess.
2. Strict UTF-8 (a BOM is dropped). Almost all news text on the web is UTF-8.
3. If that fails and the bytes contain *valid* multi-byte UTF-8 sequences, the file
   is UTF-8 with corrupt bytes (or mixed encodings): an error, because any
   single-byte guess would turn the good part into mojibake.
4. Otherwise a legacy single-byte file (Windows-1251, KOI8-R, Latin-1 …) is decoded
   only when charset-normalizer is confident (a known legacy encoding and low
   "chaos"); otherwise an error that says to re-save the file as UTF-8.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

from ..errors import InputError
from ..model import Document

__all__ = [
    "DEFAULT_MAX_BYTES",
    "decode_bytes",
    "document_from_record",
    "sha256_id",
]

#: Default cap on one input (a file, a download, one JSONL line): news articles are
#: kilobytes, so 20 MB is generous and still stops a mistaken disk image or log dump.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_LEGACY_ENCODINGS = frozenset(
    {"cp1251", "koi8_r", "koi8_u", "iso8859_5", "mac_cyrillic", "cp866", "cp1252",
     "latin_1", "iso8859_15", "utf_16", "utf_16_le", "utf_16_be"}
)
_MAX_CHAOS = 0.1
# A valid 2-4 byte UTF-8 sequence; its presence in undecodable bytes means "broken UTF-8".
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def sha256_id(text: str) -> str:
    """The default document id (SCHEMA.md): sha256 of the text, hex."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def decode_bytes(data: bytes, name: str, charset: str | None = None) -> tuple[str, str | None]:
    """Decode ``data`` by the policy above; returns (text, note) or raises InputError.

    ``charset`` is a declared encoding (an HTTP header); it is tried strictly first.
    ``note`` says which legacy encoding was used, for ``Flags.notes``.
    """
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(name, "binary file (NUL bytes), not text",
                         hint="pass text, HTML, JSONL, CSV, a feed or a Telegram export")
    if charset:
        try:
            return data.decode(charset), None
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        utf8_error = error
    if _UTF8_MULTIBYTE.search(data):
        raise InputError(
            name,
            f"invalid UTF-8 at byte {utf8_error.start} in otherwise UTF-8 text",
            hint="the file mixes encodings or is corrupt; re-save it as UTF-8",
        )
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding in _LEGACY_ENCODINGS and best.chaos <= _MAX_CHAOS:
        try:
            return data.decode(best.encoding), f"decoded as {best.encoding}"
        except UnicodeDecodeError:
            pass
    raise InputError(
        name,
        f"not valid UTF-8 (byte {utf8_error.start}) and its encoding cannot be told "
        "with confidence",
        hint="re-save the file as UTF-8",
    )


def _text_field(record: Mapping[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    return value if isinstance(value, str) else str(value)


def document_from_record(
    record: Mapping[str, Any],
    name: str,
    *,
    default_id: str | None = None,
    published: str | None = None,
    source: str | None = None,
    origin: str | None = None,
) -> Document:
    """A Document from one SCHEMA.md input record (``text`` or ``html``).

    Record values win over the command-line ``published`` / ``source``, which only
    fill what the input lacks.
    """
    text = record.get("text")
    html = record.get("html")
    raw = None
    site = None
    title = _text_field(record, "title")
    record_published = _text_field(record, "published")
    if isinstance(text, str) and text.strip():
        pass
    elif isinstance(html, str) and html.strip():
        from .html import extract_html

        page = extract_html(html, name, url=_text_field(record, "url"))
        text, raw = page.text, html
        title = title or page.title
        record_published = record_published or page.published
        site = page.site
    elif text is not None and not isinstance(text, str):
        raise InputError(name, f"'text' must be a string, not {type(text).__name__}")
    else:
        raise InputError(name, "no text: the record needs a non-empty 'text' or 'html'",
                         hint='e.g. {"text": "…", "published": "2022-08-08"}')
    assert isinstance(text, str)
    record_id = record.get("id")
    doc_id = str(record_id) if record_id not in (None, "") else default_id or sha256_id(text)
    return Document(
        id=doc_id,
        text=text,
        source=_text_field(record, "source") or site or source,
        url=_text_field(record, "url"),
        title=title,
        published=record_published or published,
        language=_text_field(record, "language"),
        raw=raw,
        origin=origin or name,
    )
