"""Shared test set-up: headless Qt, and an empty private data folder for every test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Services tell knowledge/ where the data and cache folders are when they load, as in the app;
# tests of a loader alone see the same folders (PA_LETTER_HOME, PA_LETTER_CACHE, set below).
import desktop_app.services  # noqa: F401

# The throwaway PostgreSQL server (started on first use) and the two-database fixture.
from tests.support.databases import case_database
from tests.support.postgres_server import empty_postgres_url, postgres_server, postgres_url

__all__ = ["case_database", "empty_postgres_url", "postgres_server", "postgres_url"]

# Must be set before any QApplication exists; without a display Qt would abort the run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session", autouse=True)
def pa_letter_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for the run: the ICD-10-CM index is built once, not once per test."""
    cache = tmp_path_factory.mktemp("pa_letter_cache")
    os.environ["PA_LETTER_CACHE"] = str(cache)
    return cache


@pytest.fixture(autouse=True)
def pa_letter_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Each test gets its own empty data folder; none touches the user's real one."""
    home = tmp_path_factory.mktemp("pa_letter_home")
    monkeypatch.setenv("PA_LETTER_HOME", str(home))
    monkeypatch.delenv("PA_LETTER_DB_URL", raising=False)
    # No shared database from an earlier test's settings (services.desk_connection).
    monkeypatch.setattr("desktop_app.storage.database_address._practice_url", None)
    # Nobody signed in from an earlier test (services.people).
    monkeypatch.setattr("desktop_app.services.people._current", None)
    # No payer list held for typing from an earlier test's folder (services.payers).
    monkeypatch.setattr("desktop_app.services.payers._held", {})
    # Nor practice settings held for the checklist (services.practice_data).
    monkeypatch.setattr("desktop_app.services.practice_data._held", {})
    return home


@pytest.fixture(autouse=True)
def forget_test_drug_files(pa_letter_home: Path) -> Iterator[None]:
    """A test that put drug files in its data folder leaves no catalog read from them."""
    yield
    if (pa_letter_home / "reference" / "drugs").exists():
        from desktop_app.knowledge.drug_catalog import forget_catalog

        forget_catalog()


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES
