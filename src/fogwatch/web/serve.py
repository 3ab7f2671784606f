"""The library function behind ``fogwatch serve``: open the database, run uvicorn."""

from __future__ import annotations

from ..errors import FogwatchError
from ..store import Store

__all__ = ["run"]


def run(
    db: str | None,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    ingest_token: str | None = None,
    tile_url: str | None = None,
    tile_attribution: str = "",
) -> None:
    """Serve the web app and API until interrupted.

    ``tile_url`` (e.g. ``https://tile.openstreetmap.org/{z}/{x}/{y}.png``) is the only
    thing that makes the pages reach the network; without it the map is drawn on a
    plain background.
    """
    import uvicorn

    from .app import create_app

    if ingest_token is not None and len(ingest_token) < 16:
        raise FogwatchError("the ingest token is too short to be secret",
                            hint="use at least 16 random characters, e.g. "
                                 "python -c 'import secrets; print(secrets.token_urlsafe())'")
    store = Store(db).create()
    try:
        app = create_app(store.engine, ingest_token=ingest_token, tile_url=tile_url,
                         tile_attribution=tile_attribution)
    except ValueError as error:
        raise FogwatchError(str(error), hint="give --tiles as https://host/{z}/{x}/{y}.png"
                            ) from error
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False,
                server_header=False)
