"""The library function behind ``fogwatch serve``: open the database, run uvicorn."""

from __future__ import annotations

import json
import os
from typing import Any

from ..errors import FogwatchError
from ..store import Store

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
    return create_app(make_engine(config["db"]), ingest_token=config["ingest_token"],
                      tile_url=config["tile_url"], tile_attribution=config["tile_attribution"])


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
    uvicorn.run("fogwatch.web.serve:app_from_env", factory=True, host=host, port=port,
                workers=workers, log_level="info", proxy_headers=False, server_header=False)
