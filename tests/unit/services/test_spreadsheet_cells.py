"""CSV cells a spreadsheet shows as text: never a formula, and read back as written."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.services.spreadsheet_cells import FORMULA_START, as_text_cell, from_text_cell

pytestmark = pytest.mark.no_database


@pytest.mark.parametrize(
    ("typed", "cell"),
    [
        ("=HYPERLINK(\"http://example.invalid\")", "'=HYPERLINK(\"http://example.invalid\")"),
        ("+1 555 0100", "'+1 555 0100"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("'=1", "''=1"),  # an apostrophe typed before a formula stays, as typed
        ("Dr. O'Neil", "Dr. O'Neil"),
        ("'quoted'", "'quoted'"),
        ("", ""),
    ],
)
def test_a_cell_that_would_run_as_a_formula_is_written_as_text(typed: str, cell: str) -> None:
    assert as_text_cell(typed) == cell
    assert from_text_cell(cell) == typed


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(["'", "=", "+", "-", "@", "\t", "\r", "a", " "])))
def test_any_value_reads_back_as_written_and_never_starts_a_formula(value: str) -> None:
    cell = as_text_cell(value)
    assert not cell.startswith(FORMULA_START)
    assert from_text_cell(cell) == value
