"""The payer section: typing a payer's name offers the practice's payer directory, choosing
one fills the section, and a case that differs from the directory asks whether to update it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_app.domain.case_parties import Payer
from desktop_app.ui.editor import labels as L
from desktop_app.ui.editor.completers import SearchCompleter
from desktop_app.ui.editor.dropdowns import ChoiceBox
from desktop_app.ui.editor.forms import SectionForm
from desktop_app.ui.editor.reference import Reference
from desktop_app.ui.editor.widgets import TextBox, TextLine, UpperLine

# After typing stops in the payer section, the directory comparison catches up this much later.
COMPARE_DELAY_MS = 400


class DirectoryQuestion(QWidget):
    """ "This case's fax differs from the payer directory. [Update the directory] [Only
    this case]": a question in the form, never a dialog in the middle of typing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # payer names are data, never markup
        self.text.setAccessibleName("Payer directory question")
        self.update_button = QPushButton("Update the directory", self)
        self.keep_button = QPushButton("Only this case", self)
        self.keep_button.setToolTip("Keep these details for this case; the directory stays")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.update_button)
        layout.addWidget(self.keep_button)
        self.hide()


class PayerForm(SectionForm):
    """The payer, filled from the directory; `letter_kind` says which fax and address apply."""

    def __init__(self, reference: Reference, letter_kind: Callable[[], str | None] = lambda: None,
                 parent: QWidget | None = None) -> None:
        super().__init__(Payer, parent)
        self._reference = reference
        self._letter_kind = letter_kind
        self.name = TextLine()
        self.name.setPlaceholderText("Type to search the payer directory")
        self.add("name", "Payer name:", self.name,
                 "Pick a payer from the directory to fill the plan type, fax, address and phone")
        self.add("plan_type", "Plan type:", ChoiceBox(list(L.PLAN_TYPE_CHOICES)))
        state = UpperLine()
        state.setMaxLength(2)
        self.add("state", "Plan state:", state, "Two letters, e.g. MA")
        self.add("member_id", "Member ID:", TextLine(),
                 "For Medicare Part B this is the MBI: typed here or under Patient, it fills both")
        self.add("group_number", "Group number:", TextLine())
        self.add("policy_number", "Payer policy number:", TextLine())
        self.add("address", "Address:", TextBox())
        self.add("phone", "Phone:", TextLine())
        self.add("fax", "Fax:", TextLine(), "The payer's fax for this kind of letter")
        self.question = DirectoryQuestion(self)
        self.layout_.addRow(self.question)
        self._dismissed: tuple[str, ...] | None = None  # what "Only this case" answered
        self.completer = SearchCompleter(self.name, reference.payer_choices, min_chars=2)
        self.completer.chosen.connect(self.fill_from)
        self._compare_timer = QTimer(self, singleShot=True, interval=COMPARE_DELAY_MS)
        self._compare_timer.timeout.connect(self.compare_with_directory)
        self.edited.connect(self._compare_timer.start)
        self.question.update_button.clicked.connect(self._update_directory)
        self.question.keep_button.clicked.connect(self._keep_for_case)

    def fill_from(self, entry: object) -> None:
        """Fill the section from a directory entry; member and group numbers stay."""
        values = self._reference.payer_fill(entry, self._letter_kind())
        self._loading = True
        try:
            for name, value in values.items():
                widget = self.fields.get(name)
                if widget is not None and (value or name == "name"):
                    widget.set_value(value)  # type: ignore[attr-defined]
        finally:
            self._loading = False
        self.question.hide()
        self._dismissed = None
        self.edited.emit()

    def write(self, model: object) -> None:  # type: ignore[override]
        super().write(model)  # type: ignore[arg-type]
        self._dismissed = None
        self.question.hide()
        self._compare_timer.start()

    def compare_with_directory(self) -> None:
        """Ask about the fields where the case differs from the directory's entry."""
        self._compare_timer.stop()
        payer = self.read()
        name, changed = self._reference.payer_differences(payer, self._letter_kind())
        key = (name, *changed, *(str(getattr(payer, f) or "") for f in changed))
        if not changed or key == self._dismissed:
            self.question.hide()
            return
        words = " and ".join(changed)
        self.question.text.setText(
            f"This case's {words} differ{'s' if len(changed) == 1 else ''} from the payer "
            f"directory's for {name}. Update the directory with this case's {words}?"
        )
        self.question.show()

    def _update_directory(self) -> None:
        if self._reference.update_payer_directory(self.read(), self._letter_kind()):
            self.question.hide()
            self._dismissed = None
        else:
            self.question.text.setText("The payer directory could not be updated. Check the "
                                       "fax number, or open Tools > Payer directory.")

    def _keep_for_case(self) -> None:
        payer = self.read()
        name, changed = self._reference.payer_differences(payer, self._letter_kind())
        self._dismissed = (name, *changed, *(str(getattr(payer, f) or "") for f in changed))
        self.question.hide()
