"""Load test of the API: 100,000 incidents in SQLite, 20 concurrent clients on loopback.

    .venv/bin/python bench/serve.py [--incidents 100000] [--clients 20] [--workers 2]
                                    [--requests 600] [--seconds 90] [--db PATH]

Builds the database with bulk inserts (documents, reports, claims, incidents written
by ``incident_row`` as clustering writes them, and their links; the full-text index is
back-filled in one statement), starts ``fogwatch serve`` in a subprocess on 127.0.0.1,
then runs ``--clients`` concurrent closed-loop clients (no think time) over a
shuffled, bounded list of requests (``--requests`` per query type, stopped after
``--seconds``), and prints p50/p95/p99 latency and errors per query type. Target:
p95 < 100 ms, no errors.

The queries: list pages (a status, an event type, by fatalities, unfiltered, a
30-day window), map boxes of 0.2-1.2 degrees around a city, and text searches (a
word, two words, a phrase minus a word), each for the API's default page of 100.

The client is a minimal keep-alive HTTP/1.1 client on asyncio streams (on uvloop
when installed), not httpx: it shares the two cores with the server, and httpx
cost ~2.5 ms of CPU per request, more than the server spends on a list page. It
still sends real requests over TCP, checks every status and reads every body in
full. Figures on a shared machine mostly measure the neighbours: the bench prints
the load average and the server's CPU per request, which do not depend on them.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlalchemy as sa

WORDS = ["shelling", "drone", "missile", "artillery", "strike", "depot", "bridge", "school",
         "hospital", "railway", "substation", "convoy", "checkpoint", "village", "warehouse",
         "airfield", "port", "market", "factory", "barracks"]
PLACES = [("Kharkiv", "Kharkiv", 49.98, 36.25), ("Izium", "Kharkiv", 49.21, 37.26),
          ("Bakhmut", "Donetsk", 48.60, 38.00), ("Kherson", "Kherson", 46.64, 32.61),
          ("Mykolaiv", "Mykolaiv", 46.97, 31.99), ("Zaporizhzhia", "Zaporizhzhia", 47.84, 35.14),
          ("Sumy", "Sumy", 50.91, 34.80), ("Odesa", "Odesa", 46.48, 30.72),
          ("Donetsk", "Donetsk", 48.02, 37.80), ("Luhansk", "Luhansk", 48.57, 39.31)]
TYPES = [("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Explosions/Remote violence", "Air/drone strike"), ("Battles", "Armed clash"),
         ("Violence against civilians", "Attack"), ("Strategic developments", "Other")]
STATUSES = ["claimed", "corroborated", "disputed"]
SIDES = ["UA", "RU", "unknown"]
START = dt.date(2022, 2, 24)


def build(path: Path, n: int, seed: int = 7) -> float:
    """Fill a fresh SQLite database with ``n`` synthetic incidents; returns seconds."""
    from fogwatch.model import Actor, Claim, Estimate, Incident, Place, Span, Stance, Status
    from fogwatch.store import Store, make_engine, schema
    from fogwatch.store.incidents import incident_row

    started = time.perf_counter()
    rnd = random.Random(seed)
    engine = make_engine(f"sqlite:///{path}")
    Store(engine).create()
    now = dt.datetime.now(dt.UTC)
    chunk = 5000
    with engine.begin() as conn:
        for base in range(0, n, chunk):
            docs, reps, claims, incs, links = [], [], [], [], []
            for k in range(base, min(n, base + chunk)):
                place, admin1, lat0, lon0 = rnd.choice(PLACES)
                lat, lon = lat0 + rnd.uniform(-0.4, 0.4), lon0 + rnd.uniform(-0.4, 0.4)
                etype, sub = rnd.choice(TYPES)
                day = START + dt.timedelta(days=rnd.randrange(700))
                words = rnd.sample(WORDS, 3)
                killed = rnd.choice([None, 0, 1, 2, 3, 5, 8])
                side = rnd.choice(SIDES)
                sentence = (f"A {words[0]} hit a {words[1]} near {place} on {day.isoformat()}, "
                            f"officials said.")
                text = (f"{sentence} The {words[2]} was damaged. Report number {k}. "
                        f"{'Nobody' if killed == 0 else 'Several people'} were hurt.")
                doc_id, event_id, incident_id = f"d{k:07d}", f"d{k:07d}:0", f"i{k:07d}"
                span = Span(0, len(sentence))
                claim = Claim("regional officials", "UA", Stance.ASSERTS, span)
                loc = Place(mention=place, name=place, lat=lat, lon=lon, admin1=admin1,
                            geo_precision=1)
                report = {"event_id": event_id, "doc_id": doc_id, "event_type": etype,
                          "sub_event_type": sub, "date": day.isoformat(),
                          "location": loc.to_dict(), "claims": [claim.to_dict()],
                          "sentences": [span.to_list()], "evidence": {},
                          "summary": f"{sub} in {place}", "fatalities": killed}
                docs.append({"id": doc_id, "content_hash": f"{k:064d}", "source": f"outlet{k % 50}",
                             "url": None, "title": f"{words[0]} near {place}",
                             "published": day.isoformat(), "published_date": day,
                             "language": "en", "languages": ["en"], "flags": {},
                             "sentences": [span.to_list()], "text": text, "raw": None,
                             "origin": "bench", "ingested_at": now})
                reps.append({"event_id": event_id, "doc_id": doc_id, "event_type": etype,
                             "sub_event_type": sub, "date": day, "date_start": day,
                             "date_end": day, "place_name": place, "lat": lat, "lon": lon,
                             "admin1": admin1, "geonameid": None, "geo_precision": 1,
                             "attacker_side": side, "fatalities": killed, "injured": None,
                             "disputed": False, "summary": report["summary"], "data": report})
                claims.append({"event_id": event_id, "claimant": "regional officials",
                               "side": "UA", "stance": "asserts", "span_start": 0,
                               "span_end": span.end})
                status = rnd.choice(STATUSES)
                inc = Incident(incident_id=incident_id, event_type=etype, sub_event_type=sub,
                               date=day, date_range=(day, day), location=loc,
                               attacker=Actor("forces", side), fatalities=Estimate(killed),
                               status=Status(status), claims=(claim,), reports=(event_id,),
                               documents=(doc_id,), independent_sources=1,
                               summary=f"{sub} in {place}")
                incs.append(incident_row(inc, now))  # as clustering writes it
                links.append({"incident_id": incident_id, "event_id": event_id,
                              "reason": "bench"})
            conn.execute(sa.insert(schema.documents), docs)
            conn.execute(sa.insert(schema.reports), reps)
            conn.execute(sa.insert(schema.claims), claims)
            conn.execute(sa.insert(schema.incidents), incs)
            conn.execute(sa.insert(schema.incident_reports), links)
    from fogwatch.store.queries import ensure_search_index

    ensure_search_index(engine)  # back-fills the FTS tables in one statement each
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    engine.dispose()
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])




def requests_for(kind: str, rnd: random.Random) -> str:
    return quote(_request_for(kind, rnd), safe="/?&=,%-")


def _request_for(kind: str, rnd: random.Random) -> str:
    if kind == "list":
        params = [f"status={rnd.choice(STATUSES)}", f"event_type={rnd.choice(TYPES)[0]}",
                  "sort=-fatalities", ""]
        day = START + dt.timedelta(days=rnd.randrange(600))
        params.append(f"since={day}&until={day + dt.timedelta(days=30)}")
        return "/api/incidents?limit=100&" + rnd.choice(params)
    if kind == "bbox":
        _, _, lat, lon = rnd.choice(PLACES)
        w = rnd.uniform(0.1, 0.6)
        return (f"/api/incidents?limit=100&bbox={lon - w:.3f},{lat - w:.3f},"
                f"{lon + w:.3f},{lat + w:.3f}")
    if kind == "text":
        q = rnd.choice([rnd.choice(WORDS), f"{rnd.choice(WORDS)} {rnd.choice(WORDS)}",
                        f'"{rnd.choice(WORDS)}" -{rnd.choice(WORDS)}'])
        return "/api/incidents?limit=100&q=" + q
    raise ValueError(kind)


class Connection:
    """A minimal keep-alive HTTP/1.1 client on asyncio streams, one request at a time.

    The bench client shares the 2 cores with the server, so what it burns is not
    served: httpx cost ~2.5 ms of CPU per request, this 0.1-0.3 ms. It still
    does what a client must: sends a full request, checks the status, and reads every
    byte of the body (Content-Length or chunked).
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, bytes]:
        if self.writer is None or self.writer.is_closing():
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                          "Accept: application/json\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            if line:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                parts.append(await self.reader.readexactly(size + 2))
                if size == 0:
                    break
            body = b"".join(p[:-2] for p in parts)
        else:
            body = await self.reader.read()
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


