"""Free text typed into the Regimen section reads right in the previewed letter, and the
checklist says where it would read oddly."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from desktop_app.domain.casefile import load_case
from tests.ui._editor_support import focused, show_active
from tests.ui._typing import type_text

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "medicare-part-b-preauth.json"


def _retype(editor: Any, path: str, text: str) -> None:
    editor.focus_field(path)
    field = focused()
    assert isinstance(field, QLineEdit)
    field.selectAll()
    field.del_()
    type_text(field, text)


def test_monotherapy_and_a_capital_until_read_right_and_are_flagged(
    store: Any, make_window: Any, qtbot: QtBot
) -> None:
    stored = store.create_case(load_case(EXAMPLE))
    window = make_window(store)
    window.load_cases()
    window.open_case(stored.id)
    qtbot.waitUntil(lambda: window.page.case_id == stored.id)
    show_active(qtbot, window)
    page = window.page
    _retype(page.editor, "drug.combination_with", "monotherapy")
    _retype(page.editor, "drug.duration", "Duration: Until progression.")

    def flagged() -> set[str | None]:
        return {f.field for f in page.findings_panel.findings()
                if f.code == "wording.reads_oddly"}

    qtbot.waitUntil(lambda: {"drug.combination_with.0", "drug.duration"} <= flagged(),
                    timeout=5000)
    # The message quotes the sentence the value would land in.
    words = " ".join(f.message for f in page.findings_panel.findings()
                     if f.code == "wording.reads_oddly")
    assert "in combination with monotherapy" in words
    page.side.setCurrentWidget(page.preview)
    page.refresh_preview()
    qtbot.waitUntil(lambda: page.preview.last is not None, timeout=20000)
    text = " ".join(" ".join(p.extract_text().split())
                    for p in PdfReader(io.BytesIO(page.preview.last.pdf)).pages)
    assert "(planned duration: until progression)" in text
    assert "in combination with monotherapy" not in text
    # The case keeps what staff typed; only the letter leaves the note out.
    page.flush()
    assert store.get_case(stored.id).case.drug.combination_with == ["monotherapy"]


def test_a_rating_copied_into_the_listing_is_previewed_once(
    store: Any, make_window: Any, qtbot: QtBot
) -> None:
    case = load_case(EXAMPLE)
    listing = case.evidence[0]
    case.evidence[0] = listing.model_copy(update={  # as staff paste it from the compendium
        "listing": f"Category 2A: {listing.listing} (category 2A)"})
    stored = store.create_case(case)
    window = make_window(store)
    window.load_cases()
    window.open_case(stored.id)
    qtbot.waitUntil(lambda: window.page.case_id == stored.id)
    page = window.page
    page.side.setCurrentWidget(page.preview)
    page.refresh_preview()
    qtbot.waitUntil(lambda: page.preview.last is not None, timeout=20000)
    text = " ".join(" ".join(p.extract_text().split())
                    for p in PdfReader(io.BytesIO(page.preview.last.pdf)).pages)
    body = text.lower()
    assert "category 2a: category 2a" not in body
    assert "(category 2a)" not in body
    assert "recognised" not in body and "labelled" not in body  # US spelling throughout
