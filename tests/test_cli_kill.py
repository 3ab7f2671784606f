"""SIGKILL in the middle of an ingest: the database opens, holds whole documents only,
and a re-run stores the rest without duplicates."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from conftest import fogwatch_command

N_DOCUMENTS = 1500
PLACES = ["Zarichne", "Pidhirne", "Kamianka", "Sadove", "Lisne", "Myrne", "Stepove"]


def write_corpus(path: Path) -> None:
    """Small distinct reports, each with a violence keyword (one report per document)."""
    with path.open("w", encoding="utf-8") as handle:
        for i in range(N_DOCUMENTS):
            place = PLACES[i % len(PLACES)]
            text = (f"Report {i}: artillery shelled the outskirts of {place} on day {i % 28 + 1}, "
                    f"local officials said. {i % 5} people were hurt and {i % 3} houses burned. "
                    f"Residents of block {i} were moved to a school.")
            record = {"id": f"doc-{i:05d}", "text": text, "source": "Kill Test Wire",
                      "published": f"2022-08-{i % 28 + 1:02d}"}
            handle.write(json.dumps(record) + "\n")


def count_documents(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0  # not created yet


def test_sigkill_mid_ingest_leaves_a_consistent_database(tmp_path: Path) -> None:
    corpus, db = tmp_path / "corpus.jsonl", tmp_path / "kill.db"
    write_corpus(corpus)
    args = [*fogwatch_command(), "ingest", "--db", str(db), "--batch-size", "10",
            "--stages", "clean,extract-trivial", str(corpus)]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 240
        while count_documents(db) < 60:
            assert process.poll() is None, "ingest ended before it could be killed"
            assert time.monotonic() < deadline, "ingest stored nothing in 240 s"
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert 60 <= docs < N_DOCUMENTS
        # whole documents only: every stored document has its report, no orphans
        without = conn.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS "
            "(SELECT 1 FROM reports r WHERE r.doc_id = d.id)").fetchone()[0]
        assert without == 0
        assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == docs
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # batches are whole: what is stored is a prefix of the input, in batches of 10
        ids = [row[0] for row in conn.execute("SELECT id FROM documents ORDER BY id")]
        assert ids == [f"doc-{i:05d}" for i in range(docs)]
        assert docs % 10 == 0

    rerun = subprocess.run(args, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == N_DOCUMENTS
        assert conn.execute(
            "SELECT count(DISTINCT content_hash) FROM documents").fetchone()[0] == N_DOCUMENTS
        assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == N_DOCUMENTS
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    summary = {line.split("│")[1].strip(): line.split("│")[2].strip()
               for line in rerun.stdout.splitlines() if line.count("│") == 3}
    assert summary["duplicates skipped"] == str(docs)
    assert summary["stored"] == str(N_DOCUMENTS - docs)
