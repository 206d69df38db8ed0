"""The drug catalog: labelled cancer indications as ICD-10-CM ranges, HCPCS and brand names.

Reference data for autocomplete and the labelled-use check (data/drug_catalog.json, DOMAIN.md
§7b); each entry says where its label facts come from and whether they were verified.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from pydantic import Field, field_validator

from desktop_app.knowledge.reference import DataModel, load_reference, register_cache

CATALOG_FILE = "drug_catalog.json"

_CODE = r"[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?"
_RANGE = re.compile(rf"^({_CODE})(?:-({_CODE}))?$")


def _compact(code: str) -> str:
    return code.replace(".", "").upper()


class CodeRange(DataModel):
    """An inclusive ICD-10-CM range such as C18-C20 or C48.1-C48.2; a code matches by prefix."""

    first: str
    last: str

    def contains(self, code: str) -> bool:
        compact = _compact(code)
        return self.first <= compact[: len(self.first)] and compact[: len(self.last)] <= self.last

    def __str__(self) -> str:
        def dotted(c: str) -> str:
            return c if len(c) <= 3 else f"{c[:3]}.{c[3:]}"

        return (
            dotted(self.first)
            if self.first == self.last
            else f"{dotted(self.first)}–{dotted(self.last)}"
        )


class LabelledIndication(DataModel):
    cancer: str = Field(min_length=1)
    icd10: tuple[CodeRange, ...] = Field(min_length=1)

    @field_validator("icd10", mode="before")
    @classmethod
    def _parse_ranges(cls, value: object) -> object:
        if not isinstance(value, list | tuple):
            return value
        ranges = []
        for item in value:
            match = _RANGE.match(item.strip().upper()) if isinstance(item, str) else None
            if match is None:
                raise ValueError(f"{item!r} is not an ICD-10-CM code or range like C18-C20")
            first, last = _compact(match[1]), _compact(match[2] or match[1])
            if first > last:
                raise ValueError(f"range {item!r} runs backwards")
            ranges.append({"first": first, "last": last})
        return ranges

    def codes_text(self) -> str:
        return ", ".join(str(r) for r in self.icd10)


class DrugEntry(DataModel):
    generic_name: str = Field(min_length=1)
    brand_names: tuple[str, ...] = ()
    hcpcs: str | None = Field(default=None, pattern=r"^[A-Z]\d{4}$")
    indications: tuple[LabelledIndication, ...] = ()
    label_source: str = Field(min_length=1)
    label_revised: dt.date | None = None
    verified: bool = False

    def labelled_indication_for(self, icd10: object) -> LabelledIndication | None:
        """The labelled indication whose codes include this diagnosis, or None."""
        if not isinstance(icd10, str) or not icd10.strip():
            return None
        code = icd10.strip()
        return next((i for i in self.indications if any(r.contains(code) for r in i.icd10)), None)


class DrugCatalog(DataModel):
    about: str = ""
    source: str = Field(min_length=1)
    effective: dt.date
    drugs: tuple[DrugEntry, ...]


@functools.cache
def drug_catalog() -> DrugCatalog:
    return load_reference(CATALOG_FILE, DrugCatalog)


@functools.cache
def _names() -> dict[str, DrugEntry]:
    index: dict[str, DrugEntry] = {}
    for drug in drug_catalog().drugs:
        for name in (drug.generic_name, *drug.brand_names):
            index.setdefault(_key(name), drug)
    return index


def _clear() -> None:
    drug_catalog.cache_clear()
    _names.cache_clear()


register_cache(_clear)


def _key(name: object) -> str:
    if not isinstance(name, str):
        return ""
    return " ".join(re.sub(r"[®™]", "", name).casefold().split())


def find_drug(generic_or_brand_name: object) -> DrugEntry | None:
    """The catalog entry for an exact generic or brand name (any case), or None."""
    key = _key(generic_or_brand_name)
    return _names().get(key) if key else None


def search_drugs(text: object, limit: int = 10) -> list[DrugEntry]:
    """Drugs whose generic name, a brand name or HCPCS code starts with (then contains) `text`."""
    key = _key(text)
    if not key or limit <= 0:
        return []
    starts: list[DrugEntry] = []
    contains: list[DrugEntry] = []
    for drug in drug_catalog().drugs:
        names = [_key(n) for n in (drug.generic_name, *drug.brand_names, drug.hcpcs or "")]
        if any(n.startswith(key) for n in names):
            starts.append(drug)
        elif any(key in n for n in names):
            contains.append(drug)
    return (starts + contains)[:limit]
