"""Required fields: one `required.missing` per empty field the format or the template needs.

Paths follow MANDATORY_FIELDS in desktop_app/domain/case.py: dotted names, `[]` for every item
of a list and `[type]` for the evidence items of one type. A field whose emptiness a more
specific rule reports (evidence.missing, offlabel.*, appeal.denial_missing,
expedited.statement_missing) is left to that rule when its rule set runs, so each problem is
reported once.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from desktop_app.domain.case import MANDATORY_FIELDS, Case
from desktop_app.domain.fields import field_names
from desktop_app.domain.findings import Finding, Severity
from desktop_app.domain.identifiers import is_unlisted_hcpcs
from desktop_app.rules.engine import RuleContext, rule

log = logging.getLogger(__name__)

_SEGMENT = re.compile(r"^([a-z_][a-z0-9_]*)(?:\[([a-z-]*)\])?$")

FIELD_LABELS: dict[str, str] = {
    "letter.kind": "The letter type (pre-authorization or appeal)",
    "letter.urgency_statement": "The physician's urgency statement",
    "payer.name": "The payer name",
    "payer.plan_type": "The plan type",
    "payer.member_id": "The member ID",
    "payer.fax": "The payer's fax number",
    "payer.policy_number": "The payer's policy number",
    "patient.name": "The patient's name",
    "patient.dob": "The patient's date of birth",
    "patient.mbi": "The patient's Medicare number (MBI)",
    "prescriber.name": "The prescriber's name",
    "prescriber.npi": "The prescriber's NPI",
    "diagnosis.icd10": "The diagnosis code (ICD-10-CM)",
    "diagnosis.diagnosed_on": "The date of diagnosis",
    "drug.generic_name": "The drug's generic name",
    "drug.hcpcs": "The drug's HCPCS code",
    "drug.ndc": "The drug's NDC",
    "drug.dose.amount": "The dose amount",
    "drug.dose.unit": "The dose unit",
    "drug.route": "The route of administration",
    "drug.frequency": "The dosing schedule",
    "off_label.reasons": "The off-label reason (indication, dose or route)",
    "off_label.rationale": "The clinical rationale",
    "evidence": "The evidence list",
    "prior_therapies": "The list of prior therapies",
    "denial": "The denial",
    "denial.date": "The denial date",
    "denial.reference_number": "The denial's claim or authorization number",
    "denial.reason": "The denial reason",
    "denial.level": "The appeal level",
}

_ITEM_NAMES = {
    "evidence": "Evidence item",
    "prior_therapies": "Prior therapy",
    "attachments": "Attachment",
}
_ITEM_FIELD_NAMES = {
    "compendium": "compendium name",
    "nct": "NCT number",
    "issuer": "issuing organization",
    "reason_stopped": "reason it was stopped",
    "path": "file",
    "pmid": "PMID",
    "doi": "DOI",
}

_WHAT_TO_DO: dict[str, str] = {
    "patient.mbi": "Medicare Part B letters need it: copy the 11 characters from the patient's "
    "Medicare card.",
    "prescriber.npi": "Copy the prescriber's 10-digit NPI from the NPPES registry.",
    "diagnosis.icd10": "Enter the ICD-10-CM code from the chart, for example C34.90.",
    "drug.dose.unit": "Enter the unit, for example mg, mg/m2, mg/kg or AUC.",
    "denial.reason": "Copy the payer's reason word for word from the denial letter.",
    "denial.reference_number": "Copy the claim or authorization number from the denial letter.",
    "payer.fax": "Enter the fax number the payer lists for prior-authorization requests.",
}


def field_label(path: str) -> str:
    """Plain words for a dotted field path: `evidence.2.journal` -> `Evidence item 3: journal`."""
    if path in FIELD_LABELS:
        return FIELD_LABELS[path]
    parts = path.split(".")
    if len(parts) >= 3 and parts[0] in _ITEM_NAMES and parts[1].isdigit():
        name = _ITEM_FIELD_NAMES.get(parts[2], parts[2].replace("_", " "))
        return f"{_ITEM_NAMES[parts[0]]} {int(parts[1]) + 1}: {name}"
    return "The " + " ".join(part.replace("_", " ") for part in parts if not part.isdigit())


def is_blank(value: object) -> bool:
    """Empty string, whitespace only, None and an empty list all count as empty."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple):
        return not value
    return False


