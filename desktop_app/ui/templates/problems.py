"""The Problems list under the template text: each problem with its line; activating one jumps."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle, QWidget

from desktop_app.services.templates import TemplateProblemInfo

LINE_ROLE = Qt.ItemDataRole.UserRole + 1


def problem_text(problem: TemplateProblemInfo) -> str:
    where = f"Line {problem.line}: " if problem.line else ""
    kind = "Warning — " if problem.severity == "warning" else ""
    return f"{where}{kind}{problem.message}"


class ProblemsList(QListWidget):
    """Shows lint problems; `line_activated(n)` on click, double-click or Enter."""

    line_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Problems")
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.itemActivated.connect(self._activate)
        self.itemClicked.connect(self._activate)
        self.show_checking()

    def show_checking(self) -> None:
        self.clear()
        self.addItem("Checking the template…")

    def show_problems(self, problems: list[TemplateProblemInfo]) -> None:
        self.clear()
        if not problems:
            item = QListWidgetItem("No problems found: the template can be saved.")
            item.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton))
            self.addItem(item)
            return
        for problem in problems:
            item = QListWidgetItem(problem_text(problem))
            icon = (
                QStyle.StandardPixmap.SP_MessageBoxWarning
                if problem.severity == "warning"
                else QStyle.StandardPixmap.SP_MessageBoxCritical
            )
            item.setIcon(self.style().standardIcon(icon))
            if problem.line:
                item.setData(LINE_ROLE, problem.line)
                item.setToolTip("Double-click or press Enter to go to this line")
            self.addItem(item)

    def show_failure(self, words: str) -> None:
        self.clear()
        self.addItem(words)

    def lines(self) -> list[int]:
        found = []
        for row in range(self.count()):
            line = self.item(row).data(LINE_ROLE)
            if isinstance(line, int):
                found.append(line)
        return found

    def texts(self) -> list[str]:
        return [self.item(row).text() for row in range(self.count())]

    def _activate(self, item: QListWidgetItem) -> None:
        line = item.data(LINE_ROLE)
        if isinstance(line, int):
            self.line_activated.emit(line)
