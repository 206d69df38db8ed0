"""A complete fictional case, and helpers to break one field of it, for the identifier tests."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from desktop_app.domain.case import Case
from desktop_app.domain.casefile import parse_case
from desktop_app.domain.findings import Finding
from desktop_app.rules.engine import RuleContext, RuleFunction

DELETE = object()  # a change that removes the key, as if the user never typed it

HOSTILE = [
    "<b>&amp;</b>",
    "{{7*7}}",
    "{% if true %}x{% endif %}",
    "<script>alert(1)</script>",
    "x" * 20_000,
    "🧬💊🩺",
    "مرحبا بالعالم",
    "\u202eevil",
    "Nguyễn Thị Minh Khai",
    "line one\nline two\ttab",
    "'; DROP TABLE cases; --",
]

FULL_CASE: dict[str, Any] = {
    "format": "pa-letter-case/1",
    "letter": {"kind": "preauth", "date": "2026-11-24"},
    "payer": {
        "name": "Fictional Medicare Contractor",
        "plan_type": "medicare_part_b",
        "member_id": "1EG4TE5MK73",
        "fax": "(206) 555-0199",
    },
    "patient": {"name": "Test Patient", "dob": "1951-03-14", "mbi": "1EG4-TE5-MK73"},
    "prescriber": {"name": "Dr. Example", "npi": "1234567893"},
    "diagnosis": {"icd10": "C49.22", "diagnosed_on": "2025-06-02"},
    "drug": {
        "generic_name": "gemcitabine",
        "hcpcs": "J9201",
        "ndc": "0409-0185-01",
        "dose": {"amount": 900, "unit": "mg/m2"},
        "route": "intravenous",
        "frequency": "days 1 and 8 of each 21-day cycle",
    },
    "off_label": {"reasons": ["indication"], "rationale": "Fictional rationale."},
    "prior_therapies": [
        {
            "regimen": "Regimen A",
            "started": "2025-07-01",
            "ended": "2025-11-10",
            "reason_stopped": "Progression",
        },
        {"regimen": "Regimen B", "reason_stopped": "Toxicity"},
    ],
    "evidence": [
        {"type": "compendium", "compendium": "NCCN", "version": "v2.2026", "rating": "2A"},
        {
            "type": "article",
            "title": "A fictional trial",
            "journal": "J Clin Oncol",
            "year": 2007,
            "pmid": "17602081",
            "doi": "10.1200/JCO.2006.10.4117",
            "design": "randomized",
        },
        {"type": "trial", "nct": "NCT00142571"},
        {"type": "guideline", "title": "A fictional guideline", "issuer": "Fictional Society"},
    ],
    "attachments": [{"title": "CT report", "path": "attachments/ct.pdf"}],
}

DENIAL: dict[str, Any] = {
    "date": "2026-11-01",
    "reference_number": "AUTH-0001",
    "reason": "Experimental use.",
    "level": "first",
}


def case_data(changes: dict[str, Any] | None = None) -> dict[str, Any]:
    """FULL_CASE with `changes` applied: {"drug.ndc": "x", "evidence.1.pmid": DELETE}."""
    data = copy.deepcopy(FULL_CASE)
    for path, value in (changes or {}).items():
        *parents, last = path.split(".")
        node: Any = data
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
        key: Any = int(last) if isinstance(node, list) else last
        if value is DELETE:
            del node[key]
        else:
            node[key] = copy.deepcopy(value)
    return data


def make_case(changes: dict[str, Any] | None = None) -> Case:
    # Built as the form builds a case: no length limits (the checker reports them instead).
    return parse_case(case_data(changes), lenient=True)


def run(
    function: RuleFunction,
    case: Case,
    *,
    required_fields: Iterable[str] = (),
    rule_sets: Iterable[str] | None = None,
) -> list[Finding]:
    """Call one rule function directly, as the engine would."""
    context = RuleContext(case=case, required_fields=tuple(required_fields))
    if rule_sets is not None:
        context = RuleContext(case, tuple(required_fields), frozenset(rule_sets))
    return list(function(context))


def found(findings: Iterable[Finding]) -> set[tuple[str, str | None]]:
    return {(f.code, f.field) for f in findings}
