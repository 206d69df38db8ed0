"""The requested use beside the drug's FDA label: labeled or not, and how it departs.

Three kinds of departure, as the case format's off-label reasons name them: the disease (no
labeled indication's conditions all hold), the dose or schedule (outside the labeled regimens
for the indications that apply), and the route (not a labeled route of the product). Each
answer can also be "unknown": the case does not say enough, and the finding asks the question
that would settle it. Source of every fact compared: the catalog entry's FDA label (its
DailyMed set id and revision are in the entry).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.case import Case
from desktop_app.knowledge.drug_catalog import (
    DrugCatalog,
    drug_catalog,
    find_drug,
    name_key,
)
from desktop_app.knowledge.drug_label_model import DrugEntry, LabelRef, Product, Regimen
from desktop_app.knowledge.one_letter import once_per_letter
from desktop_app.rules.label_dose import DoseCheck, RouteCheck, check_dose, check_route
from desktop_app.rules.label_match import IndicationMatch, State, match_indications

CLOSEST = 3  # labeled indications a letter or a question names at most


@dataclass(frozen=True, slots=True)
class LabelComparison:
    drug: DrugEntry
    product: Product | None  # the product the case names, where it names one
    matches: tuple[IndicationMatch, ...]  # every indication, closest first
    disease: State  # MET: a labeled indication holds; UNMET: none can; UNKNOWN: one might
    dose: DoseCheck
    route: RouteCheck

    @property
    def label(self) -> LabelRef:
        """The label the indications were read from (the reference product's)."""
        return self.drug.label

    @property
    def product_label(self) -> LabelRef | None:
        """The requested product's own label, where it has one (a biosimilar, a generic)."""
        if self.product is None or self.product.label is None:
            return None
        return None if self.product.label.url == self.drug.label.url else self.product.label

    def labeled_matches(self) -> list[IndicationMatch]:
        return [m for m in self.matches if m.labeled]

    def candidates(self) -> list[IndicationMatch]:
        """Indications the case could meet once its open questions are answered."""
        return [m for m in self.matches if not m.unmet and m.unknown][:CLOSEST]

    def closest(self) -> list[IndicationMatch]:
        """The labeled indications nearest the request: what a letter quotes."""
        if self.disease is State.MET:
            return self.labeled_matches()[:CLOSEST]
        if self.disease is State.UNKNOWN:
            return self.candidates()
        same = [m for m in self.matches if m.same_cancer]
        return (same or list(self.matches))[:CLOSEST]


def identify(case: Case) -> tuple[DrugEntry, Product | None] | None:
    """The catalog entry (and product) the case's drug names: generic, brand, code or NDC."""
    drug = case.drug
    names = [getattr(drug, "generic_name", None), getattr(drug, "brand_name", None)]
    entry = next((e for e in (find_drug(n) for n in names) if e is not None), None)
    code = getattr(drug, "hcpcs", None)
    hcpcs = code.strip().upper() if isinstance(code, str) else ""
    if entry is None and hcpcs:
        entry = find_drug(hcpcs)
    if entry is None:
        return None
    return entry, _product(entry, names, hcpcs, getattr(drug, "ndc", None))


def _product(entry: DrugEntry, names: list[object], hcpcs: str, ndc: object) -> Product | None:
    keys = [name_key(n) for n in names if name_key(n)]
    for key in keys:
        for product in entry.products:
            if key == name_key(product.name):
                return product
    for key in keys:  # a proper name that only one product has: "trastuzumab-dkst"
        owners = [p for p in entry.products if key == name_key(p.proper_name)]
        if len(owners) == 1 and key != name_key(entry.generic_name):
            return owners[0]
    specific = {c.code for c in entry.hcpcs if c.products}
    if hcpcs in specific:
        owners = [p for p in entry.products if hcpcs in p.hcpcs]
        if len(owners) == 1:
            return owners[0]
    digits = ndc.strip() if isinstance(ndc, str) else ""
    for product in entry.products:
        if any(digits.startswith(prefix + "-") for prefix in product.ndc_prefixes):
            return product
    return None


def compare_with_label(case: Case, catalog: DrugCatalog | None = None) -> LabelComparison | None:
    """The comparison, or None when the catalog has no entry for the case's drug.

    Within one letter the check and the letter's off-label section ask it of the same case:
    it is worked out once (knowledge/one_letter.py). Raises StorageError when the catalog
    files cannot be read.
    """
    if catalog is not None:  # a catalog handed in is not the one the letter's answers used
        return _compare(case, catalog)
    return once_per_letter("label comparison", case, _compare)


def _compare(case: Case, catalog: DrugCatalog | None = None) -> LabelComparison | None:
    found = identify(case)
    if found is None:
        return None
    entry, product = found
    catalog = catalog or drug_catalog()
    matches = tuple(match_indications(entry.indications, case, catalog))
    if any(m.labeled for m in matches):
        disease = State.MET
    elif any(not m.unmet for m in matches):
        disease = State.UNKNOWN
    else:
        disease = State.UNMET
    routes = product.routes if product else tuple(r for p in entry.products for r in p.routes)
    route = check_route(case, routes, catalog.vocabulary)
    dose = check_dose(case, _regimens_for(matches, disease), route)
    return LabelComparison(entry, product, matches, disease, dose, route)


def _regimens_for(matches: tuple[IndicationMatch, ...], disease: State) -> list[Regimen]:
    """A labeled use is dosed by its own indication; an unlabeled one by any labeled regimen."""
    if disease is State.MET:
        chosen = [m for m in matches if m.labeled]
    elif disease is State.UNKNOWN:
        chosen = [m for m in matches if not m.unmet]
    else:
        chosen = list(matches)
    return [r for m in chosen for r in m.indication.regimens]
