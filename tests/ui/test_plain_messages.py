"""Message boxes and labels show what staff typed as text: Qt reads text as markup when the
first line holds something shaped like a tag, so a patient named "Ann <b>Lee</b>" or a
template error quoting "<script>" would print bold, or lose words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop_app.domain.case import Case, Letter
from desktop_app.domain.case_parties import Patient
from tests.ui._messages import questions_answered, shown_text

NAME = "Ann <b>Lee</b> <img src=x> &amp;"


def test_deleting_a_case_names_the_patient_as_typed(store: Any, make_window: Any) -> None:
    case_id = store.create_case(Case(letter=Letter(kind="preauth"),
                                     patient=Patient(name=NAME))).id
    window = make_window(store)
    window.list_pane.select_case(case_id)
    with questions_answered(QMessageBox.StandardButton.No) as asked:
        window.delete_case()
    assert asked and shown_text(asked[0]).startswith(f"Delete the case for {NAME}?\n\n")


def test_a_template_error_quoting_a_tag_shows_the_tag(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.ui.templates.manager import TemplateManagerDialog

    dialog = TemplateManagerDialog()
    qtbot.addWidget(dialog)
    root = Path(__file__).resolve().parents[2]
    text = (root / "templates" / "fax-cover.letter").read_text("utf-8")
    broken = tmp_path / "<i>theirs.letter"
    broken.write_text(text.replace("</letter>", "<script>x</script></letter>"), "utf-8")
    said: list[str] = []
    monkeypatch.setattr(dialog, "choose_import_file", lambda: broken)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    dialog.import_file()
    assert said and shown_text(said[0]).startswith("<i>theirs.letter: line ")
    assert "<script> is not part of the letter markup" in shown_text(said[0])


def test_removing_a_regimen_names_it_as_typed(qtbot: Any) -> None:
    from desktop_app.ui.regimen_list import RegimenListDialog

    dialog = RegimenListDialog()
    qtbot.addWidget(dialog)
    with questions_answered(QMessageBox.StandardButton.No) as asked:
        assert dialog._confirm(NAME) is False
    assert shown_text(asked[0]).startswith(f"Remove the practice regimen “{NAME}”?")


def test_the_case_header_shows_the_patient_s_name_as_typed(store: Any, qtbot: Any) -> None:
    from PySide6.QtCore import Qt

    from desktop_app.ui.case_header import CaseHeader

    stored = store.create_case(Case(letter=Letter(kind="preauth"), patient=Patient(name=NAME)))
    header = CaseHeader()
    qtbot.addWidget(header)
    header.show_case(store.get_case(stored.id))
    assert header.title.text().startswith(NAME)
    # AutoText would read the name's first tag as the start of markup and print "Ann Lee".
    assert header.title.textFormat() == Qt.TextFormat.PlainText


def test_an_attachment_s_file_name_shows_as_typed_in_its_tooltip(qtbot: Any,
                                                                 tmp_path: Path) -> None:
    from desktop_app.ui.signing.attachments import AttachmentTable

    table = AttachmentTable()
    qtbot.addWidget(table)
    scan = tmp_path / "<b>pathology <i>report.pdf"  # a file name holds no "/"
    table.add_files([scan])
    assert shown_text(table.item(0, 1).toolTip()) == str(scan)
