"""The labeled use a request departs from, in a letter's words: `facts.label`.

Every labeled fact printed is the catalog's (the label's own words for each indication and
dosing regimen, its routes, its title, revision and DailyMed set id); the comparison is the
rules' (rules/label_check.py), so a letter cannot state a difference the checker did not find.

Why the wording changes with `verified`: an entry no person has checked against the label was
read from partial copies, so the letter must not put its text in quotation marks as the label's
own words. It says what the catalog lists and that the listing is not yet confirmed against
the current label; the checklist (offlabel.label_unverified) asks staff to confirm it. Once the
case records staff's check against the label revision the catalog cites
(`off_label.label_check`, rules/label_checked.py), the facts are stated as the label's, still
unquoted: staff checked the facts, not the catalog's wording word for word.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.domain.case import Case
from desktop_app.errors import StorageError
from desktop_app.knowledge.anticancer import is_cancer_code
from desktop_app.knowledge.drug_label_model import LabelRef
from desktop_app.rules.label_check import LabelComparison, compare_with_label
from desktop_app.rules.label_checked import label_facts_stated
from desktop_app.rules.label_match import IndicationMatch, State, section_words

MAX_DOSES = 4


@dataclass(frozen=True, slots=True)
class LabeledIndication:
    """One labeled indication near the request, in the catalog's words."""

    section: str  # the label's section number, e.g. "1.2"
    where: str  # "Section 1.2", or "Indications section" where the label has no numbers
    text: str  # the label's own words for the indication, without a closing full stop
    summary: str  # the catalog's short description of it
    differences: list[str] = field(default_factory=list)  # how the request differs


@dataclass(frozen=True, slots=True)
class LabelFacts:
    """What the FDA label covers, beside what this request asks for."""

    drug: str  # the generic name
    source: str  # the label: title, revision month, DailyMed set id (or Drugs@FDA)
    url: str  # the label on DailyMed (or Drugs@FDA)
    product_source: str  # the requested product's own label (a biosimilar's), or empty
    indications: list[LabeledIndication]  # closest labeled indications (indication reason)
    other_cancer: bool  # no labeled indication names this cancer
    covered: bool  # a labeled indication's conditions all hold as the case describes it
    diagnosis: str  # the case's diagnosis as the letter names it
    indications_intro: str  # the sentence before the indications, ending in a colon
    doses: list[str]  # labeled dosing sentences (dose reason)
    dose_intro: str  # "The labeled dosing for (the indication, section 1.2) is:"
    planned_dose: str  # the requested dose and schedule
    routes: str  # the labeled routes, e.g. "intravenous" (route reason)
    route_intro: str  # "The labeled route of administration is"
    planned_route: str  # the requested route
    source_intro: str  # "Source" (checked entry) or what an unchecked entry names the label
    verified: bool  # a person checked the catalog entry against the label: quote its words


def label_source(ref: LabelRef) -> str:
    """'KEYTRUDA (pembrolizumab) injection, revised September 2025, DailyMed set id …'."""
    where = f"DailyMed set id {ref.setid}" if ref.setid else f"Drugs@FDA, {ref.url}"
    return f"{ref.title}, revised {ref.revised:%B %Y}, {where}"


def label_facts(case: Case) -> LabelFacts | None:
    """The facts for the letter's off-label section, or None (no catalog entry, or no reason)."""
    given = getattr(case.off_label, "reasons", None)
    reasons = {r for r in given if isinstance(r, str)} if isinstance(given, list | tuple) else set()
    if not reasons:
        return None
    try:
        comparison = compare_with_label(case)
    except StorageError:
        return None  # the checklist says the catalog could not be read
    if comparison is None:
        return None
    product_label = comparison.product_label
    product = comparison.product
    product_source = ""
    if product_label is not None and product is not None:
        product_source = (
            f"{product.name} ({product.proper_name}) has its own FDA label: "
            f"{label_source(product_label)}."
        )
    closest = comparison.closest() if "indication" in reasons else []
    verified = comparison.drug.verified
    # Stated plainly: verified by the catalog's editors, or checked by staff for this case
    # against the label the catalog cites (rules/label_checked.py); only verified is quoted.
    stated = label_facts_stated(case, comparison)
    other_cancer = "indication" in reasons and not any(m.same_cancer for m in comparison.matches)
    covered = comparison.disease is State.MET
    diagnosis = _diagnosis_words(case)
    doses = _doses(comparison) if "dose" in reasons else []
    routes = " or ".join(comparison.route.labeled) if "route" in reasons else ""
    return LabelFacts(
        drug=comparison.drug.generic_name,
        source=label_source(comparison.label),
        url=comparison.label.url,
        product_source=product_source,
        indications=[_quoted(m) for m in closest],
        other_cancer=other_cancer,
        covered=covered,
        diagnosis=diagnosis,
        indications_intro=_indications_intro(
            comparison.drug.generic_name, diagnosis, other_cancer, covered, stated,
            # Myasthenia gravis is not "this patient's cancer": an anticancer drug's other uses.
            ailment="cancer" if is_cancer_code(getattr(case.diagnosis, "icd10", None))
            else "condition"),
        doses=doses,
        dose_intro=_dose_intro(comparison, stated),
        planned_dose=comparison.dose.requested if "dose" in reasons else "",
        routes=routes,
        route_intro=f"The labeled route of administration{_as_listed(stated)} is",
        planned_route=_planned_route(comparison) if "route" in reasons else "",
        source_intro=_source_intro(stated, said_unconfirmed=bool(closest or doses or routes)),
        verified=verified,
    )


