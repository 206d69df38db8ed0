"""Checking a backup before it may replace the database: SQLite's integrity check, then the log.

The copy is opened read-only and is not upgraded or changed in any way by the check.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine

from desktop_app.errors import shown_file_name
from desktop_app.storage.audit_chain import AuditChain
from desktop_app.storage.audit_verify import verify
from desktop_app.storage.backups import integrity_problem
from desktop_app.storage.database import Database
from desktop_app.storage.database_schema import current_revision, head_revision


@dataclass(frozen=True, slots=True)
class BackupVerdict:
    ok: bool
    message: str
    entries: int = 0


def check_backup(path: Path) -> BackupVerdict:
    """Whether `path` is a whole database whose audit log (and the rows it seals) holds."""
    name = shown_file_name(path.name)
    if not path.is_file():
        return BackupVerdict(False, f"{name} is not a backup file")
    problem = integrity_problem(path)
    if problem is not None:
        return BackupVerdict(False, f"{name} {problem}")
    url = f"sqlite:///file:{path}?mode=ro&uri=true"
    engine = create_engine(url)
    database = Database(engine=engine, url=url, path=None,
                        audit_chain=AuditChain(f"backup:{path}", local=False))
    try:
        revision = current_revision(database)
        if revision is None:
            return BackupVerdict(False, f"{name} holds no case database")
        if revision != head_revision():
            # Made before an upgrade: its log is re-keyed and checked when it is upgraded.
            return BackupVerdict(True, f"{name} is whole (made before an upgrade; its "
                                 "audit log is checked when it is upgraded)")
        with database.reading() as session:
            report = verify(session, against_head=False)
    finally:
        engine.dispose()
    if not report.ok:
        return BackupVerdict(False, f"{name}: {report.message}", report.checked)
    return BackupVerdict(True, f"{name} is whole: {report.message}", report.checked)
