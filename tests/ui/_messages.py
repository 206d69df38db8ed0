"""What a message box shows of the text it was given: plain text as it is, rich text as the
words it renders (so a test reads a message the way staff do)."""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtGui import QTextDocument


def shown_text(message: str) -> str:
    if not QtGui.Qt.mightBeRichText(message):
        return message
    document = QTextDocument()
    document.setHtml(message)
    return document.toPlainText().replace("\u2029", "\n")
