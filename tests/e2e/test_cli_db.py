"""`pa-letter db init|upgrade|status --url`: prepare a practice's PostgreSQL database."""

from __future__ import annotations

import socket
from typing import Any

from alembic import command
from sqlalchemy import create_engine, text

from desktop_app.storage.database_schema import alembic_config, head_revision


def test_a_new_database_is_prepared_once_and_then_reported_up_to_date(
    pa_letter: Any, empty_postgres_url: str
) -> None:
    before = pa_letter("db", "status", "--url", empty_postgres_url)
    assert before.code == 1 and "none (not prepared)" in before.out
    assert "pa-letter db init" in before.out
    prepared = pa_letter("db", "init", "--url", empty_postgres_url)
    assert prepared.code == 0, prepared.err
    assert "Prepared." in prepared.out and f"Schema version: {head_revision()}" in prepared.out
    after = pa_letter("db", "status", "--url", empty_postgres_url)
    assert after.code == 0 and "Up to date." in after.out and "Cases: 0" in after.out
    assert "PostgreSQL 15" in after.out or "PostgreSQL 1" in after.out
    again = pa_letter("db", "init", "--url", empty_postgres_url)
    assert again.code == 0 and "Already prepared" in again.out


def test_an_older_schema_is_reported_behind_and_upgraded(
    pa_letter: Any, empty_postgres_url: str
) -> None:
    engine = create_engine(empty_postgres_url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0002")
    engine.dispose()
    behind = pa_letter("db", "status", "--url", empty_postgres_url)
    assert behind.code == 1 and "Schema version: 0002" in behind.out
    assert "pa-letter db upgrade" in behind.out
    upgraded = pa_letter("db", "upgrade", "--url", empty_postgres_url)
    assert upgraded.code == 0 and "Upgraded from 0002." in upgraded.out, upgraded.err
    assert pa_letter("db", "status", "--url", empty_postgres_url).code == 0


def test_upgrade_of_an_empty_database_asks_for_init(
    pa_letter: Any, empty_postgres_url: str
) -> None:
    result = pa_letter("db", "upgrade", "--url", empty_postgres_url)
    assert result.code == 1 and "db init" in result.err and "Traceback" not in result.err


def test_a_database_holding_other_tables_is_not_taken_over(
    pa_letter: Any, empty_postgres_url: str
) -> None:
    engine = create_engine(empty_postgres_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE billing (id integer)"))
    engine.dispose()
    result = pa_letter("db", "init", "--url", empty_postgres_url)
    assert result.code == 1 and "not PA Letter Studio's" in result.err


def test_an_unreachable_server_exits_2_in_one_line_without_the_password(pa_letter: Any) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql+psycopg://pa:s3cret@127.0.0.1:{port}/pa_letter?connect_timeout=3"
    for action in ("status", "init"):
        result = pa_letter("db", action, "--url", url)
        assert result.code == 2, (action, result.out, result.err)
        assert "s3cret" not in result.out + result.err and "Traceback" not in result.err
        assert "reach" in (result.out + result.err).lower() or "not reachable" in result.out.lower()


def test_status_of_the_desks_own_sqlite_file(pa_letter: Any) -> None:
    result = pa_letter("db", "init")
    assert result.code == 0 and "sqlite" in result.out
    assert pa_letter("db", "status").code == 0
