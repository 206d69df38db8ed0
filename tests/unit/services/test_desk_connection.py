"""Connecting a desk: the address, a password kept only in the keyring, Test connection."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from desktop_app.errors import StorageError
from desktop_app.services import desk_connection as dc
from desktop_app.services.settings import load_practice_settings, save_practice_settings
from desktop_app.storage import audit_key, database, desk_database
from tests.unit.storage.test_keys_backups_parts import FakeKeyring


class DeletingKeyring(FakeKeyring):
    def delete_password(self, service: str, user: str) -> None:
        self.secrets.pop((service, user), None)


def _conf(url: str) -> dc.SharedDatabase:
    parsed = make_url(url)
    return dc.SharedDatabase(host=parsed.host or "", port=parsed.port or 5432,
                             database=parsed.database or "", user=parsed.username or "",
                             tls_mode="disable")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.no_database
def test_a_password_with_any_characters_survives_the_address() -> None:
    conf = dc.SharedDatabase(host="db.clinic.lan", user="front desk", database="pa letter")
    url = make_url(desk_database.shared_url(conf, "p@ss:/w rd%?"))
    assert url.password == "p@ss:/w rd%?" and url.username == "front desk"
    assert url.query["sslmode"] == "require"  # the default never sends PHI in clear
    assert "p@ss" not in desk_database.shown_url(str(url.render_as_string(False)))


@pytest.mark.no_database
def test_the_password_goes_to_the_keyring_and_never_to_the_settings_file(
    monkeypatch: pytest.MonkeyPatch, pa_letter_home: Path
) -> None:
    ring = DeletingKeyring()
    monkeypatch.setattr(desk_database, "usable_keyring", lambda: ring)
    conf = dc.SharedDatabase(host="db.clinic.lan", user="pa")
    settings = load_practice_settings()
    settings.database = conf
    save_practice_settings(settings)
    assert dc.keep_password(conf, "s3cret-Ω") == "Password kept in the system keyring."
    assert "s3cret" not in (pa_letter_home / "settings.json").read_text("utf-8")
    assert list(ring.secrets.values()) == ["s3cret-Ω"]
    shown = dc.connect_practice_database()
    assert shown is not None and "s3cret" not in shown and "db.clinic.lan" in shown
    assert make_url(database.database_url()).password == "s3cret-Ω"
    assert dc.keep_password(conf, "") == "Password removed."
    assert ring.secrets == {}


@pytest.mark.no_database
def test_without_a_keyring_nothing_is_stored_and_the_desk_is_told_where_to_put_it(
    pa_letter_home: Path,
) -> None:
    assert audit_key.usable_keyring() is None  # headless, as CI
    conf = dc.SharedDatabase(host="db.clinic.lan", user="pa")
    note = dc.keep_password(conf, "s3cret")
    assert "no keyring" in note and "~/.pgpass" in note
    assert dc.password_note() == note
    assert make_url(dc.connection_url(conf)).password is None  # libpq reads ~/.pgpass
    assert not any("s3cret" in p.read_text("utf-8", "replace")
                   for p in pa_letter_home.rglob("*") if p.is_file())


@pytest.mark.no_database
def test_no_shared_database_in_the_settings_keeps_the_sqlite_file(pa_letter_home: Path) -> None:
    assert dc.connect_practice_database() is None
    assert database.database_url() == f"sqlite:///{pa_letter_home / 'cases.sqlite3'}"


@pytest.mark.no_database
@pytest.mark.parametrize(
    "content",
    [
        b'{"user_name": "Front desk"}',  # plainly valid, no server: read as JSON
        b'{"user_name": "Front desk", "database": null}',
        b'{"user_name": 7}',  # damaged: the models say so; the cases stay local
        b'{"database": {"host": "db.clinic.lan"}}',  # a server without a user: damaged too
        b"\xff\xfe not text",
        b'{"user_name": "A", "user_name": "B"}',  # which copy wins is the models' call
    ],
)
def test_a_file_that_names_no_usable_server_keeps_the_sqlite_file(
    pa_letter_home: Path, content: bytes
) -> None:
    (pa_letter_home / "settings.json").write_bytes(content)
    assert dc.connect_practice_database() is None
    assert database.database_url() == f"sqlite:///{pa_letter_home / 'cases.sqlite3'}"


@pytest.mark.no_database
@pytest.mark.parametrize("duplicated", [False, True])
def test_a_server_in_the_settings_is_used_whether_or_not_the_file_is_plain(
    pa_letter_home: Path, duplicated: bool
) -> None:
    server = '{"host": "db.clinic.lan", "port": 5433, "user": "pa"}'
    # A key given twice is not plain: the models read it (the last copy wins, as always).
    extra = '"user_name": "x", ' if duplicated else ""
    text = f'{{{extra}"user_name": "Front desk", "database": {server}}}'
    (pa_letter_home / "settings.json").write_text(text, encoding="utf-8")
    shown = dc.connect_practice_database()
    assert shown is not None and "db.clinic.lan:5433" in shown
    assert make_url(database.database_url()).host == "db.clinic.lan"


@pytest.mark.postgresql_only
def test_test_connection_on_a_prepared_server_says_connected(case_database: str) -> None:
    verdict = dc.test_connection(_conf(case_database))
    assert verdict.ok, verdict.message
    assert "Connected to PostgreSQL" in verdict.message and "0 cases" in verdict.message


@pytest.mark.postgresql_only
def test_test_connection_on_an_empty_database_says_to_prepare_it(empty_postgres_url: str) -> None:
    verdict = dc.test_connection(_conf(empty_postgres_url))
    assert not verdict.ok and "pa-letter db init" in verdict.message


@pytest.mark.no_database
def test_test_connection_to_nobody_says_so_without_the_password() -> None:
    conf = dc.SharedDatabase(host="127.0.0.1", port=_closed_port(), user="pa",
                             tls_mode="disable")
    verdict = dc.test_connection(conf, "s3cret")
    assert not verdict.ok and verdict.message.startswith("Could not connect to 127.0.0.1:")
    assert "s3cret" not in verdict.message


@pytest.mark.no_database
def test_an_unknown_tls_mode_is_refused_by_name() -> None:
    with pytest.raises(StorageError, match="TLS mode"):
        desk_database.shared_url(dc.SharedDatabase(host="h", user="u", tls_mode="maybe"))


def test_init_and_upgrade_report_the_schema(case_database: str) -> None:
    status = dc.init_database(case_database)
    assert status.up_to_date and status.state.cases == 0
    assert dc.upgrade_database(case_database).up_to_date
    assert json.dumps(status.address).find("password") == -1


@pytest.mark.no_database
def test_a_desk_whose_server_is_gone_can_still_save_its_new_address(
    monkeypatch: pytest.MonkeyPatch, pa_letter_home: Path
) -> None:
    from desktop_app.errors import DatabaseUnusable

    monkeypatch.setenv("PA_LETTER_DB_URL",
                       f"postgresql+psycopg://pa@127.0.0.1:{_closed_port()}/pa?connect_timeout=2")
    settings = load_practice_settings()
    settings.database = dc.SharedDatabase(host="db2.clinic.lan", user="pa")
    with pytest.raises(DatabaseUnusable, match=r"this desk's own settings .* were saved"):
        save_practice_settings(settings)  # the practice's part cannot reach the server
    saved = json.loads((pa_letter_home / "settings.json").read_text("utf-8"))
    assert saved["database"]["host"] == "db2.clinic.lan"  # the desk's own part is kept


@pytest.mark.no_database
def test_staff_reconnect_their_desk_but_cannot_change_the_practice_settings(
    monkeypatch: pytest.MonkeyPatch, pa_letter_home: Path
) -> None:
    from desktop_app.services import people

    staff = people.Person(name="Sam Staff", role="staff", id=7)
    monkeypatch.setattr(people, "_current", staff)  # Sam Staff is signed in at this desk
    before = load_practice_settings()
    moved = dc.SharedDatabase(host="db2.clinic.lan", user="frontdesk", database="pa_letter")
    dc.save_desk_connection(moved)
    saved = json.loads((pa_letter_home / "settings.json").read_text("utf-8"))
    assert saved["database"]["host"] == "db2.clinic.lan"
    assert load_practice_settings().letterhead == before.letterhead
    with pytest.raises(people.PermissionRefused, match="Only an admin"):
        save_practice_settings(before.model_copy(update={"database": None}))
    dc.save_desk_connection(None)  # back to this computer's own file
    assert json.loads((pa_letter_home / "settings.json").read_text("utf-8"))["database"] is None


def test_moving_a_desk_leaves_an_entry_in_the_database_it_leaves(
    case_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.services import audit, people

    staff = people.Person(name="Sam Staff", role="staff", id=7)
    monkeypatch.setattr(people, "_current", staff)  # signed in at this desk
    moved = dc.SharedDatabase(host="db2.clinic.lan", user="frontdesk", database="pa_letter")
    assert dc.keep_password(moved, "s3cret")  # whatever this computer does with it
    dc.save_desk_connection(moved)
    dc.save_desk_connection(moved)  # saved again unchanged: nothing new to record
    changes = [e for e in audit.entries(url=case_database)
               if e.action == "desk.connection_changed"]
    assert len(changes) == 1
    (change,) = changes
    assert change.user == "Sam Staff (staff)"
    assert change.detail == {"from": "this desk's own file",
                             "to": "db2.clinic.lan:5432, database pa_letter"}
    assert "s3cret" not in json.dumps(change.detail)
    assert audit.verify_chain(url=case_database).ok


@pytest.mark.sqlite_only
def test_a_desk_leaving_a_server_that_no_longer_answers_is_still_moved(
    pa_letter_home: Path,
) -> None:
    from desktop_app.storage.database_address import use_practice_url

    gone = dc.SharedDatabase(host="127.0.0.1", port=_closed_port(), user="pa",
                             tls_mode="disable")
    settings = load_practice_settings()
    settings.database = gone
    (pa_letter_home / "settings.json").write_text(settings.model_dump_json(), "utf-8")
    use_practice_url(dc.connection_url(gone))  # as at start, pointed at the dead server
    try:
        dc.save_desk_connection(None)  # back to this computer's own file: no waiting, no error
    finally:
        use_practice_url(None)
    assert json.loads((pa_letter_home / "settings.json").read_text("utf-8"))["database"] is None
