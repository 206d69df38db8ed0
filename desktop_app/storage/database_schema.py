"""The case database's schema: which version it is at, and bringing it up to this release.

Kept apart from opening the database (storage/database.py) because this is the one part that
needs Alembic, and Alembic is imported only inside the functions here that migrate: a schema
already at the newest revision (read from the migration files and the alembic_version table)
needs nothing from it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, inspect, select

from desktop_app.errors import StorageError
from desktop_app.storage.audit import AuditChain
from desktop_app.storage.audit_head import ChainHead
from desktop_app.storage.database_address import newest_revision
from desktop_app.storage.database_errors import storage_errors
from desktop_app.storage.models import AuditRow

if TYPE_CHECKING:
    # Only named in annotations: storage/database.py imports this module to open a database.
    from desktop_app.storage.database import Database

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None, chain: AuditChain | None = None) -> Any:
    """An Alembic configuration built in code, so migrations run from an installed wheel.

    `chain` gives migrations that re-key the audit log the installation key.
    """
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    config.attributes["audit_chain"] = chain or AuditChain("sqlite://", local=False)
    return config


def head_revision() -> str:
    newest = newest_revision()
    if newest is not None:
        return newest
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migrations folder has no revision"
    return head


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as conn:
        stored = _stored_revisions(conn)
        if len(stored) <= 1:
            return stored[0] if stored else None
        from alembic.runtime.migration import MigrationContext

        revision: str | None = MigrationContext.configure(conn).get_current_revision()
        return revision  # several rows: Alembic says what that means


def _stored_revisions(conn: Connection) -> list[str]:
    """The rows of Alembic's version table, read as Alembic reads them; [] without it."""
    if not inspect(conn).has_table("alembic_version"):
        return []
    rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all()
    return [str(row) for row in rows]


def upgrade_to_head(database: Database, target: str = "head") -> None:
    """Bring the schema up to `target` (normally the newest revision) in one transaction."""
    if target == "head" and _at_newest(database):
        return
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    known = {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    with storage_errors(database.path):
        found = current_revision(database)
        if found is not None and found not in known:
            raise StorageError(
                "the case database was written by a newer version of PA Letter Studio",
                file=str(database.path) if database.path else None,
                hint="install the newer version to open it",
            )
        if target == "head" and found == head_revision():
            return
        if found is not None and database.path is not None:
            # Before every upgrade: a copy to go back to if the upgrade misbehaves.
            from desktop_app.storage.backups import back_up, prune

            back_up(database.engine, database.path, f"before-{head_revision()}")
            prune(database.path)
        try:
            with database.engine.connect() as conn:
                _run_migrations(conn.execution_options(pa_write=True), target,
                                database.audit_chain)
        except CommandError as exc:
            raise StorageError(f"cannot upgrade the case database ({exc})") from None
        _remember_migrated_head(database)


def _at_newest(database: Database) -> bool:
    """True when the stored schema is exactly the newest revision: nothing to migrate."""
    newest = newest_revision()
    if newest is None:
        return False
    with storage_errors(database.path), database.engine.connect() as conn:
        return _stored_revisions(conn) == [newest]


def _remember_migrated_head(database: Database) -> None:
    """An upgrade may re-key or extend the log: its head, outside the database, follows."""
    with database.engine.connect() as conn:
        last = conn.execute(
            select(AuditRow.id, AuditRow.entry_hash).order_by(AuditRow.id.desc()).limit(1)
        ).first()
    if last is not None:
        database.audit_chain.remember(ChainHead(last.id, last.entry_hash))


def _run_migrations(conn: Connection, target: str, chain: AuditChain) -> None:
    """Upgrade in one transaction; on SQLite with foreign keys off while tables are rebuilt.

    Alembic's batch mode copies a table and drops the old one, which foreign keys forbid;
    SQLite's own procedure turns them off, then checks them before commit
    (sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema Changes").
    """
    sqlite = conn.dialect.name == "sqlite"
    raw = conn.connection.driver_connection
    if sqlite and raw is not None:
        # Outside any transaction (the pragma is a no-op inside one).
        raw.execute("PRAGMA foreign_keys = OFF")
    from alembic import command

    try:
        with conn.begin():
            command.upgrade(alembic_config(conn, chain), target)
            if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                raise StorageError("the upgraded case database has broken links between rows")
    finally:
        if sqlite and raw is not None:
            raw.execute("PRAGMA foreign_keys = ON")
