"""The physician's side as a front desk meets it: case prescribers queue before anyone runs
Add from cases, Refresh finds new ones, the sign dialog shows the pages and names missing
enclosures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from desktop_app.domain.case_evidence import Attachment
from desktop_app.services.cases import CaseStore
from desktop_app.ui.signing.queue import SignatureQueue
from desktop_app.ui.signing.sign_dialog import SignDialog
from tests.unit.services.test_sign_case_fixtures import example_case, ready_case


def _queue(qtbot: Any, store: CaseStore) -> SignatureQueue:
    widget = SignatureQueue(store)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_prescribers_on_cases_have_a_queue_before_add_from_cases(
    qtbot: Any, store: CaseStore, tmp_path: Path
) -> None:
    ready_case(store, tmp_path)  # the settings' directory is empty
    queue = _queue(qtbot, store)
    names = [queue.physician.itemText(i) for i in range(queue.physician.count())]
    assert len(names) == 1 and "waiting" in names[0]
    assert queue.table.rowCount() == 1


def test_refresh_picks_up_a_prescriber_from_a_new_case(
    qtbot: Any, store: CaseStore, tmp_path: Path
) -> None:
    queue = _queue(qtbot, store)
    assert queue.physician.count() == 0
    assert "No physician" in queue.empty_note.text()
    ready_case(store, tmp_path)
    qtbot.mouseClick(queue.refresh_button, Qt.MouseButton.LeftButton)
    assert queue.physician.count() == 1
    assert queue.table.rowCount() == 1


def test_the_sign_dialog_shows_the_pages_and_missing_enclosures(
    qtbot: Any, store: CaseStore, tmp_path: Path
) -> None:
    case = example_case(tmp_path)
    attachments = [*(case.attachments or []),
                   Attachment(title="Pathology report", path=str(tmp_path / "gone.pdf"))]
    case_id = ready_case(store, tmp_path, case=case.model_copy(update={"attachments": attachments}))
    dialog = SignDialog(store, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Pathology report" in dialog.enclosures_note.text()
    assert dialog.enclosures_note.isVisible()
    assert not dialog.sign_button.isEnabled()
    assert "Attach the enclosures first" in dialog.sign_button.toolTip()
    assert not dialog._errors  # the example is ready: only the enclosure holds signing back
    qtbot.mouseClick(dialog.sign_without, Qt.MouseButton.LeftButton)
    assert dialog.sign_without.isChecked() and dialog.sign_button.isEnabled()
    qtbot.mouseClick(dialog.sign_without, Qt.MouseButton.LeftButton)
    assert not dialog.sign_button.isEnabled()  # unticked: held back again
    qtbot.waitUntil(lambda: dialog.pages.last is not None, timeout=20000)
    assert dialog.pages.document.pageCount() >= 1


def test_all_enclosures_attached_says_nothing(qtbot: Any, store: CaseStore,
                                              tmp_path: Path) -> None:
    dialog = SignDialog(store, ready_case(store, tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.enclosures_note.isVisible()
    assert example_case(tmp_path).attachments  # the case does name enclosures
