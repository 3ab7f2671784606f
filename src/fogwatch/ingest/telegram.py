"""Telegram Desktop JSON exports (``result.json``): one document per message.

A message's ``text`` is either a string or a list of plain strings and entity
fragments (``{"type": "bold", "text": …}``); the document text is the fragments
joined, so offsets agree with what a reader of the channel sees. Service messages
(joins, pins) and messages without text (a bare photo) are skipped silently:
they are part of every export and not errors.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..errors import InputError
from ..model import Document

__all__ = ["is_telegram_export", "message_text", "parse_export", "read_telegram"]


def is_telegram_export(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("messages"), list)


def message_text(text: Any) -> str:
    """The text of a message from its ``text`` field (a string or a fragment list)."""
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        parts = []
        for fragment in text:
            if isinstance(fragment, str):
                parts.append(fragment)
            elif isinstance(fragment, dict) and isinstance(fragment.get("text"), str):
                parts.append(fragment["text"])
        return "".join(parts)
    return ""


def read_telegram(
    export: dict[str, Any],
    name: str,
    *,
    published: str | None = None,
    source: str | None = None,
) -> Iterator[Document | InputError]:
    """Documents from a parsed export; the channel name is the source."""
    channel = str(export.get("name") or source or "telegram")
    username = export.get("username")
    for number, message in enumerate(export["messages"], 1):
        if not isinstance(message, dict) or message.get("type", "message") != "message":
            continue
        text = message_text(message.get("text"))
        if not text.strip():
            text = message_text(message.get("text_entities"))
        if not text.strip():
            continue
        message_id = message.get("id", number)
        url = f"https://t.me/{username}/{message_id}" if username else None
        yield Document(
            id=f"{channel}-{message_id}",
            text=text,
            source=channel,
            url=url,
            published=str(message["date"]) if message.get("date") else published,
            origin=f"{name} message {message_id}",
        )


def parse_export(data: str, name: str) -> dict[str, Any]:
    try:
        value = json.loads(data)
    except json.JSONDecodeError as error:
        raise InputError(name, f"not valid JSON: {error.msg} (line {error.lineno})") from None
    if not is_telegram_export(value):
        raise InputError(name, "not a Telegram Desktop export (no 'messages' list)")
    return value
