"""An appeal for each sample denial letter (examples/denials/), read as the payer's reviewer
would: the letter is read in, every proposed value confirmed as staff would, and the appeal
answers each stated reason under its own heading with the case's evidence.

The cases (tests/golden/denial_cases/) are what the practice had on file before the denial was
read: fictional patients whose treatment matches the letter. Where a reason needs the
practice's own words (a drug withdrawn, a network exception), the test types them as staff
would in the reason's response.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.case_evidence import Attachment
from desktop_app.domain.casefile import case_to_dict, load_case, parse_case
from desktop_app.services.check import check_case
from desktop_app.services.denial_intake import ConfirmedDenial, apply_denial, propose_from_text
from desktop_app.services.render import render_letter
from tests.conftest import EXAMPLES
from tests.unit.export import probes

CASES = Path(__file__).with_name("denial_cases")
LETTERS = sorted((EXAMPLES / "denials").glob("*.txt"))

# What staff type as the practice's answer, by reason number.
RESPONSES: dict[str, dict[int, str]] = {
    "04-pathway-vendor-not-on-pathway": {
        1: "He is in the pathway's second-line setting, and its preferred regimen, gemcitabine "
           "with nab-paclitaxel, was his first-line treatment: his cancer progressed on it.",
        3: "Nivolumab is withdrawn from this request. This appeal asks for modified FOLFIRINOX "
           "alone, as set out under reasons 1 and 2.",
    },
    "08-medicaid-managed-care": {
        1: "Riverbend Cancer Institute has treated Mr. Esperanza-Villalobos since his diagnosis, "
           "and no in-network oncology practice within 100 miles gives lurbinectedin. We ask for "
           "a network exception for this course of treatment.",
    },
}

# letter: (codes the checker must report, codes it must not, words the PDF must hold, must not)
EXPECTED: dict[str, tuple[set[str], set[str], list[str], list[str]]] = {
    "01-medicare-advantage-part-b-drug": (
        {"evidence.nccn_2b"}, {"appeal.reason_unanswered"},
        ["Reason 1: Not medically necessary", "The treatment is medically necessary for this "
         "patient.", "Prior treatment: Carboplatin AUC 5", "Reason 2: Not supported by the "
         "compendia", "lists this use as Category 2B", "the last day to file is January 13, 2027"],
        [],
    ),
    "02-commercial-oncology-drug-policy": (
        set(), {"appeal.reason_unanswered"},
        ["Reason 1: Experimental or investigational", "under Oncology Drug Policy ONC-114",
         "The use is medically accepted, not experimental or investigational.",
         "Melanoma: Uveal v1.2026) lists this use as Category 2A", "Reason 2: Not supported by "
         "the compendia", "The evidence supports this use (see the answer to reason 1)."],
        [],
    ),
    "03-part-d-coverage-determination": (
        set(), {"appeal.reason_unanswered"},
        ["Reason 1: Not FDA-approved for this indication", "An off-label use of an FDA-approved "
         "drug may be covered.", "section 1860D-2(e)(4)(A)(i)", "Reason 2: Quantity or dose "
         "exceeds the plan's limit", "three 140 mg capsules a day, 15 capsules per 28 days"],
        ["The dose and schedule are those the evidence supports"],
    ),
    "04-pathway-vendor-not-on-pathway": (
        set(), {"appeal.reason_unanswered"},
        ["Reason 1: Other reason", "FOLFIRINOX or modified FOLFIRINOX: subsequent therapy",
         "was his first-line treatment: his cancer progressed on it.", "Reason 2: Step therapy",
         "Reason 3: Experimental or investigational", "Nivolumab is withdrawn from this request."],
        # The evidence for FOLFIRINOX is never argued for nivolumab.
        ["The use is medically accepted, not experimental"],
    ),
    "05-erisa-self-funded-tpa": (
        {"state.mandate_not_applicable"}, {"appeal.reason_unanswered"},
        ["Reason 1: Not medically necessary", "(hypomethylating agent monotherapy), 8 cycles",
         "Reason 2: Step therapy: another drug must be tried first", "The patient has already "
         "received the treatments listed (see the answer to reason 1)."],
        [],
    ),
    "06-commercial-missing-information": (
        set(), {"appeal.reason_unanswered"},
        ["Reason 1: Missing or incomplete information", "The information requested is enclosed.",
         "Enclosed with this appeal: Pathology report, anal canal biopsy"],
        [],
    ),
    "07-commercial-first-appeal-upheld": (
        {"evidence.reference_incomplete"}, {"appeal.reason_unanswered"},
        ["Reason 1: Not FDA-approved for this indication", "(J Clin Oncol, 2024), a "
         "nonrandomized clinical study [1]"],
        [],
    ),
    "08-medicaid-managed-care": (
        set(), {"appeal.reason_unanswered"},
        ["Joaquín Esperanza-Villalobos", "Reason 1: Out of network", "We ask for a network "
         "exception", "Reason 2: Missing or incomplete information", "Enclosed with this appeal: "
         "Treatment plan, lurbinectedin"],
        # Only the practice can say why the care must be given out of network.
        ["Other treatments considered"],
    ),
    "09-medicare-part-b-redetermination": (
        {"evidence.none_supportive", "appeal.reason_unanswered"}, set(),
        ["Reason 1: Not supported by the compendia"],
        # Nothing supports the use: the letter claims no answer and no medically accepted use.
        ["The compendia and the literature support this use", "It is therefore a medically "
         "accepted indication"],
    ),
    "10-medicare-advantage-step-therapy": (
        set(), {"appeal.reason_unanswered"},
        ["Reason 1: Step therapy", "Bevacizumab-awwb 10 mg/kg every 2 weeks", "Grade 3 infusion "
         "reaction on the second dose", "Reason 2: Quantity or dose exceeds the plan's limit",
         "bevacizumab (Avastin) 15 mg/kg intravenous every 2 weeks"],
        [],
    ),
}


def _value(proposed: Any) -> Any:
    return proposed.value if proposed is not None else None


def appeal_case(letter_path: Path) -> Any:
    """The case with the letter read in, every value confirmed as proposed, the letter kept."""
    letter = propose_from_text(letter_path.read_text(encoding="utf-8"))
    proposal = letter.proposal
    confirmed = ConfirmedDenial(
        date=_value(proposal.denial_date),
        reference_number=_value(proposal.reference_number) or "",
        level=_value(proposal.level),
        reasons=tuple((r.category, r.text) for r in proposal.reasons),
        criteria_cited=proposal.criteria,
        stated_deadline=_value(proposal.stated_deadline),
        plan_name=_value(proposal.plan_name) or "",
        plan_type=_value(proposal.plan_type),
        letter=letter,
    )
    kept = Attachment(title=f"Denial letter of {confirmed.date}", path="attachments/denial.txt")
    case = apply_denial(load_case(CASES / f"{letter_path.stem}.json"), confirmed, kept)
    data = case_to_dict(case)
    for number, words in RESPONSES.get(letter_path.stem, {}).items():
        data["denial"]["reasons"][number - 1]["response"] = words
    return parse_case(data)


@pytest.mark.parametrize("letter", LETTERS, ids=[p.stem for p in LETTERS])
def test_the_appeal_answers_each_stated_reason(letter: Path) -> None:
    must, must_not, words, not_words = EXPECTED[letter.stem]
    case = appeal_case(letter)
    codes = {f.code for f in check_case(case).findings}
    assert must <= codes, sorted(codes)
    assert not must_not & codes, sorted(codes)
    rendered = render_letter(case, fmt="pdf", invariant=True,
                             override_reason="golden test of a weak appeal")
    pages = probes.pdf_pages(rendered.data)
    text = " ".join(probes.normalize(page) for page in pages)
    assert len(pages) <= 5
    assert f"reference {case.denial.reference_number}" in text  # in the subject line
    reasons = case.denial.reasons
    # A QIC reconsiders the MAC's decision, not its own: the letter says "The denial notice".
    notice = "The denial notice" if letter.stem == "09-medicare-part-b-redetermination" else (
        "Your notice")
    assert f"{notice} states {len(reasons)} reason" in text
    for number, reason in enumerate(reasons, 1):
        heading = text.index(f"Reason {number}: ")
        # The payer's words follow their heading, quoted as printed.
        assert text.index(f"{notice} states: “{' '.join(reason.text.split())}”") > heading
    for expected in words:
        assert expected in text, expected
    for unwanted in not_words:
        assert unwanted not in text, unwanted
    assert "Response to the reason for denial" not in text  # the one-text layout is not used
    assert text.count("(see the answer to reason 1). The evidence supports this use (see") == 0


def test_a_reason_about_a_withdrawn_drug_is_flagged_until_staff_answer_it() -> None:
    letter = EXAMPLES / "denials" / "04-pathway-vendor-not-on-pathway.txt"
    data = case_to_dict(appeal_case(letter))
    data["denial"]["reasons"][2].pop("response")
    findings = check_case(parse_case(data)).findings
    [flagged] = [f for f in findings if f.field == "denial.reasons.2"]
    assert flagged.code == "appeal.reason_unanswered"
    assert "is about nivolumab, which this request does not include" in flagged.message


def test_every_letter_has_its_case() -> None:
    assert sorted(p.stem for p in CASES.glob("*.json")) == [p.stem for p in LETTERS]
    assert sorted(EXPECTED) == [p.stem for p in LETTERS]
