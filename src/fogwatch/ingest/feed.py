"""RSS and Atom feeds via feedparser: one document per entry.

The entry's own date (with its UTC offset when the feed gives one, so the local day
is kept) becomes ``published``, its link the ``url``, the feed's title the ``source``.
An entry with no body but a title becomes a headline-only document, since headline
feeds are what many monitors work from.
"""

from __future__ import annotations

import calendar
import datetime as dt
import email.utils
from collections.abc import Iterator
from typing import Any

from ..errors import InputError
from ..model import Document
from ._common import sha256_id
from .html import fragment_text

__all__ = ["read_feed", "entry_published"]


def entry_published(entry: Any) -> str | None:
    """ISO 8601 publication time of a feed entry, keeping the offset it was given in."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        try:
            return email.utils.parsedate_to_datetime(raw).isoformat()  # RSS (RFC 822)
        except (TypeError, ValueError, IndexError):
            pass
        try:
            return dt.datetime.fromisoformat(raw.replace("Z", "+00:00")).isoformat()  # Atom
        except ValueError:
            pass
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            stamp = calendar.timegm(parsed)
            return dt.datetime.fromtimestamp(stamp, dt.UTC).isoformat()
    return None


def _entry_body(entry: Any) -> tuple[str, str | None]:
    """(plain text, HTML it came from) of an entry: the longest content, else summary."""
    contents = [c.get("value") or "" for c in entry.get("content") or ()]
    html = max(contents, key=len) if contents else ""
    if not html.strip():
        html = entry.get("summary") or ""
    return fragment_text(html), (html or None)


def read_feed(
    data: bytes,
    name: str,
    *,
    published: str | None = None,
    source: str | None = None,
) -> Iterator[Document | InputError]:
    """Documents from the entries of an RSS/Atom feed; a non-feed is one InputError."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            raise InputError(name, f"not an RSS/Atom feed (XML error: {reason})")
        if not parsed.get("version"):
            raise InputError(name, "not an RSS/Atom feed (no feed element)")
        return
    feed_title = (parsed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(parsed.entries, 1):
        where = f"{name} entry {number}"
        text, html = _entry_body(entry)
        title = (entry.get("title") or "").strip() or None
        if not text:
            text = title or ""
        if not text:
            yield InputError(where, "entry has neither text nor title")
            continue
        yield Document(
            id=sha256_id(text),
            text=text,
            source=feed_title or source,
            url=entry.get("link"),
            title=title,
            published=entry_published(entry) or published,
            raw=html,
            origin=where,
        )
