"""Alembic schema migrations for the case database, run in code by storage.database_schema."""
