"""SQL run on the case database behind the app's back, as someone with the database file or
a server login could: what the audit-tampering tests share (their store: conftest.py)."""

from __future__ import annotations

from sqlalchemy import text

from desktop_app.storage.database import open_database


def run_sql(statement: str, **params: object) -> None:
    """Run one statement on the case database, outside the app's own writes."""
    db = open_database()
    with db.writing() as session:
        session.execute(text(statement), params)
    db.dispose()
