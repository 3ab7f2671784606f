"""A placeholder extractor: one report per document, from a violence keyword.

It exists so that reading, cleaning and storing can be built and measured end to end
before the real engine (``fogwatch.extract``) lands; it fills only what it can point
at (the event sentence) and invents nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from ..clean import in_boilerplate, split_sentences
from ..model import Document, Report

if TYPE_CHECKING:
    from ..pipeline import Analysis, Resources

__all__ = ["EVENT_TYPE", "extract", "make_stage"]

EVENT_TYPE = "Explosions/Remote violence"
_KEYWORD = re.compile(
    r"\b(attack|attacks|attacked|strike|strikes|shelling|shelled|missile|missiles|killed|"
    r"wounded|explosion|explosions)\b",
    re.IGNORECASE,
)


def extract(document: Document) -> tuple[Report, ...]:
    """A report for the first non-boilerplate sentence with a violence keyword, if any."""
    sentences = document.sentences or split_sentences(document.text)
    for sentence in sentences:
        if in_boilerplate(document, sentence):
            continue
        if _KEYWORD.search(document.text, sentence.start, sentence.end):
            return (
                Report(
                    event_id=f"{document.id}-0",
                    doc_id=document.id,
                    event_type=EVENT_TYPE,
                    date=None,
                    evidence={"event": (sentence,)},
                    sentences=(sentence,),
                ),
            )
    return ()


def make_stage(resources: Resources) -> Callable[[Analysis], Analysis]:
    """The "extract-trivial" stage."""

    def stage(analysis: Analysis) -> Analysis:
        return replace(analysis, reports=analysis.reports + extract(analysis.document))

    return stage
