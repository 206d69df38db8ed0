"""Reading a case's own words for the label's terms: said, said to be absent, or not said.

Staff write "HER2 3+", "MSS", "non-squamous" or "Stage IVB"; the catalog's vocabulary lists
such words for each canonical term. A term counts as said when one of its words appears as a
whole word; as absent when it is negated ("no EGFR mutation" is its own term, but "ALK
negative", "non-squamous", "PD-L1 TPS 0%" negate the word before or after them) or when a
contrary term is said ("pMMR" rules out "MSI-H"). Anything else is "not said", and the checker
asks staff rather than guessing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from desktop_app.domain.case import Case
from desktop_app.knowledge.drug_catalog import Vocabulary, drug_name_index, name_key
from desktop_app.knowledge.drug_label_model import Term
from desktop_app.rules.name_finder import index_finder, name_finder


class Said(Enum):
    YES = "yes"
    NO = "no"
    UNSAID = "unsaid"


# Words before a term that negate it: "non-squamous", "no ALK", "negative for EGFR".
_NEGATED_BEFORE = re.compile(
    r"(?:\bnon-?|\bno\s+|\bnot\s+|\bwithout\s+|\bnegative\s+for\s+|\babsence\s+of\s+)$",
    re.IGNORECASE,
)
# ...and after it: "ALK negative", "BRAF V600E not detected", "PD-L1 TPS 0%", "CPS <1".
_NEGATED_AFTER = re.compile(
    r"^[\s:=,-]*(?:negative\b|neg\b|not\s+detected\b|undetected\b|absent\b|not\s+present\b|"
    r"not\s+found\b|0(?![\d.,])\s*%?|<\s*1(?![\d.,]))",
    re.IGNORECASE,
)


def mention(text: str, words: Sequence[str]) -> Said:
    """YES if a word appears un-negated, NO if it appears only negated, else UNSAID."""
    seen_negated = False
    # The spans word_expression(words) would find, without compiling it: the ~17 term
    # expressions a check reads took 12-18 ms to compile in every process.
    for start, end in name_finder(tuple(words)).spans(text):
        before = text[max(0, start - 20) : start]
        after = text[end : end + 16]
        if _NEGATED_BEFORE.search(before) or _NEGATED_AFTER.match(after):
            seen_negated = True
        else:
            return Said.YES
    return Said.NO if seen_negated else Said.UNSAID


def words_of(term: str, vocabulary: Vocabulary) -> tuple[str, ...]:
    """The canonical term and its synonyms, from whichever vocabulary defines it."""
    found: Term | None = None
    for terms in (vocabulary.biomarkers, vocabulary.histology, vocabulary.settings):
        found = terms.get(term)
        if found is not None:
            break
    return (term, *(found.synonyms if found else ()))


def question_for(term: str, vocabulary: Vocabulary) -> str:
    for terms in (vocabulary.biomarkers, vocabulary.histology, vocabulary.settings):
        if term in terms:
            return terms[term].question
    return f"Does the case show {term}?"


def term_said(term: str, text: str, vocabulary: Vocabulary) -> Said:
    """Whether the case's text says the term holds (YES), rules it out (NO), or is silent."""
    said = mention(text, words_of(term, vocabulary))
    if said is Said.YES:
        return said
    for other in vocabulary.contrary.get(term, ()):
        if mention(text, words_of(other, vocabulary)) is Said.YES:
            return Said.NO
    return said


def any_term_said(terms: Iterable[str], text: str, vocabulary: Vocabulary) -> Said:
    """One requirement met by any of its terms: YES if one is said, NO if all are ruled out."""
    states = [term_said(t, text, vocabulary) for t in terms]
    if Said.YES in states:
        return Said.YES
    return Said.NO if states and all(s is Said.NO for s in states) else Said.UNSAID


def routes_named(text: str, vocabulary: Vocabulary) -> set[str]:
    """The labeled route terms a case's route text names ("IV infusion" -> intravenous)."""
    return {
        route
        for route, words in vocabulary.routes.items()
        if mention(text, (route, *words)) is Said.YES
    }


