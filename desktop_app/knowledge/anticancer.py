"""Is this an anticancer use? Decided from the diagnosis and the drug (data/anticancer_uses.json).

The answer picks the coverage standard: Part D judges an anticancer use by SSA §1861(t)(2)(B)
(§1860D-2(e)(4)(A)(i)) and any other use by §1927(k)(6) (§1860D-2(e)(4)(A)(ii)). A tricyclic
antidepressant for neuropathic pain is not an anticancer use, even in a patient with cancer;
myelodysplastic syndromes and myeloproliferative neoplasms (D45, D46, D47.1, D47.3, D47.4,
D47.Z-) are. An anticancer drug for a disease that is not a neoplasm (rituximab for myasthenia
gravis) is not an anticancer use; for a symptom or encounter code (R18.0, Z51.11) it is unclear.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from enum import StrEnum

from pydantic import Field

from desktop_app.domain import identifiers as ids
from desktop_app.errors import StorageError
from desktop_app.knowledge import icd10 as code_set
from desktop_app.knowledge.drug_catalog import find_drug
from desktop_app.knowledge.reference import DataModel, Sourced, load_reference, register_cache

ANTICANCER_FILE = "anticancer_uses.json"


class UseKind(StrEnum):
    ANTICANCER = "anticancer"
    NOT_ANTICANCER = "not_anticancer"
    UNCLEAR = "unclear"  # staff must say which: the diagnosis alone does not tell


class CancerCodes(Sourced):
    codes: tuple[str, ...] = Field(min_length=1)  # prefixes without the dot: "D47Z"
    names: dict[str, str] = Field(default_factory=dict)


class CodesLeftOpen(Sourced):
    """Codes that, with an anticancer drug, leave open whether the use is anticancer."""

    chapters: tuple[str, ...] = ()  # first letters: R symptoms, S-T injuries, V-Y, Z encounters
    title_words: tuple[str, ...] = ()  # a title naming a neoplasm: "Malignant pleural effusion"


class NonAnticancerDrug(Sourced):
    generic_name: str = Field(min_length=1)
    brand_names: tuple[str, ...] = ()
    labeled_uses: str = Field(min_length=1)


class AnticancerData(DataModel):
    about: str = ""
    cancer_codes: CancerCodes
    # Absent in an admin's copy made before it: every non-neoplasm code then stays unclear.
    codes_left_open: CodesLeftOpen | None = None
    drugs_not_anticancer: tuple[NonAnticancerDrug, ...] = ()


@functools.cache
def anticancer_data() -> AnticancerData:
    return load_reference(ANTICANCER_FILE, AnticancerData)


register_cache(anticancer_data.cache_clear)


def _compact(code: str) -> str:
    return code.replace(".", "").strip().upper()


def counted_as_cancer(code: object) -> bool:
    """A code coded outside C00-C96 that is still a cancer for coverage (MDS, MPN)."""
    if not isinstance(code, str) or ids.normalize_icd10(code) is None:
        return False
    compact = _compact(code)
    return any(compact.startswith(prefix) for prefix in anticancer_data().cancer_codes.codes)


def is_cancer_code(code: object) -> bool:
    """C00-C96, or one of the myeloid neoplasms on the list."""
    if not isinstance(code, str):
        return False
    return ids.is_malignant_icd10(code) or counted_as_cancer(code)


def non_anticancer_drug(name: object) -> NonAnticancerDrug | None:
    """The drug as listed among drugs whose off-label uses are not anticancer, or None."""
    if not isinstance(name, str) or not name.strip():
        return None
    key = " ".join(name.casefold().split())
    for drug in anticancer_data().drugs_not_anticancer:
        if key in (drug.generic_name.casefold(), *(b.casefold() for b in drug.brand_names)):
            return drug
    return None


def names_a_disease_not_cancer(code: str) -> bool:
    """A disease code outside the neoplasm chapter whose title names no neoplasm (G70.01).

    Such a code says the drug treats something that is not a cancer, so even an anticancer drug
    is not "used in an anticancer chemotherapeutic regimen" (SSA §1860D-2(e)(4)(A),
    §1861(t)(2)(A)). Symptom, injury and encounter codes (R, S-T, V-Y, Z) name no disease.
    """
    left_open = anticancer_data().codes_left_open
    normalized = ids.normalize_icd10(code)
    if left_open is None or normalized is None or normalized[0] in left_open.chapters:
        return False
    if ids.neoplasm_kind(normalized) is not ids.NeoplasmKind.NOT_NEOPLASM:
        return False
    try:
        entry = code_set.lookup(normalized)
    except StorageError:
        return False  # no code set to read the title from: leave it to staff (unclear)
    if entry is None:
        return False  # not in the code set: icd10.unknown says so; nothing to read a disease from
    title = entry.description.casefold()
    return not any(word.casefold() in title for word in left_open.title_words)


def _catalog_anticancer(names: Iterable[object]) -> bool | None:
    """True/False from the drug catalog's entry (issue 18 adds `anticancer`), None if unknown."""
    for name in names:
        try:
            entry = find_drug(name)
        except StorageError:
            return None  # a damaged drug file: offlabel.catalog_unreadable says so
        if entry is not None:
            return bool(getattr(entry, "anticancer", True))
    return None


def classify_use(
    icd10: object, drug_names: Iterable[object], secondary_codes: Iterable[object] = ()
) -> UseKind:
    """Anticancer, not anticancer, or unclear, from the diagnosis codes and the drug's names."""
    names = list(drug_names)
    if any(non_anticancer_drug(n) for n in names) or _catalog_anticancer(names) is False:
        return UseKind.NOT_ANTICANCER
    if is_cancer_code(icd10):
        return UseKind.ANTICANCER
    if not isinstance(icd10, str) or ids.normalize_icd10(icd10) is None:
        return UseKind.UNCLEAR
    known_anticancer = _catalog_anticancer(names) is True
    cancer_elsewhere = any(is_cancer_code(c) for c in secondary_codes)
    kind = ids.neoplasm_kind(icd10)
    if kind is ids.NeoplasmKind.IN_SITU and known_anticancer:
        return UseKind.ANTICANCER  # carcinoma in situ treated with an anticancer drug
    if kind is ids.NeoplasmKind.NOT_NEOPLASM and not known_anticancer and not cancer_elsewhere:
        return UseKind.NOT_ANTICANCER
    # An anticancer drug for a code that is not a cancer (an encounter code such as Z51.11, a
    # benign or uncertain neoplasm): a cancer among the secondary codes settles it.
    if known_anticancer and cancer_elsewhere:
        return UseKind.ANTICANCER
    if not cancer_elsewhere and names_a_disease_not_cancer(icd10):
        return UseKind.NOT_ANTICANCER  # rituximab for myasthenia gravis
    return UseKind.UNCLEAR
