"""Two ``fogwatch ingest`` processes writing the same database at once (SQLite and
PostgreSQL), with overlapping inputs: both finish, and every document is stored once."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import sqlalchemy as sa
from conftest import fogwatch_command


def corpus(path: Path, numbers: range) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for i in numbers:
            text = (f"Item {i}: a missile struck a warehouse in district {i % 11} overnight, "
                    f"officials said; {i % 4} people were wounded.")
            handle.write(json.dumps({"id": f"doc-{i:04d}", "text": text,
                                     "published": f"2022-08-0{i % 9 + 1}"}) + "\n")
    return path


def test_two_ingests_into_one_database_store_each_document_once(
    tmp_path: Path, store_url: str
) -> None:
    inputs = [corpus(tmp_path / "a.jsonl", range(0, 240)),
              corpus(tmp_path / "b.jsonl", range(120, 360))]
    processes = [
        subprocess.Popen(
            [*fogwatch_command(), "ingest", "--db", store_url, "--batch-size", "6",
             "--stages", "clean,extract-trivial", str(path)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for path in inputs
    ]
    outputs = [p.communicate(timeout=600) for p in processes]
    for process, (_, stderr) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, stderr
    engine = sa.create_engine(store_url)
    try:
        with engine.connect() as conn:
            def scalar(sql: str) -> int:
                return int(conn.execute(sa.text(sql)).scalar_one())

            assert scalar("SELECT count(*) FROM documents") == 360
            assert scalar("SELECT count(DISTINCT content_hash) FROM documents") == 360
            assert scalar("SELECT count(*) FROM reports") == 360
            if engine.dialect.name == "sqlite":
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        engine.dispose()
    skipped = []
    for stdout, _ in outputs:
        rows = {line.split("│")[1].strip(): line.split("│")[2].strip()
                for line in stdout.splitlines() if line.count("│") == 3}
        skipped.append(int(rows["duplicates skipped"]))
        assert int(rows["stored"]) + int(rows["duplicates skipped"]) == 240
    assert sum(skipped) == 120  # the overlap, stored by whichever came first


TOWNS = ["Izium", "Kupiansk", "Balakliia", "Chuhuiv", "Lozova", "Bakhmut", "Kostiantynivka",
         "Pokrovsk", "Nikopol", "Marhanets", "Ochakiv", "Voznesensk"]


def strikes(path: Path, outlet: str, verb: str) -> Path:
    """One document per strike, in ``outlet``'s own words: the same twelve strikes."""
    with path.open("w", encoding="utf-8") as handle:
        for day, town in enumerate(TOWNS, start=1):
            text = (f"A missile {verb} a warehouse in {town} on 2 August 2022, "
                    f"the regional governor said. {day} people were injured.")
            handle.write(json.dumps({"id": f"{outlet}-{day:02d}", "text": text,
                                     "source": outlet, "published": "2022-08-02"}) + "\n")
    return path


def test_two_ingests_telling_the_same_strikes_make_one_incident_each(
    tmp_path: Path, store_url: str
) -> None:
    """Clustering in concurrent ingests is serialised: no strike becomes two incidents."""
    inputs = [strikes(tmp_path / "a.jsonl", "outlet-a", "hit"),
              strikes(tmp_path / "b.jsonl", "outlet-b", "struck")]
    processes = [
        subprocess.Popen([*fogwatch_command(), "ingest", "--db", store_url, "--batch-size", "1",
                          str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for path in inputs
    ]
    for process in processes:
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr
    engine = sa.create_engine(store_url)
    try:
        with engine.connect() as conn:
            per_incident = conn.execute(sa.text(
                "SELECT count(*) FROM incident_reports GROUP BY incident_id")).scalars().all()
    finally:
        engine.dispose()
    assert sorted(per_incident) == [2] * len(TOWNS)
