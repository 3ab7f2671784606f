"""Opening a database from what a user types after ``--db``.

A bare path means an SQLite file, because that is what a single analyst on one
machine wants; anything with ``://`` is a SQLAlchemy URL, so PostgreSQL (or any other
backend SQLAlchemy speaks) needs no code change.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from ..errors import StoreError

__all__ = ["DEFAULT_URL", "display_url", "make_engine", "normalise_url"]

DEFAULT_URL = "sqlite:///fogwatch.db"

#: Milliseconds a writer waits for another writer's lock before SQLite gives up.
SQLITE_BUSY_TIMEOUT_MS = 30_000


def normalise_url(url: str | None) -> str:
    """Turn ``None``, a file path or a URL into a SQLAlchemy URL string.

    ``postgresql://`` without a driver would make SQLAlchemy look for psycopg2, which
    fogwatch does not depend on; it is pointed at psycopg 3 instead.
    """
    if url is None or not str(url).strip():
        return DEFAULT_URL
    url = str(url).strip()
    if "://" not in url:
        return f"sqlite:///{url}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def to_url(url: str | None) -> URL:
    """Like ``normalise_url`` but as a URL object, so a file name with ``?`` or ``#`` in
    it stays a file name instead of becoming URL query parameters."""
    if url is not None and str(url).strip() and "://" not in str(url):
        return URL.create("sqlite", database=str(url).strip())
    return make_url(normalise_url(url))


def display_url(url: str | None) -> str:
    """The URL with its password hidden, for messages and ``stats``."""
    try:
        return make_url(normalise_url(url)).render_as_string(hide_password=True)
    except ArgumentError:
        return str(url)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the web app read while an ingest writes; NORMAL is durable across
    # application crashes in WAL mode (only an OS crash can lose the last commit).
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    """An Engine for ``url`` (None: ``fogwatch.db`` here; a path: that SQLite file).

    Connecting is lazy, so a wrong password or a missing directory shows up as a
    ``StoreError`` on first use (``Store.create`` / ``Store.add``), not here.
    """
    try:
        parsed = to_url(url)
        is_sqlite = parsed.get_backend_name() == "sqlite"
        if is_sqlite:
            connect_args = kwargs.setdefault("connect_args", {})
            connect_args.setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
        else:
            kwargs.setdefault("pool_pre_ping", True)
        engine = create_engine(parsed, **kwargs)
    except (ArgumentError, NoSuchModuleError, ValueError) as error:
        raise StoreError(
            f"cannot use database {display_url(url)!r}: {error}",
            hint="give a file path (an SQLite database) or a SQLAlchemy URL such as "
            "postgresql+psycopg://user:password@host/dbname",
        ) from error
    if is_sqlite:
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine
