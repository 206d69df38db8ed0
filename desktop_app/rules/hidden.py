"""Hidden characters in names, identifiers and numbers (knowledge/hidden.py).

A right-to-left override, a zero-width space or a control character (a NUL from a broken
export) prints nothing of its own but changes what the reader sees or what a payer's system
matches: "Ann \u202eeoJ" shows as "Ann Joe". Free
text (a rationale in Persian or Hindi may need a zero-width joiner) is left alone.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from desktop_app.domain.findings import Finding, Severity
from desktop_app.knowledge.hidden import hidden_characters
from desktop_app.rules.engine import RuleContext, rule
from desktop_app.rules.printable import case_texts
from desktop_app.rules.required import field_label

SHOWN = 3
# Leaf field names that hold a name, an identifier or a number.
NAME_FIELDS = frozenset({
    "name", "generic_name", "brand_name", "practice", "credentials", "issuer", "authors",
    "combination_with", "journal", "journal_abbreviation",
    "who", "staff",  # a call's: whom staff spoke with, and who at the practice did
})
IDENTIFIER_FIELDS = frozenset({
    "member_id", "group_number", "policy_number", "mbi", "npi", "tax_id", "icd10",
    "secondary_icd10", "hcpcs",
    "ndc", "pmid", "doi", "pmcid", "nct", "article", "reference_number", "state", "email",
    # What a denial cites and the approval's number: quoted to the plan, matched by it.
    "criteria_cited", "authorization_number",
})
NUMBER_FIELDS = frozenset({
    "phone", "fax", "unit", "pages", "volume", "issue", "rating", "approved_units",
})
CHECKED_FIELDS = NAME_FIELDS | IDENTIFIER_FIELDS | NUMBER_FIELDS


@functools.lru_cache(maxsize=4096)  # asked of every text in every case; the same paths recur
def leaf_name(path: str) -> str:
    """`evidence.2.authors.0` -> `authors`: the field a list item belongs to."""
    parts = [part for part in path.split(".") if not part.isdigit()]
    return parts[-1] if parts else ""


def checked_field(path: str) -> bool:
    """True for the names, identifiers and numbers this rule looks at."""
    return leaf_name(path) in CHECKED_FIELDS


@rule(
    "text.hidden_characters",
    rule_set="core",
    source="knowledge/data/hidden_characters.json: Unicode UAX #9 (explicit directional "
    "formatting characters), the Unicode Character Database (format characters), UTR #36",
    checks="No name, identifier or number holds a bidirectional control, a zero-width "
    "character or a control character (NUL, escape) that would make it print or match "
    "differently from what staff see.",
)
def check_hidden(context: RuleContext) -> Iterator[Finding]:
    for path, text in case_texts(context.case):
        if not checked_field(path):
            continue
        found = hidden_characters(text)  # quick for plain ASCII
        if not found:
            continue
        names = ", ".join(f"{c.code_point} {c.name.lower()}" for c in found[:SHOWN])
        names += " …" if len(found) > SHOWN else ""
        noun, them = ("a hidden character", "it") if len(found) == 1 else (
            "hidden characters", "them")
        yield Finding(
            "text.hidden_characters",
            Severity.ERROR,
            path,
            f"{field_label(path)} has {noun} ({names}) that can make it print or match "
            f"differently from what you see. Remove {them} (Remove hidden characters, in the "
            "checklist) or retype the value.",
        )
