"""Helpers for the extraction tests: run the real extractor on a short text of ours."""

from __future__ import annotations

from fogwatch.extract import extract_reports
from fogwatch.model import Document, Report
from fogwatch.profiles import load_profile


def reports(text: str, published: str = "2024-03-10", source: str | None = None,
            doc_id: str = "t") -> list[Report]:
    document = Document(id=doc_id, text=text, published=published, source=source)
    return extract_reports(document, load_profile("ukraine"))


def one(text: str, **kwargs: str) -> Report:
    found = reports(text, **kwargs)
    assert len(found) == 1, [r.summary for r in found]
    return found[0]


def sides(report: Report, stance: str = "asserts") -> set[str]:
    return {c.side for c in report.claims if c.stance.value == stance}
