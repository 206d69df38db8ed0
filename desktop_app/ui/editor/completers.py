"""Autocomplete from reference searches (ICD-10-CM codes, the drug catalog) as staff type."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

# A search gives (shown text, entry) pairs; the entry goes back to whoever picks it.
Search = Callable[[str], Sequence[tuple[str, object]]]
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


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
            self._model.appendRow(item)
        if results and self._line.hasFocus():
            self.completer.complete()
        elif (popup := self.completer.popup()) is not None:
            popup.hide()

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
