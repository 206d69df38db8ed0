"""UI test set-up: a case store in the test's data folder, main windows, and dialog helpers.

pytest-qt's `qapp` is the only QApplication (never create a second one); QT_QPA_PLATFORM is
already offscreen (tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

import desktop_app.ui  # noqa: F401  first: it guards against a PySide6 6.12 refcount defect
from tests.ui._typing import type_text

__all__ = ["type_text"]


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """pytest-qt closes a test's widgets here; a dialog left with typing in it then asks
    "Discard changes?" and nobody is there to answer. Answer Discard while they close."""
    from PySide6.QtWidgets import QMessageBox

    original = QMessageBox.question

    def discard(*_args: Any, **_kwargs: Any) -> QMessageBox.StandardButton:
        return QMessageBox.StandardButton.Discard

    QMessageBox.question = staticmethod(discard)  # type: ignore[assignment]
    try:
        yield
    finally:
        QMessageBox.question = original  # type: ignore[method-assign]


@pytest.fixture
def store() -> Iterator[Any]:
    """A case store on this test's PA_LETTER_HOME (empty unless a test adds cases)."""
    from desktop_app.services.cases import open_case_store

    opened = open_case_store()
    yield opened
    opened.close()


@pytest.fixture
def make_window(qapp: QApplication, qtbot: Any) -> Iterator[Callable[[Any], Any]]:
    """Build a shown MainWindow over a store, as the app does; closed after the test."""
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.workers import wait_for_tasks

    made: list[Any] = []

    def make(case_store: Any) -> Any:
        window = MainWindow(case_store)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.load_cases()
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()
    wait_for_tasks(5000)
    # Destroyed now, not "later": a closed window that lived on would keep the keyboard focus
    # Qt last gave one of its widgets, and the next test's typing would go there.
    for window in made:
        window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def window(store: Any, make_window: Callable[[Any], Any]) -> Any:
    return make_window(store)


def click_in_next_dialog(button_text: str, prepare: Callable[[QWidget], None] | None = None,
                         timeout_ms: int = 5000, *, after: QWidget | None = None,
                         then: list[str] | None = None) -> dict[str, Any]:
    """When the next modal dialog opens, run `prepare(dialog)` then click the named button.

    Returns a dict that gets `text` (everything the dialog said) and `clicked` once it ran.
    `then` names buttons to click in the dialogs that follow, one each; their results go to
    `seen["then"]`.
    """
    seen: dict[str, Any] = {"then": []}
    waited = [0]

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog is after or not dialog.isVisible():
            waited[0] += 20
            if waited[0] < timeout_ms:
                QTimer.singleShot(20, poll)
            return
        seen["dialog"] = dialog
        seen["text"] = " ".join(
            w.text() for w in dialog.findChildren(QWidget)
            if hasattr(w, "text") and isinstance(w.text(), str)
        )
        if prepare is not None:
            try:
                prepare(dialog)
            except BaseException:
                # Close the dialog so its exec() returns and the test fails, not hangs.
                dialog.close()
                raise
        if then:
            seen["then"].append(click_in_next_dialog(then[0], after=dialog, then=then[1:]))
        wanted = button_text.replace("&", "")
        for button in dialog.findChildren(QAbstractButton):
            if button.text().replace("&", "") == wanted:
                seen["clicked"] = wanted
                button.click()
                return
        dialog.close()

    QTimer.singleShot(0, poll)
    return seen
