"""The drug catalog: every file of knowledge/data/drugs/ merged into one, with its vocabulary.

Each drug-group file (drug_label_model.DrugGroupFile) names the FDA label of every entry, so
every labeled fact carries its source (DailyMed set id and revision) in the data itself. An
admin replaces a bundled file by putting one of the same name in <data folder>/reference/drugs/,
and adds drugs with a file of another name there. A drug named in two files is refused (a
StorageError naming both files and the field), because the checker could not know which label
to trust.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from desktop_app import limits
from desktop_app.domain.problems import first_problem
from desktop_app.errors import StorageError
from desktop_app.knowledge.drug_label_model import DrugEntry, DrugGroupFile, Product
from desktop_app.knowledge.drug_merge import (
    Vocabulary,
    entry_names,
    find_duplicates,
    merge_vocabularies,
    name_key,
)
from desktop_app.knowledge.places import overrides_dir
from desktop_app.knowledge.reference import BUNDLED_DIR, register_cache

__all__ = [
    "CatalogFile",
    "DrugCatalog",
    "Vocabulary",
    "drug_catalog",
    "drug_name_index",
    "entry_names",
    "find_drug",
    "name_key",
    "product_matches",
    "search_drugs",
]

DRUG_FOLDER = "drugs"


@dataclass(frozen=True, slots=True)
class CatalogFile:
    """One file the catalog was read from."""

    name: str
    path: str
    source: str
    effective: str
    admin: bool  # from the data folder, not bundled


@dataclass(frozen=True, slots=True)
class DrugCatalog:
    drugs: tuple[DrugEntry, ...]
    vocabulary: Vocabulary
    files: tuple[CatalogFile, ...]
    origin: Mapping[str, str]  # generic name -> file name


def drug_files() -> list[tuple[Path, bool]]:
    """The files to read, sorted by name: bundled ones, replaced or joined by the admin's."""
    files = {p.name: (p, False) for p in (BUNDLED_DIR / DRUG_FOLDER).glob("*.json")}
    overrides = overrides_dir()
    folder = overrides / DRUG_FOLDER if overrides is not None else None
    if folder is not None and folder.is_dir():
        files.update({p.name: (p, True) for p in folder.glob("*.json") if p.is_file()})
    return [files[name] for name in sorted(files)]


def read_group(path: Path) -> DrugGroupFile:
    """One drug-group file, validated; StorageError naming the file and the field at fault."""
    raw = limits.read_bounded(
        path, limits.REFERENCE_FILE_BYTES, what="a drug data file", error=StorageError,
        unreadable="cannot read drug data ({reason})")
    try:
        return DrugGroupFile.model_validate_json(limits.without_byte_order_mark(raw))
    except ValidationError as exc:
        message, where = first_problem(exc)
        raise StorageError(
            f"drug data file is damaged: {message}",
            file=str(path),
            field=where,
            hint="fix the file or remove the admin's copy to use the built-in data",
        ) from None


def merge_groups(
    groups: Sequence[tuple[str, DrugGroupFile]], paths: Mapping[str, tuple[str, bool]] | None = None
) -> DrugCatalog:
    """One catalog from the files; StorageError for the first drug two entries claim."""
    problems = find_duplicates(groups)
    if problems:
        first = problems[0]
        path = (paths or {}).get(first.file, (first.file, False))[0]
        raise StorageError(
            f"drug data names a drug twice: {first.message}",
            file=path,
            field=first.field,
            hint="keep each drug in one file; an admin's file of the same name replaces a "
            "built-in one",
        )
    drugs = tuple(d for _, g in groups for d in g.drugs)
    where = paths or {}
    files = tuple(
        CatalogFile(
            name,
            where.get(name, (name, False))[0],
            g.source,
            g.effective.isoformat(),
            where.get(name, (name, False))[1],
        )
        for name, g in groups
    )
    origin = {d.generic_name: name for name, g in groups for d in g.drugs}
    return DrugCatalog(drugs, merge_vocabularies([g for _, g in groups], drugs), files, origin)


