"""The placeholder extractor: first non-boilerplate sentence with a violence keyword."""

from __future__ import annotations

from fogwatch.clean import clean
from fogwatch.extract.trivial import EVENT_TYPE, extract, make_stage
from fogwatch.model import Document, Span
from fogwatch.pipeline import Analysis, Pipeline, Resources


def test_first_keyword_sentence_outside_boilerplate() -> None:
    text = ("Talks resumed on Monday.\nA missile hit a depot near the river, killing two.\n"
            "More Stories\nMissile test in the desert")
    doc = clean(Document(id="d1", text=text))
    [report] = extract(doc)
    sentence = "A missile hit a depot near the river, killing two."
    start = text.index(sentence)
    assert report.event_id == "d1-0" and report.doc_id == "d1"
    assert report.event_type == EVENT_TYPE and report.date is None
    assert report.evidence == {"event": (Span(start, start + len(sentence)),)}
    assert report.fatalities is None and report.location is None


def test_keyword_only_in_boilerplate_gives_nothing() -> None:
    doc = clean(Document(id="d2", text="Talks resumed.\nMore Stories\nMissile strike on port"))
    assert extract(doc) == ()


def test_no_keyword_no_report_and_whole_words_only() -> None:
    doc = clean(Document(id="d3", text="The striker scored twice. Attackers won the match."))
    assert extract(doc) == ()


def test_stage_in_the_default_pipeline() -> None:
    [analysis] = Pipeline(("clean", "extract-trivial"), Resources()).pipe(
        [Document(id="d4", text="Shelling was heard overnight. Nobody was hurt.")])
    assert analysis.error is None
    assert [r.event_id for r in analysis.reports] == ["d4-0"]
    stage = make_stage(Resources())
    assert stage(Analysis(Document(id="d5", text="Quiet day."))).reports == ()
