"""Small stages for the pipeline tests, importable by spawned worker processes."""

from __future__ import annotations

from dataclasses import replace

from fogwatch.errors import InputError
from fogwatch.model import Report
from fogwatch.pipeline import Analysis, Resources


def make_upper(resources: Resources):
    def upper(analysis: Analysis) -> Analysis:
        return replace(analysis, document=replace(analysis.document,
                                                  text=analysis.document.text.upper()))
    return upper


def make_one_report(resources: Resources):
    def one_report(analysis: Analysis) -> Analysis:
        doc = analysis.document
        report = Report(event_id=f"{doc.id}-0", doc_id=doc.id, event_type=doc.text)
        return replace(analysis, reports=(report,))
    return one_report


def make_failing(resources: Resources):
    def failing(analysis: Analysis) -> Analysis:
        if "bad" in analysis.document.text.lower():
            raise InputError(analysis.document.id, "cannot handle this one")
        if "bug" in analysis.document.text.lower():
            raise ZeroDivisionError("division by zero")
        return analysis
    return failing
