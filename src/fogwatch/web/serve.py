"""The library function behind ``fogwatch serve``: open the database, run uvicorn."""

from __future__ import annotations

import gc
import json
import os
import socket
from typing import Any

from ..errors import FogwatchError
from ..store import Store
from .balance import ConnectionBalance, current

__all__ = ["app_from_env", "run"]

_CONFIG_ENV = "FOGWATCH_SERVE_CONFIG"


def app_from_env() -> Any:
    """App factory for uvicorn worker processes; ``run`` puts the settings in the env.

    With several workers uvicorn imports the app by name in each process, so the
    settings (and the ingest token) travel in the environment, never on a command line.
    """
    from ..store import make_engine
    from .app import create_app

    config = json.loads(os.environ[_CONFIG_ENV])
    options: dict[str, Any] = {}
    if config["db"].startswith("sqlite"):
        # One connection per thread that may read at once (the thread pool's 40), kept:
        # a connection opened past the pool is closed after one request, and opening
        # one (with its pragmas) costs more than the request, and loses its counts.
        options = {"pool_size": 40, "max_overflow": 10}
    app = create_app(make_engine(config["db"], **options), ingest_token=config["ingest_token"],
                     tile_url=config["tile_url"], tile_attribution=config["tile_attribution"])
    if config["ingest_token"]:
        app.state.ingest.warm()
    balance = current()
    # The app's start-up objects (routes, schemas, SQL constructs) live as long as the
    # process: out of the collector's sight, a full collection no longer walks them
    # in the middle of a request.
    gc.collect()
    gc.freeze()
    return ConnectionBalance(app, *balance) if balance else app


def run(
    db: str | None,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    ingest_token: str | None = None,
    tile_url: str | None = None,
    tile_attribution: str = "",
    workers: int = 1,
) -> None:
    """Serve the web app and API until interrupted.

    ``tile_url`` (e.g. ``https://tile.openstreetmap.org/{z}/{x}/{y}.png``) is the only
    thing that makes the pages reach the network; without it the map is drawn on a
    plain background. ``workers`` > 1 runs that many processes (reads scale with
    cores; SQLite in WAL mode lets them read at once).
    """
    import uvicorn

    from .app import content_security_policy

    if ingest_token is not None and len(ingest_token) < 16:
        raise FogwatchError("the ingest token is too short to be secret",
                            hint="use at least 16 random characters, e.g. "
                                 "python -c 'import secrets; print(secrets.token_urlsafe())'")
    try:
        content_security_policy(tile_url)
    except ValueError as error:
        raise FogwatchError(str(error), hint="give --tiles as https://host/{z}/{x}/{y}.png"
                            ) from error
    store = Store(db).create()
    url = store.engine.url.render_as_string(hide_password=False)
    store.close()
    os.environ[_CONFIG_ENV] = json.dumps({"db": url, "ingest_token": ingest_token,
                                          "tile_url": tile_url,
                                          "tile_attribution": tile_attribution})
    if workers <= 1:
        uvicorn.run(_APP, factory=True, host=host, port=port, log_level="info",
                    proxy_headers=False, server_header=False, http=_http_protocol())
        return
    _run_workers(host, port, workers)


_APP = "fogwatch.web.serve:app_from_env"


def _http_protocol() -> Any:
    """httptools with each response written in one piece (``transport``), else uvicorn's
    default ("auto") where httptools is not installed."""
    try:
        from .transport import CoalescingHttpToolsProtocol
    except ImportError:
        return "auto"
    return CoalescingHttpToolsProtocol


def _listening_socket(host: str, port: int) -> socket.socket:
    """A listening socket of its own, sharing the port with the other workers.

    SO_REUSEPORT makes the kernel spread new connections over the workers' sockets.
    uvicorn's own ``workers`` share ONE socket, and whichever process wakes first
    accepts a whole burst of connections: 20 keep-alive clients ended up 18 to 2,
    leaving one core idle while the other queued.
    """
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(address)
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _worker(host: str, port: int, index: int, counts: Any) -> None:
    import uvicorn

    from .balance import install

    sock = _listening_socket(host, port)
    config = uvicorn.Config(_APP, factory=True, log_level="info", proxy_headers=False,
                            server_header=False, http=_http_protocol())
    server = uvicorn.Server(config)
    install(server.server_state.connections, index, counts)
    server.run(sockets=[sock])


def _run_workers(host: str, port: int, workers: int) -> None:
    """``workers`` processes, each with its own SO_REUSEPORT socket; stops them all
    when interrupted (SIGINT, SIGTERM) or when one of them exits."""
    import multiprocessing
    import signal
    from multiprocessing.connection import wait

    if not hasattr(socket, "SO_REUSEPORT"):
        raise FogwatchError("this system cannot share a port between workers",
                            hint="run with --workers 1")
    _listening_socket(host, port).close()  # a taken port fails here, once, clearly
    context = multiprocessing.get_context("spawn")
    counts = context.Array("i", workers, lock=False)  # connections held, per worker
    procs = [context.Process(target=_worker, args=(host, port, k, counts),
                             name=f"fogwatch-web-{k}") for k in range(workers)]
    for proc in procs:
        proc.start()

    def stop(*_args: Any) -> None:
        for proc in procs:
            if proc.is_alive() and proc.pid is not None:
                os.kill(proc.pid, signal.SIGTERM)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        wait([p.sentinel for p in procs])  # returns when one has exited
    finally:
        stop()
        for proc in procs:
            proc.join(timeout=30)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
