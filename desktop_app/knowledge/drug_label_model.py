"""The shape of a drug-label entry: products, billing codes, labeled indications and regimens.

One entry per active ingredient, read from its FDA prescribing information. The files live in
knowledge/data/drugs/*.json (one file per drug group, each with its own source and effective
date) and are merged into one catalog when loaded.

Why conditions and not only ICD-10-CM ranges: a labeled indication depends on more than the
organ. Pembrolizumab is labeled for an MSI-H solid tumor whatever the organ, and not for the same
cancer without MSI-H; pemetrexed is labeled for nonsquamous lung cancer only. Each indication
therefore lists what the case must show (histology, biomarkers, setting, line of therapy,
combination partners), in a small fixed vocabulary the checker can compare with the case. The
label's own words are kept beside the conditions, so a letter quotes the label, never our
paraphrase of it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from desktop_app.knowledge.reference import DataModel

# Routes as FDA labels name them (SPL route of administration terms, lower case).
Route = Literal[
    "intravenous",
    "subcutaneous",
    "oral",
    "intramuscular",
    "intravesical",
    "intrathecal",
    "intraperitoneal",
    "intrapleural",
    "intralesional",
    "intra-arterial",
    "intravitreal",
    "topical",
]

# Per-administration dose units. "AUC" is carboplatin's target area under the curve (mg/mL·min).
DoseUnit = Literal[
    "mg",
    "mg/m2",
    "mg/kg",
    "g/m2",
    "mcg",
    "mcg/kg",
    "mcg/m2",
    "units",
    "units/m2",
    "units/kg",
    "AUC",
    "mL",
]

# Where in the course of disease the label places the use. A case's stage, description and
# histology text are read for these words.
Setting = Literal[
    "adjuvant",
    "neoadjuvant",
    "perioperative",
    "locally advanced",
    "unresectable",
    "metastatic",
    "advanced",
    "recurrent",
    "relapsed",
    "refractory",
    "maintenance",
    "early-stage",
    "non-muscle invasive",
    "limited-stage",
    "extensive-stage",
]

# first: no prior systemic therapy for this disease; later: after at least one.
Line = Literal["any", "first", "later"]

MedicareBenefit = Literal["part_b", "part_d", "part_b_or_d"]

ProductKind = Literal["reference", "biosimilar", "brand", "generic", "other formulation"]

_CODE = r"[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?"
_RANGE = re.compile(rf"^{_CODE}(?:-{_CODE})?$")
_SETID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_NDC_PREFIX = re.compile(r"^(\d{4}-\d{4}|\d{5}-\d{3}|\d{5}-\d{4})$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class LabelRef(DataModel):
    """Where the label facts were read: the DailyMed set id, the label's revision, the copy used."""

    # The DailyMed set id; where none could be confirmed, the label's Drugs@FDA address instead.
    setid: str | None = None
    drugs_at_fda: str | None = None  # e.g. https://www.accessdata.fda.gov/drugsatfda_docs/...
    title: str = Field(min_length=1)  # e.g. "KEYTRUDA (pembrolizumab) injection, for IV use"
    # The "Revised: M/YYYY" date printed on the label, as the first day of that month.
    revised: dt.date
    # The address of the copy of the label actually read (it may be older than DailyMed's).
    read_at: str = Field(min_length=1)

    @field_validator("setid")
    @classmethod
    def _setid(cls, value: str | None) -> str | None:
        if value is not None and not _SETID.match(value):
            raise ValueError(f"{value!r} is not a DailyMed set id (a lower-case UUID)")
        return value

    @model_validator(mode="after")
    def _citable(self) -> LabelRef:
        if self.setid is None and not (self.drugs_at_fda or "").startswith("https://"):
            raise ValueError("a label needs its DailyMed set id or its Drugs@FDA address")
        return self

    @property
    def url(self) -> str:
        if self.setid is None:
            return self.drugs_at_fda or ""
        return f"https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid={self.setid}"


