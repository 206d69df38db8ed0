"""The list sections: evidence (four kinds of item), prior therapies and attachments."""

from __future__ import annotations

from pydantic import BaseModel
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_app.domain.case_evidence import (
    ArticleEvidence,
    Attachment,
    CompendiumEvidence,
    GuidelineEvidence,
    TrialEvidence,
)
from desktop_app.domain.case_treatment import PriorTherapy
from desktop_app.ui.editor import labels as L
from desktop_app.ui.editor.completers import static_completer
from desktop_app.ui.editor.dates import DateField
from desktop_app.ui.editor.dropdowns import ChoiceBox, SuggestBox
from desktop_app.ui.editor.evidence_section import EvidenceEditor
from desktop_app.ui.editor.forms import SectionForm
from desktop_app.ui.editor.reference import Reference
from desktop_app.ui.editor.row_kinds import RowKind
from desktop_app.ui.editor.rows import RowListEditor
from desktop_app.ui.editor.widgets import NumberLine, TextBox, TextLine, UpperLine

RESPONSES = ("complete response", "partial response", "stable disease", "progressive disease")
STOP_REASONS = ("disease progression", "toxicity", "completed planned course")


class CompendiumForm(SectionForm):
    """A compendium listing; the rating list follows the chosen compendium's own scale."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(CompendiumEvidence, parent)
        self.compendium = ChoiceBox(list(L.COMPENDIUM_CHOICES))
        self.add("compendium", "Compendium:", self.compendium)
        self.add("version", "Version or date:", TextLine())
        self.rating = SuggestBox(L.rating_scale(None))
        self.add("rating", "Rating:", self.rating,
                 "The compendium's own category, e.g. NCCN 2A or DrugDex IIa")
        self.add("listing", "Listing text:", TextBox(lines=4))
        self.compendium.edited.connect(self._follow_scale)

    def _follow_scale(self) -> None:
        value = self.compendium.value()
        self.rating.set_suggestions(L.rating_scale(value if isinstance(value, str) else None))


class ArticleForm(SectionForm):
    """An article; says when its design was read from PubMed's publication types."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(ArticleEvidence, parent)
        self.design_note = QLabel(self)
        self.design_note.setWordWrap(True)
        self.design_note.setTextFormat(Qt.TextFormat.PlainText)
        self.design_note.setAccessibleName("Where the study design came from")

    def write(self, model: BaseModel | None) -> None:
        super().write(model)
        types = getattr(model, "publication_types", None) or []
        if getattr(model, "design_source", None) == "publication-type":
            listed = "; ".join(types)
            self.design_note.setText(
                f"Design read from PubMed's publication type ({listed}). Check it against the "
                "article and change it if it is wrong.")
        elif types:
            self.design_note.setText(f"PubMed's publication types: {'; '.join(types)}.")
        else:
            self.design_note.setText("")
        self.design_note.setVisible(bool(self.design_note.text()))


def _design_chosen(old: BaseModel, new: BaseModel) -> BaseModel:
    """A design staff pick is theirs: it is no longer "read from the publication type"."""
    before, after = getattr(old, "design", None), getattr(new, "design", None)
    if before == after:
        return new
    return new.model_copy(update={"design_source": "staff" if after else None})


def article_form(reference: Reference) -> SectionForm:
    form = ArticleForm()
    form.add("title", "Title:", TextLine())
    form.add("authors", "Authors:", TextBox(as_list=True, lines=4),
             "One author per line, or separated by semicolons")
    journal = TextLine()
    titles = reference.journal_titles()
    if titles:
        static_completer(journal, titles)
    form.add("journal", "Journal:", journal)
    form.add("year", "Year:", NumberLine(whole=True))
    form.add("volume", "Volume:", TextLine())
    form.add("issue", "Issue:", TextLine())
    form.add("pages", "Pages:", TextLine())
    form.add("pmid", "PMID:", TextLine(), "PubMed ID: digits only")
    form.add("doi", "DOI:", TextLine(), "e.g. 10.1056/NEJMoa1501824")
    form.add("design", "Study design:", ChoiceBox(list(L.STUDY_DESIGN_CHOICES)))
    form.layout_.addRow("", form.design_note)
    # After the fields staff type, so the Tab order they know stays as it was.
    form.add("journal_abbreviation", "NLM abbreviation:", TextLine(),
             "The journal's abbreviation in PubMed (TA), e.g. J Clin Oncol; references print it")
    form.add("pmcid", "PMCID:", UpperLine(), "PubMed Central ID, e.g. PMC3549297")
    return form


