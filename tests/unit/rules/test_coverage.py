"""Which standard and benefit apply, and conflicts to answer (rules/coverage.py).

Each table names its source: SSA §1860D-2(e)(4)(A), §1927(k)(6), §1861(s)(2)(Q), MBPM ch.15
§50.4.5(B), MAC article A58113, Form CMS-R-131.
"""

from __future__ import annotations

from typing import Any

import pytest

from desktop_app.domain.findings import Severity
from desktop_app.knowledge.anticancer import UseKind, classify_use
from desktop_app.rules import coverage
from desktop_app.rules import evidence as evidence_rules
from desktop_app.rules.justification import justify
from tests.unit.rules.evidence_case_builder import (
    NCCN_1,
    NEJM_RCT,
    article,
    codes,
    compendium,
    make_case,
    run,
)

NEUROPATHY = {"icd10": "G62.0", "description": "drug-induced polyneuropathy"}
AMITRIPTYLINE = {
    "generic_name": "amitriptyline",
    "hcpcs": None,
    "route": "oral",
    "dose": {"amount": 25, "unit": "mg"},
    "frequency": "at bedtime",
}


def part_d_tca(evidence: list[dict[str, Any]], **extra: Any) -> Any:
    """A tricyclic antidepressant for neuropathic pain under Part D: not an anticancer use."""
    return make_case(
        plan_type="medicare_part_d",
        diagnosis=NEUROPATHY,
        drug=AMITRIPTYLINE,
        evidence=evidence,
        **extra,
    )


@pytest.mark.parametrize(
    ("icd10", "drugs", "secondary", "kind"),
    [
        ("C25.9", ["bevacizumab"], [], UseKind.ANTICANCER),
        ("D46.9", ["azacitidine"], [], UseKind.ANTICANCER),  # MDS counts as cancer
        ("D47.1", [], [], UseKind.ANTICANCER),
        ("D47.Z9", [], [], UseKind.ANTICANCER),
        ("D45", [], [], UseKind.ANTICANCER),
        ("G62.0", ["amitriptyline"], [], UseKind.NOT_ANTICANCER),
        ("C50.911", ["Elavil"], [], UseKind.NOT_ANTICANCER),  # the drug decides, not the patient
        ("C50.911", ["gabapentin"], [], UseKind.NOT_ANTICANCER),
        ("M06.9", ["some unlisted drug"], [], UseKind.NOT_ANTICANCER),
        ("D05.10", ["paclitaxel"], [], UseKind.ANTICANCER),  # in situ, anticancer drug
        ("D05.10", ["unlisted"], [], UseKind.UNCLEAR),
        ("D47.2", ["rituximab"], [], UseKind.UNCLEAR),  # uncertain behavior, not on the list
        ("Z51.11", ["rituximab"], ["C83.30"], UseKind.ANTICANCER),  # cancer among the codes
        ("Z51.11", ["rituximab"], [], UseKind.UNCLEAR),
        ("", ["rituximab"], [], UseKind.UNCLEAR),
        # A disease that is not a neoplasm: not an anticancer regimen, whatever the drug.
        ("G70.00", ["rituximab"], [], UseKind.NOT_ANTICANCER),  # myasthenia gravis
        ("D69.3", ["rituximab"], [], UseKind.NOT_ANTICANCER),  # immune thrombocytopenia
        ("G70.00", ["rituximab"], ["C83.30"], UseKind.ANTICANCER),  # a cancer is coded too
        ("R18.0", ["cisplatin"], [], UseKind.UNCLEAR),  # malignant ascites: a symptom code
        ("J91.0", ["bleomycin"], [], UseKind.UNCLEAR),  # the title names a malignancy
        ("E88.3", ["rituximab"], [], UseKind.UNCLEAR),  # tumor lysis syndrome
        # Clonal or histiocytic disorders coded outside the neoplasm chapter and treated with
        # anticancer regimens: left to staff, not called non-anticancer.
        ("E85.81", ["daratumumab"], [], UseKind.UNCLEAR),  # light chain (AL) amyloidosis
        ("D72.110", ["imatinib"], [], UseKind.UNCLEAR),  # idiopathic hypereosinophilic syndrome
        ("D76.1", ["etoposide"], [], UseKind.UNCLEAR),  # hemophagocytic lymphohistiocytosis
        ("D75.81", ["azacitidine"], [], UseKind.UNCLEAR),  # myelofibrosis, secondary
        ("E85.82", ["rituximab"], [], UseKind.NOT_ANTICANCER),  # ATTR amyloidosis: not clonal
    ],
)
def test_anticancer_is_decided_from_the_diagnosis_and_the_drug_1860d_2_e_4_a(
    icd10: str, drugs: list[str], secondary: list[str], kind: UseKind
) -> None:
    assert classify_use(icd10, drugs, secondary) is kind


