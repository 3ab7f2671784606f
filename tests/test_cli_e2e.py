"""The real ``fogwatch`` command, run as a separate process on files in a temporary folder.

The texts are short reports written for these tests. Assertions read the SQLite
database the command wrote.
"""

from __future__ import annotations

import csv
import io
import json
import socket
import sqlite3
import subprocess
from pathlib import Path

import pytest
from conftest import fogwatch_command

GOOD_TEXT = (
    "Artillery shelled the market in Zarichne on Tuesday morning, the district "
    "administration said. Three people were killed and eleven wounded.\n"
)
GOOD_HTML = """<!doctype html>
<html><head><title>Strike on a depot</title>
<meta property="article:published_time" content="2022-08-09T10:00:00+03:00"></head>
<body><nav>Home | World | Sport</nav>
<article><h1>Strike on a depot</h1>
<p>A missile hit a grain depot on the edge of Pidhirne late on Monday, regional officials
said on Tuesday. Firefighters worked through the night to contain the blaze.</p>
<p>Officials said nobody was hurt in the attack, which damaged two warehouses and a
loading ramp used by local farmers.</p></article>
<footer>Subscribe to our newsletter</footer></body></html>
"""
GOOD_JSONL = [
    {"id": "line-one", "text": "Drones attacked a power substation near Kamianka overnight, "
     "the energy company said. Power was restored by noon.", "source": "Test Wire",
     "published": "2022-08-10"},
    {"id": "line-three", "text": "Police in Sadove reported an explosion at a rail bridge; "
     "no casualties were reported.", "source": "Test Wire", "published": "2022-08-11"},
]
SCRIPTS_HTML = "<html><head>" + "<script>var a = 1; function f() { return a; }</script>" * 50 + \
    "</head><body>" + "<script>document.write('x');</script>" * 50 + "</body></html>"


