"""Findings are marked on the exact field, counted on the sections, and focus_field gets there."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.domain.findings import Finding, Severity
from tests.ui._editor_support import full_case, make_editor

NPI_BAD = Finding("npi.invalid", Severity.ERROR, "prescriber.npi", "The NPI is not valid")


def test_a_marked_field_shows_the_message_and_clears_when_fixed(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, full_case())
    npi = editor.forms["prescriber"].fields["npi"]
    editor.mark_fields([NPI_BAD])
    assert npi.property("finding") == "error"
    assert "The NPI is not valid" in npi.toolTip()
    assert npi.accessibleDescription() == "The NPI is not valid"
    editor.mark_fields([])
    assert npi.property("finding") == ""
    assert npi.toolTip() == ""
    assert npi.accessibleDescription() == ""


def test_a_hint_tooltip_comes_back_after_the_mark_clears(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    hcpcs = editor.forms["drug"].fields["hcpcs"]
    hint = hcpcs.toolTip()
    assert "four digits" in hint
    editor.mark_fields([Finding("hcpcs.invalid", Severity.ERROR, "drug.hcpcs", "Bad HCPCS")])
    assert "Bad HCPCS" in hcpcs.toolTip()
    editor.mark_fields([])
    assert hcpcs.toolTip() == hint


def test_warnings_are_amber_and_info_is_not_marked(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, full_case())
    editor.mark_fields([
        Finding("icd10.not_billable", Severity.WARNING, "diagnosis.icd10", "Pick a subcode"),
        Finding("state.mandate_not_applicable", Severity.INFO, "payer.plan_type", "ERISA"),
    ])
    assert editor.forms["diagnosis"].fields["icd10"].property("finding") == "warning"
    assert editor.forms["payer"].fields["plan_type"].property("finding") in (None, "")


def test_a_warning_and_an_error_on_one_field_mark_it_red_with_both_messages(
    qtbot: QtBot,
) -> None:
    editor = make_editor(qtbot, full_case())
    editor.mark_fields([
        Finding("npi.unlisted", Severity.WARNING, "prescriber.npi", "Not in the directory"),
        NPI_BAD,
    ])
    npi = editor.forms["prescriber"].fields["npi"]
    assert npi.property("finding") == "error"
    assert npi.accessibleDescription() == "Not in the directory\nThe NPI is not valid"


def test_section_list_counts_errors_and_warnings(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, full_case())
    editor.mark_fields([
        Finding("required.missing", Severity.ERROR, "evidence.1.journal", "Journal missing"),
        Finding("doi.invalid", Severity.ERROR, "evidence.1.doi", "Bad DOI"),
        Finding("evidence.case_report", Severity.WARNING, "evidence.0", "Case report"),
        NPI_BAD,
    ])
    titles = [editor.nav.item(i).text() for i in range(editor.nav.count())]
    assert "Evidence (2 errors, 1 warning)" in titles
    assert "Prescriber (1 error)" in titles
    assert "Patient" in titles
    assert editor.section_counts()["evidence"] == {"error": 2, "warning": 1}
    editor.mark_fields([])
    assert editor.nav.item(8).text() == "Evidence"


def test_row_findings_mark_the_row_and_its_field(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, full_case())
    rows = editor.lists["evidence"]
    editor.mark_fields([Finding("pmid.invalid", Severity.ERROR, "evidence.1.pmid", "Bad PMID")])
    assert not rows.table.item(1, 0).icon().isNull()
    assert rows.table.item(0, 0).icon().isNull()
    editor.focus_field("evidence.1.pmid")
    pmid = rows._kinds["article"].form.fields["pmid"]
    assert pmid.property("finding") == "error"
    editor.mark_fields([])
    assert rows.table.item(1, 0).icon().isNull()
    assert pmid.property("finding") == ""


def test_a_finding_on_the_whole_list_marks_the_table(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    editor.mark_fields([Finding("evidence.missing", Severity.ERROR, "evidence", "No evidence")])
    assert editor.lists["evidence"].table.property("finding") == "error"


@pytest.mark.parametrize(
    ("path", "section", "name"),
    [
        ("patient.dob", "patient", "Date of birth"),
        ("drug.dose.amount", "drug", "Dose amount"),
        ("drug.dose", "drug", "Dose amount"),
        ("diagnosis.biomarkers.1", "diagnosis", "Biomarkers"),
        ("off_label.reasons", "off_label", "Indication (cancer type not on the label)"),
        ("denial", "denial", "Denial date"),
        ("evidence.1.journal", "evidence", "Journal"),
        ("evidence.0.rating", "evidence", "Rating"),
        ("evidence", "evidence", "Evidence list"),
        ("prior_therapies.0.reason_stopped", "prior_therapies", "Reason stopped"),
        ("letter.urgency_statement", "letter", "Urgency statement"),
    ],
)
def test_focus_field_reaches_the_exact_widget(
    qtbot: QtBot, path: str, section: str, name: str
) -> None:
    editor = make_editor(qtbot, full_case())
    editor.show_section("payer")
    assert editor.focus_field(path)
    assert editor.current_section() == section
    widget = QApplication.focusWidget()
    assert widget is not None and widget.accessibleName() == name
    if path.startswith("evidence."):
        assert editor.lists["evidence"].current_row() == int(path.split(".")[1])


@pytest.mark.parametrize("path", ["format", "evidence.9.title", "nonsense.field", ""])
def test_focus_field_says_no_for_a_path_it_cannot_show(qtbot: QtBot, path: str) -> None:
    editor = make_editor(qtbot, full_case())
    assert editor.focus_field(path) is False