def _source_intro(stated: bool, *, said_unconfirmed: bool) -> str:
    """What the Source line calls the label: the caveat once, not again after the facts."""
    if stated:
        return "Source"
    if said_unconfirmed:  # the facts above already said "not yet confirmed against the label"
        return "Label our drug catalog cites"
    return "Label our drug catalog cites (its listing not yet confirmed against this label)"


def _indications_intro(drug: str, diagnosis: str, other_cancer: bool, covered: bool,
                       stated: bool, *, ailment: str = "cancer") -> str:
    """What the indications listed next are: the label's, or the catalog's listing."""
    where = f" ({diagnosis})" if diagnosis else ""
    if stated:
        if other_cancer:
            return (f"The indications in the FDA-approved prescribing information for {drug} "
                    f"do not include this patient's {ailment}{where}. The labeled indications "
                    "nearest to this request are:")
        if covered:
            return (f"The FDA-approved prescribing information for {drug} lists an indication "
                    "that matches this request as described here:")
        return (f"The labeled indications of {drug} nearest to this request, and how this "
                "request differs from them:")
    if other_cancer:
        return (f"The labeled indications of {drug}, as our drug catalog lists them, do not "
                f"include this patient's {ailment}{where}. This listing has not yet been confirmed "
                "against the current label. The nearest listed indications are:")
    if covered:
        return (f"Our drug catalog lists a labeled indication of {drug} that matches this "
                "request as described here (the listing has not yet been confirmed against "
                "the current label):")
    return (f"The labeled indications of {drug} nearest to this request, as our drug catalog "
            "lists them (not yet confirmed against the current label), and how this request "
            "differs from them:")


def _quoted(match: IndicationMatch) -> LabeledIndication:
    differences = [c.differs for c in match.unmet if c.differs and c.kind != "diagnosis"]
    return LabeledIndication(
        section=match.indication.section,
        where=_where(match.indication.section),
        text=match.indication.label_text.strip().rstrip("."),
        summary=match.indication.summary,
        differences=differences if match.same_cancer else [],
    )


def _where(section: str) -> str:
    return f"Section {section}" if section[:1].isdigit() else f"{section} section"


def _doses(comparison: LabelComparison) -> list[str]:
    regimens = comparison.dose.regimens
    if not regimens:  # not compared (an unlabeled route): the labeled doses of the closest uses
        regimens = tuple(r for m in comparison.closest() for r in m.indication.regimens)
    return list(dict.fromkeys(r.text.strip().rstrip(".") for r in regimens))[:MAX_DOSES]


def _dose_intro(comparison: LabelComparison, stated: bool) -> str:
    """Which labeled use the doses belong to, named by the catalog's summary and section."""
    if comparison.disease is State.UNMET:
        listed = _as_listed(stated, "them")
        return f"The labeled doses of {comparison.drug.generic_name}{listed} include:"
    uses = comparison.closest()
    named = " and ".join(
        f"{m.indication.summary} ({section_words(m.indication.section)})" for m in uses
    )
    return f"The labeled dosing for {named}{_as_listed(stated)} is:"


def _planned_route(comparison: LabelComparison) -> str:
    route = comparison.route
    if route.state is State.UNMET and route.requested:
        return " and ".join(r for r in route.requested if r not in route.labeled)
    return route.typed


def _diagnosis_words(case: Case) -> str:
    code = _text(getattr(case.diagnosis, "icd10", ""))
    description = _text(getattr(case.diagnosis, "description", ""))
    if description and code:
        return f"{description}, ICD-10-CM {code}"
    return description or (f"ICD-10-CM {code}" if code else "")


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _as_listed(stated: bool, them: str = "it") -> str:
    """The words an unchecked entry's fact carries in the letter: ', as our catalog lists it,'."""
    if stated:
        return ""
    return f", as our drug catalog lists {them}, not yet confirmed against the current label,"