def run(*args: str, stdin: str | None = None, cwd: Path | None = None,
        timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*fogwatch_command(), *args], input=stdin, capture_output=True, text=True,
        timeout=timeout, cwd=cwd, env=_env(),
    )


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env.pop("FOGWATCH_DB", None)
    env["COLUMNS"] = "200"
    return env


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stored(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture
def good_inputs(tmp_path: Path) -> list[Path]:
    (tmp_path / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (tmp_path / "good.html").write_text(GOOD_HTML, encoding="utf-8")
    lines = [json.dumps(GOOD_JSONL[0]), '{"id": "line-two", "text": "unterminated',
             json.dumps(GOOD_JSONL[1])]
    (tmp_path / "good.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [tmp_path / "good.txt", tmp_path / "good.html", tmp_path / "good.jsonl"]


def test_bad_inputs_get_one_line_each_and_the_rest_is_stored(
    tmp_path: Path, good_inputs: list[Path]
) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "binary.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (bad / "empty.txt").write_bytes(b"")
    (bad / "invalid-utf8.txt").write_bytes(
        "Shelling in Kherson: café ".encode() + b"\xff\xfe\xc3 broken \x80\x81 bytes"
    )
    with (bad / "huge.txt").open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: costs no disk
    (bad / "notxml.xml").write_text("this is not XML at all { ] <<", encoding="utf-8")
    (bad / "scripts.html").write_text(SCRIPTS_HTML, encoding="utf-8")
    url = f"http://127.0.0.1:{closed_port()}/"
    bad_inputs = [str(p) for p in sorted(bad.iterdir())] + [url]
    db = tmp_path / "out.db"

    result = run("ingest", "--db", str(db), "--published", "2022-08-09",
                 *[str(p) for p in good_inputs], *bad_inputs)

    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    named = {name: [line for line in lines if name in line] for name in
             [Path(p).name for p in bad_inputs[:-1]] + [url, "good.jsonl:2"]}
    assert {name: len(found) for name, found in named.items()} == dict.fromkeys(named, 1), lines
    assert len(lines) == len(named), lines
    assert all(line.startswith("error: ") for line in lines)
    assert "binary" in named["binary.bin"][0]
    assert "empty" in named["empty.txt"][0]
    # good documents: the text file, the HTML article, the two valid JSONL lines
    ids = {row[0] for row in stored(db, "SELECT id FROM documents")}
    assert ids == {"good", "line-one", "line-three"} | {
        i for i in ids if i not in {"good", "line-one", "line-three"}
    }
    assert len(ids) == 4
    titles = {row[0] for row in stored(db, "SELECT title FROM documents")}
    assert "Strike on a depot" in titles
    texts = "\n".join(row[0] for row in stored(db, "SELECT text FROM documents"))
    assert "grain depot on the edge of Pidhirne" in texts
    assert "document.write" not in texts
    assert "Read, clean" not in result.stdout
    assert "failed" in result.stdout and "stored" in result.stdout


def test_reingest_adds_nothing_and_reports_duplicates(tmp_path: Path,
                                                      good_inputs: list[Path]) -> None:
    db = tmp_path / "out.db"
    first = run("ingest", "--db", str(db), str(good_inputs[0]), str(good_inputs[1]))
    assert first.returncode == 0, first.stderr
    before = stored(db, "SELECT count(*) FROM documents")[0][0]
    second = run("ingest", "--db", str(db), str(good_inputs[0]), str(good_inputs[1]))
    assert second.returncode == 0, second.stderr
    assert stored(db, "SELECT count(*) FROM documents")[0][0] == before == 2
    summary = {line.split("│")[1].strip(): line.split("│")[2].strip()
               for line in second.stdout.splitlines() if line.count("│") == 3}
    assert summary["duplicates skipped"] == "2"
    assert summary["stored"] == "0"


def test_extract_prints_schema_lines_without_a_database(tmp_path: Path,
                                                        good_inputs: list[Path]) -> None:
    result = run("extract", "--format", "jsonl", "-", cwd=tmp_path,
                 stdin="\n".join(json.dumps(r) for r in GOOD_JSONL) + "\n")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["doc_id"] for r in records] == ["line-one", "line-three"]
    assert records[0]["published"] == "2022-08-10"
    assert records[0]["languages"][0] == "en"
    assert set(records[0]["flags"]) >= {"boilerplate", "mixed_language"}
    for record in records:
        for event in record["events"]:
            assert event["event_type"]
            for spans in event["evidence"].values():
                assert all(0 <= s < e for s, e in spans)
    assert not (tmp_path / "fogwatch.db").exists()

    as_json = run("extract", "--format", "json", str(good_inputs[0]))
    assert as_json.returncode == 0
    assert [r["doc_id"] for r in json.loads(as_json.stdout)] == ["good"]

    table = run("extract", "--format", "table", str(good_inputs[0]))
    assert table.returncode == 0 and "good" in table.stdout


def test_extract_exit_code_is_1_when_an_input_fails(tmp_path: Path,
                                                    good_inputs: list[Path]) -> None:
    result = run("extract", str(good_inputs[0]), str(tmp_path / "missing.txt"))
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if "missing.txt" in line]
    assert json.loads(result.stdout.splitlines()[0])["doc_id"] == "good"


def test_listing_showing_and_exporting_what_was_ingested(tmp_path: Path,
                                                         good_inputs: list[Path]) -> None:
    db = str(tmp_path / "out.db")
    assert run("ingest", "--db", db, "--published", "2022-08-09", str(good_inputs[0]),
               str(good_inputs[1])).returncode == 0
    documents = run("documents", "--db", db)
    assert documents.returncode == 0 and "good" in documents.stdout

    show = run("show", "good", "--db", db)
    assert show.returncode == 0, show.stderr
    assert "Zarichne" in show.stdout  # the evidence sentence is shown
    missing = run("show", "no-such-id", "--db", db)
    assert missing.returncode == 1 and "no-such-id" in missing.stderr

    n_incidents = stored(Path(db), "SELECT count(*) FROM incidents")[0][0]
    jsonl = run("incidents", "--db", db, "--format", "jsonl")
    assert jsonl.returncode == 0
    assert len(jsonl.stdout.splitlines()) == n_incidents
    out = tmp_path / "incidents.csv"
    export = run("export", "--db", db, "--format", "acled-csv", str(out))
    assert export.returncode == 0, export.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == n_incidents
    geojson = run("export", "--db", db, "--format", "geojson", "-")
    assert json.loads(geojson.stdout)["type"] == "FeatureCollection"
    stats = run("stats", "--db", db)
    assert stats.returncode == 0 and "documents" in stats.stdout


@pytest.mark.parametrize("command", ["", "ingest", "extract", "documents", "reports",
                                     "incidents", "show", "export", "stats"])
def test_every_command_has_help(command: str) -> None:
    result = run(*([command] if command else []), "--help")
    assert result.returncode == 0
    assert "Usage:" in result.stdout


@pytest.mark.parametrize("args", [
    ["ingest"],  # no input
    ["incidents", "--format", "xml"],
    ["incidents", "--since", "last week"],
    ["ingest", "--batch-size", "0", "x.txt"],
    ["no-such-command"],
])
def test_usage_errors_exit_2(args: list[str], tmp_path: Path) -> None:
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert not (tmp_path / "fogwatch.db").exists()


def test_a_database_that_cannot_be_opened_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = run("stats", "--db", str(tmp_path / "no" / "such" / "dir.db"))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "E400" in result.stderr


def test_ingest_on_sqlite_and_postgresql_gives_the_same_rows(
    store_url: str, tmp_path: Path, good_inputs: list[Path]
) -> None:
    import sqlalchemy as sa

    result = run("ingest", "--db", store_url, "--published", "2022-08-09",
                 *[str(p) for p in good_inputs])
    assert result.returncode == 1  # the malformed JSONL line
    assert [line for line in result.stderr.splitlines() if line.strip()] == [
        line for line in result.stderr.splitlines() if "good.jsonl:2" in line
    ]
    engine = sa.create_engine(store_url)
    try:
        with engine.connect() as conn:
            ids = set(conn.execute(sa.text("SELECT id FROM documents")).scalars())
            n_reports = conn.execute(sa.text("SELECT count(*) FROM reports")).scalar_one()
            n_linked = conn.execute(
                sa.text("SELECT count(*) FROM incident_reports")).scalar_one()
            n_incidents = conn.execute(sa.text("SELECT count(*) FROM incidents")).scalar_one()
    finally:
        engine.dispose()
    assert {"good", "line-one", "line-three"} <= ids and len(ids) == 4
    assert n_reports >= 1
    listed = run("incidents", "--db", store_url, "--format", "jsonl")
    assert listed.returncode == 0, listed.stderr
    assert len(listed.stdout.splitlines()) == n_incidents
    assert n_linked in (0, n_reports)  # clustering links every report, or is not installed
    again = run("ingest", "--db", store_url, *[str(p) for p in good_inputs])
    summary = {line.split("│")[1].strip(): line.split("│")[2].strip()
               for line in again.stdout.splitlines() if line.count("│") == 3}
    assert (summary["stored"], summary["duplicates skipped"]) == ("0", "4")


def test_jobs_2_stores_the_same_documents_as_jobs_1(tmp_path: Path) -> None:
    corpus = tmp_path / "many.jsonl"
    corpus.write_text("".join(
        json.dumps({"id": f"d{i}", "text": f"Shelling hit village {i} at dawn, officials said.",
                    "published": "2022-08-01"}) + "\n" for i in range(40)
    ), encoding="utf-8")
    rows = []
    for jobs in ("1", "2"):
        db = tmp_path / f"jobs{jobs}.db"
        result = run("ingest", "--db", str(db), "--jobs", jobs, "--batch-size", "8",
                     "--stages", "clean,extract-trivial", str(corpus))
        assert result.returncode == 0, result.stderr
        rows.append(stored(db, "SELECT d.id, d.content_hash, r.event_id FROM documents d "
                               "JOIN reports r ON r.doc_id = d.id ORDER BY d.id"))
    assert rows[0] == rows[1]
    assert len(rows[0]) == 40


def test_ingest_a_url_from_a_real_http_server_and_show_its_incident(
    tmp_path: Path, good_inputs: list[Path]
) -> None:
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/good.html"
        db = tmp_path / "url.db"
        result = run("ingest", "--db", str(db), url)
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0, result.stderr
    [(doc_id, stored_url, title)] = stored(db, "SELECT id, url, title FROM documents")
    assert stored_url == url and title == "Strike on a depot"
    incidents = stored(db, "SELECT incident_id FROM incidents")
    if not incidents:
        pytest.skip("no clustering installed: no incident to show")
    shown = run("show", incidents[0][0], "--db", str(db))
    assert shown.returncode == 0, shown.stderr
    assert incidents[0][0] in shown.stdout
    assert "Pidhirne" in shown.stdout  # the report's evidence sentence


def test_on_a_terminal_ingest_shows_a_progress_bar_and_the_error_lines(
    tmp_path: Path, good_inputs: list[Path]
) -> None:
    import os

    leader, follower = os.openpty()
    process = subprocess.Popen(
        [*fogwatch_command(), "ingest", "--db", str(tmp_path / "tty.db"),
         "--stages", "clean,extract-trivial", *[str(p) for p in good_inputs]],
        stdout=subprocess.PIPE, stderr=follower, text=True, env=_env() | {"TERM": "xterm"},
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        seen += chunk
    stdout, _ = process.communicate(timeout=120)
    os.close(leader)
    terminal = seen.decode("utf-8", "replace")
    assert process.returncode == 1
    assert "documents/s" in terminal  # the live progress bar
    assert terminal.count("good.jsonl:2") == 1  # the failed line, printed once
    assert "duplicates skipped" in stdout
