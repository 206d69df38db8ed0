"""`pa-letter people`: the first person is an admin; only a listed admin's login changes it."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Any


def test_people_are_added_listed_and_removed_with_pins_kept_as_hashes(
    pa_letter: Any, tmp_path: Path, pa_letter_home: Path
) -> None:
    me = getpass.getuser()
    assert "solo office" in pa_letter("people", "list").out
    refused = pa_letter("people", "add", "Sam Staff", "--role", "staff")
    assert refused.code == 1 and "must be an admin" in refused.err
    assert pa_letter("people", "add", "Maria Admin", "--role", "admin", "--login", me).code == 0
    no_npi = pa_letter("people", "add", "Dr. Ada Fictional", "--role", "physician")
    assert no_npi.code == 1 and "NPI" in no_npi.err
    pin = tmp_path / "pin.txt"
    # Not a short run of digits: "4711" turned up by chance in a random hash or time stamp
    # elsewhere in the file. Hyphens and letters appear in no hex or base64 the file holds.
    pin.write_text("orchid-4711-lantern\n", "utf-8")
    added = pa_letter("people", "add", "Sam Staff", "--role", "staff", "--pin-file", pin)
    assert added.code == 0 and "Added: Sam Staff (staff)" in added.out
    listed = pa_letter("people", "list").out
    assert "Sam Staff  [staff]  PIN set" in listed and f"login {me}" in listed
    database = (pa_letter_home / "cases.sqlite3").read_bytes()
    assert b"orchid-4711-lantern" not in database and b"scrypt$" in database
    assert pa_letter("people", "remove", "Sam Staff").code == 0
    assert "Sam Staff" not in pa_letter("people", "list").out
    assert pa_letter("audit", "verify").code == 0


def test_a_login_that_is_not_an_admin_cannot_change_the_list(
    pa_letter: Any, pa_letter_home: Path
) -> None:
    assert pa_letter("people", "add", "Maria Admin", "--role", "admin",
                     "--login", "somebody-else").code == 0
    refused = pa_letter("people", "add", "Sam Staff", "--role", "staff")
    assert refused.code == 1 and "not an admin" in refused.err
