"""Two ``fogwatch ingest`` processes writing the same SQLite database at once, with
overlapping inputs: both finish, and every document is stored exactly once."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

from conftest import fogwatch_command


def corpus(path: Path, numbers: range) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for i in numbers:
            text = (f"Item {i}: a missile struck a warehouse in district {i % 11} overnight, "
                    f"officials said; {i % 4} people were wounded.")
            handle.write(json.dumps({"id": f"doc-{i:04d}", "text": text,
                                     "published": f"2022-08-0{i % 9 + 1}"}) + "\n")
    return path


def test_two_ingests_into_one_sqlite_database_store_each_document_once(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    inputs = [corpus(tmp_path / "a.jsonl", range(0, 240)),
              corpus(tmp_path / "b.jsonl", range(120, 360))]
    processes = [
        subprocess.Popen(
            [*fogwatch_command(), "ingest", "--db", str(db), "--batch-size", "6",
             "--stages", "clean,extract-trivial", str(path)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for path in inputs
    ]
    outputs = [p.communicate(timeout=600) for p in processes]
    for process, (_, stderr) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 360
        assert conn.execute("SELECT count(DISTINCT content_hash) FROM documents"
                            ).fetchone()[0] == 360
        assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 360
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    skipped = []
    for stdout, _ in outputs:
        rows = {line.split("│")[1].strip(): line.split("│")[2].strip()
                for line in stdout.splitlines() if line.count("│") == 3}
        skipped.append(int(rows["duplicates skipped"]))
        assert int(rows["stored"]) + int(rows["duplicates skipped"]) == 240
    assert sum(skipped) == 120  # the overlap, stored by whichever came first
