"""The coverage-law cases (tests/golden/law_cases): what the checker finds and what the rendered
PDF says, read as a payer's medical director would. One case or more per numbered point of the
review: Part D non-anticancer uses, conflicting listings, appeal windows, who decides, state
laws, Part B letters of medical necessity, benefits, expedited requests, smaller facts and the
letter's legal paragraphs; then letters to independent reviewers, deadlines a denial notice
states, weekend deadlines, Part D DrugDex support and the IRE, Medicare Advantage step therapy,
a local coverage article and a child. Patients are fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.domain.casefile import load_case
from desktop_app.services.check import check_case
from desktop_app.services.render import render_letter
from tests.unit.export import probes

CASES = Path(__file__).with_name("law_cases")

# name: (codes the checker must report, codes it must not, words the PDF must hold, must not)
EXPECTED: dict[str, tuple[set[str], set[str], list[str], list[str]]] = {
    "01-part-d-tricyclic-for-neuropathy": (
        {"coverage.not_anticancer", "evidence.part_d_compendia_only"},
        {"evidence.none_supportive", "icd10.not_malignant"},
        ["section 1860D-2(e)(4)(A)(ii) and section 1927(k)(6)", "NCCN listings and journal "
         "articles are not among them",
         "prior authorization of amitriptyline for an off-label use"],
        ["off-label anticancer", "in oncology", "1861(t)(2)(B)"],
    ),
    "02-part-d-tricyclic-nccn-only": (
        {"evidence.none_supportive", "evidence.part_d_compendia_only"},
        set(),
        ["on the clinical grounds and the evidence set out in this letter", "1927(k)(6)"],
        ["The use is medically accepted", "It is therefore"],
    ),
    "03-conflicting-listings-unexplained": (
        {"evidence.conflicting_listing", "medicare.abn_reminder"},
        set(),
        ["Letter of medical necessity", "on the clinical grounds and the evidence"],
        ["The use is medically accepted", "It is therefore", "prior authorization"],
    ),
    "04-conflicting-listings-explained": (
        set(),
        {"evidence.conflicting_listing"},
        ["Micromedex DrugDex rates it Class III (not recommended). The DrugDex Class III "
         "rating concerns first-line treatment"],
        ["The use is medically accepted", "It is therefore"],
    ),
    "05-medicare-advantage-reconsideration-day-65": (
        {"appeal.deadline_near"},
        {"appeal.deadline_passed", "appeal.deadline_unverified"},
        ["Attn: Appeals and Grievances (Reconsiderations)", "the last day to file is November "
         "30, 2026", "65 days", "automatically to the Part C Independent Review Entity",
         "within 7 days, as 42 CFR 422.590(c) requires"],
        ["Qualified Independent Contractor", "QIC"],
    ),
    "06-external-review-july-31-notice": (
        {"appeal.deadline_near", "decision.timeframe_unverified"},
        {"appeal.deadline_passed"},
        ["Attn: External Review", "the last day to file is December 1, 2026",
         "independent review organization (IRO)", "within the timeframe that 45 CFR "
         "147.136(d) sets for a standard external review"],
        # An IRO does not decide under the plan's claims procedure (fourth review).
        ["within 30 days", "full and fair review", "2560.503-1(h)", "reviews the claim anew"],
    ),
    "07-part-d-expedited-redetermination": (
        set(),
        {"expedited.statement_missing"},
        ["Attn: Part D Redeterminations", "Part D plan sponsor", "each week without "
         "treatment risks permanent loss of function", "within 72 hours, as 42 CFR "
         "423.590(d)(1) requires for an expedited redetermination", "Part D Independent Review "
         "Entity (IRE)"],
        ["Qualified Independent Contractor"],
    ),
    "08-part-b-redetermination": (
        set(),
        {"appeal.deadline_unverified"},
        ["Attn: Redeterminations", "Redetermination by the Medicare Administrative Contractor "
         "(MAC)", "reconsideration by a Qualified Independent Contractor (QIC)"],
        [],
    ),
    "09-maine-nccn-and-one-article": (
        {"evidence.too_few_articles"},
        set(),
        ["supported by the NCCN Drugs & Biologics Compendium"],
        ["2745-E", "conditions of", "The use is medically accepted"],
    ),
    "10-maine-ahfs-di-listing": (
        set(),
        {"evidence.too_few_articles", "state.law_not_met"},
        ["It therefore meets the conditions of 24-A M.R.S. §2837-F (group) and §2745-E",
         "United States Pharmacopeia Drug Information or the American Hospital Formulary"],
        [],
    ),
    "11-vermont-4095f": (
        set(),
        {"state.oncologist_required", "state.law_not_met"},
        ["It therefore meets the conditions of 8 V.S.A. §4095f", "treating oncologist"],
        ["§4100e."],
    ),
    "12-part-b-letter-of-medical-necessity": (
        {"medicare.abn_reminder"},
        {"evidence.none_supportive"},
        ["Re: Letter of medical necessity for gemcitabine", "for the claim and the medical "
         "record", "1861(t)(2)(B)(ii)(II)", "How this patient matches the patients studied",
         "Monitoring and response plan", "C78.01 – Secondary malignant neoplasm of right lung"],
        ["prior authorization", "The use is medically accepted", "peer-to-peer"],
    ),
    "13-part-d-oral-capecitabine": (
        {"benefit.part_b_oral_anticancer"},
        set(),
        ["Medicare Part D prescription drug benefit", "1860D-2(e)(4)(A)(i)"],
        [],
    ),
    "14-commercial-expedited-request": (
        set(),
        {"expedited.statement_missing"},
        ["EXPEDITED REVIEW REQUESTED", "Her bowel obstruction from peritoneal disease is "
         "worsening", "within 72 hours, as 29 CFR 2560.503-1(f)(2)(i) and 45 CFR 147.136(b) "
         "require for an urgent care claim", "written coverage criteria or policy"],
        ["7 days"],
    ),
    "15-mds-is-an-anticancer-use": (
        set(),
        {"icd10.not_malignant", "coverage.use_unclear"},
        ["1860D-2(e)(4)(A)(i)", "The use is medically accepted"],
        [],
    ),
    "16-nccn-2b-only": (
        {"evidence.nccn_2b", "medicare.abn_reminder"},
        {"evidence.none_supportive"},
        ["names NCCN categories 1 and 2A; some Medicare contractors also accept category 2B "
         "(for example, MAC article A58113)"],
        ["meets the Medicare standard", "The use is medically accepted", "It is therefore"],
    ),
    "17-cms-journal-own-spelling": (
        set(),
        {"evidence.journal_not_recognized", "evidence.none_supportive"},
        ["British Journal of Haematology, a journal CMS recognizes"],
        [],
    ),
    "18-commercial-request-full-lmn": (
        set(),
        set(),
        ["C79.31 – Secondary malignant neoplasm of brain", "He matches the phase II population",
         "Blood counts every 2 weeks", "written coverage criteria or policy you will apply",
         "within 15 days, as 29 CFR 2560.503-1(f)(2)(iii)(A) and 45 CFR 147.136(b) require"],
        ["The use is medically accepted"],  # plan terms decide; no state law binds it (WY)
    ),
    # Second review: an anticancer drug for a disease that is not a cancer is not "used in an
    # anticancer chemotherapeutic regimen" (SSA §1861(t)(2)(A), §1860D-2(e)(4)(A)).
    "19-part-b-rituximab-myasthenia-gravis": (
        {"coverage.not_anticancer", "medicare.abn_reminder"},
        {"coverage.use_unclear"},
        ["Section 1862(a)(1)(A) of the Social Security Act", "not part of an anticancer "
         "chemotherapeutic regimen", "do not include this patient's condition (Myasthenia "
         "gravis with (acute) exacerbation"],
        ["patient's cancer", "1861(t)(2)(B)(ii)", "The use is medically accepted"],
    ),
    "20-part-d-thalidomide-discoid-lupus": (
        {"coverage.not_anticancer"},
        {"coverage.use_unclear", "evidence.part_d_compendia_only", "evidence.none_supportive"},
        ["It is therefore a medically accepted indication under section 1860D-2(e)(4)(A)(ii) "
         "and section 1927(k)(6)", "this patient's condition (Discoid lupus erythematosus"],
        ["patient's cancer", "1860D-2(e)(4)(A)(i) of", "off-label anticancer"],
    ),
    # A QIC or an IRO did not make the decision appealed, and holds no peer-to-peer calls.
    "21-part-b-qic-reconsideration": (
        {"appeal.deadline_near"},
        {"appeal.deadline_passed", "appeal.deadline_unverified"},
        ["Attn: Reconsiderations", "to appeal the decision dated June 10, 2026",
         "The denial notice states 1 reason", "the last day to file is December 12, 2026",
         "42 CFR 405.962(a)", "A reconsideration is an independent",
         "bind the QIC; local coverage determinations and manual instructions do not",
         "(42 CFR 405.968(b))"],
        ["your decision", "Your notice states", "peer-to-peer review with a physician"],
    ),
    "22-commercial-expedited-external-review": (
        {"decision.timeframe_unverified"},
        {"appeal.deadline_near", "expedited.statement_missing"},
        ["Attn: External Review", "EXPEDITED APPEAL", "within the timeframe that 45 CFR "
         "147.136(d) sets for an expedited external review", "to appeal the decision dated "
         "November 20, 2026", "the last day to file is March 20, 2027",
         "The independent review organization's decision binds the plan"],
        ["your decision", "peer-to-peer review with a physician", "within 72 hours",
         "full and fair review", "The plan must decide this claim"],
    ),
    # Checked and found right (second review); kept so they stay right.
    "23-self-funded-plan-in-maine": (  # ERISA §514: Maine's off-label law does not reach it
        {"state.mandate_not_applicable"},
        {"state.law_not_met", "evidence.too_few_articles"},
        ["state insurance mandates do not reach it (ERISA §514, 29 U.S.C. 1144)",
         "within 15 days, as 29 CFR 2560.503-1(f)(2)(iii)(A) requires for a pre-service claim"],
        ["2745-E", "2837-F", "Maine"],
    ),
    "24-medicaid-managed-care-appeal": (  # 438.402(c)(2)(ii) not read: the window is not stated
        {"appeal.deadline_unverified", "appeal.deadline_near"},
        {"appeal.deadline_passed"},
        ["the patient may ask for a state fair hearing", "Attn: Appeals and Grievances"],
        ["the last day to file", "60 days", "This appeal is filed within the time allowed"],
    ),
    "25-medicare-advantage-part-b-drug-expedited": (  # 422.572 Part B drug text not read
        {"decision.timeframe_unverified"},
        {"expedited.statement_missing"},
        ["within the timeframe that 42 CFR 422.572(a)(2) sets for an expedited organization "
         "determination on a Part B drug"],
        ["within 24 hours", "within 72 hours"],
    ),
    "26-part-b-lexi-drugs-level-b-only": (  # MBPM ch.15 §50.4.5(B): Lexi-Drugs Evidence Level A
        {"evidence.none_supportive", "medicare.abn_reminder"},
        set(),
        ["Lexi-Drugs lists this use as Evidence Level B"],
        ["The use is medically accepted", "It is therefore", "meets the Medicare standard"],
    ),
    "27-texas-step-therapy-exception": (  # Tex. Ins. Code §1369.0546(c), a fully insured plan
        {"state.law_not_met"},
        {"state.mandate_not_applicable"},
        ["Reason 1: Step therapy", "Tex. Ins. Code §1369.0546(c): A health benefit plan issuer "
         "must grant a step therapy exception"],
        ["1369.004", "The use is medically accepted"],
    ),
    # 29 CFR 2560.503-1(i)(2)(ii): a plan with two appeal levels decides each within 15 days.
    "28-commercial-second-level-appeal": (
        {"appeal.deadline_unverified"},
        {"appeal.deadline_passed"},
        ["Please decide this appeal within 15 days, as 29 CFR 2560.503-1(i)(2)(ii) and 45 CFR "
         "147.136(b) require for an appeal of a pre-service claim at the second of two appeal "
         "levels"],
        ["within 30 days"],
    ),
    # Medicaid: the plan owes a resolution (42 CFR 438.408(b), current text not read), the
    # state's hearing office a final action within 90 days or 3 working days (431.244(f)).
    "29-medicaid-expedited-plan-appeal": (
        {"decision.timeframe_unverified", "appeal.deadline_unverified"},
        {"expedited.statement_missing"},
        ["within the timeframe that 42 CFR 438.408(b)(3) sets for an expedited resolution of a "
         "managed care plan appeal", "the patient may ask for a state fair hearing"],
        ["within 72 hours", "within 3 working days", "the last day to file"],
    ),
    "30-medicaid-state-fair-hearing": (
        {"appeal.deadline_unverified"},
        {"decision.timeframe_unverified"},
        ["Attn: Fair Hearings", "within 90 days, as 42 CFR 431.244(f)(1)(i) requires for a state "
         "fair hearing, counted from the date the managed care plan appeal was filed",
         "to appeal the decision dated November 2, 2026"],
        ["your decision", "peer-to-peer review with a physician", "438.408"],
    ),
    # A late appeal that says why (denial.late_reason): Medicare lets each level accept it for
    # good cause (42 CFR 405.942(b)); the MA plan's rule (422.582(c)) was not read, so no cite.
    "31-part-b-late-redetermination-good-cause": (
        {"appeal.filed_late"},
        {"appeal.deadline_passed", "appeal.deadline_near"},
        ["This appeal is filed after the last day to file, October 4, 2026. I ask that it be "
         "accepted for good cause, as 42 CFR 405.942(b) allows. The reason it is late: The "
         "denial notice went to the patient's former address"],
        ["This appeal is filed within the time allowed"],
    ),
    "32-medicare-advantage-late-reconsideration": (
        {"appeal.filed_late"},
        {"appeal.deadline_passed"},
        ["This appeal is filed after the last day to file, October 7, 2026. I ask that it be "
         "accepted for good cause. The reason it is late: The patient was in the hospital"],
        ["422.582(c)", "This appeal is filed within the time allowed"],
    ),
    # Fla. Stat. §627.4239(1)(a) counts only studies in a United States journal, which the case
    # does not show: with articles alone the letter names that condition, and staff confirm it.
    "33-florida-articles-only": (
        {"state.conditions_to_confirm"},
        {"state.law_not_met", "state.law_unverified", "evidence.too_few_articles"},
        ["It therefore meets the evidence conditions of Fla. Stat. §627.4239; the law also "
         "requires that the studies this letter relies on be published in a United States"],
        ["It therefore meets the conditions of Fla. Stat. §627.4239."],
    ),
    # Fourth review. A notice cannot shorten the window a regulation sets (29 CFR
    # 2560.503-1(h)(3)(i): 180 days), nor extend one (42 CFR 405.942(a): 120 + 5 days): the
    # regulation's day counts, and the letter names the notice's day beside it.
    "34-commercial-notice-states-60-days": (
        {"appeal.stated_deadline_passed"},
        {"appeal.deadline_passed", "appeal.filed_late", "appeal.stated_deadline_earlier"},
        ["The denial notice gives October 31, 2026 as the last day to appeal, but the time to "
         "appeal is set by 29 CFR 2560.503-1(h)(3)(i) and 45 CFR 147.136(b) (internal appeal",
         "it ends February 28, 2027, and this "
         "appeal is filed within it", "Should the plan treat this appeal as late under its "
         "notice, I ask that it be accepted for good cause. Why it was not sent by October 31, "
         "2026: The plan's notice reached the practice on November 10, 2026"],
        ["This appeal is filed after the last day to file", "This appeal is filed within the "
         "time allowed"],
    ),
    "35-part-b-notice-states-a-later-day": (
        {"appeal.filed_late"},
        {"appeal.deadline_passed", "appeal.stated_deadline_later"},
        ["This appeal is filed after the last day to file, October 4, 2026. I ask that it be "
         "accepted for good cause, as 42 CFR 405.942(b) allows. The denial notice gave "
         "December 15, 2026 as the last day to appeal."],
        ["This appeal is filed within the time allowed", "filed by the last day to file"],
    ),
    # Part D, an anticancer use DrugDex alone supports: SSA §1860D-2(e)(4)(A)(i) applies
    # §1861(t)(2)(B) with DrugDex among the compendia; MBPM ch.15 §50.4.5(B) counts Class IIb.
    "36-part-d-drugdex-only": (
        set(),
        {"evidence.none_supportive", "evidence.part_d_compendia_only", "coverage.not_anticancer",
         "benefit.part_b_oral_anticancer"},
        ["Micromedex DrugDex (Micromedex, accessed 2026-11-20), Class IIb. It is therefore a "
         "medically accepted indication under section 1860D-2(e)(4)(A)(i)", "within 72 hours, "
         "as 42 CFR 423.568(b) requires for a standard coverage determination"],
        ["1927(k)(6)", "Medicare Benefit Policy Manual"],
    ),
    # The Part D IRE must solicit the prescriber's views (42 CFR 423.600(b)) and meets the
    # redetermination deadlines (423.600(d)): it is not asked to decide "a redetermination".
    "37-part-d-ire-reconsideration": (
        {"appeal.deadline_not_business_day"},
        {"appeal.deadline_passed", "decision.timeframe_unverified"},
        ["Attn: Part D Reconsiderations (Independent Review Entity)", "must ask for the "
         "prescribing physician's views and keep a written account of them in its record (42 CFR "
         "423.600(b)); this letter gives them", "within 7 days, as 42 CFR 423.600(d) and "
         "423.590(a) require for a standard reconsideration by the Part D Independent Review "
         "Entity", "the last day to file is January 30, 2027"],
        ["your decision", "for a standard redetermination", "peer-to-peer review with a "
         "physician", "2560.503-1"],
    ),
    # Medicare Advantage: a state step therapy law does not bind it, and 42 CFR 422.136 was not
    # read (step_therapy_laws.json, verified false): the reason is left for the case to answer.
    "38-medicare-advantage-part-b-step-therapy": (
        {"appeal.reason_unanswered"},
        {"state.law_not_met", "appeal.deadline_near"},
        ["Reason 1: Step therapy", "Your notice states: “Step therapy: the plan requires a trial",
         "within 7 days, as 42 CFR 422.590(c) requires"],
        ["422.136", "Tex. Ins. Code", "Qualified Independent Contractor"],
    ),
    # A MAC's redetermination of a denial under its local coverage article: the window is 120 +
    # 5 days (42 CFR 405.942(a)), ending on a Sunday the app does not move.
    "39-part-b-redetermination-lcd-article": (
        {"appeal.deadline_not_business_day"},
        {"appeal.reason_unanswered", "appeal.deadline_near", "appeal.deadline_passed"},
        ["Reason 1: Not supported by the compendia", "the last day to file is March 7, 2027",
         "reconsideration by a Qualified Independent Contractor (QIC)"],
        ["bind the QIC", "March 8, 2027"],
    ),
    # A child: the label's glioblastoma indication is for adults, so the use is off-label, and
    # Massachusetts's law (c.175 §47K) is not claimed while its compendia are unconfirmed.
    "40-pediatric-low-grade-glioma-massachusetts": (
        {"state.law_not_met"},
        {"offlabel.labeled_use", "state.mandate_not_applicable"},
        ["the label covers patients 18 years and older", "Dear Medical Director",
         "within 15 days, as 29 CFR 2560.503-1(f)(2)(iii)(A)"],
        ["47K", "It is therefore", "ECOG"],
    ),
    # A self-funded plan's external review: ERISA §514 still keeps state law out, but the IRO
    # is not told about the plan's own claims procedure.
    "41-self-funded-external-review": (
        {"state.mandate_not_applicable", "appeal.deadline_near"},
        {"appeal.deadline_passed"},
        ["state insurance mandates do not reach it (ERISA §514, 29 U.S.C. 1144)",
         "29 CFR 2590.715-2719(d)", "The independent review organization's decision binds the "
         "plan"],
        ["The plan must still decide", "full and fair review", "the plan decides coverage",
         "peer-to-peer review with a physician"],
    ),
}


def test_every_case_file_has_expectations() -> None:
    assert sorted(p.stem for p in CASES.glob("*.json")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 12


def _pdf_text(name: str) -> str:
    case = load_case(CASES / f"{name}.json")
    letter = render_letter(case, fmt="pdf", override_reason="law case review", invariant=True)
    return " ".join(probes.normalize(page) for page in probes.pdf_pages(letter.data))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_law_case_findings_and_letter(name: str) -> None:
    present, absent, says, never = EXPECTED[name]
    report = check_case(load_case(CASES / f"{name}.json"))
    found = {f.code for f in report.findings}
    assert present <= found, found
    assert not (absent & found), found
    text = _pdf_text(name)
    for words in says:
        assert probes.normalize(words) in text, words
    for words in never:
        assert probes.normalize(words) not in text, words
