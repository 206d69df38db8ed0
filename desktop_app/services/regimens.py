"""The practice's regimens: saved from a case's Regimen and Evidence sections, picked by
name for the next patient on the same regimen.

A regimen keeps the drug section without its start date (that is the patient's) and the
evidence rows as they were, with the full texts of its articles; picking one fills the
Regimen section and adds the evidence and full texts the case does not have yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pydantic import BaseModel, ValidationError

from desktop_app.citations.mapping import identity_keys
from desktop_app.domain.case_treatment import Drug
from desktop_app.domain.problems import first_problem
from desktop_app.domain.regimens import PracticeRegimen, regimen_summary
from desktop_app.errors import AppError
from desktop_app.services.shared_lists import regimen_store, save_regimen_list
from desktop_app.storage.regimen_library import RegimenStore

__all__ = [
    "PracticeRegimen",
    "evidence_to_add",
    "full_texts_of",
    "full_texts_to_add",
    "practice_regimens",
    "regimen_choices",
    "regimen_summary",
    "remove_regimen",
    "save_regimen",
]


def practice_regimens(store: RegimenStore | None = None) -> list[PracticeRegimen]:
    """Every saved regimen, by name."""
    return sorted((store or regimen_store()).load(), key=lambda r: r.name.casefold())


def save_regimen(name: str, drug: Drug, evidence: Sequence[BaseModel],
                 store: RegimenStore | None = None,
                 attachments: Sequence[BaseModel] = ()) -> PracticeRegimen:
    """Save (or replace, by name in any case) a regimen; AppError when it cannot be kept.

    Of the case's attachments only the full texts of the regimen's own articles are kept
    (`article` names one of its evidence items): everything else attached is the patient's."""
    name = " ".join(name.split())
    if not name:
        raise AppError("the regimen needs a name", field="name")
    if not drug.generic_name.strip():
        raise AppError("the regimen needs the drug's generic name", field="drug.generic_name")
    try:
        # Validated again from plain values: the form builds its models without validation.
        regimen = PracticeRegimen.model_validate({
            "name": name,
            "drug": {**drug.model_dump(), "start_date": None},
            "evidence": [e.model_dump() for e in evidence],
            "full_texts": [a.model_dump() for a in full_texts_of(evidence, attachments)],
            "saved_on": dt.date.today(),
        })
    except ValidationError as exc:
        message, where = first_problem(exc)
        raise AppError(f"the regimen cannot be saved: {message}", field=where) from None
    store = store or regimen_store()
    kept = [r for r in store.load() if r.name.casefold() != name.casefold()]
    save_regimen_list(store, [*kept, regimen], change="saved")
    return regimen


def full_texts_of(evidence: Sequence[BaseModel],
                  attachments: Sequence[BaseModel]) -> list[BaseModel]:
    """The attachments that are the full text of one of these evidence items."""
    cited: set[str] = set()
    for item in evidence:
        cited |= identity_keys(item)
    kept = []
    for attachment in attachments:
        article = getattr(attachment, "article", None)
        path = getattr(attachment, "path", "")
        if isinstance(article, str) and path and article.strip().casefold() in cited:
            kept.append(attachment)
    return kept


def full_texts_to_add(regimen: PracticeRegimen,
                      attached: Sequence[BaseModel]) -> list[BaseModel]:
    """The regimen's full texts the case does not attach yet (same article or same file)."""
    have = {str(getattr(a, "article", "") or "").casefold() for a in attached} | {
        str(getattr(a, "path", "")) for a in attached}
    return [a for a in regimen.full_texts
            if (a.article or "").casefold() not in have and a.path not in have]


def remove_regimen(name: str, store: RegimenStore | None = None) -> None:
    store = store or regimen_store()
    save_regimen_list(store, [r for r in store.load() if r.name.casefold() != name.casefold()],
                      change="removed")


def regimen_choices(text: str, store: RegimenStore | None = None,
                    limit: int = 10) -> list[tuple[str, PracticeRegimen]]:
    """ "Practice regimen: Gemcitabine + docetaxel — gemcitabine 900 mg/m2, …" for each
    regimen whose name or drugs hold every word typed."""
    words = text.casefold().split()
    if not words:
        return []
    found = []
    for regimen in practice_regimens(store):
        drug = regimen.drug
        haystack = " ".join([regimen.name, drug.generic_name, drug.brand_name or "",
                             *(drug.combination_with or [])]).casefold()
        if all(w in haystack for w in words):
            found.append((f"Practice regimen: {regimen.name} — {regimen_summary(regimen)}",
                          regimen))
    return found[:limit]


def evidence_to_add(regimen: PracticeRegimen, cited: Sequence[BaseModel]) -> list[BaseModel]:
    """The regimen's evidence rows the case does not cite yet (same row, same PMID, DOI or
    NCT number), so picking a regimen twice never lists an article twice."""
    def keys(item: BaseModel) -> set[str]:
        data = item.model_dump(mode="json")
        found = {f"{k}:{str(data[k]).strip().casefold()}" for k in ("pmid", "doi", "nct")
                 if data.get(k)}
        return found or {repr(sorted(data.items()))}

    seen: set[str] = set()
    for item in cited:
        seen |= keys(item)
    added: list[BaseModel] = []
    for item in regimen.evidence:
        if not keys(item) & seen:
            added.append(item)
            seen |= keys(item)
    return added