async def load(base: str, kinds: list[str], per_kind: int, clients: int, seconds: float
               ) -> tuple[dict[str, list[float]], dict[str, list[str]], float, int]:
    rnd = random.Random(11)
    work = [(k, requests_for(k, rnd)) for k in kinds for _ in range(per_kind)]
    rnd.shuffle(work)
    queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
    for item in work:
        queue.put_nowait(item)
    latencies: dict[str, list[float]] = {k: [] for k in kinds}
    errors: dict[str, list[str]] = {k: [] for k in kinds}
    deadline = time.monotonic() + seconds
    host, port = base.removeprefix("http://").split(":")

    async def client() -> None:
        http = Connection(host, int(port))
        try:
            while time.monotonic() < deadline:
                try:
                    kind, url = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                t0 = time.perf_counter()
                try:
                    status, body = await asyncio.wait_for(http.get(url), 30)
                    ok = status == 200 and body[:1] == b"{"
                    if not ok:
                        errors[kind].append(f"{status} {url} {body[:80]!r}")
                except (TimeoutError, OSError, asyncio.IncompleteReadError,
                        ValueError) as error:
                    ok = False
                    http.close()
                    errors[kind].append(f"{type(error).__name__} {url}")
                if ok:
                    latencies[kind].append((time.perf_counter() - t0) * 1000)
        finally:
            http.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies, errors, time.perf_counter() - started, queue.qsize()


