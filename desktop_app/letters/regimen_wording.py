"""How a letter names the drug and states the regimen, and why the use is off-label.

The sentences the free text of the drug fields is placed in ("… every 21 days for 6 cycles
(planned duration: …), in combination with …"); rules/wording.py warns when typed text would
read oddly inside them.
"""

from __future__ import annotations

from desktop_app.domain.case import Case
from desktop_app.letters.environment import and_list, format_number
from desktop_app.letters.label_facts import LabelFacts
from desktop_app.rules.wording import combination_drugs, in_sentence


def drug_display_name(case: Case) -> str:
    """'bevacizumab (Avastin)'."""
    generic = case.drug.generic_name.strip()
    brand = (case.drug.brand_name or "").strip()
    if generic and brand:
        return f"{generic} ({brand})"
    return generic or brand


def dose_text(case: Case) -> str:
    amount = case.drug.dose.amount
    return " ".join(p for p in (format_number(amount) if amount else "", case.drug.dose.unit) if p)


def regimen_sentence(case: Case) -> str:
    """'bevacizumab (Avastin) 15 mg/kg IV every 21 days for 6 cycles, in combination with ...'."""
    drug = case.drug
    head = " ".join(p for p in (drug_display_name(case), dose_text(case)) if p)
    # Free text mid-sentence: no full stop of its own, "Until …" lowered (rules/wording.py).
    parts = [p for p in (head, in_sentence(drug.route), in_sentence(drug.frequency)) if p]
    text = " ".join(parts)
    if drug.cycles:
        text += f" for {drug.cycles} cycle{'s' if drug.cycles != 1 else ''}"
    duration = in_sentence(drug.duration)
    if duration:
        text += f" (planned duration: {duration})"
    # "monotherapy" typed in "Combined with" is no partner drug: never "in combination with
    # monotherapy".
    combination = and_list(combination_drugs(drug.combination_with))
    if combination:
        text += f", in combination with {combination}"
    return text


def off_label_points(case: Case) -> list[str]:
    """Why the use is off-label, one sentence per reason, in the order staff chose them."""
    drug = case.drug.generic_name.strip() or "the drug"
    diagnosis = (case.diagnosis.description or "").strip() or case.diagnosis.icd10.strip()
    frequency = case.drug.frequency.strip()
    words = {
        "indication": f"The diagnosis ({diagnosis or 'see above'}) is not among the indications "
        f"in the FDA-approved prescribing information for {drug}.",
        "dose": f"The planned dose ({dose_text(case) or 'as prescribed'}"
        f"{', ' + frequency if frequency else ''}) differs from the dosing in the FDA-approved "
        "prescribing information.",
        "route": f"The route of administration ({case.drug.route.strip() or 'as prescribed'}) "
        "differs from the route in the FDA-approved prescribing information.",
    }
    return [words[reason] for reason in dict.fromkeys(case.off_label.reasons)]


def points_beyond_label(case: Case, points: list[str], label: LabelFacts | None) -> list[str]:
    """The off-label points the label facts do not restate.

    The indication point is the only one the facts say whole: "the labeled indications do not
    include this patient's cancer", with the diagnosis named. A dose or route point states the
    difference the facts only set out (labeled doses, then the planned dose), so it stays.
    """
    if label is None or not (label.other_cancer and label.indications):
        return list(points)
    reasons = list(dict.fromkeys(case.off_label.reasons))
    return [point for reason, point in zip(reasons, points, strict=True) if reason != "indication"]
