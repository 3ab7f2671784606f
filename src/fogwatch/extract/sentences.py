"""The sentences extraction reads: English, outside boilerplate, with their paragraph.

The clean stage splits sentences; lines are split again here because headlines, feed
items and Telegram posts put one statement per line without a full stop. A paragraph
number lets a sentence without a date inherit the narrative date of its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Document, Span

__all__ = ["Sentence", "split_sentences"]

_FALLBACK_SPLIT = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[“\"‘(]?[A-ZА-ЯІЇЄҐ0-9])")
_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Sentence:
    index: int
    span: Span
    text: str
    paragraph: int


def _raw_spans(document: Document) -> list[Span]:
    text = document.text
    if document.sentences:
        return list(document.sentences)
    spans, start = [], 0
    for m in _FALLBACK_SPLIT.finditer(text):
        spans.append(Span(start, m.start()))
        start = m.end()
    spans.append(Span(start, len(text)))
    return spans


def _excluded(document: Document) -> list[Span]:
    """Boilerplate and stretches in another language than English."""
    out = list(document.flags.boilerplate)
    out += [ls.span for ls in document.flags.languages if ls.language != "en"]
    return out


def _inside(span: Span, excluded: list[Span]) -> bool:
    covered = sum(max(0, min(span.end, e.end) - max(span.start, e.start)) for e in excluded)
    return covered * 2 > len(span)


def split_sentences(document: Document) -> list[Sentence]:
    """Sentences in text order, each on one line, stripped, with its paragraph number."""
    text = document.text
    excluded = _excluded(document)
    breaks = [m.start() for m in _PARAGRAPH.finditer(text)]
    single_lines = not breaks
    out: list[Sentence] = []
    for raw in _raw_spans(document):
        pos = raw.start
        for line in text[raw.start : raw.end].split("\n"):
            start, end = pos, pos + len(line)
            pos = end + 1
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end - start < 3:
                continue
            span = Span(start, end)
            if excluded and _inside(span, excluded):
                continue
            paragraph = (text.count("\n", 0, start) if single_lines
                         else sum(1 for b in breaks if b < start))
            out.append(Sentence(len(out), span, text[start:end], paragraph))
    return out
