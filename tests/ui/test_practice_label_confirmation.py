"""A label check confirmed for the whole practice in one case is offered to the next case with
the same drug and label revision; "Use for this case" records it as an edit that can be undone,
and the checklist then says the label facts were checked. Opening a case never changes it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QHBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.domain.case import Case
from desktop_app.domain.case_treatment import LabelCheck
from desktop_app.services import audit, label_confirmations, reference
from desktop_app.storage.settings import PracticeSettings, save_settings
from desktop_app.ui.editor import CaseEditor
from desktop_app.ui.editor.label_check import LabelCheckField
from desktop_app.ui.editor.label_check_dialog import PRACTICE_BOX, LabelCheckDialog
from desktop_app.ui.editor.live_check import LiveChecker
from desktop_app.ui.findings_panel import FindingsPanel
from tests.support.drug_fixtures import install_catalog
from tests.ui._editor_support import show_active
from tests.ui.conftest import click_in_next_dialog

TRASTUZUMAB = {"generic_name": "trastuzumab", "brand_name": "Herceptin", "hcpcs": "J9355"}
LABEL_REVISED = dt.date(2024, 2, 1)  # the fixture's HERCEPTIN label
CONFIRMER = "Dana Whitfield, RN"


class Window(QWidget):
    """The editor with the real services and the live checklist beside it."""

    def __init__(self) -> None:
        super().__init__()
        self.editor = CaseEditor(reference=reference)
        self.panel = FindingsPanel()
        layout = QHBoxLayout(self)
        layout.addWidget(self.editor, 3)
        layout.addWidget(self.panel, 1)
        self.checker = LiveChecker(self.editor, self.panel, check=None, delay_ms=10)

    def codes(self) -> list[str]:
        assert self.checker.check_now() is not None
        return [f.code for f in self.panel.findings()]


@pytest.fixture
def window(qtbot: QtBot, pa_letter_home: Path) -> Iterator[Window]:
    install_catalog(pa_letter_home)
    save_settings(PracticeSettings(user_name=CONFIRMER))
    win = Window()
    qtbot.addWidget(win)
    win.resize(1400, 800)
    show_active(qtbot, win)
    yield win
    audit.close()


def open_case(window: Window, case: Case) -> LabelCheckField:
    window.editor.set_case(case)
    window.editor.show_section("off_label")
    field: LabelCheckField = window.editor.forms["off_label"].label_check  # type: ignore[attr-defined]
    return field


def new_case() -> Case:
    return Case.model_validate({"drug": TRASTUZUMAB})


def confirm_for_practice(dialog: QWidget) -> None:
    assert isinstance(dialog, LabelCheckDialog)
    assert dialog.practice.text() == PRACTICE_BOX and dialog.practice.isVisible()
    dialog.practice.setChecked(True)


def test_confirmed_in_one_case_used_in_the_next_and_undone(
    qtbot: QtBot, window: Window
) -> None:
    first = open_case(window, new_case())
    assert not first.use_practice.isVisible()  # nothing confirmed for the practice yet
    click_in_next_dialog("OK", prepare=confirm_for_practice)
    assert first.ask_and_record()
    kept = label_confirmations.practice_confirmation("trastuzumab", LABEL_REVISED)
    assert kept is not None
    assert (kept.confirmed_by, kept.confirmed_on) == (CONFIRMER, dt.date.today())
    assert first.remove_practice.isVisible()

    # A second case with the same drug: offered, not applied.
    field = open_case(window, new_case())
    assert window.editor.case().off_label.label_check is None
    assert field.status.text().startswith(
        f"{CONFIRMER} confirmed these labeled uses, doses and routes for the whole practice")
    assert "against the label revised February 2024" in field.status.text()
    assert field.use_practice.isVisible() and not field.undo.isVisible()
    assert "offlabel.label_unverified" in window.codes()

    with qtbot.waitSignal(field.edited):
        field.use_practice.click()
    check = window.editor.case().off_label.label_check
    assert isinstance(check, LabelCheck)
    assert (check.checked_by, check.checked_on, check.label_revised) == (
        CONFIRMER, dt.date.today(), LABEL_REVISED)
    assert not field.use_practice.isVisible()
    codes = window.codes()
    assert "offlabel.label_checked" in codes and "offlabel.label_unverified" not in codes

    assert field.undo.isVisible() and field.undo.isEnabled()
    with qtbot.waitSignal(field.edited):
        field.undo.click()
    assert window.editor.case().off_label.label_check is None
    assert field.use_practice.isVisible()
    assert "offlabel.label_unverified" in window.codes()


def test_a_confirmation_of_another_revision_is_not_offered(window: Window) -> None:
    label_confirmations.confirm_for_practice("trastuzumab", dt.date(2023, 6, 1), CONFIRMER,
                                             dt.date(2023, 7, 1))
    field = open_case(window, new_case())
    assert not field.use_practice.isVisible() and not field.remove_practice.isVisible()
    assert field.status.text().startswith("No one has checked")


def test_a_case_with_its_own_check_keeps_it(window: Window) -> None:
    label_confirmations.confirm_for_practice("trastuzumab", LABEL_REVISED, CONFIRMER,
                                             dt.date(2026, 11, 2))
    own = {"checked_by": "Ana Ruiz", "checked_on": dt.date(2026, 10, 1),
           "label_revised": LABEL_REVISED}
    field = open_case(window, Case.model_validate({"drug": TRASTUZUMAB,
                                                   "off_label": {"label_check": own}}))
    assert not field.use_practice.isVisible()
    assert field.status.text().startswith("Ana Ruiz checked them on October 1, 2026")
    assert window.editor.case().off_label.label_check == LabelCheck.model_validate(own)


def test_removing_the_practice_confirmation_is_asked_and_audited(window: Window) -> None:
    label_confirmations.confirm_for_practice("trastuzumab", LABEL_REVISED, CONFIRMER,
                                             dt.date(2026, 11, 2))
    field = open_case(window, new_case())
    click_in_next_dialog("No")
    assert not field.ask_and_remove_for_practice()
    assert field.use_practice.isVisible()
    seen = click_in_next_dialog("Yes")
    assert field.ask_and_remove_for_practice()
    assert "Cases that already use it keep their check" in seen["text"]
    assert not field.use_practice.isVisible() and not field.remove_practice.isVisible()
    assert label_confirmations.practice_confirmation("trastuzumab", LABEL_REVISED) is None
    actions = [e.action for e in audit.entries(20)]
    assert actions.count("label_confirmation.removed") == 1
    assert window.editor.case().off_label.label_check is None  # the case was not touched


def test_a_practice_copy_that_cannot_be_saved_is_said_and_the_case_keeps_its_check(
    window: Window,
) -> None:
    from desktop_app.storage.label_confirmations import DOCUMENT
    from desktop_app.storage.practice_documents import put_document

    with audit.cached_database().writing() as session:
        put_document(session, DOCUMENT, "not json", user="hand edit")
    field = open_case(window, new_case())
    assert not field.use_practice.isVisible()  # unreadable: nothing offered, nothing broken
    click_in_next_dialog("OK", prepare=confirm_for_practice)
    assert field.ask_and_record()
    check = window.editor.case().off_label.label_check
    assert isinstance(check, LabelCheck) and check.checked_by == CONFIRMER
    assert "It was not kept for the whole practice: " in field.status.text()
    assert "not valid JSON" in field.status.text()
