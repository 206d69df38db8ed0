"""The fixed sections of the editor: letter, patient, payer, prescriber, diagnosis, regimen, …"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.domain.case import Letter
from desktop_app.domain.case_denial import Denial
from desktop_app.domain.case_parties import Patient, Prescriber
from desktop_app.domain.case_treatment import Diagnosis, OffLabel
from desktop_app.ui.editor import labels as L
from desktop_app.ui.editor.completers import SearchCompleter
from desktop_app.ui.editor.dates import DateField
from desktop_app.ui.editor.dropdowns import ChoiceBox, SuggestBox, narrow_combo
from desktop_app.ui.editor.drug_form import DrugForm as DrugForm
from desktop_app.ui.editor.forms import SectionForm
from desktop_app.ui.editor.label_check import LabelCheckField
from desktop_app.ui.editor.label_panel import LabelPanel
from desktop_app.ui.editor.mark_style import input_of
from desktop_app.ui.editor.reasons import ReasonsField
from desktop_app.ui.editor.reference import Reference
from desktop_app.ui.editor.widgets import (
    CheckField,
    ListLine,
    NumberLine,
    TextBox,
    TextLine,
    UpperLine,
)


class LetterForm(SectionForm):
    """Kind, template, date and urgency. The template list offers every template that fits
    the letter kind, the practice's own ones included; the case remembers the choice."""

    DEFAULT_TEMPLATE = "— the standard letter for this kind —"

    def __init__(self, reference: Reference, parent: QWidget | None = None) -> None:
        super().__init__(Letter, parent)
        self._reference = reference
        self.kind = ChoiceBox(list(L.LETTER_KIND_CHOICES))
        self.add("kind", "Letter kind:", self.kind)
        self.add("date", "Letter date:", DateField())
        self.add("expedited", "Expedited:", CheckField("Ask for an urgent review"))
        self.add("urgency_statement", "Urgency statement:", TextBox(lines=5),
                 "The physician's words on why waiting would harm the patient")
        # Last, so Tab through a usual letter never stops on it; set after the kind on load
        # (fields load in this order), so the list already fits the kind.
        self.template = TemplateChoice(self)
        self.add("template", "Template:", self.template,
                 "The practice's templates for this kind of letter; the preview, the export "
                 "and the checklist use the one chosen here")
        self.kind.edited.connect(self.refresh_templates)
        self.refresh_templates()

    def refresh_templates(self) -> None:
        kind = self.kind.value() or "preauth"
        offered = [(tid, title) for tid, title, tkind in self._reference.letter_templates()
                   if tkind == kind]
        self.template.offer(offered, self.DEFAULT_TEMPLATE)


