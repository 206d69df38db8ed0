"""Builds fictional cases for the off-label justification tests (no real patient data)."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from desktop_app.domain.case import Case
from desktop_app.domain.findings import Finding
from desktop_app.rules.engine import RuleContext

LETTER_DATE = dt.date(2026, 3, 2)

BASE: dict[str, Any] = {
    "letter": {"kind": "preauth", "date": LETTER_DATE},
    "payer": {"name": "Fictional Health Plan", "plan_type": "medicare_part_b", "member_id": "X1"},
    "patient": {"name": "Test Patient", "dob": dt.date(1950, 1, 1), "mbi": "1EG4TE5MK73"},
    "prescriber": {"name": "Dr. Example", "npi": "1234567893", "specialty": "Medical Oncology"},
    "diagnosis": {"icd10": "C25.9", "description": "pancreatic adenocarcinoma"},
    "drug": {
        "generic_name": "bevacizumab",
        "hcpcs": "J9035",
        "dose": {"amount": 10, "unit": "mg/kg"},
        "route": "IV",
        "frequency": "every 2 weeks",
    },
    "off_label": {"reasons": ["indication"], "rationale": "No labelled option remains."},
    "evidence": [],
}

NCCN_1 = {"type": "compendium", "compendium": "NCCN", "version": "v2.2026", "rating": "1"}
NEJM_RCT = {
    "type": "article",
    "title": "A fictional randomized trial",
    "journal": "N Engl J Med",
    "year": 2024,
    "pmid": "12345678",
    "design": "randomized",
}


def compendium(name: str, rating: str, version: str | None = "2026") -> dict[str, Any]:
    return {"type": "compendium", "compendium": name, "version": version, "rating": rating}


def article(journal: str, design: str | None = "randomized", **extra: Any) -> dict[str, Any]:
    return {
        "type": "article",
        "title": "A fictional study",
        "journal": journal,
        "year": 2024,
        "pmid": "12345678",
        "design": design,
        **extra,
    }


def make_case(
    *,
    plan_type: str | None = "medicare_part_b",
    evidence: Iterable[dict[str, Any]] = (),
    state: str | None = None,
    **sections: dict[str, Any],
) -> Case:
    """A valid case; keyword sections (e.g. letter={...}) update the base section by section."""
    data = copy.deepcopy(BASE)
    data["payer"]["plan_type"] = plan_type
    if state is not None:
        data["payer"]["state"] = state
    data["evidence"] = [copy.deepcopy(e) for e in evidence]
    for name, values in sections.items():
        if values is None:
            data[name] = None
        elif isinstance(data.get(name), dict):
            data[name].update(values)
        else:
            data[name] = values
    return Case.model_validate(data)


def run(rule_function: Callable[[RuleContext], Iterable[Finding]], case: Case) -> list[Finding]:
    return list(rule_function(RuleContext(case=case)))


def codes(rule_function: Callable[[RuleContext], Iterable[Finding]], case: Case) -> list[str]:
    return [f.code for f in run(rule_function, case)]