@functools.cache
def drug_catalog() -> DrugCatalog:
    """The merged catalog, read once per process (reload_reference_data forgets it)."""
    found = drug_files()
    groups = [(path.name, read_group(path)) for path, _ in found]
    paths = {path.name: (str(path), admin) for path, admin in found}
    return merge_groups(groups, paths)


@functools.cache
def _index() -> dict[str, tuple[DrugEntry, ...]]:
    index: dict[str, list[DrugEntry]] = {}
    for drug in drug_catalog().drugs:
        keys = {name_key(n) for n, _ in entry_names(drug)} | {c.code.casefold() for c in drug.hcpcs}
        for key in keys:
            index.setdefault(key, []).append(drug)
    return {k: tuple(v) for k, v in index.items()}


@functools.cache
def drug_name_index() -> dict[str, frozenset[str]]:
    """Every name a case may use for a drug or a class -> the generic names it stands for.

    Classes map to "class:<name>" so a reader can tell "platinum-based" from "cisplatin";
    regimen short names ("FOLFOX") map to their drugs.
    """
    catalog = drug_catalog()
    vocabulary = catalog.vocabulary
    index: dict[str, set[str]] = {}
    for drug in catalog.drugs:
        for name, _ in entry_names(drug):
            index.setdefault(name_key(name), set()).add(drug.generic_name.casefold())
    for name, members in vocabulary.class_members.items():
        index.setdefault(name_key(name), set()).add(f"class:{name}")
        for member in members:
            index.setdefault(name_key(member), set()).add(member)
    for partner in vocabulary.partner_drugs:
        index.setdefault(name_key(partner), set()).add(partner)
    for short, regimen in vocabulary.regimen_names.items():
        index.setdefault(name_key(short), set()).update(d.casefold() for d in regimen.drugs)
    index.pop("", None)
    return {k: frozenset(v) for k, v in index.items()}


def forget_catalog() -> None:
    """Read the drug files again on next use (reload_reference_data does this and more)."""
    _clear()


def _clear() -> None:
    drug_catalog.cache_clear()
    _index.cache_clear()
    drug_name_index.cache_clear()


register_cache(_clear)


def find_drug(name: object) -> DrugEntry | None:
    """The entry for an exact generic, brand, biosimilar or other name, or HCPCS code."""
    key = name_key(name)
    found = _index().get(key) if key else None
    return found[0] if found else None


def search_drugs(text: object, limit: int = 10) -> list[DrugEntry]:
    """Drugs a typed text names: exact names first, then names that start with it, then names
    with a word that starts with it ("dkst" finds trastuzumab-dkst), then any that contain it."""
    key = name_key(text)
    if not key or limit <= 0:
        return []
    ranks: dict[str, tuple[int, int, DrugEntry]] = {}
    for order, drug in enumerate(drug_catalog().drugs):
        rank = min((_rank(key, k) for k in _keys(drug)), default=9)
        if rank < 9:
            ranks[drug.generic_name] = (rank, order, drug)
    return [d for _, _, d in sorted(ranks.values(), key=lambda r: r[:2])][:limit]


def _keys(drug: DrugEntry) -> Iterable[str]:
    yield from (name_key(n) for n, _ in entry_names(drug))
    yield from (c.code.casefold() for c in drug.hcpcs)


def _rank(key: str, name: str) -> int:
    if name == key:
        return 0
    if name.startswith(key):
        return 1
    if any(word.startswith(key) for word in re.split(r"[\s\-/(),]+", name)):
        return 2
    return 3 if key in name else 9


def product_matches(drug: DrugEntry, text: object) -> list[Product]:
    """The products of `drug` a typed text names (by brand, proper name or HCPCS code)."""
    key = name_key(text)
    if not key:
        return []
    found = []
    for product in drug.products:
        names = [name_key(product.name), name_key(product.proper_name)]
        names += [c.casefold() for c in product.hcpcs]
        if any(_rank(key, n) < 3 for n in names):
            found.append(product)
    return found
