"""Run a suite's tests on both case databases: the SQLite file and a PostgreSQL server.

A conftest opts in with `pytest_generate_tests = parametrize_databases` and an autouse
fixture that requests `case_database`. Every test then runs twice, `[sqlite]` and
`[postgresql]`, with PA_LETTER_DB_URL naming a fresh database for the second, except:
- `@pytest.mark.sqlite_only`: the test is about the SQLite file itself (damage, WAL, modes);
- `@pytest.mark.postgresql_only`: the test is about the shared server (several workstations);
- `pytestmark = pytest.mark.no_database` on a module that never opens a database.
A test left out of one database is not collected for it, rather than skipped, so a CI run
shows no skipped PostgreSQL test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

BACKENDS = ("sqlite", "postgresql")


def parametrize_databases(metafunc: pytest.Metafunc) -> None:
    if "case_database" not in metafunc.fixturenames:
        return
    marks = {mark.name for mark in metafunc.definition.iter_markers()}
    if "postgresql_only" in marks:
        backends: tuple[str, ...] = ("postgresql",)
    elif marks & {"sqlite_only", "no_database"}:
        backends = ("sqlite",)
    else:
        backends = BACKENDS
    metafunc.parametrize("case_database", backends, indirect=True)


@pytest.fixture
def case_database(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The URL of this test's empty case database; PA_LETTER_DB_URL names it on PostgreSQL."""
    from desktop_app.services import audit
    from desktop_app.storage.database_address import database_url

    backend = getattr(request, "param", "sqlite")
    if backend == "postgresql":
        url = str(request.getfixturevalue("postgres_url"))
        monkeypatch.setenv("PA_LETTER_DB_URL", url)
    else:
        monkeypatch.delenv("PA_LETTER_DB_URL", raising=False)
        url = database_url()
    yield url
    audit.close()