def server_cpu_per_request(base: str, pid: int, kinds: list[str], n: int = 40
                           ) -> dict[str, float]:
    """CPU seconds the server processes spend per request, one request at a time.

    Wall-clock latency on a shared machine mostly measures the neighbours; CPU time
    per request says what a dedicated core would do.
    """
    import httpx
    import psutil

    def cpu() -> float:
        parent = psutil.Process(pid)
        total = 0.0
        for proc in [parent, *parent.children(recursive=True)]:
            times = proc.cpu_times()
            total += times.user + times.system
        return total

    rnd = random.Random(5)
    out: dict[str, float] = {}
    with httpx.Client(base_url=base, timeout=30) as http:
        for kind in kinds:
            urls = [requests_for(kind, rnd) for _ in range(n)]
            before = cpu()
            for url in urls:
                http.get(url)
            out[kind] = (cpu() - before) / n * 1000
    return out


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run(coroutine: Any) -> Any:
    """asyncio.run, on uvloop when it is installed (a cheaper client)."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--incidents", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=600, help="per query type")
    ap.add_argument("--seconds", type=float, default=90.0, help="stop the load after this")
    ap.add_argument("--db", type=Path, help="reuse (or create) this database file")
    ap.add_argument("--workers", type=int, default=2, help="server processes (one per core)")
    args = ap.parse_args()

    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory(prefix="fogwatch-bench-")
        args.db = Path(tmp.name) / "serve.db"
    if not args.db.exists():
        seconds = build(args.db, args.incidents)
        print(f"built {args.incidents:,} incidents (+ documents, reports, claims, FTS) in "
              f"{seconds:.1f} s -> {args.db} ({args.db.stat().st_size / 1e6:.0f} MB)")
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # The server exactly as users run it: `fogwatch serve`.
    proc = subprocess.Popen([sys.executable, "-m", "fogwatch.cli", "serve", "--db", str(args.db),
                             "--port", str(port), "--workers", str(args.workers)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        import httpx

        base = f"http://127.0.0.1:{port}"
        t0 = time.monotonic()
        while True:
            try:
                httpx.get(base + "/api/incidents?limit=1", timeout=2)
                break
            except httpx.HTTPError:
                if proc.poll() is not None or time.monotonic() - t0 > 120:
                    raise SystemExit("server did not start") from None
                time.sleep(0.2)
        print(f"server up in {time.monotonic() - t0:.1f} s (start-up includes FTS check)")
        kinds = ["list", "bbox", "text"]
        # a short warm-up so the first figures are not the page cache filling
        run(load(base, kinds, 10, args.clients, 20))
        import resource

        before = resource.getrusage(resource.RUSAGE_SELF)
        latencies, errors, wall, left = run(
            load(base, kinds, args.requests, args.clients, args.seconds))
        after = resource.getrusage(resource.RUSAGE_SELF)
        client_cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        total = sum(len(v) for v in latencies.values())
        print(f"{args.clients} concurrent clients, {args.workers} server process(es), "
              f"{total} requests in {wall:.1f} s "
              f"({total / wall:.0f} req/s){f', {left} not sent (time limit)' if left else ''}")
        print(f"{'query':<6} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'mean':>8} "
              f"{'errors':>6}")
        for kind in kinds:
            values = latencies[kind]
            mean = statistics.fmean(values) if values else float("nan")
            print(f"{kind:<6} {len(values):>5} {pct(values, 50):>8.1f} {pct(values, 95):>8.1f} "
                  f"{pct(values, 99):>8.1f} {mean:>8.1f} {len(errors[kind]):>6}")
            for line in errors[kind][:3]:
                print(f"    error: {line}")
        # The client shares the 2 cores with the server: what it eats is not served.
        print(f"client (asyncio streams, this process) CPU: {client_cpu:.1f} s for {total} "
              f"requests = {client_cpu / max(total, 1) * 1000:.1f} ms per request")
        cpu = server_cpu_per_request(base, proc.pid, kinds)
        print("server CPU per request (sequential, immune to other load on the machine): "
              + ", ".join(f"{k} {v:.1f} ms" for k, v in cpu.items()))
        worst = max(pct(v, 95) for v in latencies.values() if v)
        errs = sum(len(v) for v in errors.values())
        met = "MET" if worst < 100 and not errs else "NOT MET"
        print(f"target p95 < 100 ms and no errors: {met} (worst p95 {worst:.1f} ms, "
              f"{errs} errors); load average now {os.getloadavg()[0]:.1f} on "
              f"{os.cpu_count()} cores")
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        if tmp:
            tmp.cleanup()


if __name__ == "__main__":
    main()
