"""The drug catalog for the case form: product suggestions, and the labeled uses beside a case.

A suggestion is one product (the reference product, a biosimilar, a generic) so that picking
"Ogivri" fills Ogivri's own HCPCS code, not Herceptin's. The overview lists every labeled
indication of the case's drug, closest first, with how the case meets it, for the off-label
section of the form.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from desktop_app.domain.case import Case
from desktop_app.errors import StorageError
from desktop_app.knowledge.drug_catalog import product_matches, search_drugs
from desktop_app.knowledge.drug_label_model import DrugEntry, Product
from desktop_app.rules.label_check import compare_with_label
from desktop_app.rules.label_match import IndicationMatch, State


@dataclass(frozen=True, slots=True)
class DrugChoice:
    """One product of a catalog drug, with what choosing it fills in."""

    label: str  # what the suggestion list shows
    generic_name: str
    brand_name: str  # the product's name
    proper_name: str  # "trastuzumab-dkst"
    kind: str  # reference, biosimilar, generic, ...
    hcpcs: str  # the product's first HCPCS code, or empty
    hcpcs_unit: str  # its billing unit, e.g. "1 mg"
    hcpcs_descriptor: str
    route: str  # the labeled route when there is one, else empty
    routes: tuple[str, ...]
    dose_unit: str  # the unit every labeled regimen uses, else empty
    ndc_prefixes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LabelRow:
    text: str  # "1.2 first-line metastatic nonsquamous NSCLC"
    status: str  # "meets", "open", "differs" or "other cancer"
    detail: str  # what is open or differs


@dataclass(frozen=True, slots=True)
class LabelOverview:
    heading: str  # "Labeled indications of pemetrexed (ALIMTA …, revised February 2022)"
    diagnosis: str  # the case's diagnosis, as typed
    verdict: str  # one sentence: labeled, open, or not labeled for this diagnosis
    rows: tuple[LabelRow, ...]
    verified: bool
    # The label the facts were read from, for staff checking an unverified entry against it.
    label_title: str = ""
    label_url: str = ""
    label_revised: dt.date | None = None
    # The catalog entry (its generic name), which a practice-wide label confirmation names.
    drug: str = ""


def search_drug_products(text: str, limit: int = 20) -> list[DrugChoice]:
    """Products for the typed text: a named product alone, else every product of the drug."""
    choices: list[DrugChoice] = []
    for drug in search_drugs(text, limit=limit):
        products = product_matches(drug, text) or _reference_first(drug)
        choices += [_choice(drug, p) for p in products]
    return choices[: max(limit, 0)]


def _reference_first(drug: DrugEntry) -> list[Product]:
    return sorted(drug.products, key=lambda p: p.kind != "reference")


def _choice(drug: DrugEntry, product: Product) -> DrugChoice:
    codes = {c.code: c for c in drug.hcpcs}
    code = next((codes[c] for c in product.hcpcs if c in codes), None)
    units = Counter(r.unit for i in drug.indications for r in i.regimens)
    dose_unit = next(iter(units)) if len(units) == 1 else ""
    kind = "" if product.kind == "reference" else f", {product.kind}"
    shown = f"{drug.generic_name} — {product.name}"
    if product.proper_name.casefold() != drug.generic_name.casefold():
        shown += f" ({product.proper_name}{kind})"
    elif kind:
        shown += f" ({product.kind})"
    if code:
        shown += f" — {code.code}, {code.unit} per unit"
    return DrugChoice(
        label=shown,
        generic_name=drug.generic_name,
        brand_name=product.name,
        proper_name=product.proper_name,
        kind=product.kind,
        hcpcs=code.code if code else "",
        hcpcs_unit=code.unit if code else "",
        hcpcs_descriptor=code.descriptor if code else "",
        route=product.routes[0] if len(product.routes) == 1 else "",
        routes=product.routes,
        dose_unit=dose_unit,
        ndc_prefixes=product.ndc_prefixes,
    )


def label_overview(case: Case) -> LabelOverview | None:
    """The case's drug's labeled indications beside its diagnosis; None if not in the catalog."""
    try:
        comparison = compare_with_label(case)
    except StorageError:
        return None
    if comparison is None:
        return None
    label = comparison.label
    code = case.diagnosis.icd10 if isinstance(case.diagnosis.icd10, str) else ""
    description = case.diagnosis.description if isinstance(case.diagnosis.description, str) else ""
    verdicts = {
        State.MET: "This case meets a labeled indication.",
        State.UNKNOWN: "This case may meet a labeled indication: answer the open questions.",
        State.UNMET: "No labeled indication covers this case.",
    }
    return LabelOverview(
        heading=f"Labeled indications of {comparison.drug.generic_name} ({label.title}, "
        f"revised {label.revised:%B %Y})",
        diagnosis=" – ".join(p.strip() for p in (code, description) if p and p.strip()),
        verdict=verdicts[comparison.disease],
        rows=tuple(_row(m) for m in comparison.matches),
        verified=comparison.drug.verified,
        label_title=label.title,
        label_url=label.url,
        label_revised=label.revised,
        drug=comparison.drug.generic_name,
    )


def _row(match: IndicationMatch) -> LabelRow:
    text = f"{match.indication.section} {match.indication.summary}"
    if match.labeled:
        return LabelRow(text, "meets", "")
    if not match.same_cancer:
        return LabelRow(text, "other cancer", "")
    if match.unmet:
        return LabelRow(text, "differs", "; ".join(c.differs for c in match.unmet))
    return LabelRow(text, "open", " ".join(dict.fromkeys(c.question for c in match.unknown)))
