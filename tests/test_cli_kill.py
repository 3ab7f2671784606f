"""SIGKILL in the middle of an ingest: the database opens, holds whole documents only,
and a re-run stores the rest without duplicates (SQLite file and PostgreSQL)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import sqlalchemy as sa
from conftest import fogwatch_command

N_DOCUMENTS = 1000
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


def count_documents(engine: sa.Engine) -> int:
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.text("SELECT count(*) FROM documents")).scalar_one())
    except sa.exc.DBAPIError:
        return 0  # not created yet


def test_sigkill_mid_ingest_leaves_a_consistent_database(tmp_path: Path, store_url: str) -> None:
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus)
    engine = sa.create_engine(store_url)
    try:
        _kill_and_rerun(corpus, store_url, engine)
    finally:
        engine.dispose()


def _kill_and_rerun(corpus: Path, store_url: str, engine: sa.Engine) -> None:
    args = [*fogwatch_command(), "ingest", "--db", store_url, "--batch-size", "10",
            "--stages", "clean,extract-trivial", str(corpus)]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 240
        while count_documents(engine) < 60:
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

    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        def scalar(sql: str) -> int | str:
            return conn.execute(sa.text(sql)).scalar_one()

        if sqlite:
            assert scalar("PRAGMA integrity_check") == "ok"
            assert conn.execute(sa.text("PRAGMA foreign_key_check")).all() == []
        docs = int(scalar("SELECT count(*) FROM documents"))
        assert 60 <= docs < N_DOCUMENTS
        # whole documents only: every stored document has its report, no orphans
        assert scalar("SELECT count(*) FROM documents d WHERE NOT EXISTS "
                      "(SELECT 1 FROM reports r WHERE r.doc_id = d.id)") == 0
        assert scalar("SELECT count(*) FROM reports") == docs
        # batches are whole: what is stored is a prefix of the input, in batches of 10
        ids = list(conn.execute(sa.text("SELECT id FROM documents ORDER BY id")).scalars())
        assert ids == [f"doc-{i:05d}" for i in range(docs)]
        assert docs % 10 == 0

    rerun = subprocess.run(args, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    with engine.connect() as conn:
        def count(sql: str) -> int:
            return int(conn.execute(sa.text(sql)).scalar_one())

        assert count("SELECT count(*) FROM documents") == N_DOCUMENTS
        assert count("SELECT count(DISTINCT content_hash) FROM documents") == N_DOCUMENTS
        assert count("SELECT count(*) FROM reports") == N_DOCUMENTS
        if sqlite:
            assert conn.execute(sa.text("PRAGMA integrity_check")).scalar_one() == "ok"
    summary = {line.split("│")[1].strip(): line.split("│")[2].strip()
               for line in rerun.stdout.splitlines() if line.count("│") == 3}
    assert summary["duplicates skipped"] == str(docs)
    assert summary["stored"] == str(N_DOCUMENTS - docs)
