"""A throwaway PostgreSQL server for the test run: one per session, a fresh database per test.

Debian's own server binaries (initdb, pg_ctl) run in a private temporary folder on a free
127.0.0.1 port, and the server is stopped and its folder removed when the run ends. CI runs
as root, and initdb refuses root, so as root the server runs as `nobody` in a folder that
user owns.

pytest-postgresql was compared: its `postgresql_proc` starts initdb and pg_ctl as the current
user, which fails as root, and it adds mirakuru and port-for for what is ~150 lines here.

Each test gets `CREATE DATABASE ... TEMPLATE` of one database migrated once to the newest
schema, and the database is dropped after the test, so a test never sees another's rows.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SUPERUSER = "pa"
TEMPLATE_DB = "pa_template"
# Durability is no concern for a server that lives for one test run; these make CREATE
# DATABASE and every commit several times faster on a loaded machine.
FAST_SETTINGS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off")
_numbers = itertools.count(1)


class PostgresUnavailable(RuntimeError):
    """The server binaries are missing or the server would not start; says what to do."""


def server_binaries() -> Path:
    """The folder holding initdb and pg_ctl: PA_LETTER_PG_BIN, pg_config, or Debian's place."""
    override = os.environ.get("PA_LETTER_PG_BIN", "").strip()
    candidates = [override] if override else []
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.CalledProcessError):
            candidates.append(
                subprocess.run(
                    [pg_config, "--bindir"], capture_output=True, text=True, check=True
                ).stdout.strip()
            )
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for folder in candidates:
        if folder and (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    raise PostgresUnavailable(
        "PostgreSQL's server programs (initdb, pg_ctl) were not found; run `make setup`, "
        "which installs Debian's postgresql package, or set PA_LETTER_PG_BIN"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresServer:
    """A running server; `url(name)` is the SQLAlchemy URL of one of its databases."""

    folder: Path
    port: int
    binaries: Path
    user: str | None
    options: str = ""

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE / DROP DATABASE need that)."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def create_database(self, template: str | None = TEMPLATE_DB, name: str = "") -> str:
        name = name or f"pa_test_{os.getpid()}_{next(_numbers)}"
        copy = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
        self.admin(f"CREATE DATABASE {name}{copy}")
        return name

    def drop_database(self, name: str) -> None:
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def pause(self) -> None:
        """Stop answering, as a server that went down or a network that dropped."""
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")

    def resume(self) -> None:
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-o", self.options, "-l",
                  str(self.folder / "server.log"), "-w", "-t", "60", "start")

    def stop(self) -> None:
        if not self.folder.exists():
            return
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def _run(self, program: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.binaries / program), *args],
            user=self.user,
            cwd=self.folder,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8"},
        )


def start_server() -> PostgresServer:
    """initdb and pg_ctl start in a new private folder; as root, run as `nobody`."""
    binaries = server_binaries()
    user = "nobody" if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="pa-letter-pg-"))
    if user is not None:
        entry = pwd.getpwnam(user)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    server = PostgresServer(folder=folder, port=0, binaries=binaries, user=user)
    data = folder / "data"
    try:
        server._run("initdb", "-D", str(data), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8",
                    "--no-locale", "--no-sync")
        for attempt in range(5):
            server.port = _free_port()
            server.options = f"-p {server.port} -k {folder} -h 127.0.0.1 " + " ".join(
                f"-c {setting}" for setting in FAST_SETTINGS
            )
            try:
                server.resume()
                break
            except subprocess.CalledProcessError:
                if attempt == 4:  # the port was taken between probing and starting, five times
                    raise
                time.sleep(0.2)
    except (OSError, subprocess.SubprocessError) as exc:
        log = folder / "server.log"
        tail = log.read_text(errors="replace")[-800:] if log.exists() else ""
        stderr = getattr(exc, "stderr", "") or ""
        server.stop()
        raise PostgresUnavailable(
            f"the test PostgreSQL server did not start: {stderr}{tail}"
        ) from None
    atexit.register(server.stop)  # also when the run is interrupted before fixture teardown
    return server


def prepare_template(server: PostgresServer) -> None:
    """One database migrated to the newest schema, copied for every test."""
    from desktop_app.storage.database import open_database

    server.create_database(template=None, name=TEMPLATE_DB)
    database = open_database(server.url(TEMPLATE_DB))
    database.dispose()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The run's PostgreSQL server (started on first use), with the migrated template."""
    server = start_server()
    try:
        prepare_template(server)
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A fresh database with the newest schema and no rows, dropped after the test."""
    name = postgres_server.create_database()
    try:
        yield postgres_server.url(name)
    finally:
        from desktop_app.services import audit

        audit.close()  # cached connections to this database, before it is dropped
        postgres_server.drop_database(name)


@pytest.fixture
def empty_postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A fresh database with no tables at all (for migrations from empty)."""
    name = postgres_server.create_database(template="template0")
    try:
        yield postgres_server.url(name)
    finally:
        from desktop_app.services import audit

        audit.close()
        postgres_server.drop_database(name)
