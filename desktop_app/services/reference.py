"""Reference look-ups for forms: ICD-10-CM codes, catalog drugs, CMS journals, the prescriber list.

Thin wrappers so the UI reaches knowledge/ and storage/ only through services. The ICD-10-CM
index is imported on first use: loading it takes time the app's start must not pay.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from desktop_app.knowledge.drug_catalog import search_drugs as _search_drugs
from desktop_app.knowledge.drug_label_model import DrugEntry
from desktop_app.knowledge.journals import journal_list
from desktop_app.services.drug_choices import (
    DrugChoice,
    LabelOverview,
    label_overview,
    search_drug_products,
)
from desktop_app.services.practice_data import practice_settings
from desktop_app.storage.settings import DirectoryPrescriber

if TYPE_CHECKING:
    from desktop_app.knowledge.icd10 import IcdEntry

__all__ = [
    "DirectoryPrescriber",
    "DrugChoice",
    "DrugEntry",
    "LabelOverview",
    "confirm_label_for_practice",
    "journal_titles",
    "label_check_state",
    "label_overview",
    "practice_label_confirmation",
    "prescriber_directory",
    "remove_practice_label_confirmation",
    "search_drug_products",
    "search_drugs",
    "search_icd10",
    "warm_up",
    "your_name",
]


def search_icd10(text: str, limit: int = 20) -> list[IcdEntry]:
    """ICD-10-CM codes whose code or description matches `text`, best matches first."""
    from desktop_app.knowledge import icd10

    if not text.strip() or limit <= 0:
        return []
    return list(icd10.search(text, limit=limit))


def warm_up() -> None:
    """Load the ICD-10-CM index now (meant for a worker thread at start-up), so the first
    check of a case does not wait for it."""
    from desktop_app.knowledge import icd10

    icd10.warm_up()


def search_drugs(text: str, limit: int = 20) -> list[DrugEntry]:
    """Catalog drugs by generic, brand, biosimilar or other name, or HCPCS code (best first)."""
    return _search_drugs(text, limit=limit)


def journal_titles() -> list[str]:
    """Full titles of the journals on the CMS list, for the journal field's suggestions."""
    return [journal.title for journal in journal_list().journals]


def prescriber_directory() -> list[DirectoryPrescriber]:
    """The practice's prescribers from Settings; StorageError if the settings file is damaged."""
    return list(practice_settings().prescribers)


def letter_templates() -> list[tuple[str, str, str]]:
    """(id, title, kind) of every template letters may use, built-in and the practice's."""
    from desktop_app.letters.templates import list_templates
    from desktop_app.services.template_sources import letter_template_folders

    return [(t.id, t.title, t.kind) for t in list_templates(letter_template_folders())]


def payer_choices(text: str, limit: int = 20) -> list[tuple[str, object]]:
    """ "Bay State Health Plan — Commercial (fully insured), MA" for each matching payer."""
    from desktop_app.domain.case_terms import PLAN_TYPE_LABELS
    from desktop_app.services.payers import search_payers

    shown: list[tuple[str, object]] = []
    for entry in search_payers(text, limit):
        where = entry.state or ", ".join(entry.states)
        plan = PLAN_TYPE_LABELS.get(entry.plan_type or "", "")
        shown.append((" — ".join(p for p in (entry.name, ", ".join(
            x for x in (plan, where) if x)) if p), entry))
    return shown


def payer_fill(entry: object, letter_kind: str | None) -> dict[str, object]:
    from desktop_app.domain.payers import PayerEntry
    from desktop_app.services.payer_section import directory_fields

    return directory_fields(entry, letter_kind) if isinstance(entry, PayerEntry) else {}


def payer_differences(payer: object, letter_kind: str | None) -> tuple[str, list[str]]:
    """(directory name, the fields where the case differs from it), or ("", [])."""
    from desktop_app.domain.case_parties import Payer
    from desktop_app.services.payer_section import differs_from_directory, directory_entry_for

    if not isinstance(payer, Payer):
        return "", []
    entry = directory_entry_for(payer)
    if entry is None:
        return "", []
    return entry.name, differs_from_directory(payer, entry, letter_kind)


