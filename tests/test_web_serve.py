"""``fogwatch serve`` as a user runs it: a separate process on a loopback port."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
from web_helpers import build, free_port


def _wait(base: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited with {proc.returncode}: "
                                 f"{proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            httpx.get(base + "/api/incidents?limit=1", timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError("serve did not answer within 60 s")


def test_serve_answers_on_loopback_and_takes_the_token_from_env(tmp_path: Path) -> None:
    db = tmp_path / "fogwatch.db"
    fixture = build(f"sqlite:///{db}")
    port = free_port()
    env = {**os.environ, "FOGWATCH_INGEST_TOKEN": "a-long-enough-secret-token"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "fogwatch.cli", "serve", "--db", str(db), "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base, proc)
        assert httpx.get(base + "/api/incidents").json()["total"] == fixture.incidents
        assert "leaflet.js" in httpx.get(base + "/").text
        post = httpx.post(base + "/api/documents", json={"text": "A quiet day in Zebraville."},
                          headers={"Authorization": "Bearer a-long-enough-secret-token"},
                          timeout=120)  # waits for the models, loading since start-up
        assert post.status_code == 201, post.text
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_serve_refuses_a_short_token(tmp_path: Path) -> None:
    db = tmp_path / "fogwatch.db"
    build(f"sqlite:///{db}", n_generated=1)
    result = subprocess.run(
        [sys.executable, "-m", "fogwatch.cli", "serve", "--db", str(db), "--port",
         str(free_port()), "--ingest-token", "short"],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "too short" in result.stderr


def test_serve_workers_share_the_port_and_stop_together(tmp_path: Path) -> None:
    """--workers 2: two processes, each with its own SO_REUSEPORT socket, both serving;
    stopping the parent stops them (no worker is left holding the port)."""
    import psutil

    db = tmp_path / "fogwatch.db"
    fixture = build(f"sqlite:///{db}", n_generated=2)
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "fogwatch.cli", "serve", "--db", str(db), "--port", str(port),
         "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base, proc)
        time.sleep(1)  # the second worker may still be starting
        workers = [p for p in psutil.Process(proc.pid).children(recursive=True)
                   if any(c.laddr and c.laddr.port == port
                          for c in p.net_connections(kind="tcp"))]
        assert len(workers) == 2
        for _ in range(20):  # a new connection each: the kernel spreads them
            assert httpx.get(base + "/api/incidents").json()["total"] == fixture.incidents
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    for worker in workers:
        assert not worker.is_running() or worker.status() == psutil.STATUS_ZOMBIE


def test_a_worker_over_its_share_of_connections_asks_clients_to_reconnect() -> None:
    """ConnectionBalance adds Connection: close only two or more above the ceiling of
    the mean, and publishes its own count for the other workers."""
    import asyncio

    from fogwatch.web.balance import ConnectionBalance

    async def app(scope: dict, receive: object, send: object) -> None:  # type: ignore[type-arg]
        await send({"type": "http.response.start", "status": 200,  # type: ignore[operator]
                    "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"ok"})  # type: ignore[operator]

    def headers_with(mine: int, other: int) -> tuple[list[tuple[bytes, bytes]], list[int]]:
        counts = [0, other]
        sent: list[dict] = []  # type: ignore[type-arg]

        async def send(message: dict) -> None:  # type: ignore[type-arg]
            sent.append(message)

        balanced = ConnectionBalance(app, set(range(mine)), 0, counts)  # type: ignore[arg-type]
        asyncio.run(balanced({"type": "http"}, None, send))  # type: ignore[arg-type]
        return sent[0]["headers"], counts

    closing, counts = headers_with(12, 8)
    assert (b"connection", b"close") in closing and counts == [12, 8]
    assert (b"connection", b"close") not in headers_with(11, 9)[0]
    assert (b"connection", b"close") not in headers_with(1, 0)[0]
    assert (b"connection", b"close") not in headers_with(3, 0)[0]
    assert (b"connection", b"close") in headers_with(4, 0)[0]


def test_responses_written_in_one_piece_arrive_whole(tmp_path: Path) -> None:
    """Through uvicorn with the coalescing protocol (as serve runs it): keep-alive
    pages, a streamed export, HEAD, a refused body and a closed connection all arrive
    exactly as the in-process client sees them."""
    from fastapi.testclient import TestClient
    from web_helpers import serve

    from fogwatch.store import make_engine
    from fogwatch.web import create_app

    url = f"sqlite:///{tmp_path / 'fogwatch.db'}"
    build(url, n_generated=12)
    engine = make_engine(url)
    app = create_app(engine, max_body_bytes=1000)
    local = TestClient(app)
    with serve(app) as base, httpx.Client(base_url=base) as http:
        for path in ("/api/incidents", "/api/incidents?q=officials&limit=3", "/table",
                     "/api/export.csv?max_rows=5000", "/api/export.jsonl"):
            for _ in range(3):  # the same keep-alive connection each time
                remote = http.get(path)
                assert remote.status_code == 200, path
                assert remote.content == local.get(path).content, path
        head = http.head("/table")
        assert head.status_code == 200 and head.content == b""
        refused = http.post("/api/documents", content=b"x" * 5000,
                            headers={"content-type": "application/json"})
        assert refused.status_code == 413
        closing = http.get("/api/incidents", headers={"connection": "close"})
        assert closing.json()["total"] > 0
        assert http.get("/api/incidents").json()["total"] == closing.json()["total"]
    engine.dispose()


def test_warming_builds_the_pipeline_before_any_post(tmp_path: Path) -> None:
    from fogwatch.store import Store
    from fogwatch.web.ingest import HttpIngest

    ingest = HttpIngest(Store(f"sqlite:///{tmp_path / 'w.db'}").create(),
                        stages=("clean", "extract-trivial"))
    assert ingest._pipeline is None
    ingest.warm().join(timeout=60)
    assert ingest._pipeline is not None
    assert ingest([{"text": "Shelling hit Zebraville on Monday."}]).stored