@dataclass(frozen=True, slots=True)
class DrugsNamed:
    """The drugs and drug classes a piece of case text names."""

    generics: frozenset[str]  # case-folded generic names
    classes: frozenset[str]  # case-folded class names said as words ("platinum-based")
    unknown: bool  # the text names something, but no drug or class the catalog knows

    def includes(self, term: str, class_members: Mapping[str, frozenset[str]]) -> bool:
        """Whether a label's partner or prior-therapy term (a drug or a class) is among them."""
        key = term.casefold()
        members = class_members.get(key, frozenset())
        return key in self.generics or key in self.classes or bool(members & self.generics)


def drugs_named(texts: Iterable[str], names: Mapping[str, frozenset[str]]) -> DrugsNamed:
    """Read texts for drug names, with `names` from `drug_name_index` (name -> generics)."""
    generics: set[str] = set()
    classes: set[str] = set()
    unknown = False
    finder = index_finder(names)
    for text in texts:
        if not text.strip():
            continue
        hits = [name_key(text[start:end]) for start, end in finder.spans(text)]
        for hit in hits:
            for generic in names.get(hit, frozenset()):
                (classes if generic.startswith("class:") else generics).add(
                    generic.removeprefix("class:")
                )
        unknown = unknown or not hits
    return DrugsNamed(frozenset(generics), frozenset(classes), unknown)


def all_named(each: Iterable[DrugsNamed]) -> DrugsNamed:
    """What `drugs_named` finds in several texts, from what it found in each of them."""
    found = list(each)
    return DrugsNamed(
        frozenset().union(*(f.generics for f in found)),
        frozenset().union(*(f.classes for f in found)),
        any(f.unknown for f in found),
    )


@dataclass(frozen=True, slots=True)
class CaseText:
    """The parts of a case the conditions read, gathered once."""

    icd10: str
    histology: str  # histology and description
    markers: str  # biomarkers, histology, description and stage
    setting: str  # stage, description and histology
    prior: DrugsNamed
    prior_each: tuple[DrugsNamed, ...]  # one per prior therapy listed
    prior_listed: bool
    prior_words: str
    partners: DrugsNamed
    partner_words: str
    age: float | None


def read_case(case: Case) -> CaseText:
    diagnosis = case.diagnosis
    description = _text(getattr(diagnosis, "description", None))
    histology = _text(getattr(diagnosis, "histology", None))
    stage = _text(getattr(diagnosis, "stage", None))
    marker_text = "; ".join(_text(m) for m in _items(getattr(diagnosis, "biomarkers", None)))
    prior = [_text(getattr(t, "regimen", "")) for t in _items(case.prior_therapies)]
    partners = [_text(p) for p in _items(getattr(case.drug, "combination_with", None))]
    names = drug_name_index()
    prior_each = tuple(drugs_named([p], names) for p in prior)
    return CaseText(
        icd10=_text(getattr(diagnosis, "icd10", "")).upper(),
        histology=f"{histology}. {description}",
        markers=f"{marker_text}. {histology}. {description}. {stage}",
        setting=f"{stage}. {description}. {histology}",
        prior=all_named(prior_each),
        prior_each=prior_each,
        prior_listed=any(p.strip() for p in prior),
        prior_words="; ".join(p for p in prior if p.strip()),
        partners=drugs_named(partners, names),
        partner_words=_and_list([p for p in partners if p.strip()]),
        age=_age(case),
    )


def _age(case: Case) -> float | None:
    dob = getattr(case.patient, "dob", None)
    on = getattr(case.letter, "date", None)
    if not isinstance(dob, dt.date) or not isinstance(on, dt.date) or dob > on:
        return None
    years = on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))
    return float(years)


def _items(value: object) -> list[object]:
    return list(value) if isinstance(value, list | tuple) else []


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _and_list(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
