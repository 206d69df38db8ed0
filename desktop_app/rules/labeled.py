"""Labelled-use rule: an "off-label" indication that the drug catalog lists as labelled.

The catalog (knowledge/data/drug_catalog.json, DOMAIN.md §7b) is reference data as widely
published: the finding asks staff to check the label, it never decides for them.
"""

from __future__ import annotations

from collections.abc import Iterator

from desktop_app.domain.findings import Finding, Severity
from desktop_app.knowledge.drug_catalog import find_drug
from desktop_app.rules.engine import RuleContext, rule


@rule(
    "offlabel.labeled_use",
    rule_set="offlabel",
    source="FDA labels as listed in the drug catalog (DOMAIN.md §7b); verify on DailyMed",
    checks="When the off-label reason is the indication, the diagnosis is not among the drug's "
    "labelled indications in the drug catalog.",
)
def check_labelled_indication(context: RuleContext) -> Iterator[Finding]:
    case = context.case
    reasons = getattr(case.off_label, "reasons", None)
    if not isinstance(reasons, list | tuple) or "indication" not in reasons:
        return
    drug = find_drug(getattr(case.drug, "generic_name", None)) or find_drug(
        getattr(case.drug, "brand_name", None)
    )
    if drug is None:
        return
    indication = drug.labelled_indication_for(getattr(case.diagnosis, "icd10", None))
    if indication is None:
        return
    yield Finding(
        "offlabel.labeled_use",
        Severity.WARNING,
        "off_label.reasons",
        f"The drug catalog lists {indication.cancer} ({indication.codes_text()}) among "
        f"{drug.generic_name}'s labelled indications, yet the request calls the indication "
        "off-label. Check the current FDA label: if this use is on it, remove 'indication' from "
        "the off-label reasons; if it differs (line of therapy, biomarker, combination), say how "
        "in the rationale.",
    )
