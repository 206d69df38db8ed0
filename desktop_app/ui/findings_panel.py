"""The live checklist: what is missing, invalid or weak in the case, each tied to its field."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.findings import SEVERITY_ORDER, Finding, Severity
from desktop_app.ui.editor.labels import SECTIONS, field_label
from desktop_app.ui.editor.mark_style import ICON_FOR_SEVERITY
from desktop_app.ui.plain_text import plain_tooltip

# Findings the app can fix when asked, and the button's words.
HIDDEN_CODE = "text.hidden_characters"
REMOVE_HIDDEN_TEXT = "Remove hidden characters"
FIELD_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2
NOT_CHECKED_TEXT = "Not checked yet"
READY_TEXT = (
    "Ready for the letter: nothing is missing or wrong.\n\n"
    "Press F5 to preview it, or Ctrl+E to export the PDF."
)


class FindingsPanel(QWidget):
    """Findings, errors first, with a severity icon; Enter or a click jumps to the field."""

    field_activated = Signal(str)
    remove_hidden_requested = Signal()  # the user asked to remove hidden characters

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(NOT_CHECKED_TEXT, self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Checklist summary")
        # In place of an empty list, the next step: an empty white box reads as "broken".
        self.ready = QLabel(READY_TEXT, self)
        self.ready.setTextFormat(Qt.TextFormat.PlainText)
        self.ready.setWordWrap(True)
        self.ready.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.ready.setAccessibleName("Checklist result")
        self.ready.setMargin(self.fontMetrics().height())
        self.ready.hide()
        self.list = QListWidget(self)
        self.list.setAccessibleName("Checklist")
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setSpacing(3)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.viewport().installEventFilter(self)
        # Narrower than this, a message wraps a word per line; measured in the font, so it scales.
        self.setMinimumWidth(28 * self.fontMetrics().averageCharWidth())
        self.summary.setBuddy(self.list)
        self.remove_hidden = QPushButton(REMOVE_HIDDEN_TEXT, self)
        self.remove_hidden.setToolTip(plain_tooltip(
            "Remove right-to-left overrides and zero-width characters from the names, IDs and "
            "numbers listed: they make what prints differ from what you see"))
        self.remove_hidden.clicked.connect(self.remove_hidden_requested)
        self.remove_hidden.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.remove_hidden)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.ready, 1)
        self.list.itemActivated.connect(self._activate)
        self.list.itemClicked.connect(self._activate)
        self._shown: list[Finding] = []
        self._checked = False  # False until the first check (or after a failed one)

    def set_findings(self, findings: Iterable[Finding]) -> None:
        """Show a new check's findings, keeping the selected one selected if it remains."""
        ordered = sorted(findings, key=_form_order)
        if self._checked and ordered == self._shown:
            return
        self._checked = True
        self._shown = ordered
        current = self.list.currentItem()
        kept = current.data(KEY_ROLE) if current is not None else None
        self.list.clear()
        for finding in ordered:
            self.list.addItem(self._item(finding))
            if (finding.code, finding.field) == kept:
                self.list.setCurrentRow(self.list.count() - 1)
        self._fit_items()
        hidden = sum(1 for f in ordered if f.code == HIDDEN_CODE)
        self.remove_hidden.setText(
            f"{REMOVE_HIDDEN_TEXT} ({hidden} field{'s' if hidden != 1 else ''})")
        self.remove_hidden.setVisible(bool(hidden))
        self.summary.setText(_summary(ordered))
        self.list.setAccessibleDescription(self.summary.text())
        self._show_ready(not ordered)

    def reset(self) -> None:
        """Forget the last check (another case is opening): "Not checked yet" until it runs."""
        self._checked = False
        self._shown = []
        self.list.clear()
        self.remove_hidden.hide()
        self.summary.setText(NOT_CHECKED_TEXT)
        self._show_ready(False)

    def is_ready(self) -> bool:
        """True when the last check ran and found nothing at all."""
        return self._checked and not self._shown

    def _show_ready(self, ready: bool) -> None:
        # Keyboard users Tab to the list; when it is empty, the message takes its place.
        self.list.setVisible(not ready)
        self.ready.setVisible(ready)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_items()
        return super().eventFilter(watched, event)

    def _fit_items(self) -> None:
        """Give each message the height its wrapped lines need at the list's current width.

        QListWidget measures wrapped items before it knows its width, and cuts long messages
        short with "…"; measuring here keeps every word of a finding visible.
        """
        metrics = self.list.fontMetrics()
        style = self.list.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
        icon = self.list.iconSize().width() if self.list.iconSize().isValid() else (
            style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize))
        width = max(self.list.viewport().width() - icon - 6 * margin - metrics.averageCharWidth()
                    - 2 * self.list.spacing(), 10 * metrics.averageCharWidth())
        for row in range(self.list.count()):
            item = self.list.item(row)
            box = metrics.boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap,
                                       item.text())
            item.setSizeHint(QSize(width, box.height() + 2 * margin))

    def show_problem(self, message: str) -> None:
        """Say that the check itself could not run (e.g. a broken template)."""
        self._checked = False
        self._shown = []
        self.list.clear()
        self.remove_hidden.hide()
        self._show_ready(False)
        self.summary.setText(f"The case could not be checked: {message}")

    def findings(self) -> list[Finding]:
        return list(self._shown)

    def _item(self, finding: Finding) -> QListWidgetItem:
        # List items never interpret markup, so a message quoting typed text shows verbatim.
        text = finding.message
        if finding.field:
            text += f"\n{field_label(finding.field)}"
        item = QListWidgetItem(text)
        icon = ICON_FOR_SEVERITY.get(finding.severity.value)
        item.setIcon(self.style().standardIcon(icon) if icon is not None else QIcon())
        item.setData(FIELD_ROLE, finding.field)
        item.setData(KEY_ROLE, (finding.code, finding.field))
        item.setToolTip(plain_tooltip(f"{finding.severity.value}: {finding.code}"))
        item.setData(Qt.ItemDataRole.AccessibleTextRole,
                     f"{finding.severity.value}: {finding.message}")
        return item

    def _activate(self, item: QListWidgetItem) -> None:
        field = item.data(FIELD_ROLE)
        if field:
            self.field_activated.emit(str(field))


_SECTION_ORDER = {info.key: index for index, info in enumerate(SECTIONS)}


def _form_order(finding: Finding) -> tuple[int, int, tuple[tuple[int, str], ...], str]:
    """Errors first, then in the order the editor's sections show the fields (row 10 after 9)."""
    parts = (finding.field or "").split(".")
    section = _SECTION_ORDER.get(parts[0], len(_SECTION_ORDER)) if finding.field else -1
    path = tuple((int(p), "") if p.isdigit() else (-1, p) for p in parts[1:])
    return SEVERITY_ORDER[finding.severity], section, path, finding.code


def _summary(findings: list[Finding]) -> str:
    if not findings:
        return "No problems found."
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    words = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    parts = [f"{n} {words[s]}{'s' if n != 1 else ''}" for s, n in counts.items() if n]
    if counts[Severity.ERROR]:
        after = " — errors must be fixed before the letter is final"
    else:
        after = " — nothing stops the letter; worth a look before it goes"
    return ", ".join(parts) + after
