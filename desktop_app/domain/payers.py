"""A payer directory entry: where a plan wants prior-authorization requests and appeals.

Practice-wide reference data staff pick from when filling the payer section. Fax numbers are
NANP numbers (`is_valid_nanp_fax`): a request faxed to a wrong number is a known way for it
to be lost.
"""

from __future__ import annotations

import functools
from typing import Annotated

import phonenumbers
from pydantic import BaseModel, ConfigDict, Field

from desktop_app.domain.bounds import MaxLength
from desktop_app.domain.case_terms import Line, Name, Para, PlanType, Title

__all__ = ["PayerEntry", "format_nanp", "is_valid_nanp_fax", "same_fax"]


class PayerEntry(BaseModel):
    """One payer and plan, as the practice (or the shipped Medicare contractor list) has it."""

    # defer_build: built when an entry is first validated (a directory or contractor file).
    model_config = ConfigDict(extra="forbid", defer_build=True)

    # The same limits as the case's payer section, which an entry fills (domain/bounds.py).
    name: Name
    plan_type: PlanType | None = None
    state: Annotated[str, Field(pattern=r"^[A-Za-z]{2}$")] | None = None
    pa_fax: Line = ""
    pa_address: Para = ""
    appeals_fax: Line = ""
    appeals_address: Para = ""
    phone: Line = ""
    portal_url: Title = ""
    self_funded: bool | None = None  # None: not known
    notes: Para = ""
    # Shipped entries (the Medicare contractors) say where they were read; practice ones are
    # the practice's own.
    builtin: bool = False
    source: Title = ""
    verified: bool = True
    jurisdiction: Line = ""  # a MAC's jurisdiction, e.g. "JF"
    # the states a MAC serves
    states: Annotated[list[Line], MaxLength(70)] = Field(default_factory=list)

    def fax_for(self, letter_kind: str | None) -> str:
        """The fax a letter of this kind goes to: appeals for an appeal, else the PA fax."""
        return self.appeals_fax if letter_kind == "appeal" else self.pa_fax

    def address_for(self, letter_kind: str | None) -> str:
        return self.appeals_address if letter_kind == "appeal" else self.pa_address


def _parsed(value: str) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException:
        return None


@functools.lru_cache(maxsize=1024)  # every letter checks its faxes; the answer is the number's
def is_valid_nanp_fax(value: str) -> bool:
    """A dialable North American Numbering Plan number (US, Canada, the Caribbean), by the
    numbering plan's own rules as libphonenumber keeps them (area code and exchange ranges)."""
    number = _parsed(value.strip())
    return number is not None and number.country_code == 1 and phonenumbers.is_valid_number(
        number
    )


def format_nanp(value: str) -> str:
    """(701) 277-7886 for any way a valid NANP number was typed; the text itself otherwise."""
    number = _parsed(value.strip())
    if number is None or not is_valid_nanp_fax(value):
        return value.strip()
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def same_fax(a: str, b: str) -> bool:
    """True when two fax numbers dial the same line, however each was typed."""
    first, second = _parsed(a.strip()), _parsed(b.strip())
    if first is None or second is None:
        return a.strip() == b.strip()
    return (first.country_code, first.national_number) == (
        second.country_code, second.national_number
    )


def matching_entry(entries: list[PayerEntry] | tuple[PayerEntry, ...], name: str,
                   plan_type: str | None) -> PayerEntry | None:
    """The entry for a case's payer: same name (any case), same plan type when both say one."""
    wanted = " ".join(name.split()).casefold()
    if not wanted:
        return None
    for entry in entries:
        if " ".join(entry.name.split()).casefold() != wanted:
            continue
        if plan_type and entry.plan_type and plan_type != entry.plan_type:
            continue
        return entry
    return None
