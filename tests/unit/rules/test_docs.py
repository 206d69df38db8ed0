"""docs/rules.md is generated from the registry and must stay equal to it."""

from __future__ import annotations

from pathlib import Path

from desktop_app.rules.docs import SEVERITIES, rules_markdown
from desktop_app.rules.engine import Rule, all_rules

ROOT = Path(__file__).resolve().parents[3]
SPEC_CODES = {
    "required.missing", "npi.invalid", "mbi.invalid", "icd10.invalid", "icd10.unknown",
    "icd10.not_billable", "icd10.not_malignant", "hcpcs.invalid", "hcpcs.unlisted_needs_ndc",
    "ndc.invalid", "ndc.ambiguous", "pmid.invalid", "doi.invalid", "nct.invalid", "dose.invalid",
    "date.order", "offlabel.reason_missing", "offlabel.rationale_missing", "offlabel.labeled_use",
    "evidence.missing", "evidence.none_supportive", "evidence.nccn_2b", "evidence.not_supportive",
    "evidence.not_indicated", "evidence.journal_not_recognized", "evidence.case_report",
    "evidence.reference_incomplete", "evidence.too_few_articles", "appeal.denial_missing",
    "appeal.deadline_near", "appeal.deadline_passed", "expedited.statement_missing",
    "state.mandate_not_applicable",
}  # fmt: skip


def test_committed_rules_doc_matches_the_registry() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), (
        "docs/rules.md is stale: run `python -m desktop_app.rules.docs > docs/rules.md`"
    )


def test_every_registered_code_is_listed_with_its_severity() -> None:
    text = rules_markdown()
    for entry in all_rules():
        for code in entry.codes:
            assert f"| `{code}` | {SEVERITIES.get(code, 'varies')} |" in text


def test_spec_severities_are_kept() -> None:
    assert set(SEVERITIES) >= SPEC_CODES
    assert SEVERITIES["evidence.nccn_2b"] == "warning"
    assert SEVERITIES["evidence.not_indicated"] == "error"
    assert SEVERITIES["state.mandate_not_applicable"] == "info"


def test_table_cells_cannot_break_the_table() -> None:
    odd = Rule("x.y", ("x.odd",), "core", "checks a | b\nacross lines", "src | here", lambda c: [])
    text = rules_markdown([odd])
    assert "| `x.odd` | varies | checks a \\| b across lines | src \\| here |" in text
    assert "## Rule set `core`" in text
