"""Stand-ins and set-up shared by the editor and checklist tests (not a test module)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.domain.case import Case, Letter
from desktop_app.domain.case_denial import Denial
from desktop_app.domain.case_evidence import ArticleEvidence, CompendiumEvidence
from desktop_app.domain.case_parties import Patient, Payer, Prescriber
from desktop_app.domain.case_treatment import Diagnosis, Dose, Drug, OffLabel, PriorTherapy
from desktop_app.domain.findings import Finding, Severity
from desktop_app.domain.identifiers import is_valid_npi
from desktop_app.knowledge.icd10 import IcdEntry
from desktop_app.ui.editor import CaseEditor

ICD_CODES = [
    IcdEntry("C34.9", "Malignant neoplasm of unspecified part of bronchus or lung", False),
    IcdEntry("C34.90", "Malignant neoplasm of unspecified part of unspecified bronchus or lung",
             True),
    IcdEntry("C49.22", "Malignant neoplasm of connective and soft tissue of left lower limb, "
             "including hip", True),
]


@dataclass
class FakeReference:
    """services.reference with a handful of entries, so tests need no 2 s ICD index build."""

    def search_icd10(self, text: str, limit: int = 20) -> list[IcdEntry]:
        text = text.lower()
        return [e for e in ICD_CODES if text in e.code.lower() or text in e.description.lower()]

    def search_drugs(self, text: str, limit: int = 20) -> list[Any]:
        drugs = [SimpleNamespace(generic_name="pemetrexed", brand_names=("Alimta", "Pemfexy"),
                                 hcpcs="J9305")]
        return [d for d in drugs if d.generic_name.startswith(text.lower())]

    def prescriber_directory(self) -> list[Any]:
        return [SimpleNamespace(name="Maya R. Okafor", credentials="MD", npi="1234567893",
                                tax_id="93-1234567", specialty="Medical Oncology",
                                phone="(541) 555-0100", fax="(541) 555-0199",
                                email="pa@clinic.example")]

    def letter_templates(self) -> list[tuple[str, str, str]]:
        return [("offlabel-preauth", "Off-label prior authorization request", "preauth"),
                ("harbor-preauth", "Harbor Oncology request", "preauth"),
                ("offlabel-appeal", "Appeal of a denied off-label oncology drug", "appeal")]

    def payer_choices(self, text: str, limit: int = 20) -> list[tuple[str, object]]:
        from desktop_app.services import reference

        return reference.payer_choices(text, limit)

    def payer_fill(self, entry: object, letter_kind: str | None) -> dict[str, object]:
        from desktop_app.services import reference

        return reference.payer_fill(entry, letter_kind)

    def payer_differences(self, payer: object, letter_kind: str | None) -> Any:
        from desktop_app.services import reference

        return reference.payer_differences(payer, letter_kind)

    def update_payer_directory(self, payer: object, letter_kind: str | None) -> None:
        from desktop_app.services import reference

        reference.update_payer_directory(payer, letter_kind)

    def journal_titles(self) -> list[str]:
        return ["Journal of Clinical Oncology", "The Lancet Oncology", "Blood"]


def fake_check(case: Case, template: str | None = None) -> SimpleNamespace:
    """A small checker with the real finding codes, standing in for services.check."""
    findings = []
    if not case.patient.name:
        findings.append(Finding("required.missing", Severity.ERROR, "patient.name",
                                "Patient name is missing"))
    if case.prescriber.npi and not is_valid_npi(case.prescriber.npi):
        findings.append(Finding("npi.invalid", Severity.ERROR, "prescriber.npi",
                                "The NPI is not valid (10 digits with a check digit)"))
    if not case.evidence:
        findings.append(Finding("evidence.missing", Severity.ERROR, "evidence",
                                "No evidence cited"))
    for index, item in enumerate(case.evidence):
        if isinstance(item, ArticleEvidence) and not item.journal:
            findings.append(Finding("required.missing", Severity.ERROR,
                                    f"evidence.{index}.journal", "The journal is missing"))
    return SimpleNamespace(findings=findings)


def full_case() -> Case:
    """A complete fictional case touching every section."""
    return Case(
        letter=Letter(kind="appeal", date=dt.date(2026, 11, 24), expedited=True,
                      urgency_statement="Waiting risks progression."),
        payer=Payer(name="Example Health", plan_type="commercial_fully_insured", state="MA",
                    member_id="XH123", group_number="G-7", fax="(617) 555-0101"),
        patient=Patient(name="José Nguyễn", dob=dt.date(1961, 5, 2), sex="male",
                        address="1 Main St\nBoston, MA"),
        prescriber=Prescriber(name="Li Wei", credentials="MD", npi="1234567893"),
        diagnosis=Diagnosis(icd10="C34.90", description="Lung cancer", biomarkers=["KRAS G12C"],
                            diagnosed_on=dt.date(2025, 1, 3), ecog=0),
        drug=Drug(generic_name="pemetrexed", hcpcs="J9305", dose=Dose(amount=500.0, unit="mg/m²"),
                  route="intravenous", frequency="every 21 days", cycles=4,
                  combination_with=["carboplatin"], start_date=dt.date(2026, 12, 1)),
        off_label=OffLabel(reasons=["indication", "dose"], rationale="Best option."),
        prior_therapies=[PriorTherapy(regimen="FOLFOX", started=dt.date(2025, 2, 1),
                                      ended=dt.date(2025, 8, 1), best_response="stable disease",
                                      reason_stopped="disease progression")],
        evidence=[
            CompendiumEvidence(compendium="NCCN", version="v2.2026", rating="2A", listing="x"),
            ArticleEvidence(title="A trial", authors=["Doe J", "Roe R"], journal="Blood",
                            year=2020, pmid="12345678", design="randomized"),
        ],
        denial=Denial(date=dt.date(2026, 11, 1), reference_number="CLM-1", reason="Experimental",
                      level="first", amount_in_controversy=1200.5),
    )


def make_editor(qtbot: QtBot, case: Case | None = None) -> CaseEditor:
    """A shown, active editor (shortcuts and focus need an active window)."""
    editor = CaseEditor(reference=FakeReference())
    qtbot.addWidget(editor)
    if case is not None:
        editor.set_case(case)
    editor.resize(1000, 700)
    show_active(qtbot, editor)
    return editor


def show_active(qtbot: QtBot, window: QWidget) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def focused() -> QWidget | None:
    return QApplication.focusWidget()
