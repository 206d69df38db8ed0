"""Every services test runs on SQLite and on PostgreSQL (tests/support/databases.py says how)."""

from __future__ import annotations

import pytest

from tests.support.databases import parametrize_databases

pytest_generate_tests = parametrize_databases


@pytest.fixture(autouse=True)
def _both_databases(case_database: str) -> str:
    return case_database