class HcpcsCode(DataModel):
    """A HCPCS Level II code and its billing unit, as CMS's HCPCS file describes it."""

    code: str = Field(pattern=r"^[A-Z]\d{4}$")
    descriptor: str = Field(min_length=1)  # e.g. "Injection, pembrolizumab, 1 mg"
    unit: str = Field(min_length=1)  # the billing unit in the descriptor, e.g. "1 mg", "10 mg"
    # Product names (brand or biosimilar) the code is specific to; empty: any product.
    products: tuple[str, ...] = ()
    source: str = Field(min_length=1)  # address of the HCPCS listing read
    verified: bool = False


class Product(DataModel):
    """One marketed product of the drug: the reference product, a biosimilar, a generic."""

    name: str = Field(min_length=1)  # brand name as labeled, e.g. "Ogivri"
    # The proper name with its suffix for biologics, e.g. "trastuzumab-dkst".
    proper_name: str = Field(min_length=1)
    kind: ProductKind
    hcpcs: tuple[str, ...] = ()  # codes of the entry's `hcpcs` list that bill this product
    # Labeler-product part of the NDC, hyphenated as on the label: "0006-3026".
    ndc_prefixes: tuple[str, ...] = ()
    routes: tuple[Route, ...] = Field(min_length=1)
    medicare_benefit: MedicareBenefit
    label: LabelRef | None = None  # its own label where it has one (biosimilars, generics)

    @field_validator("ndc_prefixes")
    @classmethod
    def _ndc(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        for value in values:
            if not _NDC_PREFIX.match(value):
                raise ValueError(f"{value!r} is not a labeler-product NDC prefix like 0006-3026")
        return values


class Regimen(DataModel):
    """One labeled dose and schedule for an indication."""

    amount: float = Field(gt=0)
    amount_max: float | None = Field(default=None, gt=0)  # a labeled range: AUC 5 to 6
    unit: DoseUnit
    route: Route
    # Days between doses (7 weekly, 21 every 3 weeks, 1 daily, 0.5 twice daily); None where the
    # label's schedule has no single interval (a loading dose, days 1, 8 and 15 of 28).
    interval_days: float | None = Field(default=None, gt=0)
    schedule: str = Field(min_length=1)  # the label's words: "every 3 weeks"
    duration: str | None = None  # "until disease progression or unacceptable toxicity"
    text: str = Field(min_length=1)  # the label's dosing sentence for this regimen


class Indication(DataModel):
    """One labeled indication (a numbered item of the label's section 1) and its conditions.

    Every condition that is set must hold for the use to be on-label. Empty means "no
    condition". Terms in `histology_*`, `biomarkers`, `after` and `combination_with` come from
    the catalog's vocabularies (biomarker and histology terms, drug classes), so the checker can
    match them against the case and ask staff the right question where the case is silent.
    """

    id: str  # slug, unique within the drug: "nsclc-first-line-nonsquamous"
    section: str = Field(min_length=1)  # label section, e.g. "1.2"
    summary: str = Field(min_length=1)  # short words for the checklist
    label_text: str = Field(min_length=1)  # the label's own words for this indication
    icd10: tuple[str, ...] = Field(min_length=1)  # codes or ranges: "C34", "C18-C20", "C45.0"
    exclude_icd10: tuple[str, ...] = ()
    # Labeled for a tumor type whatever the organ (MSI-H, TMB-H, NTRK, BRAF V600E solid tumors).
    tissue_agnostic: bool = False
    histology_any: tuple[str, ...] = ()  # one of these must describe the tumor
    histology_none: tuple[str, ...] = ()  # none of these may
    # Each inner tuple is one requirement met by any of its terms; all requirements must hold.
    biomarkers: tuple[tuple[str, ...], ...] = ()
    settings: tuple[Setting, ...] = ()  # any one of these
    line: Line = "any"
    after: tuple[str, ...] = ()  # prior therapy the label requires: any of these drugs/classes
    # Labeled partners: the use must include one of each inner tuple; empty: any.
    combination_with: tuple[tuple[str, ...], ...] = ()
    monotherapy: bool = False  # labeled only as a single agent
    min_age_years: float | None = Field(default=None, ge=0)
    regimens: tuple[Regimen, ...] = ()
    note: str = ""

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _SLUG.match(value):
            raise ValueError(f"{value!r} is not a lower-case slug like nsclc-first-line")
        return value

    @field_validator("icd10", "exclude_icd10")
    @classmethod
    def _ranges(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        for value in values:
            if not _RANGE.match(value):
                raise ValueError(f"{value!r} is not an ICD-10-CM code or range like C18-C20")
        return values


class Term(DataModel):
    """A vocabulary term: what counts as saying it in a case, and what to ask when it is unsaid."""

    synonyms: tuple[str, ...] = ()  # matched case-insensitively as whole words
    question: str = Field(min_length=1)  # "Is the tumor MSI-H or dMMR?"


class DrugEntry(DataModel):
    """One active ingredient: its products, codes, classes and labeled indications."""

    generic_name: str = Field(min_length=1)
    # Names staff type that are neither generic nor brand: "nab-paclitaxel", "T-DXd", "5-FU".
    other_names: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()  # "platinum", "anti-PD-1", "taxane": used by `after`
    anticancer: bool = True
    products: tuple[Product, ...] = Field(min_length=1)
    hcpcs: tuple[HcpcsCode, ...] = ()
    indications: tuple[Indication, ...] = ()
    label: LabelRef  # the reference (or first approved) product's label
    # True only where a person read this entry's indications, regimens and routes against the
    # label at `label.read_at`. `verified_note` says what was checked and what was not.
    verified: bool = False
    verified_note: str = ""
    note: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> DrugEntry:
        codes = {c.code for c in self.hcpcs}
        for product in self.products:
            missing = [c for c in product.hcpcs if c not in codes]
            if missing:
                raise ValueError(f"product {product.name!r} names HCPCS {missing} not listed")
        ids = [i.id for i in self.indications]
        if len(ids) != len(set(ids)):
            raise ValueError(f"{self.generic_name}: indication ids repeat")
        return self


class RegimenName(DataModel):
    """A regimen's short name as oncologists write it ("FOLFOX") and the drugs it stands for.

    Read in a case's prior therapies, so "after platinum-based chemotherapy" is seen in
    "FOLFOX" (oxaliplatin). Never printed in a letter.
    """

    drugs: tuple[str, ...] = Field(min_length=1)  # generic names
    source: str = Field(min_length=1)
    verified: bool = False


class DrugGroupFile(DataModel):
    """One file of knowledge/data/drugs/: a group of drugs with its own vocabularies."""

    about: str = ""
    source: str = Field(min_length=1)
    effective: dt.date
    drugs: tuple[DrugEntry, ...]
    # Vocabulary terms this file adds: the key is the canonical term used in indications.
    biomarker_terms: dict[str, Term] = Field(default_factory=dict)
    histology_terms: dict[str, Term] = Field(default_factory=dict)
    # Drug class -> the generic names in it, for classes that span groups ("platinum").
    class_members: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    # Generic names of labeled combination partners that are not catalog entries (yet).
    partner_drugs: tuple[str, ...] = ()
    # How a case's words are read (knowledge/data/drugs/_case_words.json): the words for each
    # labeled setting and route, terms that rule each other out ("pMMR" rules out "MSI-H"; the
    # relation is read both ways), and regimen short names.
    setting_terms: dict[Setting, Term] = Field(default_factory=dict)
    route_terms: dict[Route, tuple[str, ...]] = Field(default_factory=dict)
    contrary_terms: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    regimen_names: dict[str, RegimenName] = Field(default_factory=dict)
