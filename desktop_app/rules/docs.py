"""The rule reference (docs/rules.md), generated from the rule registry so it cannot drift."""

from __future__ import annotations

from collections.abc import Iterable

from desktop_app.rules.engine import RULE_SETS, Rule, all_rules

# The registry records codes but not severities; these follow spec/case-format.md, plus the
# codes this product adds. A code missing here is listed as "varies".
SEVERITIES: dict[str, str] = {
    "required.missing": "error",
    "npi.invalid": "error",
    "mbi.invalid": "error",
    "icd10.invalid": "error",
    "icd10.unknown": "error",
    "icd10.not_billable": "warning",
    "icd10.not_malignant": "warning",
    "hcpcs.invalid": "error",
    "hcpcs.unlisted_needs_ndc": "error",
    "hcpcs.not_for_product": "warning",
    "ndc.invalid": "error",
    "ndc.ambiguous": "error",
    "pmid.invalid": "error",
    "doi.invalid": "error",
    "nct.invalid": "error",
    "dose.invalid": "error",
    "date.order": "error",
    "offlabel.reason_missing": "error",
    "offlabel.rationale_missing": "error",
    "offlabel.labeled_use": "warning",
    "offlabel.reason_mismatch": "warning",
    "offlabel.label_question": "warning",
    "offlabel.label_unverified": "warning",
    "offlabel.label_checked": "info",
    "offlabel.catalog_unreadable": "warning",
    "evidence.missing": "error",
    "evidence.none_supportive": "error",
    "evidence.nccn_2b": "warning",
    "evidence.not_supportive": "warning",
    "evidence.not_indicated": "error",
    "evidence.journal_not_recognized": "warning",
    "evidence.case_report": "warning",
    "evidence.reference_incomplete": "warning",
    "evidence.too_few_articles": "error",
    "evidence.rating_unknown": "warning",
    "appeal.denial_missing": "error",
    "appeal.deadline_near": "warning",
    "appeal.deadline_passed": "error",
    "appeal.filed_late": "warning",
    "appeal.level_unknown": "warning",
    "appeal.reason_unanswered": "warning",
    "appeal.reasons_not_split": "info",
    "appeal.stated_deadline_earlier": "warning",
    "appeal.stated_deadline_passed": "warning",
    "expedited.statement_missing": "error",
    "state.mandate_not_applicable": "info",
    "state.oncologist_required": "warning",
    "text.unprintable": "warning",
    "text.right_to_left": "warning",
    "practice.unsafe_characters": "error",
    "practice.unprintable": "warning",
    "practice.right_to_left": "warning",
    "evidence.conflicting_listing": "error",
    "evidence.part_d_compendia_only": "warning",
    "coverage.not_anticancer": "info",
    "coverage.use_unclear": "warning",
    "benefit.part_b_oral_anticancer": "warning",
    "benefit.not_part_b": "warning",
    "medicare.abn_reminder": "info",
    "appeal.deadline_unverified": "info",
    "decision.timeframe_unverified": "info",
    "state.law_not_met": "warning",
    "state.law_unverified": "info",
    "text.hidden_characters": "error",
    "text.too_long": "error",
    "number.not_finite": "error",
    "date.out_of_range": "error",
}

HEADER = """\
# Rules

What `pa-letter check` and the live checklist test, and why. Generated from the rule registry
by `desktop_app.rules.docs.rules_markdown()`; do not edit by hand. Rule sets: `core` always
runs; a template names the others it needs.
"""


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def rules_markdown(rules: Iterable[Rule] | None = None) -> str:
    """Markdown listing every rule: code, severity, rule set, what it checks and its source."""
    chosen = list(all_rules() if rules is None else rules)
    lines = [HEADER]
    for rule_set in RULE_SETS:
        in_set = [r for r in chosen if r.rule_set == rule_set]
        if not in_set:
            continue
        lines += [f"## Rule set `{rule_set}`", ""]
        lines += ["| code | severity | checks | source |", "|---|---|---|---|"]
        for entry in in_set:
            for code in entry.codes:
                severity = SEVERITIES.get(code, "varies")
                lines.append(
                    f"| `{code}` | {severity} | {_cell(entry.checks)} | {_cell(entry.source)} |"
                )
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # regenerate: python -m desktop_app.rules.docs > docs/rules.md
    import sys

    sys.stdout.write(rules_markdown())