@pytest.mark.parametrize(
    ("evidence", "expected_error"),
    [
        ([compendium("DrugDex", "IIa")], False),  # §1927(g)(1)(B)(i)(III)
        ([compendium("AHFS-DI", "supportive")], False),
        ([compendium("USP-DI", "supportive")], False),
        ([compendium("NCCN", "2A")], True),  # NCCN is not among the §1927 compendia
        ([NEJM_RCT], True),  # journal articles do not count
        ([compendium("Lexi-Drugs", "A"), compendium("Clinical Pharmacology", "supportive")], True),
        ([compendium("DrugDex", "III")], True),
    ],
)
def test_part_d_use_that_is_not_anticancer_needs_a_1927_k_6_compendium(
    evidence: list[dict[str, Any]], expected_error: bool
) -> None:
    case = part_d_tca(evidence)
    found = run(evidence_rules.check_support, case)
    assert bool(found) is expected_error
    for finding in found:
        assert "AHFS-DI, USP-DI or DrugDex" in finding.message
        assert "NCCN listings and journal articles do not" in finding.message


def test_part_d_tca_letter_names_1927_k_6_not_the_anticancer_rule() -> None:
    result = justify(part_d_tca([compendium("DrugDex", "IIa")]))
    assert result.use == "not_anticancer"
    assert result.met
    assert "1927(k)(6)" in result.provision and "1860D-2(e)(4)(A)(ii)" in result.provision
    assert "1927(k)(6)" in result.statement
    words = " ".join(result.legal_basis)
    assert "not part of an anticancer chemotherapeutic regimen" in words
    assert "off-label anticancer" not in result.statement + words


def test_part_d_tca_with_nccn_only_never_claims_a_medically_accepted_indication() -> None:
    result = justify(part_d_tca([NCCN_1, NEJM_RCT]))
    assert not result.met
    assert result.supporting == ()


@pytest.mark.parametrize(
    ("evidence", "flagged"),
    [
        ([compendium("DrugDex", "IIa")], []),
        ([NCCN_1, compendium("DrugDex", "IIa")], ["evidence.0"]),
        ([NEJM_RCT, compendium("Lexi-Drugs", "A")], ["evidence.0", "evidence.1"]),
    ],
)
def test_items_1927_k_6_does_not_count_are_flagged(
    evidence: list[dict[str, Any]], flagged: list[str]
) -> None:
    found = run(coverage.check_part_d_compendia, part_d_tca(evidence))
    assert [f.field for f in found] == flagged
    assert {f.code for f in found} <= {"evidence.part_d_compendia_only"}
    # The same items under an anticancer Part D use are fine.
    anticancer = make_case(plan_type="medicare_part_d", evidence=evidence)
    assert codes(coverage.check_part_d_compendia, anticancer) == []


def test_part_d_tca_does_not_get_cms_journal_warnings() -> None:
    assert codes(evidence_rules.check_cms_journals, part_d_tca([article("Pain")])) == []


@pytest.mark.parametrize(
    ("plan", "case_kw", "expected"),
    [
        ("medicare_part_d", {"diagnosis": NEUROPATHY, "drug": AMITRIPTYLINE}, "not_anticancer"),
        ("medicare_part_b", {"diagnosis": NEUROPATHY, "drug": AMITRIPTYLINE}, "not_anticancer"),
        ("medicare_part_d", {"diagnosis": {"icd10": "D47.2"}}, "use_unclear"),
        ("medicare_part_b", {"diagnosis": {"icd10": "G70.00"}}, "not_anticancer"),
        ("medicare_part_d", {}, None),  # C25.9 with bevacizumab: anticancer
        ("commercial_fully_insured", {"diagnosis": {"icd10": "D47.2"}}, None),  # Medicare only
    ],
)
def test_the_use_kind_is_reported_under_medicare_1860d_2_e_4_a_i_ii(
    plan: str, case_kw: dict[str, Any], expected: str | None
) -> None:
    found = run(coverage.check_use_kind, make_case(plan_type=plan, evidence=[NCCN_1], **case_kw))
    assert [f.code for f in found] == ([f"coverage.{expected}"] if expected else [])


CONFLICT = [compendium("NCCN", "2A"), compendium("DrugDex", "III")]


