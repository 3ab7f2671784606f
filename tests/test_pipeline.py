"""Stages run in order, batches keep input order, and one bad document never stops a batch."""

from __future__ import annotations

import pytest

from fogwatch.errors import FogwatchError
from fogwatch.model import Document
from fogwatch.pipeline import Pipeline, Resources

STAGES = ("pipeline_stages:make_upper", "pipeline_stages:make_one_report")


def docs(n: int) -> list[Document]:
    return [Document(id=f"d{i}", text=f"text {i}") for i in range(n)]


def test_stages_run_in_order() -> None:
    analysis = Pipeline(STAGES)(Document(id="a", text="shelling"))
    assert analysis.document.text == "SHELLING"
    assert [r.event_type for r in analysis.reports] == ["SHELLING"]
    assert analysis.error is None


@pytest.mark.parametrize("n_process", [1, 2])
def test_pipe_keeps_input_order(n_process: int) -> None:
    results = list(Pipeline(STAGES).pipe(docs(20), n_process=n_process, chunksize=3))
    assert [r.document.id for r in results] == [f"d{i}" for i in range(20)]
    assert [r.reports[0].event_type for r in results] == [f"TEXT {i}" for i in range(20)]


def test_a_failing_document_is_reported_and_the_batch_goes_on() -> None:
    batch = [Document(id="ok1", text="fine"), Document(id="b", text="bad"),
             Document(id="c", text="a bug"), Document(id="ok2", text="fine")]
    results = list(Pipeline(("pipeline_stages:make_failing", "pipeline_stages:make_upper"))
                   .pipe(batch))
    assert [r.error is None for r in results] == [True, False, False, True]
    assert results[1].error == "[E100] b: cannot handle this one"
    assert "stage pipeline_stages:make_failing failed: ZeroDivisionError" in results[2].error
    # stages after the failure are skipped for that document only
    assert results[1].document.text == "bad"
    assert results[3].document.text == "FINE"


def test_unknown_stage_names_the_known_ones() -> None:
    with pytest.raises(FogwatchError, match="unknown pipeline stage 'nope'.*clean"):
        Pipeline(("nope",))


def test_injected_resources_are_used_instead_of_loading() -> None:
    marker = object()
    resources = Resources(injected={"nlp": marker, "profile": marker, "gazetteer": marker})
    assert resources.nlp is marker and resources.profile is marker
    assert resources.gazetteer is marker
    assert "injected" not in resources.config()
