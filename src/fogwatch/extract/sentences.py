"""The sentences extraction reads: English, outside boilerplate, with their paragraph.

The clean stage splits sentences; lines are split again here because headlines, feed
items and Telegram posts put one statement per line without a full stop. A paragraph
number lets a sentence without a date inherit the narrative date of its paragraph.

The entries of a live blog are separate stories. The reader measures how far apart
two sentences are by their index (folding, follow-ups, a paragraph's narrative date
all look a bounded number of sentences back), so an entry boundary is made wider than
the farthest look-back: ``GAP`` empty placeholder sentences stand between two entries.
Paragraphs are counted from the start of the entry, because an entry's opening is the
lead of its own story (it tells the latest news, as an article's first lines do).
A document whose genre is not read for incidents (opinion, letters, reviews:
``flags.skip_extraction``) gives no sentences.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from ..clean import entry_date, entry_hour
from ..model import Document, Span
from .fold import FAR

__all__ = ["Sentence", "after_midnight", "split_sentences"]

#: Entries stamped before this hour wrap up the evening before.
_NIGHT_EDGE = 3


def after_midnight(text: str, entry: Span) -> bool:
    """Whether a live-blog entry is stamped in the first hours after midnight ("13 Jul
    2022 01.10 ... we are pausing overnight"): such an entry closes the previous day's
    coverage, so what it tells undated happened by the day before its stamp. Its
    weekdays and "yesterday" still count from the stamp's day (the writer's calendar)."""
    hour = entry_hour(text, entry)
    return hour is not None and hour < _NIGHT_EDGE

_FALLBACK_SPLIT = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[“\"‘(]?[A-ZА-ЯІЇЄҐ0-9])")
_PARAGRAPH = re.compile(r"\n\s*\n")
#: Placeholder sentences between two live blog entries: more than any look-back.
GAP = FAR + 1


@dataclass(frozen=True)
class Sentence:
    index: int
    span: Span
    text: str
    paragraph: int
    #: which live blog entry it belongs to (0: before the first, or not a blog)
    entry: int = 0
    #: the day its entry's timestamp gives: what "yesterday" or "on Tuesday" in it
    #: count from, in place of the publication date (None: use that)
    anchor: dt.date | None = None


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
    if document.flags.skip_extraction:
        return []
    text = document.text
    excluded = _excluded(document)
    entries = [e.start for e in document.flags.entries]
    anchors = [entry_date(text, e) for e in document.flags.entries]
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
            entry = bisect.bisect_right(entries, start)
            anchor = anchors[entry - 1] if entry else None
            if entry:  # counted from the entry's start: its opening is a lead
                opening = entries[entry - 1]
                paragraph = (text.count("\n", opening, start) if single_lines
                             else sum(1 for b in breaks if opening < b < start))
            elif single_lines:
                paragraph = text.count("\n", 0, start)
            else:
                paragraph = sum(1 for b in breaks if b < start)
            if out and entry != out[-1].entry:
                for _ in range(GAP):
                    out.append(Sentence(len(out), Span(start, start), "", paragraph, entry,
                                        anchor))
            out.append(Sentence(len(out), span, text[start:end], paragraph, entry, anchor))
    return out
