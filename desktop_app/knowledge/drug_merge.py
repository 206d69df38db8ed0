"""Merging the drug-group files: names two files claim, and one vocabulary from all of them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from desktop_app.knowledge.drug_label_model import DrugEntry, DrugGroupFile, RegimenName, Term

# Compiled once: a check and its letter compare a few dozen names.
_TRADEMARKS = re.compile(r"[®™]")


def name_key(name: object) -> str:
    """How names compare: case-folded, ® and ™ dropped, spaces collapsed."""
    if not isinstance(name, str):
        return ""
    return " ".join(_TRADEMARKS.sub("", name).casefold().split())


def entry_names(drug: DrugEntry) -> list[tuple[str, str]]:
    """(name, field within the entry) for every name staff may type for this drug."""
    names = [(drug.generic_name, "generic_name")]
    names += [(n, f"other_names.{i}") for i, n in enumerate(drug.other_names)]
    for i, product in enumerate(drug.products):
        names += [(product.name, f"products.{i}.name")]
        names += [(product.proper_name, f"products.{i}.proper_name")]
    return names


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The merged vocabularies: what each canonical term means in a case's words."""

    biomarkers: Mapping[str, Term] = field(default_factory=dict)
    histology: Mapping[str, Term] = field(default_factory=dict)
    settings: Mapping[str, Term] = field(default_factory=dict)
    routes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # term -> terms that, said in a case, mean it does not hold (both directions)
    contrary: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # class (case-folded) -> generic names in it
    class_members: Mapping[str, frozenset[str]] = field(default_factory=dict)
    partner_drugs: frozenset[str] = frozenset()
    regimen_names: Mapping[str, RegimenName] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A name two entries claim; `field` is the dotted path in `file`."""

    file: str
    field: str
    message: str


def find_duplicates(groups: Sequence[tuple[str, DrugGroupFile]]) -> list[Duplicate]:
    """Every drug named twice: a generic name anywhere, or a name or HCPCS code two files use.

    Within one file two entries may share a product name or code: a combination product such
    as pertuzumab/trastuzumab/hyaluronidase belongs to both of its drugs.
    """
    problems: list[Duplicate] = []
    generics: dict[str, str] = {}
    owners: dict[str, tuple[str, str]] = {}  # name or code -> (file, generic)
    for file_name, group in groups:
        for index, drug in enumerate(group.drugs):
            where = f"drugs.{index}"
            key = name_key(drug.generic_name)
            if key in generics:
                problems.append(
                    Duplicate(
                        file_name,
                        f"{where}.generic_name",
                        f"{drug.generic_name!r} is also an entry in {generics[key]}",
                    )
                )
                continue
            generics[key] = file_name
            claims = [(name_key(n), f) for n, f in entry_names(drug)]
            claims += [(c.code.casefold(), f"hcpcs.{i}.code") for i, c in enumerate(drug.hcpcs)]
            seen: set[str] = set()
            for claim, path in claims:
                if not claim or claim in seen:
                    continue
                seen.add(claim)
                owner = owners.setdefault(claim, (file_name, drug.generic_name))
                if owner[0] != file_name:
                    problems.append(
                        Duplicate(
                            file_name,
                            f"{where}.{path}",
                            f"{claim!r} also names {owner[1]} in {owner[0]}",
                        )
                    )
    return problems


def merge_vocabularies(groups: Iterable[DrugGroupFile], drugs: Iterable[DrugEntry]) -> Vocabulary:
    """Terms from every file; a term two files define keeps the first question and all words."""
    biomarkers: dict[str, Term] = {}
    histology: dict[str, Term] = {}
    settings: dict[str, Term] = {}
    routes: dict[str, tuple[str, ...]] = {}
    contrary: dict[str, set[str]] = {}
    members: dict[str, set[str]] = {}
    partners: set[str] = set()
    regimens: dict[str, RegimenName] = {}
    for group in groups:
        _add_terms(biomarkers, group.biomarker_terms)
        _add_terms(histology, group.histology_terms)
        _add_terms(settings, {str(k): v for k, v in group.setting_terms.items()})
        for route, words in group.route_terms.items():
            routes[route] = tuple(dict.fromkeys((*routes.get(route, ()), *words)))
        for term, others in group.contrary_terms.items():
            for other in others:
                contrary.setdefault(term, set()).add(other)
                contrary.setdefault(other, set()).add(term)
        for name, generic_names in group.class_members.items():
            members.setdefault(name.casefold(), set()).update(n.casefold() for n in generic_names)
        partners.update(n.casefold() for n in group.partner_drugs)
        for short, regimen in group.regimen_names.items():
            regimens.setdefault(short, regimen)
    for drug in drugs:
        for name in drug.classes:
            members.setdefault(name.casefold(), set()).add(drug.generic_name.casefold())
    return Vocabulary(
        biomarkers,
        histology,
        settings,
        routes,
        {k: frozenset(v) for k, v in contrary.items()},
        {k: frozenset(v) for k, v in members.items()},
        frozenset(partners),
        regimens,
    )


def _add_terms(into: dict[str, Term], terms: Mapping[str, Term]) -> None:
    for key, term in terms.items():
        known = into.get(key)
        if known is None:
            into[key] = term
        else:
            words = tuple(dict.fromkeys((*known.synonyms, *term.synonyms)))
            into[key] = known.model_copy(update={"synonyms": words})
