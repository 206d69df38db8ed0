"""The A/B Medicare Administrative Contractors (data/medicare_contractors.json) as payer
directory entries for Medicare Part B, one per jurisdiction."""

from __future__ import annotations

import functools

from pydantic import Field

from desktop_app.domain.payers import PayerEntry
from desktop_app.knowledge.reference import DataModel, Sourced, load_reference, register_cache

CONTRACTORS_FILE = "medicare_contractors.json"


class MedicareContractor(Sourced):
    jurisdiction: str = Field(min_length=1)
    contractor: str = Field(min_length=1)
    states: list[str] = Field(min_length=1)
    website: str = ""
    # The contractor's page on Part B redeterminations, where its current address and fax
    # for appeals are listed.
    appeals_page: str = ""
    pa_address: str = ""
    appeals_address: str = ""
    pa_fax: str = ""
    appeals_fax: str = ""
    phone: str = ""


class ContractorData(DataModel):
    about: str = ""
    list_source: str = Field(min_length=1)
    contractors: list[MedicareContractor]


@functools.cache
def contractor_data() -> ContractorData:
    return load_reference(CONTRACTORS_FILE, ContractorData)


register_cache(contractor_data.cache_clear)


def contractor_entries() -> list[PayerEntry]:
    """One Medicare Part B entry per jurisdiction, named as staff search for it."""
    entries = []
    for mac in contractor_data().contractors:
        entries.append(PayerEntry(
            name=f"{mac.contractor} (Jurisdiction {mac.jurisdiction.removeprefix('J')})",
            plan_type="medicare_part_b",
            pa_fax=mac.pa_fax, appeals_fax=mac.appeals_fax, pa_address=mac.pa_address,
            appeals_address=mac.appeals_address, phone=mac.phone, portal_url=mac.website,
            self_funded=False, builtin=True, source=mac.source, verified=mac.verified,
            jurisdiction=mac.jurisdiction, states=list(mac.states),
            notes=_notes(mac),
        ))
    return entries


def _notes(mac: MedicareContractor) -> str:
    served = f"Medicare Part B contractor for {', '.join(mac.states)}."
    if mac.appeals_page:
        return f"{served} Where redeterminations (appeals) go: {mac.appeals_page}"
    return served


def contractor_for_state(state: str) -> PayerEntry | None:
    """The Part B contractor serving a state (two letters), if the list has one."""
    wanted = state.strip().upper()
    return next((e for e in contractor_entries() if wanted in e.states), None)
