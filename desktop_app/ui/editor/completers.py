"""Autocomplete from reference searches (ICD-10-CM codes, the drug catalog) as staff type."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QStyle

from desktop_app.ui.plain_text import plain_tooltip

# A search gives (shown text, entry) pairs; the entry goes back to whoever picks it.
Search = Callable[[str], Sequence[tuple[str, object]]]
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
# The widest the suggestion list grows, in font widths; longer descriptions end in "…".
MAX_POPUP_EMS = 50


class SearchCompleter(QObject):
    """A completer popup under a line edit, filled by a search a moment after typing stops."""

    chosen = Signal(object)

    def __init__(self, line: QLineEdit, search: Search, *, min_chars: int = 2,
                 delay_ms: int = 120) -> None:
        super().__init__(line)
        self._line = line
        self._search = search
        self._min_chars = min_chars
        self._entries: list[object] = []
        self._model = QStandardItemModel(self)
        self.completer = QCompleter(self._model, self)
        self.completer.setWidget(line)
        # The search already filtered; the popup shows its results as they are.
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(10)
        self.completer.activated[QModelIndex].connect(  # type: ignore[index]
            self._on_activated
        )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.refresh)
        line.textEdited.connect(lambda _text: self._timer.start())

    def refresh(self) -> None:
        """Search for the line's text now and show what it finds."""
        text = self._line.text().strip()
        results: Sequence[tuple[str, object]] = ()
        if len(text) >= self._min_chars:
            try:
                results = self._search(text)
            except Exception:  # noqa: BLE001  a failed look-up must never cost typed text
                results = ()
        self._model.clear()
        self._entries = [entry for _shown, entry in results]
        for row, (shown, _entry) in enumerate(results):
            item = QStandardItem(shown)
            item.setData(row, ENTRY_ROLE)
            item.setEditable(False)
            item.setToolTip(plain_tooltip(shown))
            self._model.appendRow(item)
        if results and self._line.hasFocus():
            self.completer.complete(self._popup_rect())
        elif (popup := self.completer.popup()) is not None:
            popup.hide()

    def _popup_rect(self) -> QRect:
        """Under the line, as wide as the longest result (up to MAX_POPUP_EMS): "C34.11 —
        Malignant neoplasm of upper lobe, right bronchus or lung" must be read whole to pick
        the right code, and a field-wide popup would cut it after "Malignant neoplas…"."""
        popup = self.completer.popup()
        rect = self._line.rect()
        if popup is None:
            return rect
        metrics = popup.fontMetrics()
        widest = max((metrics.horizontalAdvance(self._model.item(r).text())
                      for r in range(self._model.rowCount())), default=0)
        extra = (popup.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
                 + 2 * popup.frameWidth() + 4 * metrics.averageCharWidth())
        cap = MAX_POPUP_EMS * metrics.horizontalAdvance("M")
        rect.setWidth(max(rect.width(), min(widest + extra, cap)))
        return rect

    def _on_activated(self, index: QModelIndex) -> None:
        row = index.data(ENTRY_ROLE)
        if isinstance(row, int) and 0 <= row < len(self._entries):
            self.chosen.emit(self._entries[row])


def static_completer(line: QLineEdit, words: Sequence[str]) -> QCompleter:
    """Suggestions from a fixed list, matched anywhere in the word (journal titles)."""
    completer = QCompleter(list(words), line)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    line.setCompleter(completer)
    return completer
