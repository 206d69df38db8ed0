"""Labeled-use rules: the case's off-label reasons beside what the drug's FDA label says.

The facts compared are the catalog entry's (knowledge/data/drugs/*.json), each read from the
FDA label it names by DailyMed set id and revision. The findings tell staff where the
reasons and the label disagree, in either direction, and ask the question that settles an
open condition; they never change the case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from desktop_app.domain.case import Case
from desktop_app.domain.findings import Finding, Severity
from desktop_app.errors import StorageError
from desktop_app.knowledge.drug_label_model import DrugEntry, Regimen
from desktop_app.rules.engine import RuleContext, rule
from desktop_app.rules.label_check import LabelComparison, compare_with_label
from desktop_app.rules.label_checked import CheckState, label_facts_stated, staff_check
from desktop_app.rules.label_match import IndicationMatch, State, section_words

SOURCE = (
    "The drug's FDA prescribing information (section 1 Indications and Usage, section 2 "
    "Dosage and Administration), as the drug catalog entry cites it by DailyMed set id"
)
W = Severity.WARNING


_last: tuple[RuleContext, list[Finding]] | None = None


def labeled_use_findings(context: RuleContext) -> list[Finding]:
    """Every labeled-use finding for a case, worked out once for the rules below."""
    global _last
    last = _last
    if last is not None and last[0] is context:
        return last[1]
    found = list(_compare(context))
    _last = (context, found)
    return found


def _only(code: str, context: RuleContext) -> Iterator[Finding]:
    return (f for f in labeled_use_findings(context) if f.code == code)


@rule(
    "offlabel.labeled_use",
    rule_set="offlabel",
    source=SOURCE,
    checks="When the off-label reasons include the indication, no labeled indication's "
    "conditions (cancer, histology, biomarkers, setting, line of therapy, partners, age) all "
    "hold for the case.",
)
def check_labeled_use(context: RuleContext) -> Iterator[Finding]:
    return _only("offlabel.labeled_use", context)


@rule(
    "offlabel.reason_mismatch",
    rule_set="offlabel",
    source=SOURCE,
    checks="The off-label reasons name each way the use departs from the label (indication, "
    "dose or schedule, route) and no way it does not.",
)
def check_reason_mismatch(context: RuleContext) -> Iterator[Finding]:
    return _only("offlabel.reason_mismatch", context)


@rule(
    "offlabel.label_question",
    rule_set="offlabel",
    source=SOURCE + "; the questions are the catalog vocabulary's",
    checks="Where the case does not say enough to tell whether the use is labeled, the fact "
    "that would settle it is asked for (a biomarker, histology, setting, prior therapy, "
    "partner, dose unit, schedule or route).",
)
def check_label_questions(context: RuleContext) -> Iterator[Finding]:
    return _only("offlabel.label_question", context)


@rule(
    "offlabel.label_unverified",
    "offlabel.label_checked",
    "offlabel.catalog_unreadable",
    rule_set="offlabel",
    source="The drug catalog entry's own verified flag and label reference (docs/drug-catalog.md)",
    checks="The label facts the letter gives come from a catalog entry a person checked "
    "against the label (an unchecked entry's are given as the catalog's listing, unquoted, for "
    "staff to confirm, until the case records staff's check against the label revision the "
    "catalog cites), and the catalog files can be read.",
)
def check_catalog_entry(context: RuleContext) -> Iterator[Finding]:
    for code in ("offlabel.label_unverified", "offlabel.label_checked",
                 "offlabel.catalog_unreadable"):
        yield from _only(code, context)


def _compare(context: RuleContext) -> Iterator[Finding]:
    case = context.case
    try:
        comparison = compare_with_label(case)
    except StorageError as exc:
        yield Finding(
            "offlabel.catalog_unreadable",
            W,
            None,
            f"The drug catalog could not be read, so the use was not compared with "
            f"the FDA label: {exc}",
        )
        return
    if comparison is None:
        return  # not in the catalog: the form's off-label section says so
    given = getattr(case.off_label, "reasons", None)
    reasons = {r for r in given if isinstance(r, str)} if isinstance(given, list | tuple) else set()
    yield from _disease(comparison, "indication" in reasons)
    yield from _route(comparison, "route" in reasons)
    yield from _dose(comparison, "dose" in reasons, label_facts_stated(case, comparison))
    if not comparison.drug.verified:
        yield _unverified_entry(case, comparison)


def _day(day: dt.date | None) -> str:
    return f"{day:%B} {day.day}, {day.year}" if day else ""


def _unverified_entry(case: Case, comparison: LabelComparison) -> Finding:
    drug = comparison.drug.generic_name
    label = comparison.label
    check = staff_check(case, comparison)
    if check.state is CheckState.CURRENT:
        return Finding(
            "offlabel.label_checked",
            Severity.INFO,
            "off_label.label_check",
            f"{check.checked_by} checked the catalog's labeled uses, doses and routes of "
            f"{drug} against {label.title} (revised {label.revised:%B %Y}) on "
            f"{_day(check.checked_on)}, so the letter states them as the label's, "
            "without quotation marks.",
        )
    earlier = {
        CheckState.OLDER_LABEL: (
            f" The check recorded in the case was against the label revised "
            f"{check.label_revised:%B %Y}; the catalog now cites the label revised "
            f"{label.revised:%B %Y}, so check again."
        ) if check.label_revised else "",
        CheckState.INCOMPLETE: (
            " The check recorded in the case does not say who checked, when, or against "
            "which revision, so it does not count yet."
        ),
    }.get(check.state, "")
    return Finding(
        "offlabel.label_unverified",
        W,
        "drug.generic_name",
        f"The catalog entry for {drug} has not been checked against its label by a person, "
        "so the letter gives its labeled uses, doses and routes as the catalog lists them, "
        "not yet confirmed against the current label, without quoting them as the label's "
        f"words. Before sending, confirm them against {label.title} ({label.url}), and "
        "record the check in the Off-label section." + earlier,
    )


def _disease(comparison: LabelComparison, said: bool) -> Iterator[Finding]:
    drug = comparison.drug.generic_name
    if comparison.disease is State.MET and said:
        match = comparison.labeled_matches()[0]
        yield Finding(
            "offlabel.labeled_use",
            W,
            "off_label.reasons",
            f"{drug}'s FDA label covers this use: {match.indication.summary} "
            f"({section_words(match.indication.section)}). Yet the request calls the "
            "indication off-label. If the use is on the label, remove 'indication' "
            "from the off-label reasons; if it differs in a way the case does not "
            "show yet (line of therapy, biomarker, combination), add that to the case.",
        )
    elif comparison.disease is State.UNMET and not said:
        closest = comparison.closest()
        yield Finding(
            "offlabel.reason_mismatch",
            W,
            "off_label.reasons",
            f"{drug}'s FDA label does not cover this use. "
            f"{_closest_words(closest)} Add 'indication' to the off-label reasons, "
            "or correct the diagnosis if it is wrong.",
        )
    elif comparison.disease is State.UNKNOWN:
        yield from _questions(comparison.candidates())


def _closest_words(closest: list[IndicationMatch]) -> str:
    if not closest:
        return "The catalog lists no labeled indication for it."
    best = closest[0]
    differs = "; ".join(c.differs for c in best.unmet if c.differs)
    return (
        f"Closest labeled indication: {best.indication.summary} "
        f"({section_words(best.indication.section)}){': ' + differs if differs else ''}."
    )


def _questions(candidates: list[IndicationMatch]) -> Iterator[Finding]:
    by_field: dict[str, dict[str, list[str]]] = {}
    for match in candidates:
        for condition in match.unknown:
            if condition.question:
                asked = by_field.setdefault(condition.field, {})
                asked.setdefault(condition.question, []).append(match.indication.summary)
    for field, asked in by_field.items():
        sentences = [
            f"{question} The label covers {' and '.join(dict.fromkeys(summaries))}."
            for question, summaries in asked.items()
        ]
        yield Finding("offlabel.label_question", W, field, " ".join(sentences))


def _route(comparison: LabelComparison, said: bool) -> Iterator[Finding]:
    route = comparison.route
    drug = comparison.drug.generic_name
    labeled = " or ".join(route.labeled) or "not stated in the catalog"
    if route.state is State.UNMET and not said:
        yield Finding(
            "offlabel.reason_mismatch",
            W,
            "drug.route",
            f"The route ({route.typed}) is not a labeled route of {drug}: the label "
            f"gives {labeled}. Add 'route' to the off-label reasons.",
        )
    elif route.state is State.MET and said:
        yield Finding(
            "offlabel.reason_mismatch",
            W,
            "drug.route",
            f"The route ({route.typed}) is a labeled route of {drug} ({labeled}), "
            "yet the request calls the route off-label. Remove 'route' from the "
            "off-label reasons, or correct the route.",
        )
    elif route.state is State.UNKNOWN and route.question:
        yield Finding("offlabel.label_question", W, "drug.route", route.question)


def _regimen_words(drug: DrugEntry, regimens: Sequence[Regimen], stated: bool) -> str:
    """The labeled regimens as the checklist gives them: in quotation marks only where a person
    read them on the label (`verified`); as they are where staff checked them for this case
    (`stated`); otherwise said to be the catalog's, not the label's."""
    texts = dict.fromkeys(r.text.strip().rstrip(".") for r in regimens)
    if drug.verified:
        return "; ".join(f"“{text}”" for text in texts)
    if stated:
        return "; ".join(texts)
    return ("; ".join(texts) + " (as the drug catalog lists it, not yet confirmed against "
            "the label)")


def _dose(comparison: LabelComparison, said: bool, stated: bool) -> Iterator[Finding]:
    dose = comparison.dose
    drug = comparison.drug.generic_name
    labeled = _regimen_words(comparison.drug, dose.nearest or dose.regimens[:3], stated)
    scope = "for this use" if comparison.disease is not State.UNMET else "for any labeled use"
    if dose.state is State.UNMET and not said:
        yield Finding(
            "offlabel.reason_mismatch",
            W,
            dose.field,
            f"The planned dose ({dose.requested}) is outside {drug}'s labeled dosing "
            f"{scope}: {labeled}. Add 'dose' to the off-label reasons.",
        )
    elif dose.state is State.MET and said:
        yield Finding(
            "offlabel.reason_mismatch",
            W,
            dose.field,
            f"The planned dose ({dose.requested}) matches {drug}'s labeled dosing "
            f"{scope}: {labeled}. Remove 'dose' from the off-label reasons, or "
            "correct the dose or schedule.",
        )
    elif dose.state is State.UNKNOWN and dose.question:
        yield Finding("offlabel.label_question", W, dose.field, dose.question)
