"""Fax numbers: each is a dialable NANP number, and the payer's is the one the practice's
directory lists for this kind of letter. Faxes sent to a wrong number are a known way for a
prior-authorization request to be lost (and its decision clock never to start)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from desktop_app.domain.findings import Finding, Severity
from desktop_app.domain.payers import is_valid_nanp_fax, matching_entry, same_fax
from desktop_app.rules.engine import RuleContext, rule

_FAXES = (("payer.fax", "The payer's fax"), ("prescriber.fax", "The prescriber's fax"))


@rule(
    "fax.invalid",
    rule_set="core",
    checks="Each fax number is a valid North American (NANP) number: 10 digits with a real "
    "area code and exchange.",
    source="North American Numbering Plan (ATIS-0300051 NANP format; libphonenumber's "
    "NANP metadata)",
)
def check_fax_numbers(context: RuleContext) -> Iterator[Finding]:
    case = context.case
    for path, label in _FAXES:
        section, name = path.split(".")
        value = (getattr(getattr(case, section), name) or "").strip()
        if value and not is_valid_nanp_fax(value):
            yield Finding(
                "fax.invalid", Severity.ERROR, path,
                f"{label} {value} is not a number a fax can dial: a US or Canadian number has "
                "10 digits and a real area code, e.g. (701) 555-0148.",
            )


@rule(
    "payer.fax_differs_from_directory",
    rule_set="core",
    checks="The payer's fax is the one the practice's payer directory lists for this letter "
    "kind (prior-authorization or appeals fax).",
    source="Practice payer directory (Tools > Payer directory)",
)
def check_fax_against_directory(context: RuleContext) -> Iterator[Finding]:
    payer = context.case.payer
    fax = (payer.fax or "").strip()
    entry = matching_entry(context.payer_directory, payer.name, payer.plan_type)
    if entry is None or not fax:
        return
    kind = context.case.letter.kind
    listed = entry.fax_for(kind).strip()
    if listed and not same_fax(fax, listed):
        which = "appeals" if kind == "appeal" else "prior-authorization"
        yield Finding(
            "payer.fax_differs_from_directory", Severity.WARNING, "payer.fax",
            f"The fax {fax} is not the {which} fax the payer directory lists for "
            f"{entry.name} ({listed}). Faxes sent to a wrong number get lost: check the "
            "number with the payer, then correct the case or the directory.",
        )


_FIRST_URL = re.compile(r"https://[^\s;,()]+")


@rule(
    "payer.directory_unconfirmed",
    rule_set="core",
    checks="A fax or address the case took from a shipped Medicare contractor entry that "
    "was not read on the contractor's own page is flagged for staff to confirm there.",
    source="knowledge/data/medicare_contractors.json (entries whose read_at says "
    "verified: false)",
)
def check_unconfirmed_directory_entry(context: RuleContext) -> Iterator[Finding]:
    payer = context.case.payer
    entry = matching_entry(context.payer_directory, payer.name, payer.plan_type)
    if entry is None or not entry.builtin or entry.verified:
        return
    kind = context.case.letter.kind
    fax, address = entry.fax_for(kind).strip(), entry.address_for(kind).strip()
    used = []
    if fax and payer.fax and same_fax(payer.fax, fax):
        used.append(("payer.fax", "fax"))
    if address and " ".join((payer.address or "").split()) == " ".join(address.split()):
        used.append(("payer.address", "address"))
    where = _FIRST_URL.search(entry.source)
    page = where.group(0) if where else (entry.portal_url or "the contractor's website")
    for path, what in used:
        yield Finding(
            "payer.directory_unconfirmed", Severity.WARNING, path,
            f"The {what} shipped for {entry.name} was not confirmed on the contractor's own "
            f"page (it was read from {page}). Check it on the contractor's website before "
            "sending, then save the confirmed one in Tools > Payer directory.",
        )