class TemplateChoice(ChoiceBox):
    """The template ids offered for the letter kind; one the case names but the practice no
    longer has stays shown (and kept) as "not found", so nothing is silently changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([], parent)

    def offer(self, templates: list[tuple[str, str]], default_text: str) -> None:
        keep = self.value()
        self.blockSignals(True)
        self.clear()
        self.addItem(default_text, None)
        for tid, title in templates:
            self.addItem(f"{title} ({tid})", tid)
        index = self.findData(keep) if keep is not None else 0
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)
        if keep is not None and index < 0:
            self.edited.emit()  # the kind changed and the old choice does not fit it

    def set_value(self, value: object) -> None:
        if value is not None and self.findData(value) < 0:
            self.addItem(f"{value} (not found: the standard letter is used)", value)
        super().set_value(value)


def patient_form() -> SectionForm:
    form = SectionForm(Patient)
    form.add("name", "Name:", TextLine())
    form.add("dob", "Date of birth:", DateField())
    form.add("sex", "Sex:", SuggestBox(L.SEX_SUGGESTIONS))
    form.add("mbi", "Medicare number (MBI):", UpperLine(),
             "11 characters, e.g. 1EG4-TE5-MK73; for Medicare Part B it is the member ID too")
    form.add("address", "Address:", TextBox())
    form.add("phone", "Phone:", TextLine())
    return form


class PrescriberForm(SectionForm):
    """The prescriber, with a picker that fills the form from the practice's directory."""

    def __init__(self, reference: Reference, parent: QWidget | None = None) -> None:
        super().__init__(Prescriber, parent)
        self._reference = reference
        self.picker = QComboBox(self)
        narrow_combo(self.picker)
        self.picker.setAccessibleName("Fill from the prescriber directory")
        caption = QLabel("From directory:", self)
        caption.setTextFormat(Qt.TextFormat.PlainText)
        caption.setBuddy(self.picker)
        self.layout_.addRow(caption, self.picker)
        for name, label in (("name", "Name:"), ("credentials", "Credentials:"),
                            ("npi", "NPI:"), ("tax_id", "Tax ID (TIN):"),
                            ("specialty", "Specialty:"), ("practice", "Practice:")):
            self.add(name, label, TextLine())
        self.add("address", "Address:", TextBox())
        for name, label in (("phone", "Phone:"), ("fax", "Fax:"), ("email", "Email:")):
            self.add(name, label, TextLine())
        self._directory: list[Any] = []
        self.refresh_directory()
        self.picker.activated.connect(self._pick)

    def refresh_directory(self) -> None:
        self._directory = list(self._reference.prescribers())
        self.picker.clear()
        self.picker.addItem("— pick a prescriber to fill the form —" if self._directory
                            else "— none yet: add prescribers in Settings (Ctrl+,) —")
        for entry in self._directory:
            credentials = getattr(entry, "credentials", "")
            self.picker.addItem(f"{entry.name}, {credentials}" if credentials else entry.name)
        self.picker.setEnabled(bool(self._directory))

    def _pick(self, index: int) -> None:
        if not 1 <= index <= len(self._directory):
            return
        entry = self._directory[index - 1]
        for name in ("name", "credentials", "npi", "tax_id", "specialty", "phone", "fax",
                     "email"):
            value = getattr(entry, name, "") or ""
            if value or name in ("name", "npi"):
                self.fields[name].set_value(value)  # type: ignore[attr-defined]
        # The directory's prescribers work at this practice: its letterhead names it.
        practice, address = self._reference.practice_letterhead()
        for name, value in (("practice", practice), ("address", address)):
            field = self.fields[name]
            if value and not field.value():  # type: ignore[attr-defined]
                field.set_value(value)  # type: ignore[attr-defined]
        self.picker.setCurrentIndex(0)
        self.edited.emit()


class DiagnosisForm(SectionForm):
    """Diagnosis, with ICD-10-CM autocomplete that shows each code's description."""

    def __init__(self, reference: Reference, parent: QWidget | None = None) -> None:
        super().__init__(Diagnosis, parent)
        self.icd10 = UpperLine()
        self.icd10.setPlaceholderText("Type a code or words, e.g. C34.90 or lung")
        self.add("icd10", "ICD-10-CM code:", self.icd10)
        self.description = TextLine()
        self.add("description", "Description:", self.description)
        self.add("histology", "Histology:", TextLine())
        self.add("stage", "Stage:", TextLine())
        self.add("biomarkers", "Biomarkers:", ListLine(), "Separate biomarkers with semicolons")
        self.add("diagnosed_on", "Diagnosed on:", DateField())
        ecog = [(grade, label) for grade, label in L.ECOG_LABELS.items()]
        self.add("ecog", "ECOG status:", ChoiceBox(list(ecog)))
        self.add("secondary_icd10", "Other codes:", ListLine(),
                 "Other ICD-10-CM codes, such as sites of metastasis (C78.7), separated by "
                 "semicolons")
        self.completer = SearchCompleter(self.icd10, reference.icd10_choices)
        self.completer.chosen.connect(self._choose)

    def _choose(self, entry: object) -> None:
        self.icd10.setText(str(getattr(entry, "code", "")))
        if not self.description.text().strip():
            self.description.setText(str(getattr(entry, "description", "")))
        self.edited.emit()


class ReasonChecks(QWidget):
    """The off-label reasons as check boxes, read in the order the format lists them."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, CheckField] = {}
        for value, label in L.OFF_LABEL_REASON_CHOICES:
            box = CheckField(label, self)
            box.setAccessibleName(label)
            box.edited.connect(self.edited)
            layout.addWidget(box)
            self.boxes[value] = box
        self.setFocusProxy(next(iter(self.boxes.values())))

    def value(self) -> list[str]:
        return [v for v, box in self.boxes.items() if box.isChecked()]

    def set_value(self, value: object) -> None:
        chosen = value if isinstance(value, list) else []
        for v, box in self.boxes.items():
            box.setChecked(v in chosen)


class OffLabelForm(SectionForm):
    """The off-label reasons and rationale, with the drug's labeled indications beside the
    case's diagnosis, so staff see what the label covers while they say what is off-label."""

    def __init__(self, reference: Reference, parent: QWidget | None = None) -> None:
        super().__init__(OffLabel, parent)
        self.label_panel = LabelPanel(reference, self)
        self.layout_.addRow(self.label_panel)
        self.label_check = LabelCheckField(reference, self)

    def show_label_uses(self, case: Any) -> None:
        self.label_panel.show_case(case)
        self.label_check.show_label(self.label_panel.overview)


