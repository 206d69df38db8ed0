"""What a message box shows of the text it was given: plain text as it is, rich text as the
words it renders (so a test reads a message the way staff do)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from PySide6 import QtGui
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QMessageBox


def shown_text(message: str) -> str:
    if not QtGui.Qt.mightBeRichText(message):
        return message
    document = QTextDocument()
    document.setHtml(message)
    return document.toPlainText().replace("\u2029", "\n")


@contextlib.contextmanager
def questions_answered(answer: QMessageBox.StandardButton) -> Iterator[list[str]]:
    """QMessageBox.question answered with `answer` inside the block; the texts asked.

    Restored before the test ends, not by monkeypatch: the teardown hook (conftest.py) keeps
    whatever `question` is when teardown starts, and would leave this one to later tests.
    """
    asked: list[str] = []
    original = QMessageBox.question

    def ask(_parent: Any, _title: str, text: str, *_rest: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return answer

    QMessageBox.question = staticmethod(ask)  # type: ignore[assignment]
    try:
        yield asked
    finally:
        QMessageBox.question = original  # type: ignore[method-assign]
