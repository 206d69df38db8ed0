"""Imported articles under the checklist: CMS list matched by JT or TA, case reports flagged."""

from __future__ import annotations

from pathlib import Path

from desktop_app.citations.mapping import to_evidence
from desktop_app.citations.medline import parse_medline
from desktop_app.domain.case import Case
from desktop_app.domain.casefile import load_case
from desktop_app.domain.findings import Severity
from desktop_app.services.check import check_case
from tests.unit.citations.fixtures import text


def _medicare_case_citing(examples_dir: Path, name: str) -> Case:
    case = load_case(examples_dir / "medicare-part-b-preauth.json")
    items = [to_evidence(r) for r in parse_medline(text(name))]
    return case.model_copy(update={"evidence": items})


def _codes(case: Case) -> dict[str, list[str | None]]:
    found: dict[str, list[str | None]] = {}
    for finding in check_case(case).findings:
        found.setdefault(finding.code, []).append(finding.field)
    return found


def test_an_rct_matches_the_cms_list_by_its_nlm_abbreviation(examples_dir: Path) -> None:
    case = _medicare_case_citing(examples_dir, "pubmed-maki-2007.nbib")
    # MEDLINE's JT carries a subtitle that the CMS list does not: only TA matches.
    assert case.evidence[0].journal.endswith("American Society of Clinical Oncology")
    codes = _codes(case)
    assert "evidence.journal_not_recognized" not in codes
    assert "evidence.none_supportive" not in codes
    without_ta = case.model_copy(update={"evidence": [
        case.evidence[0].model_copy(update={"journal_abbreviation": None})]})
    assert "evidence.journal_not_recognized" in _codes(without_ta)


def test_an_imported_case_report_is_flagged_and_never_support(examples_dir: Path) -> None:
    codes = _codes(_medicare_case_citing(examples_dir, "pubmed-porter-2011.nbib"))
    assert codes["evidence.case_report"] == ["evidence.0.design"]
    assert "evidence.none_supportive" in codes  # a case report in NEJM is still no support


def test_a_design_read_from_pt_asks_staff_to_confirm_it(examples_dir: Path) -> None:
    case = _medicare_case_citing(examples_dir, "pubmed-maki-2007.nbib")
    findings = [f for f in check_case(case).findings
                if f.code == "evidence.design_from_publication_type"]
    assert [(f.severity, f.field) for f in findings] == [(Severity.INFO, "evidence.0.design")]
    assert "read from PubMed's publication type" in findings[0].message
    chosen = case.model_copy(update={"evidence": [
        case.evidence[0].model_copy(update={"design_source": "staff"})]})
    assert "evidence.design_from_publication_type" not in _codes(chosen)
