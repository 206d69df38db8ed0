"""Staff fill in the fields the coverage-law work added: other diagnosis codes, how the patient
matches the trial population, the monitoring plan, and why a negative listing does not apply;
and they can cite USP-DI with its own scale."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from desktop_app.domain.case_evidence import CompendiumEvidence
from desktop_app.ui.editor import labels as L
from tests.ui._editor_support import focused, full_case, make_editor
from tests.ui._typing import type_text


def test_typing_the_new_justification_fields_fills_the_case(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, full_case())
    fields = editor.forms["off_label"].fields
    for name, words in (
        ("trial_population_match", "Like the trial's patients: one prior line, ECOG 0."),
        ("monitoring_plan", "CT every 8 weeks; stop at progression."),
        ("conflict_explanation", "The Class III rating concerns first line; this is third."),
    ):
        box = fields[name]
        assert isinstance(box, QPlainTextEdit)
        type_text(box, words)
        assert getattr(editor.case().off_label, name) == words
    labels = {fields[n].accessibleName() for n in ("trial_population_match", "monitoring_plan")}
    assert labels == {
        "How the patient matches the trial population",
        "Monitoring and response plan",
    }


def test_other_diagnosis_codes_are_typed_separated_by_semicolons(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, full_case())
    line = editor.forms["diagnosis"].fields["secondary_icd10"]
    assert isinstance(line, QLineEdit)
    type_text(line, "C78.7; C79.51")
    assert editor.case().diagnosis.secondary_icd10 == ["C78.7", "C79.51"]


def test_the_conflict_finding_takes_staff_to_its_box(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, full_case())
    editor.focus_field("off_label.conflict_explanation")
    assert focused() is editor.forms["off_label"].fields["conflict_explanation"]


def test_usp_di_can_be_cited_with_its_own_scale(qtbot: QtBot) -> None:
    assert ("USP-DI", "USP-DI") in L.COMPENDIUM_CHOICES
    assert L.rating_scale("USP-DI") == ["supportive", "not supportive", "not indicated"]
    case = full_case()
    case.evidence.insert(0, CompendiumEvidence(compendium="USP-DI", rating="supportive"))
    editor = make_editor(qtbot, case)
    assert editor.case() == case
    combos = [c for c in editor.findChildren(QComboBox) if c.findText("USP-DI") >= 0]
    assert combos  # the compendium picker offers it
