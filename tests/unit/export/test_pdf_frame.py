"""The letter's frame: its cheap copy leaves the frame as a deep copy would; the PDF unchanged."""

from __future__ import annotations

import copy
import io

import pytest

from desktop_app.export import pdf_frame
from desktop_app.export.pdf import write_pdf
from desktop_app.export.pdf_frame import LetterFrame
from tests.unit.export.samples import sample_letter


def _frame() -> LetterFrame:
    return LetterFrame(0, 0, 400, 600, id="body")


def test_copy_has_its_own_attributes_and_lists() -> None:
    frame = _frame()
    frame._generated_content = ["kept"]
    top = frame._y
    made = copy.deepcopy(frame)
    assert type(made) is LetterFrame
    assert made.__dict__ == frame.__dict__
    made._y -= 100
    made._generated_content.append("measured")
    del made._generated_content
    assert frame._y == top
    assert frame._generated_content == ["kept"]


def test_copy_of_an_added_frame_measures_the_same() -> None:
    frame = _frame()
    assert copy.deepcopy(frame)._aH == frame._aH


def _pdf() -> bytes:
    stream = io.BytesIO()
    write_pdf(sample_letter(), stream, invariant=True)
    return stream.getvalue()


def test_pdf_is_byte_for_byte_what_the_deep_copy_made(monkeypatch: pytest.MonkeyPatch) -> None:
    cheap = _pdf()
    # Without the method, copy.deepcopy falls back to copying every object the frame reaches.
    monkeypatch.delattr(pdf_frame.LetterFrame, "__deepcopy__")
    assert _pdf() == cheap