def resolve(case: Case, path: str) -> Iterator[tuple[str, object]]:
    """Each concrete field a path names, with its value: `evidence[article].year` gives
    (`evidence.1.year`, 2007) per article. Fields under an absent optional section are skipped."""
    found: list[tuple[str, object]] = []
    _walk(case, _segments(path), "", found)
    return iter(found)


# One segment of a path as written: the text, whether it is a list index, and the field
# name and item type it names (None where it is not a field name at all).
_Segment = tuple[str, bool, str | None, str | None]


@functools.lru_cache(maxsize=1024)  # every check resolves the same few dozen paths
def _segments(path: str) -> tuple[_Segment, ...]:
    segments = []
    for head in path.split("."):
        match = _SEGMENT.match(head)
        segments.append((head, head.isdigit(), match[1] if match else None,
                         match[2] if match else None))
    return tuple(segments)


def _walk(
    node: object, segments: tuple[_Segment, ...], prefix: str, found: list[tuple[str, object]]
) -> None:
    (head, index_like, name, item_type), rest = segments[0], segments[1:]
    if isinstance(node, list) and index_like:
        index = int(head)
        if index < len(node):
            _step(node[index], rest, prefix + head, found)
        return
    if name is None or not isinstance(node, BaseModel) or name not in field_names(type(node)):
        log.debug("required field path not in the case format: %s", head)
        return
    value: Any = getattr(node, name)
    here = prefix + name
    if item_type is None:
        _step(value, rest, here, found)
        return
    for index, item in enumerate(value or []):
        if not item_type or getattr(item, "type", None) == item_type:
            _step(item, rest, f"{here}.{index}", found)


def _step(
    value: object, rest: tuple[_Segment, ...], here: str, found: list[tuple[str, object]]
) -> None:
    if not rest:
        found.append((here, value))
    elif value is not None:
        _walk(value, rest, here + ".", found)


def _reported_elsewhere(path: str, context: RuleContext) -> bool:
    """True when a more specific rule in an enabled rule set reports this empty field."""
    case, sets = context.case, context.rule_sets
    if path in ("off_label.reasons", "off_label.rationale"):
        return "offlabel" in sets
    if path == "letter.urgency_statement":
        return case.letter.expedited and "offlabel" in sets
    if path == "evidence":
        return "evidence" in sets
    if path == "drug.ndc":
        # hcpcs.unlisted_needs_ndc says why the NDC matters here.
        return "identifiers" in sets and is_unlisted_hcpcs(case.drug.hcpcs or "")
    if path == "denial":
        return case.letter.kind == "appeal" and "appeal" in sets
    return False


def required_paths(context: RuleContext) -> list[str]:
    """The format's mandatory fields, the template's extras, and the MBI for Part B."""
    paths = list(MANDATORY_FIELDS) + [p.strip() for p in context.required_fields if p.strip()]
    # Part B claims identify the beneficiary by MBI (CMS "Understanding the MBI Format").
    if context.case.payer.plan_type == "medicare_part_b":
        paths.append("patient.mbi")
    return list(dict.fromkeys(paths))


@rule(
    "required.missing",
    rule_set="core",
    checks="Every field the case format, the template or the plan requires is filled in.",
    source="spec/case-format.md (mandatory fields; template required_fields; MBI for Part B)",
)
def check_required_fields(context: RuleContext) -> Iterator[Finding]:
    for path in required_paths(context):
        for field, value in resolve(context.case, path):
            if is_blank(value) and not _reported_elsewhere(field, context):
                yield Finding("required.missing", Severity.ERROR, field, _missing_message(field))


def _missing_message(field: str) -> str:
    advice = _WHAT_TO_DO.get(field, "Fill it in before sending the letter.")
    return f"{field_label(field)} is empty. {advice}"
