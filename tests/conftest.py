"""Shared fixtures: real databases (SQLite files and a PostgreSQL server) and shared data.

The PostgreSQL server is started from Debian's binaries once per test session, in a
temporary folder, on a free loopback port with its unix socket in that folder, and
stopped at the end. PostgreSQL refuses to run as root, so under root the data folder
belongs to the ``postgres`` system user and the binaries run through ``runuser``.
Each test that asks for it gets its own fresh database on that server.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """``/work/shared``-style data beside the repository (``FOGWATCH_SHARED`` overrides)."""
    return Path(os.environ.get("FOGWATCH_SHARED") or REPO.parent / "shared")


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if not path.is_dir():
        pytest.skip(f"shared data folder {path} is absent (set FOGWATCH_SHARED)")
    return path


def fogwatch_command() -> list[str]:
    """The real CLI, run as a separate process the way a user runs it."""
    return [sys.executable, "-m", "fogwatch.cli"]


# -- PostgreSQL ------------------------------------------------------------------------


def _postgres_bindir() -> Path | None:
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: [int(x) if x.isdigit() else 0 for x in Path(p).parent.name.split(".")],
        reverse=True,
    )
    for candidate in candidates:
        if (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl:
        return Path(os.path.realpath(initdb)).parent
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class PostgresServer:
    host: str
    port: int
    user: str

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    bindir = _postgres_bindir()
    if bindir is None:
        reason = ("no PostgreSQL server binaries (initdb, pg_ctl) found; "
                  "install Debian's postgresql package to run these tests")
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    as_root = os.geteuid() == 0
    prefix: list[str] = []
    workdir = Path(tempfile.mkdtemp(prefix="fogwatch-pg-"))
    if as_root:
        # PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
        shutil.chown(workdir, "postgres", "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    datadir, log = workdir / "data", workdir / "server.log"
    port = _free_port()

    def run(*args: str) -> None:
        result = subprocess.run([*prefix, *args], capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            logtext = log.read_text(errors="replace") if log.exists() else ""
            raise RuntimeError(
                f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n"
                f"{result.stderr}\n{logtext}"
            )

    run(str(bindir / "initdb"), "-D", str(datadir), "-U", "postgres", "--auth=trust",
        "-E", "UTF8", "--locale=C", "--no-sync")
    options = (f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 "
               "-c fsync=off -c full_page_writes=off -c synchronous_commit=off")
    run(str(bindir / "pg_ctl"), "-D", str(datadir), "-l", str(log), "-o", options, "-w",
        "-t", "60", "start")
    try:
        yield PostgresServer("127.0.0.1", port, "postgres")
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(datadir), "-m", "fast",
                        "-w", "stop"], capture_output=True, timeout=120)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A fresh, empty database on the session's server; dropped afterwards."""
    import sqlalchemy as sa

    name = f"fogwatch_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(postgres_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield postgres_server.url(name)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test on a fresh SQLite file and on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'fogwatch.db'}"
    return str(request.getfixturevalue("postgres_url"))
