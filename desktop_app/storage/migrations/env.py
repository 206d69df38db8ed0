"""Alembic environment: migrates over the connection database_schema.py hands it, never a URL."""

from __future__ import annotations

from alembic import context

from desktop_app.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached when someone runs the alembic CLI
    raise RuntimeError("run migrations through desktop_app.storage.database_schema.upgrade_to_head")

# render_as_batch: SQLite cannot ALTER most things in place; batch mode copies the table.
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