@pytest.mark.parametrize(
    ("plan", "evidence", "explanation", "expected"),
    [
        ("medicare_part_b", CONFLICT, None, ["evidence.conflicting_listing"]),
        ("medicare_part_b", CONFLICT, "  ", ["evidence.conflicting_listing"]),
        ("medicare_part_b", CONFLICT, "DrugDex predates the 2025 trial.", []),
        ("medicare_advantage", [NCCN_1, compendium("Lexi-Drugs", "unsupported")], None,
         ["evidence.conflicting_listing"]),
        ("commercial_fully_insured", [NCCN_1, compendium("AHFS-DI", "not supportive")], None,
         ["evidence.conflicting_listing"]),
        ("medicare_part_b", [compendium("DrugDex", "III")], None, []),  # nothing to conflict
        ("medicare_part_b", [NCCN_1, compendium("DrugDex", "IIa")], None, []),
        # not indicated has its own error (evidence.not_indicated)
        ("medicare_part_b", [NCCN_1, compendium("DrugDex", "not indicated")], None, []),
    ],
)  # fmt: skip
def test_a_negative_listing_beside_support_must_be_answered_mbpm_50_4_5_b_a58113(
    plan: str, evidence: list[dict[str, Any]], explanation: str | None, expected: list[str]
) -> None:
    case = make_case(
        plan_type=plan, evidence=evidence, off_label={"conflict_explanation": explanation}
    )
    found = run(coverage.check_conflicting_listing, case)
    assert [f.code for f in found] == expected
    for finding in found:
        assert finding.severity is Severity.ERROR
        assert finding.field == "off_label.conflict_explanation"


@pytest.mark.parametrize(
    ("plan", "drug", "expected"),
    [
        ("medicare_part_d", {"generic_name": "temozolomide", "route": "oral"},
         ["benefit.part_b_oral_anticancer"]),
        ("medicare_part_d", {"generic_name": "capecitabine", "brand_name": "Xeloda",
                             "route": "by mouth"}, ["benefit.part_b_oral_anticancer"]),
        ("medicare_part_d", {"generic_name": "temozolomide", "route": "intravenous"}, []),
        ("medicare_part_d", {"generic_name": "olaparib", "route": "oral"}, []),
        ("medicare_part_b", {"generic_name": "olaparib", "route": "PO"}, ["benefit.not_part_b"]),
        ("medicare_advantage", {"generic_name": "olaparib", "route": "tablets"},
         ["benefit.not_part_b"]),
        ("medicare_part_b", {"generic_name": "capecitabine", "route": "oral"}, []),
        ("medicare_part_b", {"generic_name": "bevacizumab", "route": "IV"}, []),
        ("commercial_fully_insured", {"generic_name": "temozolomide", "route": "oral"}, []),
    ],
)  # fmt: skip
def test_the_benefit_fits_the_drug_1861_s_2_q(
    plan: str, drug: dict[str, Any], expected: list[str]
) -> None:
    assert codes(coverage.check_benefit, make_case(plan_type=plan, drug=drug)) == expected


@pytest.mark.parametrize(
    ("plan", "kind", "evidence", "expected"),
    [
        ("medicare_part_b", "preauth", [compendium("NCCN", "2B")], ["medicare.abn_reminder"]),
        ("medicare_part_b", "preauth", [NEJM_RCT], ["medicare.abn_reminder"]),  # contractor decides
        ("medicare_part_b", "preauth", [], ["medicare.abn_reminder"]),
        ("medicare_part_b", "preauth", [NCCN_1], []),  # the manual's own support: less doubt
        ("medicare_part_b", "appeal", [NEJM_RCT], []),  # after the claim: too late for an ABN
        ("medicare_advantage", "preauth", [NEJM_RCT], []),  # MA runs prior authorization
    ],
)
def test_abn_reminder_cms_r_131_where_part_b_coverage_is_uncertain(
    plan: str, kind: str, evidence: list[dict[str, Any]], expected: list[str]
) -> None:
    case = make_case(plan_type=plan, letter={"kind": kind}, evidence=evidence)
    found = run(coverage.check_abn, case)
    assert [f.code for f in found] == expected
    for finding in found:
        assert "CMS-R-131" in finding.message
        assert finding.severity is Severity.INFO


@pytest.mark.parametrize(
    ("plan", "named", "not_named"),
    [
        ("medicare_part_b", "SSA §1862(a)(1)(A)", "1860D-2"),
        ("medicare_part_d", "SSA §1860D-2(e)(4)(A)(ii) and §1927(k)(6)", "1862(a)(1)(A)"),
    ],
)
def test_an_unclear_use_names_the_plans_own_two_standards(
    plan: str, named: str, not_named: str
) -> None:
    case = make_case(plan_type=plan, diagnosis={"icd10": "D47.2"}, evidence=[NCCN_1])
    (finding,) = run(coverage.check_use_kind, case)
    assert finding.code == "coverage.use_unclear"
    assert named in finding.message and not_named not in finding.message
