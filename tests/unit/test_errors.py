"""How an error names a file: as stored, in order, on one line, whatever the name holds."""

from __future__ import annotations

import pytest

from desktop_app.errors import AppError, shown_file_name


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("case.json", "case.json"),
        ("José 李 Ramírez.json", "José 李 Ramírez.json"),  # letters of any script stay
        ("new\nline.json", "new\\nline.json"),
        ("tab\there.json", "tab\\there.json"),
        ("letter\u202efdp.exe", "letter\\u202efdp.exe"),  # reads "letterexe.pdf" unescaped
        ("a\u2066b\u2069.json", "a\\u2066b\\u2069.json"),
        ("zero\u200bwidth.json", "zero\\u200bwidth.json"),
        ("bytes\udcff.json", "bytes\\udcff.json"),  # a name that is not UTF-8 on disk
    ],
)
def test_a_file_name_is_shown_with_its_hidden_characters_escaped(name: str, shown: str) -> None:
    assert shown_file_name(name) == shown


def test_an_error_names_a_spoofing_file_as_stored_on_one_line() -> None:
    error = AppError("not valid JSON", file="/cases/Ann\u202enosj.exe\n.json", line=3)
    assert str(error) == "/cases/Ann\\u202enosj.exe\\n.json:3: not valid JSON"
