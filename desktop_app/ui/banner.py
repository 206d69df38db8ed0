"""A calm, non-modal message bar above the case: words, an icon and the actions that help."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStyle, QWidget

_STYLES = {
    "warning": ("#fff4d6", "#8a6100", QStyle.StandardPixmap.SP_MessageBoxWarning),
    "error": ("#fde2e2", "#9b1c1c", QStyle.StandardPixmap.SP_MessageBoxCritical),
    "info": ("#e3f0ff", "#1d4f91", QStyle.StandardPixmap.SP_MessageBoxInformation),
}


class Banner(QFrame):
    """Hidden until `show_message`; each action button runs its callback and hides the bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setAccessibleName("Message")
        self._icon = QLabel()
        self.text = QLabel(wordWrap=True)
        # Messages may quote what staff typed (a patient's name): never read as markup.
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, 6, 10, 6)
        self._layout.addWidget(self._icon)
        self._layout.addWidget(self.text, 1)
        self.buttons: list[QPushButton] = []
        self.kind = ""
        self.hide()

    def show_message(
        self,
        text: str,
        kind: str = "info",
        actions: list[tuple[str, Callable[[], None]]] | None = None,
        *,
        closable: bool = True,
    ) -> None:
        self.clear_buttons()
        background, border, pixmap = _STYLES.get(kind, _STYLES["info"])
        self.kind = kind
        self.setStyleSheet(
            f"#banner {{ background: {background}; border: 1px solid {border};"
            f" border-radius: 4px; }} #banner QLabel {{ color: #1f1f1f; }}"
        )
        size = self.fontMetrics().height() + 4
        self._icon.setPixmap(self.style().standardIcon(pixmap).pixmap(size, size))
        self.text.setText(text)
        self.setAccessibleDescription(text)
        for label, callback in actions or []:
            self._add_button(label, callback)
        if closable:
            self._add_button("Dismiss", lambda: None)
        self.show()

    def _add_button(self, label: str, callback: Callable[[], None]) -> None:
        button = QPushButton(label)
        button.setAccessibleName(label.replace("&", ""))

        def run() -> None:
            self.hide()
            callback()

        button.clicked.connect(run)
        self._layout.addWidget(button)
        self.buttons.append(button)

    def clear_buttons(self) -> None:
        for button in self.buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = []

    def button(self, label: str) -> QPushButton | None:
        for button in self.buttons:
            if button.text().replace("&", "") == label.replace("&", ""):
                return button
        return None

    def dismiss(self) -> None:
        self.clear_buttons()
        self.hide()
