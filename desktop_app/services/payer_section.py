"""A case's payer section and the directory: which entry a case's payer is, what choosing an
entry fills in, where the case now differs from it, and putting the case's numbers back.

Apart from the directory itself (services.payers) because these work from a case, for the
editor's payer section (through services.reference), while the directory module keeps the
list: where it is stored, what is held for typing, and what a save accepts.
"""

from __future__ import annotations

from typing import Any

from desktop_app.domain.case_parties import Payer
from desktop_app.domain.payers import PayerEntry, matching_entry, same_fax
from desktop_app.services.payers import (
    directory_as_typed,
    directory_store,
    payer_directory,
    practice_payers,
    save_practice_payers,
)
from desktop_app.storage.payer_directory import PayerDirectoryStore

__all__ = ["differs_from_directory", "directory_entry_for", "directory_fields",
           "update_from_case"]


def directory_entry_for(payer: Payer) -> PayerEntry | None:
    """The directory's entry for a case's payer: same name (any case), same plan type when
    both say one."""
    return matching_entry(directory_as_typed(), payer.name, payer.plan_type)


def directory_fields(entry: PayerEntry, letter_kind: str | None) -> dict[str, Any]:
    """The payer section's values an entry fills, for a letter of this kind."""
    values: dict[str, Any] = {"name": entry.name, "plan_type": entry.plan_type,
                              "state": entry.state, "phone": entry.phone,
                              "fax": entry.fax_for(letter_kind),
                              "address": entry.address_for(letter_kind)}
    if entry.self_funded:
        values["plan_type"] = "commercial_self_funded"
    return values


def differs_from_directory(payer: Payer, entry: PayerEntry, letter_kind: str | None) -> list[str]:
    """Which of the case's payer fields differ from the directory's: 'fax', 'address'..."""
    wanted = directory_fields(entry, letter_kind)
    changed = []
    fax = wanted["fax"] or ""
    if fax and payer.fax and not same_fax(payer.fax, fax):
        changed.append("fax")
    for name in ("address", "phone"):
        theirs, ours = str(wanted[name] or "").strip(), str(getattr(payer, name) or "").strip()
        if theirs and ours and " ".join(theirs.split()) != " ".join(ours.split()):
            changed.append(name)
    return changed



def update_from_case(payer: Payer, letter_kind: str | None,
                     store: PayerDirectoryStore | None = None) -> PayerEntry:
    """Put the case's fax, address and phone into the directory entry of its payer (a new
    practice entry when there is none, or when the match is a shipped contractor)."""
    store = store or directory_store()
    # As stored now, not as held for typing: what is saved next builds on it.
    entry = matching_entry(payer_directory(store), payer.name, payer.plan_type)
    appeal = letter_kind == "appeal"
    base = entry or PayerEntry(name=payer.name.strip(), plan_type=payer.plan_type,
                               state=payer.state)
    changes: dict[str, Any] = {"builtin": False, "source": "", "verified": True}
    if payer.fax:
        changes["appeals_fax" if appeal else "pa_fax"] = payer.fax.strip()
    if payer.address:
        changes["appeals_address" if appeal else "pa_address"] = payer.address.strip()
    if payer.phone:
        changes["phone"] = payer.phone.strip()
    updated = base.model_copy(update=changes)
    own = practice_payers(store)
    names = [e.name.casefold() for e in own]
    if updated.name.casefold() in names:
        own[names.index(updated.name.casefold())] = updated
    else:
        own.append(updated)
    save_practice_payers(own, store, change="from_case")
    return updated
