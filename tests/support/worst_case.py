"""The largest case the format allows: every list full and every text at its limit.

Fictional, in realistic words (a letter of 80,000 words, not one key held down), so its
rendering time is what a practice that pushes every limit would see. Used by
bench/bench_worst_case.py and by the tests that every limit is accepted and renders.
"""

from __future__ import annotations

import itertools
from typing import Any

from pydantic import BaseModel

from desktop_app.domain.bounds import LINE_CHARS, NAME_CHARS, limit_of
from desktop_app.domain.case import FORMAT_ID, Case, Letter
from desktop_app.domain.case_denial import Denial, DenialReason
from desktop_app.domain.case_evidence import (
    ArticleEvidence,
    Attachment,
    CompendiumEvidence,
    GuidelineEvidence,
    TrialEvidence,
)
from desktop_app.domain.case_parties import Patient, Payer, Prescriber
from desktop_app.domain.case_records import Approval, CallLogEntry
from desktop_app.domain.case_treatment import Diagnosis, Drug, OffLabel, PriorTherapy

SENTENCE = (
    "patient tolerated prior platinum doublet with stable disease before progression at "
    "restaging the tumor board recommends therapy given biomarker results and published "
    "response rates in comparable populations with manageable toxicity"
)
WORDS = SENTENCE.split(" ")


def text(length: int, seed: int = 0) -> str:
    """Realistic words, exactly `length` characters."""
    words = itertools.cycle(WORDS[seed % len(WORDS):] + WORDS[: seed % len(WORDS)])
    out: list[str] = []
    size = 0
    while size < length:
        word = next(words)
        out.append(word)
        size += len(word) + 1
    return " ".join(out)[:length].rstrip().ljust(length, "x")


def _full(section: type[BaseModel], data: dict[str, Any], seed: int = 0) -> dict[str, Any]:
    """`data` with every text field of `section` not given filled to its limit."""
    for name in section.model_fields:
        limit = limit_of(section, name)
        if name not in data and limit is not None:
            data[name] = text(limit, seed + len(name))
    return data


def _list(section: type[BaseModel], name: str, item: Any) -> list[Any]:
    limit = limit_of(section, name)
    assert limit is not None
    return [item(i) for i in range(limit)]


def _strings(section: type[BaseModel], name: str, item_limit: int) -> list[str]:
    return _list(section, name, lambda i: text(item_limit, i))


def _evidence(i: int) -> dict[str, Any]:
    kind = ("compendium", "article", "trial", "guideline")[i % 4]
    if kind == "compendium":
        return _full(CompendiumEvidence, {
            "type": kind, "compendium": "NCCN", "rating": "2A"}, i)
    if kind == "article":
        return _full(ArticleEvidence, {
            "type": kind, "year": 2020, "design": "randomized", "pmid": "17602081",
            "doi": "10.1056/NEJMoa0000000",
            "authors": _strings(ArticleEvidence, "authors", NAME_CHARS),
            "publication_types": _strings(
                ArticleEvidence, "publication_types", LINE_CHARS)}, i)
    if kind == "trial":
        return _full(TrialEvidence, {"type": kind, "nct": "NCT01234567"}, i)
    return _full(GuidelineEvidence, {"type": kind}, i)


def worst_case_data(kind: str = "appeal") -> dict[str, Any]:
    """Format-1 case data at every limit (a JSON-ready dict)."""
    return {
        "format": FORMAT_ID,
        "letter": _full(Letter, {
            "kind": kind, "date": "2026-11-24", "expedited": True,
            "sent_at": "2026-11-24T16:05:00"}),
        "payer": _full(Payer, {"plan_type": "commercial_fully_insured", "state": "ME"}),
        "patient": _full(Patient, {"dob": "1958-04-02"}),
        "prescriber": _full(Prescriber, {"npi": "1234567893"}),
        "diagnosis": _full(Diagnosis, {
            "icd10": "C34.90", "ecog": 1, "diagnosed_on": "2024-01-15",
            "biomarkers": _strings(Diagnosis, "biomarkers", LINE_CHARS),
            "secondary_icd10": _list(Diagnosis, "secondary_icd10", lambda i: "C78.7")}),
        "drug": _full(Drug, {
            "hcpcs": "J9271", "ndc": "0006-3026-02", "cycles": 6, "start_date": "2026-12-01",
            "dose": {"amount": 200.0, "unit": "mg"},
            "combination_with": _strings(Drug, "combination_with", NAME_CHARS)}),
        "off_label": _full(OffLabel, {"reasons": ["indication", "dose", "route"]}),
        "prior_therapies": _list(Case, "prior_therapies", lambda i: _full(
            PriorTherapy, {"started": "2024-02-01", "ended": "2024-08-01"}, i)),
        "evidence": _list(Case, "evidence", _evidence),
        "denial": _full(Denial, {
            "date": "2026-11-01", "level": "first", "amount_in_controversy": 123456.78,
            "stated_deadline": "2026-12-31",
            "reasons": _list(Denial, "reasons", lambda i: _full(
                DenialReason, {"category": "experimental"}, i)),
            "criteria_cited": _strings(Denial, "criteria_cited", LINE_CHARS)}),
        "attachments": _list(Case, "attachments", lambda i: _full(
            Attachment, {"path": f"/records/scan-{i}.pdf"}, i)),
        "call_log": _list(Case, "call_log", lambda i: _full(
            CallLogEntry, {"at": "2026-11-14T10:30:00"}, i)),
        "approval": _full(Approval, {
            "start": "2026-12-01", "end": "2027-05-31", "approved_on": "2026-11-30"}),
    }
