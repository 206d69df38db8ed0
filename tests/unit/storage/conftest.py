"""Every storage test runs on SQLite and on PostgreSQL (tests/support/databases.py says how)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop_app.services import audit
from desktop_app.services.cases import CaseStore, open_case_store
from tests.support.databases import parametrize_databases

pytest_generate_tests = parametrize_databases


@pytest.fixture(autouse=True)
def _both_databases(case_database: str) -> str:
    return case_database


@pytest.fixture
def store() -> Iterator[CaseStore]:
    """The case store, opened as the app opens it (a module may define its own)."""
    with open_case_store() as opened:
        yield opened
    audit.close()
