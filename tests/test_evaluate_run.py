"""evaluate() over a gold file with an injected pipeline, and `fogwatch eval` for real."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from fogwatch.evaluate import evaluate
from fogwatch.model import Document, Place, Report
from fogwatch.pipeline import Analysis

REPO = Path(__file__).resolve().parents[1]
EXPLOSIONS = "Explosions/Remote violence"


class FixedPipeline:
    """Stands in for Pipeline: returns prepared reports per document id."""

    def __init__(self, reports: dict[str, tuple[Report, ...]]) -> None:
        self.reports = reports
        self.seen: list[Document] = []

    def pipe(self, documents: Iterable[Document], n_process: int = 1) -> Iterator[Analysis]:
        for document in documents:
            self.seen.append(document)
            yield Analysis(document, self.reports.get(document.id, ()))


def _gold_file(tmp_path: Path) -> Path:
    lines = [
        {"doc_id": "a", "text": "Shells hit Izium on Tuesday; two people died.",
         "published": "2022-08-10",
         "events": [{"gold_id": "a-1", "event_type": [EXPLOSIONS], "sub_event_type": [],
                     "date": ["2022-08-09", "2022-08-09"],
                     "location": {"name": "Izium", "admin1": "Kharkiv", "lat": None,
                                  "lon": None}, "fatalities": 2}]},
        {"doc_id": "b", "text": "Talks resumed in Istanbul.", "published": "2022-08-10",
         "events": []},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return path


def test_evaluate_runs_the_given_pipeline(tmp_path):
    right = Report("a-0", "a", EXPLOSIONS, date=dt.date(2022, 8, 9),
                   location=Place("Izium", admin1="Kharkiv Oblast"), fatalities=2)
    spurious = Report("b-0", "b", EXPLOSIONS)
    pipeline = FixedPipeline({"a": (right,), "b": (spurious,)})
    result = evaluate(_gold_file(tmp_path), pipeline=pipeline)  # type: ignore[arg-type]
    assert [d.id for d in pipeline.seen] == ["a", "b"]
    assert pipeline.seen[0].published == "2022-08-10"
    assert (result.tp, result.fp, result.fn) == (1, 1, 0)
    assert result.right["location"] == 1 and result.right["fatalities"] == 1
    assert result.false_positives[0]["event_id"] == "b-0"
    record = result.to_dict()
    assert record["events"]["precision"] == 0.5
    assert record["fields"]["fatalities"] == {"right": 1, "n": 1, "share": 1.0}


@pytest.mark.integration
def test_fogwatch_eval_json(tmp_path):
    gold = _gold_file(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run([sys.executable, "-m", "fogwatch.cli", "eval", str(gold), "--json"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["documents"] == 2
    assert set(record["fields"]) >= {"date", "location", "fatalities", "claimant_sides"}
    assert record["events"]["tp"] + record["events"]["fn"] == 1


@pytest.mark.integration
def test_fogwatch_eval_table_verbose(tmp_path):
    gold = _gold_file(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "COLUMNS": "200"}
    done = subprocess.run([sys.executable, "-m", "fogwatch.cli", "eval", str(gold), "-v"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "precision" in done.stdout and "fatalities" in done.stdout
    assert "a-1" in done.stdout  # every gold event is listed with --verbose
