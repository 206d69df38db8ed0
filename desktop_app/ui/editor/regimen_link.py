"""Practice regimens in the editor: picking one adds its evidence to the Evidence section
(and its articles' full texts to Attachments), and "Save as a practice regimen…" keeps the
Regimen and Evidence sections for the next patient on the same regimen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from desktop_app.domain.case_treatment import Drug
from desktop_app.ui.editor.drug_form import DrugForm
from desktop_app.ui.editor.evidence_section import add_evidence
from desktop_app.ui.editor.reference import Reference


class RegimenLink(QObject):
    """Connects the Regimen form's regimen picks and saves to the Evidence section."""

    def __init__(self, drug: DrugForm, evidence: Any, reference: Reference) -> None:
        super().__init__(drug)
        self._drug, self._evidence, self._reference = drug, evidence, reference
        self.ask_name = self._ask_name  # tests answer for staff
        drug.regimen_chosen.connect(self._add_evidence)
        drug.save_requested.connect(self.save)

    def _attached(self) -> list[Any]:
        rows = getattr(self._evidence, "attachments", None)
        return list(rows.items()) if rows is not None else []

    def _add_evidence(self, regimen: object) -> None:
        items = self._reference.regimen_evidence_to_add(regimen, self._evidence.items())
        files = self._reference.regimen_full_texts_to_add(regimen, self._attached())
        add_evidence(self._evidence, items, files)
        count = len(items)
        name = getattr(regimen, "name", "")
        added = (f"; {count} evidence item{'s' if count != 1 else ''} added under Evidence"
                 if count else "")
        if files:
            added += (f"; {len(files)} full text{'s' if len(files) != 1 else ''} under "
                      "Attachments")
        self._drug.saved_note.setText(f"Filled from the practice regimen “{name}”{added}.")

    def save(self) -> None:
        drug = self._drug.read()
        if not isinstance(drug, Drug) or not drug.generic_name.strip():
            self._drug.saved_note.setText("Type the drug first, then save the regimen.")
            return
        partners = [c for c in drug.combination_with or [] if c.strip()]
        suggested = " + ".join([drug.generic_name.strip(), *(p.split()[0] for p in partners)])
        name = self.ask_name(suggested)
        if not name.strip():
            return
        # read() builds without validation; the service validates what it keeps.
        problem = self._reference.save_regimen(name, drug, list(self._evidence.items()),
                                               self._attached())
        evidence = len(self._evidence.items())
        texts = len(self._reference.regimen_full_texts_of(list(self._evidence.items()),
                                                          self._attached()))
        with_texts = f" and {texts} full text{'s' if texts != 1 else ''}" if texts else ""
        self._drug.saved_note.setText(
            f"Not saved: {problem}." if problem else
            f"Saved as “{' '.join(name.split())}” with {evidence} evidence "
            f"item{'s' if evidence != 1 else ''}{with_texts}; type its name in Generic name "
            "next time.")

    def _ask_name(self, suggested: str) -> str:
        parent = self._drug.window()
        text, ok = QInputDialog.getText(
            parent if isinstance(parent, QWidget) else None, "Save as a practice regimen",
            "Name (add the cancer it is for, e.g. “gemcitabine + docetaxel, sarcoma”):",
            QLineEdit.EchoMode.Normal, suggested)
        return text if ok else ""
