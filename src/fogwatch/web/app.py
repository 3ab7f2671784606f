"""Builds the FastAPI app: routes, security headers, request limits, static files.

Security is done as pure ASGI middleware (not Starlette's BaseHTTPMiddleware) so that
streamed exports pass through untouched and the body limit is enforced while the body
is read, not after it has been buffered.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import event
from sqlalchemy.engine import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..pipeline import Resources
from ..store import Store
from ..store.queries import InvalidQuery, ensure_search_index

__all__ = ["DEFAULT_MAX_BODY", "create_app"]

HERE = Path(__file__).resolve().parent
DEFAULT_MAX_BODY = 2 * 1024 * 1024


def _tile_origin(tile_url: str | None) -> str | None:
    if not tile_url:
        return None
    parts = urlsplit(tile_url.replace("{s}", "a"))
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ValueError(f"tile URL {tile_url!r} is not an http(s) URL template")
    host = parts.netloc.replace("a.", "*.", 1) if "{s}" in tile_url else parts.netloc
    return f"{parts.scheme}://{host}"


def content_security_policy(tile_url: str | None) -> str:
    """Strict CSP: only our own scripts and styles; tiles only when configured."""
    img = "'self' data:"
    origin = _tile_origin(tile_url)
    if origin:
        img += f" {origin}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        f"img-src {img}; connect-src 'self'; font-src 'self'; object-src 'none'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


class SecurityHeaders:
    def __init__(self, app: ASGIApp, csp: str) -> None:
        self.app = app
        self.csp = csp.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = self.csp

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", [])
                           if h[0].lower() != b"content-security-policy"]
                headers += [
                    (b"content-security-policy", csp),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuses request bodies over ``max_bytes`` with 413, by header and while reading."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    too_big = int(value) > self.max_bytes
                except ValueError:
                    too_big = True
                if too_big:
                    await self._refuse(scope, receive, send)
                    return
        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _TooLarge:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse(
            {"detail": f"request body over {self.max_bytes} bytes; send smaller batches"},
            status_code=413,
        )
        await response(scope, receive, send)


class _TooLarge(Exception):
    pass


#: Bytes of the SQLite file each connection maps into memory for reading.
SQLITE_MMAP_BYTES = 1 << 30
#: Page cache per connection, in KiB (SQLite's negative cache_size).
SQLITE_CACHE_KIB = 32 * 1024


def _sqlite_read_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Read through a memory map and a bigger page cache than SQLite's 2 MB.

    A list page reads ~100 rows scattered over a file of hundreds of MB; with the
    default cache nearly every one was a read() system call, half of a page's CPU.
    Mapped pages are shared by every connection and process and cost no copy.
    """
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
        cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    finally:
        cursor.close()


def create_app(
    engine: Engine,
    *,
    ingest_token: str | None = None,
    tile_url: str | None = None,
    tile_attribution: str = "",
    max_body_bytes: int = DEFAULT_MAX_BODY,
    create_tables: bool = True,
    stages: Sequence[str] | None = None,
    resources: Resources | None = None,
) -> FastAPI:
    """The fogwatch web app over ``engine``.

    ``ingest_token`` switches on ``POST /api/documents`` (Bearer token); without it
    the route answers 403. ``tile_url`` (an ``{z}/{x}/{y}`` template) adds a map tile
    layer and lets the CSP load images from its origin; without it the map shows
    markers on a plain background and the page needs no network at all.
    """
    from . import api, pages
    from .ingest import HttpIngest

    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_read_pragmas)
    if create_tables:
        Store(engine).create()
    ensure_search_index(engine)

    app = FastAPI(
        title="fogwatch",
        summary="Conflict incidents with the claims and sentences behind them.",
        version="0.1.0",
        # /docs is served by pages.py from the vendored Swagger UI under the strict CSP
        # (FastAPI's own page loads it from a CDN and runs an inline script).
        docs_url=None,
        redoc_url=None,
    )
    settings: dict[str, Any] = {
        "ingest_token": ingest_token,
        "tile_url": tile_url,
        "tile_attribution": tile_attribution,
        "max_body_bytes": max_body_bytes,
    }
    app.state.engine = engine
    app.state.settings = settings
    app.state.ingest = HttpIngest(Store(engine), stages, resources)

    @app.exception_handler(InvalidQuery)
    async def invalid_query(request: Request, error: InvalidQuery) -> Response:
        if pages.is_page(request.url.path):
            return pages.error_page(request, 422, [f"{error.param}: {error}"])
        # Same shape as FastAPI's own 422s, so clients parse one error format.
        location = ["body"] if error.param == "body" else ["query", error.param]
        return JSONResponse({"detail": [{"loc": location, "msg": str(error),
                                         "type": "value_error", "input": None}]},
                            status_code=422)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        if pages.is_page(request.url.path):
            return pages.error_page(request, 422, [
                f"{e['loc'][-1] if e.get('loc') else 'request'}: {e.get('msg', 'invalid')}"
                for e in error.errors()])
        return await request_validation_exception_handler(request, error)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if error.status_code == 404 and pages.is_page(request.url.path):
            return pages.error_page(request, 404, [str(error.detail)])
        return await http_exception_handler(request, error)

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    app.add_middleware(SecurityHeaders, csp=content_security_policy(tile_url))
    return app
