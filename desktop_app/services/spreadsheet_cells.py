"""CSV cells that a spreadsheet opens as text, never as a formula.

A cell that begins with = + - @, a tab or a carriage return is run as a formula by Excel and
LibreOffice when the file is opened (OWASP, "CSV Injection"): "=HYPERLINK(…)" typed as a user
name or in a payer's notes could fetch an address or run a command on the computer of
whoever opens the export. Such a cell is written with a leading apostrophe, which the
spreadsheet shows as text and hides; a file read back has the apostrophe taken off again.
A value that itself begins with apostrophes before such a character gets one more, so that
reading it back gives exactly what was written.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _guarded(value: str) -> bool:
    return value.lstrip("'").startswith(FORMULA_START)


def as_text_cell(value: str) -> str:
    """`value` as a cell a spreadsheet shows as it is."""
    return "'" + value if _guarded(value) else value


def from_text_cell(value: str) -> str:
    """A cell read back: the one apostrophe as_text_cell added taken off."""
    return value[1:] if value.startswith("'") and _guarded(value) else value
