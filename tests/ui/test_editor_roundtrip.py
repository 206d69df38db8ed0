"""A case shown in the editor comes back unchanged, hostile text shows verbatim, and fast."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from desktop_app.domain.case import Case
from desktop_app.domain.casefile import case_to_dict, load_case
from desktop_app.domain.findings import Finding, Severity
from desktop_app.ui.findings_panel import FindingsPanel
from tests.ui._editor_support import full_case, make_editor

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.json"))
HOSTILE = "<b>&amp; {{x}}</b> José Nguyễn 李"


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_case_round_trips(qtbot: QtBot, path: Path) -> None:
    case = load_case(path)
    editor = make_editor(qtbot, case)
    assert editor.case() == case
    assert case_to_dict(editor.case()) == case_to_dict(case)


def test_full_case_round_trips_and_an_empty_editor_gives_an_empty_case(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, full_case())
    assert editor.case() == full_case()
    editor.set_case(Case())
    empty = editor.case()
    assert case_to_dict(empty) == case_to_dict(Case(letter=empty.letter))


def test_empty_lists_keep_their_form(qtbot: QtBot) -> None:
    case = full_case().model_copy(update={"prior_therapies": [], "attachments": None})
    editor = make_editor(qtbot, case)
    assert editor.case().prior_therapies == []
    assert editor.case().attachments is None


def test_hostile_text_shows_verbatim_everywhere(qtbot: QtBot) -> None:
    case = full_case()
    case.patient.name = HOSTILE
    case.payer.member_id = "<script>alert(1)</script>"
    case.off_label.rationale = "Line <i>one</i>\n\n{% if x %}two{% endif %}"
    case.evidence[1].title = HOSTILE  # type: ignore[union-attr]
    editor = make_editor(qtbot, case)
    assert editor.forms["patient"].fields["name"].text() == HOSTILE  # type: ignore[attr-defined]
    rationale = editor.forms["off_label"].fields["rationale"]
    assert isinstance(rationale, QPlainTextEdit)
    assert rationale.toPlainText() == "Line <i>one</i>\n\n{% if x %}two{% endif %}"
    assert editor.lists["evidence"].table.item(1, 1).text().startswith(HOSTILE)
    assert editor.case() == case
    # No label anywhere may interpret markup.
    rich = [label.text() for label in editor.findChildren(QLabel)
            if label.textFormat() != Qt.TextFormat.PlainText]
    assert rich == []


def test_a_finding_quoting_hostile_text_is_shown_verbatim(qtbot: QtBot) -> None:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    message = f"Journal '{HOSTILE}' is not on the CMS list"
    panel.set_findings([Finding("evidence.journal_not_recognized", Severity.WARNING,
                                "evidence.1.journal", message)])
    assert panel.list.item(0).text().startswith(message)
    editor = make_editor(qtbot, full_case())
    editor.mark_fields(panel.findings())
    editor.focus_field("evidence.1.journal")
    journal = editor.lists["evidence"]._kinds["article"].form.fields["journal"]
    assert journal.accessibleDescription() == message
    assert "&lt;b&gt;&amp;amp;" in journal.toolTip()  # escaped, so Qt shows it as typed


def test_lowercase_is_kept_and_stray_spaces_are_dropped(qtbot: QtBot) -> None:
    case = full_case()
    case.payer.group_number = "g-7 "  # a trailing space pasted from an email
    editor = make_editor(qtbot, case)
    line = editor.forms["payer"].fields["group_number"]
    assert isinstance(line, QLineEdit) and line.text() == "g-7 "
    assert editor.case().payer.group_number == "g-7"


def test_findings_on_many_rows_are_marked_and_listed_each_round(qtbot: QtBot) -> None:
    """Each re-check reads the whole form and re-marks every field: a case with many evidence
    rows keeps the marks in step with the findings. (Its speed is in bench/bench_ui.py.)"""
    case = full_case()
    case.evidence = case.evidence * 10
    editor = make_editor(qtbot, case)
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    findings = [Finding("required.missing", Severity.ERROR, f"evidence.{i}.journal", "missing")
                for i in range(0, 20, 2)]
    findings += [Finding("npi.invalid", Severity.ERROR, "prescriber.npi", "bad NPI")]
    npi = editor.forms["prescriber"].fields["npi"]
    for round_ in range(6):
        shown = findings[: 5 + round_] if round_ % 2 == 0 else findings[-1:]
        assert len(editor.case().evidence) == len(case.evidence)
        editor.mark_fields(shown)
        panel.set_findings(shown)
        marked = npi.property("finding") or ""  # never marked yet: no property at all
        assert marked == ("error" if shown[-1].field == "prescriber.npi" else "")
        assert panel.list.count() == len(shown)


def test_records_the_form_does_not_show_survive_an_edit(qtbot: QtBot) -> None:
    # Calls, the approval, the sent time and the denial's stated reasons are kept by other
    # parts of the app: typing in the form and autosaving must not drop them.
    import datetime as dt

    from desktop_app.domain.case_denial import DenialReason
    from desktop_app.domain.case_records import Approval, CallLogEntry

    case = full_case()
    case.letter.sent_at = dt.datetime(2026, 11, 25, 9, 15)
    assert case.denial is not None
    case.denial.reasons = [DenialReason(category="experimental", text="Investigational use.")]
    case.denial.criteria_cited = ["Policy ONC-114"]
    case.denial.stated_deadline = dt.date(2027, 4, 30)
    case.call_log = [CallLogEntry(at=dt.datetime(2026, 11, 14, 10, 30), who="Dana R.",
                                  reference_number="55-1234", summary="Appeal received.")]
    case.approval = Approval(authorization_number="PA-77", start=dt.date(2026, 12, 1),
                             end=dt.date(2027, 5, 31))
    editor = make_editor(qtbot, case)
    editor.forms["patient"].fields["name"].setText("Ana Souza")  # type: ignore[attr-defined]
    edited = editor.case()
    assert edited.patient.name == "Ana Souza"
    assert edited.call_log == case.call_log
    assert edited.approval == case.approval
    assert edited.letter.sent_at == dt.datetime(2026, 11, 25, 9, 15)
    assert edited.denial is not None
    assert edited.denial.reasons == case.denial.reasons
    assert edited.denial.stated_deadline == dt.date(2027, 4, 30)