def update_payer_directory(payer: object, letter_kind: str | None) -> None:
    from desktop_app.domain.case_parties import Payer
    from desktop_app.services.payer_section import update_from_case

    if isinstance(payer, Payer):
        update_from_case(payer, letter_kind)


def practice_letterhead() -> tuple[str, str]:
    """(practice name, address) from Settings > Letterhead, to fill a prescriber's practice."""
    letterhead = practice_settings().letterhead
    return letterhead.name.strip(), letterhead.address.strip()


def label_check_state(check: object, label_revised: dt.date | None) -> str:
    """How a recorded label check stands against the revision the catalog cites: "none",
    "current", "older_label" or "incomplete" (rules/label_checked.py, as the checklist)."""
    from desktop_app.rules.label_checked import check_state

    return check_state(check, label_revised).state.value


def practice_label_confirmation(drug: str, label_revised: dt.date | None) -> object | None:
    """The practice's confirmation of the drug's label facts for the revision the catalog
    cites (confirmed_by, confirmed_on, label_revised), or None; StorageError if unreadable."""
    from desktop_app.services.label_confirmations import practice_confirmation

    return practice_confirmation(drug, label_revised)


def confirm_label_for_practice(drug: str, label_revised: dt.date, confirmed_by: str,
                               confirmed_on: dt.date) -> None:
    """Confirm the drug's label facts for every case with that drug and label revision."""
    from desktop_app.services.label_confirmations import confirm_for_practice

    confirm_for_practice(drug, label_revised, confirmed_by, confirmed_on)


def remove_practice_label_confirmation(drug: str, label_revised: dt.date) -> bool:
    from desktop_app.services.label_confirmations import remove_practice_confirmation

    return remove_practice_confirmation(drug, label_revised)


def your_name() -> str:
    """The name of the person at this desk, to record who checked a drug's label facts: the
    person signed in, else the name in Settings > You; empty if neither is known (the login
    name is an account, not a person's name)."""
    from desktop_app.services.people import signed_in_person
    from desktop_app.storage.settings import load_settings

    person = signed_in_person()
    if person is not None and not person.solo:
        return person.name.strip()
    return load_settings().user_name.strip()


def regimen_choices(text: str, limit: int = 10) -> list[tuple[str, object]]:
    """The practice's saved regimens matching the words typed, each with its summary."""
    from desktop_app.services.regimens import regimen_choices as _choices

    return list(_choices(text, limit=limit))


def save_regimen(name: str, drug: object, evidence: list[object],
                 attachments: list[object] | None = None) -> None:
    """Keep the case's regimen and evidence (and its articles' full texts) under a name;
    AppError if it cannot be saved."""
    from pydantic import BaseModel

    from desktop_app.domain.case_treatment import Drug
    from desktop_app.services.regimens import save_regimen as _save

    if isinstance(drug, Drug):
        _save(name, drug, [e for e in evidence if isinstance(e, BaseModel)],
              attachments=[a for a in attachments or [] if isinstance(a, BaseModel)])


def regimen_full_texts_of(evidence: list[object], attached: list[object]) -> list[object]:
    """The attachments a regimen saved from this case would keep: its articles' full texts."""
    from pydantic import BaseModel

    from desktop_app.services.regimens import full_texts_of

    return list(full_texts_of([e for e in evidence if isinstance(e, BaseModel)],
                              [a for a in attached if isinstance(a, BaseModel)]))


def regimen_full_texts_to_add(regimen: object, attached: list[object]) -> list[object]:
    from pydantic import BaseModel

    from desktop_app.services.regimens import PracticeRegimen, full_texts_to_add

    if not isinstance(regimen, PracticeRegimen):
        return []
    return list(full_texts_to_add(regimen, [a for a in attached if isinstance(a, BaseModel)]))


def regimen_evidence_to_add(regimen: object, cited: list[object]) -> list[object]:
    from pydantic import BaseModel

    from desktop_app.services.regimens import PracticeRegimen, evidence_to_add

    if not isinstance(regimen, PracticeRegimen):
        return []
    return list(evidence_to_add(regimen, [e for e in cited if isinstance(e, BaseModel)]))
