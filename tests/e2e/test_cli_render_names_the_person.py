"""On a practice that lists its people, `render` and `batch` record who made each letter.

The computer's login must be one listed person with no PIN; the audit entries then name them
with their role, as the app's do. Any other login is refused (exit 1) before a letter, a
folder or an entry is written, and the message names the login and the command that fixes it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.support.logins import as_login

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE = EXAMPLES / "medicare-part-b-preauth.json"


def entries(home: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(home / "cases.sqlite3") as db:
        return list(db.execute('SELECT "user", action FROM audit_log ORDER BY id'))


@pytest.fixture
def practice(pa_letter: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """An admin adds a staff member, a physician and someone with a PIN; returns a runner
    that runs the CLI as a given login."""

    def run(login: str, *args: str | Path) -> Any:
        return pa_letter(*args, env_extra=as_login(login))

    def add(*args: str | Path) -> None:
        done = run("mlopez", "people", "add", *args)
        assert done.code == 0, done.err

    add("Maria Lopez", "--role", "admin", "--login", "mlopez")
    add("Ana Ruiz", "--role", "staff", "--login", "aruiz")
    add("Dr. Avery Testwood", "--role", "physician", "--npi", "1234567893",
        "--login", "atestwood")
    pin = tmp_path_factory.mktemp("pin") / "pin.txt"
    pin.write_text("4711\n", "utf-8")
    add("Pat Pin", "--role", "staff", "--login", "ppin", "--pin-file", pin)
    return run


def test_render_by_a_login_nobody_lists_is_refused_with_no_letter_and_no_entry(
    practice: Any, pa_letter_home: Path, tmp_path: Path
) -> None:
    before = entries(pa_letter_home)
    out = tmp_path / "letter.pdf"
    refused = practice("visitor", "render", EXAMPLE, "-o", out)
    assert refused.code == 1
    assert "this computer's login (visitor) is not one of them" in refused.err
    assert "pa-letter people add NAME --role staff --login visitor" in refused.err
    assert "Traceback" not in refused.err
    assert not out.exists() and not list(tmp_path.iterdir())  # no letter, no part file
    assert entries(pa_letter_home) == before


def test_render_by_someone_with_a_pin_is_refused_since_the_command_line_asks_for_none(
    practice: Any, pa_letter_home: Path, tmp_path: Path
) -> None:
    before = entries(pa_letter_home)
    refused = practice("ppin", "render", EXAMPLE, "-o", tmp_path / "letter.pdf")
    assert refused.code == 1 and "Pat Pin (staff), who has a PIN" in refused.err
    assert "in the app, signed in with your PIN" in refused.err
    assert entries(pa_letter_home) == before and not list(tmp_path.iterdir())


def test_render_by_listed_staff_writes_the_letter_under_their_name_and_role(
    practice: Any, pa_letter_home: Path, tmp_path: Path
) -> None:
    out = tmp_path / "letter.pdf"
    done = practice("aruiz", "render", EXAMPLE, "-o", out)
    assert done.code == 0, done.err
    assert out.read_bytes().startswith(b"%PDF-")
    assert entries(pa_letter_home)[-2:] == [("Ana Ruiz (staff)", "person.signed_in"),
                                            ("Ana Ruiz (staff)", "letter.rendered")]
    assert practice("mlopez", "audit", "verify").code == 0


def test_batch_by_a_login_nobody_lists_is_refused_before_anything_is_written(
    practice: Any, pa_letter_home: Path, tmp_path: Path
) -> None:
    before = entries(pa_letter_home)
    out = tmp_path / "letters"
    refused = practice("visitor", "batch", EXAMPLES, "-o", out, "--jobs", "2")
    assert refused.code == 1
    assert "(visitor) is not one of them" in refused.err
    assert not out.exists()  # not even the folder
    assert entries(pa_letter_home) == before


def test_batch_by_a_listed_physician_names_them_on_every_letter(
    practice: Any, pa_letter_home: Path, tmp_path: Path
) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    for name in ("a", "b", "c"):
        (cases / f"{name}.json").write_bytes(EXAMPLE.read_bytes())
    before = len(entries(pa_letter_home))
    done = practice("atestwood", "batch", cases, "-o", tmp_path / "out", "--jobs", "2")
    assert done.code == 0, done.err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.pdf", "b.pdf", "c.pdf"]
    made = entries(pa_letter_home)[before:]
    assert made == [("Dr. Avery Testwood (physician)", "person.signed_in")] + [
        ("Dr. Avery Testwood (physician)", "letter.rendered")] * 3


def test_a_login_with_markup_and_control_characters_prints_as_plain_text(
    practice: Any, pa_letter_home: Path, tmp_path: Path
) -> None:
    hostile = "ev\x1b[2Jil<b>x</b>"
    refused = practice(hostile, "render", EXAMPLE, "-o", tmp_path / "letter.pdf")
    assert refused.code == 1
    assert "\x1b" not in refused.err  # the terminal is never cleared or recolored
    assert "'ev\\x1b[2Jil<b>x</b>'" in refused.err  # escaped, markup as typed
    assert "--login LOGIN" in refused.err  # never offered as something to run
    assert not list(tmp_path.iterdir())


def test_read_only_commands_need_no_listed_login(practice: Any) -> None:
    checked = practice("visitor", "check", EXAMPLE)
    verified = practice("visitor", "audit", "verify")
    listed = practice("visitor", "people", "list")
    deadlines = practice("visitor", "deadlines")
    assert (checked.code, verified.code, listed.code, deadlines.code) == (0, 0, 0, 0)
    assert "Ana Ruiz  [staff]" in listed.out
    assert "cannot tell who" not in checked.err + verified.err + listed.err + deadlines.err


def a_backup() -> Path:
    from desktop_app.services import audit
    from desktop_app.services.backups import daily_backup_if_due
    from desktop_app.services.cases import open_case_store

    with open_case_store() as store:
        made = daily_backup_if_due(store.database)
    audit.close()
    assert made is not None
    return made


def test_restore_by_a_login_nobody_lists_is_refused_and_changes_nothing(
    practice: Any, pa_letter_home: Path
) -> None:
    backup = a_backup()
    before = entries(pa_letter_home)
    refused = practice("visitor", "backup", "restore", backup)
    assert refused.code == 1 and "(visitor) is not one of them" in refused.err
    assert entries(pa_letter_home) == before
    assert "replaced" not in practice("visitor", "backup", "list").out


def test_restore_by_a_listed_admin_is_recorded_under_their_name(
    practice: Any, pa_letter_home: Path
) -> None:
    restored = practice("mlopez", "backup", "restore", a_backup())
    assert restored.code == 0, restored.err
    assert entries(pa_letter_home)[-1] == ("Maria Lopez (admin)", "database.restored")
    assert practice("mlopez", "audit", "verify").code == 0


def test_a_damaged_database_can_still_be_restored_since_it_cannot_say_who_is_listed(
    practice: Any, pa_letter_home: Path
) -> None:
    backup = a_backup()
    (pa_letter_home / "cases.sqlite3").write_bytes(b"\x00" * 100)
    restored = practice("visitor", "backup", "restore", backup)
    assert restored.code == 0, restored.err
    assert entries(pa_letter_home)[-1] == ("visitor", "database.restored")