def trial_form() -> SectionForm:
    form = SectionForm(TrialEvidence)
    form.add("nct", "NCT number:", UpperLine(), "NCT and 8 digits")
    form.add("title", "Title:", TextLine())
    return form


def guideline_form() -> SectionForm:
    form = SectionForm(GuidelineEvidence)
    form.add("title", "Title:", TextLine())
    form.add("issuer", "Issued by:", TextLine())
    form.add("version", "Version:", TextLine())
    return form


def summarize_evidence(item: BaseModel) -> list[str]:
    kind = L.EVIDENCE_TYPE_LABELS.get(str(getattr(item, "type", "")), "")
    if isinstance(item, CompendiumEvidence):
        text = " ".join(p for p in (item.compendium or "", item.rating) if p)
        text += f" — {item.listing}" if item.listing else ""
    elif isinstance(item, ArticleEvidence):
        journal = getattr(item, "journal_abbreviation", None) or item.journal  # MEDLINE: lower case
        title = item.title.strip().rstrip(".")
        text = ". ".join(p for p in (title, journal, str(item.year or "")) if p)
    elif isinstance(item, TrialEvidence):
        text = " ".join(p for p in (item.nct, item.title or "") if p)
    elif isinstance(item, GuidelineEvidence):
        text = item.title + (f" ({item.issuer})" if item.issuer else "")
    else:
        text = ""
    return [kind, text.replace("\n", " ")]


def evidence_editor(reference: Reference) -> RowListEditor:
    kinds = [
        RowKind("compendium", "Compendium listing", CompendiumForm(), CompendiumEvidence, "Alt+1"),
        RowKind("article", "Journal article", article_form(reference), ArticleEvidence, "Alt+2",
                after_edit=_design_chosen),
        RowKind("trial", "Clinical trial", trial_form(), TrialEvidence, "Alt+3"),
        RowKind("guideline", "Guideline", guideline_form(), GuidelineEvidence, "Alt+4"),
    ]
    return EvidenceEditor("Evidence", ["Kind", "Citation"], kinds, summarize_evidence)


def prior_therapy_editor() -> RowListEditor:
    form = SectionForm(PriorTherapy)
    form.add("regimen", "Regimen:", TextLine())
    form.add("started", "Started:", DateField())
    form.add("ended", "Ended:", DateField())
    form.add("best_response", "Best response:", SuggestBox(RESPONSES))
    form.add("reason_stopped", "Reason stopped:", SuggestBox(STOP_REASONS))

    def summarize(item: BaseModel) -> list[str]:
        assert isinstance(item, PriorTherapy)
        return [item.regimen, _date(item.started), _date(item.ended), item.best_response or "",
                item.reason_stopped]

    kind = RowKind("prior_therapy", "Prior therapy", form, PriorTherapy)
    columns = ["Regimen", "Started", "Ended", "Best response", "Reason stopped"]
    return RowListEditor("Prior therapies", columns, [kind], summarize)


class PathField(QWidget):
    """A file path typed or chosen with Browse…"""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = TextLine(self)
        self.browse = QPushButton("Browse…", self)
        self.browse.setAccessibleName("Choose the attachment file")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.browse)
        self.setFocusProxy(self.line)
        self.line.edited.connect(self.edited)
        self.browse.clicked.connect(self._choose)

    def _choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, "Choose the attachment")
        if path:
            self.line.setText(path)
        self.line.setFocus(Qt.FocusReason.OtherFocusReason)

    def value(self) -> str:
        return self.line.value()

    def set_value(self, value: object) -> None:
        self.line.set_value(value)


def attachment_editor() -> RowListEditor:
    form = SectionForm(Attachment)
    form.add("title", "Title:", TextLine())
    form.add("path", "File:", PathField())

    def summarize(item: BaseModel) -> list[str]:
        assert isinstance(item, Attachment)
        return [item.title, item.path]

    kind = RowKind("attachment", "Attachment", form, Attachment)
    return RowListEditor("Attachments", ["Title", "File"], [kind], summarize)


def _date(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else ""
