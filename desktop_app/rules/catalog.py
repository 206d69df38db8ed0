"""Imports every rule module, so their rules register. Add new rule modules here."""

from desktop_app.rules import (  # noqa: F401
    appeal,
    bounds,
    coverage,
    deadline_days,
    denial_answers,
    drug_codes,
    evidence,
    hidden,
    identifiers,
    labeled,
    offlabel,
    payer,
    practice_text,
    printable,
    required,
    state,
    stated_deadline,
    wording,
)
