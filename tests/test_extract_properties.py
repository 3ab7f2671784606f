"""Properties of the extractor on arbitrary text built from conflict-report fragments."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fogwatch.extract import extract_reports
from fogwatch.model import Document, Report
from fogwatch.profiles import load_profile

FRAGMENTS = [
    "Russian troops shelled Kupiansk on Tuesday.", "The attack killed two people.",
    "According to the governor,", "a missile hit a school in Sumy", "near the village of Krasnivka",
    "Ukraine's general staff rejected Russia's account.", "This could not be verified.",
    "HIMARS", "(one rocket)", " - mayor", "\n\n", "“", "”", "Shahed drones were shot down",
    "in the LPR", "On 3 March,", "since 2014", "ЗСУ обстріляли", "the enemy", ", Reuters reported.",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=14), st.text(max_size=40))
def test_reports_are_well_formed(parts: list[str], noise: str) -> None:
    text = " ".join(parts) + noise
    doc = Document(id="p", text=text, published="2024-03-10")
    reports = extract_reports(doc, load_profile("ukraine"))
    ids = [r.event_id for r in reports]
    assert ids == [f"p-{i}" for i in range(1, len(reports) + 1)]
    for r in reports:
        _check(r, text)


def _check(r: Report, text: str) -> None:
    for spans in r.evidence.values():
        for span in spans:
            assert 0 <= span.start <= span.end <= len(text)
    assert r.sentences and all(s.end <= len(text) for s in r.sentences)
    if r.date_range:
        assert r.date_range[0] <= r.date_range[1]
        assert r.date is None or r.date_range[0] <= r.date <= r.date_range[1]
    if r.location and r.location.span:
        assert text[r.location.span.start : r.location.span.end] == r.location.mention
    assert r.disputed == any(c.stance.value == "denies" for c in r.claims)
    assert Report.from_dict(r.to_dict()) == r
    assert r.summary
