"""The A/B Medicare Administrative Contractors (data/medicare_contractors.json) as payer
directory entries for Medicare Part B.

Each jurisdiction lists where its Part B redeterminations (first-level appeals) go, as read on
the contractor's own page, with that page's address and date. A contractor that keeps
different addresses for different states of its jurisdiction lists one group per set of
states, and the directory offers one entry per group, so the entry staff pick for a case
carries that state's address and fax.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from pydantic import Field, ValidationError, field_validator, model_validator

from desktop_app.domain.payers import PayerEntry, format_nanp, is_valid_nanp_fax
from desktop_app.knowledge.reference import DataModel, Sourced, load_reference, register_cache

CONTRACTORS_FILE = "medicare_contractors.json"
_URL = re.compile(r"https://[^\s;,()]+")


class PageRead(DataModel):
    """Where one value was read: the contractor's page, the date it shows, and whether it
    was read on the contractor's own site (or CMS's) rather than a copy elsewhere."""

    url: str = Field(pattern=r"^https://")
    # The date the page says it was published or last updated; None when it shows none.
    page_date: dt.date | None = None
    read: dt.date  # when the page was read for this entry
    verified: bool
    note: str = ""

    @model_validator(mode="after")
    def _undated_page_is_explained(self) -> PageRead:
        if self.page_date is None and not self.note.strip():
            raise ValueError("a page without a date needs a note saying so")
        return self


def _fax_checked(value: str) -> str:
    if value.strip() and not is_valid_nanp_fax(value):
        raise ValueError(f"{value.strip()} is not a valid US or Canadian fax number")
    return format_nanp(value) if value.strip() else ""


class RedeterminationAddress(DataModel):
    """Where a Part B redetermination goes for some (or all) states of a jurisdiction."""

    # The states this address is for; empty: every state of the jurisdiction.
    states: list[str] = Field(default_factory=list)
    address: str = ""
    fax: str = ""
    read_at: PageRead

    _fax = field_validator("fax")(_fax_checked)

    @model_validator(mode="after")
    def _says_something(self) -> RedeterminationAddress:
        if not (self.address.strip() or self.fax.strip()):
            raise ValueError("an address group needs an address or a fax")
        return self


class ContactCenter(DataModel):
    phone: str = Field(min_length=1)
    read_at: PageRead

    _phone = field_validator("phone")(_fax_checked)  # the same NANP check as a fax


class MedicareContractor(Sourced):
    jurisdiction: str = Field(min_length=1)
    contractor: str = Field(min_length=1)
    states: list[str] = Field(min_length=1)
    website: str = ""
    # The contractor's page on Part B redeterminations (the first appeal level).
    appeals_page: str = ""
    redetermination: list[RedeterminationAddress] = Field(default_factory=list)
    contact_center: ContactCenter | None = None
    # Original Medicare has no prior authorization for Part B drugs: these stay empty, and
    # prior_authorization says why (the data file's pa_note).
    pa_address: str = ""
    pa_fax: str = ""

    @model_validator(mode="after")
    def _groups_fit_the_jurisdiction(self) -> MedicareContractor:
        seen: set[str] = set()
        for group in self.redetermination:
            outside = sorted(set(group.states) - set(self.states))
            if outside:
                raise ValueError(f"{self.jurisdiction}: {', '.join(outside)} is not one of "
                                 "the jurisdiction's states")
            twice = seen & set(group.states or self.states)
            if twice:
                raise ValueError(f"{self.jurisdiction}: {', '.join(sorted(twice))} has two "
                                 "redetermination addresses")
            seen |= set(group.states or self.states)
        return self


class ContractorData(DataModel):
    about: str = ""
    list_source: str = Field(min_length=1)
    # Why no Part B entry has a prior-authorization fax or address, with its source.
    pa_note: str = Field(min_length=1)
    pa_sources: list[str] = Field(min_length=1)  # where pa_note's facts were read, in full
    contractors: list[MedicareContractor]

    @model_validator(mode="after")
    def _entries_fit_the_directory(self) -> ContractorData:
        """Every directory entry the file makes fits the directory's limits (an admin's copy
        with a 900-character note is refused here, naming the jurisdiction, not later)."""
        for mac in self.contractors:
            for states, group in _state_groups(mac):
                try:
                    _entry(mac, states, group, self.pa_note, self.list_source)
                except ValidationError as exc:
                    problem = exc.errors()[0]
                    where = ".".join(str(p) for p in problem["loc"])
                    raise ValueError(f"{mac.jurisdiction}: its directory entry's {where} "
                                     f"{problem['msg']}") from None
        return self


@functools.cache
def contractor_data() -> ContractorData:
    return load_reference(CONTRACTORS_FILE, ContractorData)


register_cache(contractor_data.cache_clear)


def _short(jurisdiction: str) -> str:
    return jurisdiction.removeprefix("J")


def contractor_entries() -> list[PayerEntry]:
    """One Medicare Part B entry per jurisdiction, or per group of its states where the
    contractor lists a different redetermination address for them."""
    data = contractor_data()
    entries = []
    for mac in data.contractors:
        for states, group in _state_groups(mac):
            entries.append(_entry(mac, states, group, data.pa_note, data.list_source))
    return entries


def _state_groups(mac: MedicareContractor
                  ) -> list[tuple[list[str], RedeterminationAddress | None]]:
    """(states, their address group or None) covering every state of the jurisdiction once."""
    groups: list[tuple[list[str], RedeterminationAddress | None]] = [
        (list(g.states or mac.states), g) for g in mac.redetermination]
    covered = {s for states, _g in groups for s in states}
    rest = [s for s in mac.states if s not in covered]
    if rest:
        groups.append((rest, None))
    return groups


def _entry(mac: MedicareContractor, states: list[str], group: RedeterminationAddress | None,
           pa_note: str, list_source: str) -> PayerEntry:
    name = f"{mac.contractor} (Jurisdiction {_short(mac.jurisdiction)})"
    if len(states) < len(mac.states):  # one of several groups: name its states
        name = f"{mac.contractor} (Jurisdiction {_short(mac.jurisdiction)}: {', '.join(states)})"
    center = mac.contact_center
    reads = [r for r in (group.read_at if group else None,
                         center.read_at if center else None) if r is not None]
    return PayerEntry(
        name=name, plan_type="medicare_part_b",
        pa_fax=mac.pa_fax, pa_address=mac.pa_address,
        appeals_fax=group.fax if group else "", appeals_address=group.address if group else "",
        phone=center.phone if center else "", portal_url=mac.website,
        self_funded=False, builtin=True,
        source=_source(mac, group, center, list_source),
        # The fax, address and phone count as confirmed only when each was read on the
        # contractor's own page (or CMS's); an entry with none of them stands on its states.
        verified=all(r.verified for r in reads) if reads else mac.verified,
        jurisdiction=mac.jurisdiction, states=list(states),
        notes=_notes(mac, states, group, pa_note),
    )


def _source(mac: MedicareContractor, group: RedeterminationAddress | None,
            center: ContactCenter | None, list_source: str) -> str:
    parts = []
    if group is not None:
        parts.append(f"Redetermination address and fax: {_cited(group.read_at)}")
    if center is not None:
        parts.append(f"Phone: {_cited(center.read_at)}")
    # The states' source in full stays in the data file; the entry names where to read it.
    where = _URL.search(mac.source) or _URL.search(list_source)
    parts.append(f"States: {where.group(0) if where else mac.source[:120]}")
    return "; ".join(parts)


def _cited(read: PageRead) -> str:
    when = f"page dated {read.page_date.isoformat()}" if read.page_date else "page undated"
    return f"{read.url} ({when}, read {read.read.isoformat()})"


def _notes(mac: MedicareContractor, states: list[str], group: RedeterminationAddress | None,
           pa_note: str) -> str:
    lines = [f"Medicare Part B contractor for {', '.join(states)}."]
    if mac.note:
        lines.append(_sentence(mac.note))  # e.g. Part B counties that belong elsewhere
    if group is None:
        lines.append("The redetermination (appeal) address and fax were not read from the "
                     "contractor's own page for this release: take them from "
                     f"{mac.appeals_page or mac.website} and save them here.")
    else:
        if not group.read_at.verified:
            lines.append(_sentence(f"Not confirmed: {group.read_at.note}"))
        elif group.read_at.note:
            lines.append(_sentence(group.read_at.note))
        if not (group.address and group.fax):
            missing = "mailing address" if not group.address else "fax"
            lines.append(f"The {missing} was not read; see {mac.appeals_page or mac.website}.")
    lines.append(pa_note)
    return " ".join(lines)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def contractor_for_state(state: str) -> PayerEntry | None:
    """The Part B contractor entry serving a state (two letters), if the list has one."""
    wanted = state.strip().upper()
    return next((e for e in contractor_entries() if wanted in e.states), None)
