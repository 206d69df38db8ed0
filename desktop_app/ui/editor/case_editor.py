"""The case editor: one page per section of a case, findings marked on the fields they name."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QWidget,
)

from desktop_app.domain.case import Case
from desktop_app.domain.findings import Finding
from desktop_app.ui.editor import labels as L
from desktop_app.ui.editor import lists, sections
from desktop_app.ui.editor.case_as_shown import case_as_shown
from desktop_app.ui.editor.evidence_section import connect_attachments
from desktop_app.ui.editor.field_marks import field_name, marks_for
from desktop_app.ui.editor.focus_chain import focus_chain, last_field, unreadable_inputs
from desktop_app.ui.editor.forms import SectionForm
from desktop_app.ui.editor.mark_style import MARK_STYLE
from desktop_app.ui.editor.medicare_number import MedicareNumberLink
from desktop_app.ui.editor.payer_form import PayerForm
from desktop_app.ui.editor.reference import Reference
from desktop_app.ui.editor.regimen_link import RegimenLink
from desktop_app.ui.editor.rows import RowListEditor
from desktop_app.ui.editor.section_counts import show_counts
from desktop_app.ui.editor.section_keys import add_row_keys, add_shortcut
from desktop_app.ui.editor.section_list import MNEMONIC_ROLE, TITLE_ROLE, SectionList
from desktop_app.ui.input_guard import install_input_guard

# The form's width, in widths of the letter M, that shows every section's labels and fields
# whole: the off-label form cannot be narrower than about 28, and the others need 34 to keep
# a field's label on one line.
FORM_WIDTH_EM = 34


class CaseEditor(QWidget):
    """Edit a Case. `case()` builds the model from the widgets and never raises."""

    case_changed = Signal()  # every user edit
    case_loaded = Signal()  # set_case() showed a new case

    def __init__(self, parent: QWidget | None = None, *, reference: object = None) -> None:
        super().__init__(parent)
        install_input_guard()
        self.setStyleSheet(MARK_STYLE)
        ref = Reference(reference)
        self.forms: dict[str, SectionForm] = {
            "letter": sections.LetterForm(ref),
            "patient": sections.patient_form(),
            "payer": PayerForm(ref, lambda: self.forms["letter"].fields["kind"].value()),
            "prescriber": sections.PrescriberForm(ref),
            "diagnosis": sections.DiagnosisForm(ref),
            "drug": sections.DrugForm(ref),
            "off_label": sections.off_label_form(ref),
            "denial": sections.denial_form(),
        }
        self.lists: dict[str, RowListEditor] = {
            "prior_therapies": lists.prior_therapy_editor(),
            "evidence": lists.evidence_editor(ref),
            "attachments": lists.attachment_editor(),
        }
        connect_attachments(self.lists["evidence"], self.lists["attachments"])
        self.medicare_number = MedicareNumberLink(self.forms["payer"], self.forms["patient"])
        drug_form = self.forms["drug"]
        assert isinstance(drug_form, sections.DrugForm)
        self.regimens = RegimenLink(drug_form, self.lists["evidence"], ref)
        # What was saved or filled speaks of the case it happened in, not the next one.
        self.case_loaded.connect(lambda: drug_form.saved_note.setText(""))
        self.nav = SectionList(self)
        self._switching = False  # show_section is changing pages (not a Tab)
        self.nav.setAccessibleName("Case sections")
        self.pages = QStackedWidget(self)
        self._scrolls: dict[str, QScrollArea] = {}
        self._counts: dict[str, dict[str, int]] = {}
        self._empty_lists: dict[str, list[Any] | None] = {}
        self._original = Case()
        self._build()
        self.case_changed.connect(self._show_label_uses)
        self.case_loaded.connect(self._show_label_uses)
        self.case_loaded.connect(self._show_catalog_product)
        self.set_case(Case())

    def _build(self) -> None:
        for info in L.SECTIONS:
            page: QWidget = self.forms.get(info.key) or self.lists[info.key]
            page.edited.connect(self.case_changed)  # type: ignore[attr-defined]
            scroll = QScrollArea(self)
            scroll.setWidgetResizable(True)
            scroll.setWidget(page)
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self._scrolls[info.key] = scroll
            self.pages.addWidget(scroll)
            item = QListWidgetItem(info.title, self.nav)
            item.setData(TITLE_ROLE, info.title)
            item.setData(MNEMONIC_ROLE, info.mnemonic)
            item.setToolTip(f"{info.title} (Alt+{info.mnemonic})")
            # Window-wide, so Alt+Y reaches the payer from the case list or the search box too.
            add_shortcut(self, f"Alt+{info.mnemonic}", partial(self.show_section, info.key, True),
                         Qt.ShortcutContext.WindowShortcut)
        add_shortcut(self, "Ctrl+PgDown", lambda: self._step_section(1))
        add_shortcut(self, "Ctrl+PgUp", lambda: self._step_section(-1))
        add_row_keys(self.nav, lambda: self.lists.get(self.current_section()))
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setSpacing(2)
        # Every title gets an icon, blank when clean, so the titles line up.
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.nav.setIconSize(QSize(size, size))
        blank = QPixmap(size, size)
        blank.fill(Qt.GlobalColor.transparent)
        self._blank_icon = QIcon(blank)
        for row in range(self.nav.count()):
            self.nav.item(row).setIcon(self._blank_icon)
        self.nav.setCurrentRow(0)
        # As wide as the longest title with its counts, so the form gets the rest.
        self.nav.fit_to_contents()
        layout = QHBoxLayout(self)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        QWidget.setTabOrder(self.nav, self.forms["letter"].fields["kind"])

    # --- the case -------------------------------------------------------------------------
    def set_case(self, case: Case) -> None:
        """Show a case in the widgets; emits case_loaded, not case_changed."""
        self._original = case
        for key, form in self.forms.items():
            form.write(getattr(case, key))
        for key, editor in self.lists.items():
            items: list[Any] | None = getattr(case, key)
            editor.set_items(list(items or []))
            # An empty list stays as the case had it ([] or absent), so set_case/case round-trips.
            self._empty_lists[key] = items if not items else None
        self.nav.allow_shrink_once()
        self.medicare_number.loaded()
        self.case_loaded.emit()

    def apply_change(self, case: Case) -> None:
        """Show `case` as an edit made for the user (a fix they asked for): saved and checked
        like typing, on the section they were looking at."""
        section = self.current_section()
        self.set_case(case)
        self.show_section(section)
        self.case_changed.emit()

    def case(self) -> Case:
        """The case as the widgets show it. Cheap: it runs on every re-check."""
        return case_as_shown(self.forms, self.lists, self._original, self._empty_lists)

    def _show_catalog_product(self) -> None:
        form = self.forms["drug"]
        if isinstance(form, sections.DrugForm):
            form.show_catalog_product()

    def _show_label_uses(self) -> None:
        form = self.forms["off_label"]
        if isinstance(form, sections.OffLabelForm):
            form.show_label_uses(self.case())

    def refresh_directory(self) -> None:
        """Re-read the prescriber directory (after Settings changed it)."""
        prescriber = self.forms["prescriber"]
        if isinstance(prescriber, sections.PrescriberForm):
            prescriber.refresh_directory()

    # --- navigation -----------------------------------------------------------------------
    def comfortable_width(self) -> int:
        """The section list beside a form wide enough for its labels and fields whole, with
        room for its scroll bar; a narrower form is cut off and scrolls sideways."""
        em = self.fontMetrics().horizontalAdvance("M")
        scroll = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return self.nav.sizeHint().width() + FORM_WIDTH_EM * em + scroll

    def current_section(self) -> str:
        return L.SECTIONS[max(self.nav.currentRow(), 0)].key

    def show_section(self, key: str, focus_first: bool = False) -> None:
        index = [s.key for s in L.SECTIONS].index(key)
        # Switching pages while a field of the old one has the focus makes Qt move the focus
        # itself (focusNextPrevChild); that is not staff pressing Tab, so no section step.
        self._switching = True
        try:
            self.nav.setCurrentRow(index)
        finally:
            self._switching = False
        if focus_first:
            self.focus_field(key)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab off a section's last field goes to the next section's first field, and
        Shift+Tab off its first field to the previous section's last one, instead of
        leaving the form for the Checks tab."""
        here = QApplication.focusWidget()
        page = self.pages.currentWidget()
        row = self.nav.currentRow()
        if getattr(self, "_switching", False):
            return super().focusNextPrevChild(next)
        if here is None or page is None or not page.isAncestorOf(here):
            return super().focusNextPrevChild(next)
        chain = focus_chain(here, next)
        if chain and page.isAncestorOf(chain[0]):
            return super().focusNextPrevChild(next)  # still inside the section
        target = row + (1 if next else -1)
        if not 0 <= target < len(L.SECTIONS):
            return super().focusNextPrevChild(next)
        key = L.SECTIONS[target].key
        # Park the focus first: hiding the page that holds it would make Qt move it itself.
        self.nav.setFocus(Qt.FocusReason.OtherFocusReason)
        self.show_section(key)
        if next:
            return self.focus_field(key)
        return self._focus_last(key)

    def _focus_last(self, key: str) -> bool:
        field = last_field(self._scrolls[key])
        if field is None:
            return self.focus_field(key)
        field.setFocus(Qt.FocusReason.BacktabFocusReason)
        return True

    def input_findings(self) -> list[Finding]:
        """Fields whose text the case cannot hold (a half-typed date, a "$" with no amount)."""
        return unreadable_inputs(self.forms)

    def _step_section(self, step: int) -> None:
        row = (self.nav.currentRow() + step) % len(L.SECTIONS)
        self.show_section(L.SECTIONS[row].key, focus_first=True)

    def focus_field(self, path: str) -> bool:
        """Show the section of a dotted path, select its row, and focus the exact input."""
        parts = path.split(".")
        key = parts[0]
        if key not in self._scrolls:
            return False
        self.show_section(key)
        if key in self.lists:
            editor = self.lists[key]
            if len(parts) > 1 and parts[1].isdigit():
                return editor.focus_field(int(parts[1]), parts[2] if len(parts) > 2 else "")
            editor.table.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        form = self.forms[key]
        name = field_name(form, parts[1:]) if len(parts) > 1 else next(iter(form.fields))
        widget = form.widget_for(name) if name else None
        if widget is None:
            return False
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self._scrolls[key].ensureWidgetVisible(widget)
        return True

    # --- findings -------------------------------------------------------------------------
    def mark_fields(self, findings: Iterable[Finding]) -> None:
        """Mark the fields findings name (red for errors, amber for warnings); clear the rest."""
        marks = marks_for(findings, self.forms, self.lists, self._scrolls)
        for key, form in self.forms.items():
            form.set_marks(marks.forms[key])
        for key, editor in self.lists.items():
            editor.set_marks(marks.rows[key], marks.whole.get(key, ("", "")))
        self._show_counts(marks.counts)

    def section_counts(self) -> dict[str, dict[str, int]]:
        """Errors and warnings per section key, as the section list shows them."""
        return {key: dict(tally) for key, tally in self._counts.items()}

    def _show_counts(self, counts: dict[str, dict[str, int]]) -> None:
        if counts == self._counts:
            return
        self._counts = counts
        show_counts(self.nav, counts, self.style(), self._blank_icon)