CAPTION_FITS = 30  # characters: a caption this short fits any pane on one line


def off_label_form(reference: Reference | None = None) -> SectionForm:
    form = OffLabelForm(reference or Reference())
    # Labels above the inputs: the rationale is the heart of the letter and needs the width.
    form.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
    reasons = ReasonChecks()
    form.add("reasons", "What is off-label:", reasons)
    # add() named the first box after the group; each box keeps its own name.
    first = next(iter(reasons.boxes.values()))
    first.setAccessibleName(L.OFF_LABEL_REASON_CHOICES[0][1])
    form.add("rationale", "Rationale:", TextBox(lines=10),
             "Why this drug is the right treatment for this patient")
    form.add("alternatives_considered", "Alternatives considered:", TextBox(lines=5))
    # What manufacturer letter-of-medical-necessity templates ask for (MBPM ch.15 §50.4.5(C)
    # for the trial population), and the answer to a conflicting compendium listing.
    form.add("trial_population_match", "How the patient matches the trial population:",
             TextBox(lines=4), "Age, histology, stage, prior lines, performance status")
    form.add("monitoring_plan", "Monitoring and response plan:", TextBox(lines=4),
             "Tests and scans, how often, and when treatment stops")
    form.add("conflict_explanation", "Why an unfavorable compendium listing does not apply:",
             TextBox(lines=4), "Newer evidence, a different line of therapy or population")
    _add_label_check(form)
    # The captions sit above their inputs and may wrap: the longest one otherwise set the
    # form's width, wider than the pane, and cut off the label panel's text at the right.
    for row in range(form.layout_.rowCount()):
        item = form.layout_.itemAt(row, QFormLayout.ItemRole.LabelRole)
        caption = item.widget() if item is not None else None
        # forms.Caption: it wraps only when the pane is narrower than its text.
        if isinstance(caption, QLabel) and len(caption.text()) > CAPTION_FITS:
            caption.setWordWrap(True)
    return form


def _add_label_check(form: OffLabelForm) -> None:
    """The label check: shown right under the label panel, as it is about the facts listed
    there, but last among the fields and in the tab order, so that Alt+O still lands in the
    reasons and Tab through a usual request does not stop on its buttons."""
    check = form.label_check
    form.add("label_check", "Label check:", check)
    check.record.setAccessibleName("Record my check of the label")
    taken = form.layout_.takeRow(form.layout_.rowCount() - 1)
    form.layout_.insertRow(1, taken.labelItem.widget(), check)
    check.row_wanted = lambda shown: form.layout_.setRowVisible(check, shown)
    check.refresh()
    previous = input_of(form.fields["conflict_explanation"])
    for button in (check.record, check.open_label, check.clear):
        QWidget.setTabOrder(previous, button)
        previous = button


def denial_form() -> SectionForm:
    form = SectionForm(Denial)
    note = QLabel("Fill in for an appeal; leave empty for a pre-authorization request. To "
                  "read the values from the denial letter itself, use Read denial letter… "
                  "(Ctrl+Shift+R).", form)
    note.setWordWrap(True)
    note.setTextFormat(Qt.TextFormat.PlainText)
    form.layout_.addRow(note)
    form.add("date", "Denial date:", DateField())
    form.add("reference_number", "Claim or authorization number:", TextLine())
    form.add("reason", "Denial reason (verbatim):", TextBox(lines=6))
    form.add("level", "Appeal level:", ChoiceBox(list(L.APPEAL_LEVEL_CHOICES)))
    form.add("amount_in_controversy", "Amount in controversy ($):", NumberLine())
    form.add("reasons", "Stated reasons:", ReasonsField(),
             "Each reason the denial states, answered one by one in the appeal")
    form.add("criteria_cited", "Criteria cited:", ListLine(),
             "Policies or guidelines the denial cites, separated by semicolons")
    form.add("stated_deadline", "Appeal by (as the letter states):", DateField())
    form.add("late_reason", "Why it is filed late:", TextBox(lines=3),
             "Only for an appeal past its deadline: the good cause (a hospital stay, a notice "
             "received late), which the letter gives when it asks to accept the appeal late")
    return form
