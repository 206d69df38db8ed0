"""Evidence rules: what counts as support under Medicare and other plans."""

from __future__ import annotations

from typing import Any

import pytest

from desktop_app.domain.findings import Severity
from desktop_app.rules import evidence as ev
from tests.unit.rules.evidence_case_builder import (
    NCCN_1,
    NEJM_RCT,
    article,
    codes,
    compendium,
    make_case,
    run,
)

MEDICARE = ["medicare_part_b", "medicare_part_d", "medicare_advantage"]
OTHERS = ["commercial_fully_insured", "commercial_self_funded", "medicaid", None]


def test_no_evidence_is_an_error() -> None:
    found = run(ev.check_evidence_present, make_case(evidence=[]))
    assert [(f.code, f.severity, f.field) for f in found] == [
        ("evidence.missing", Severity.ERROR, "evidence")
    ]
    assert run(ev.check_support, make_case(evidence=[])) == []  # one problem, one finding


@pytest.mark.parametrize(
    "evidence",
    [
        [NCCN_1],
        [compendium("NCCN", "Category 2A")],
        [compendium("DrugDex", "Class IIb")],
        [compendium("Lexi-Drugs", "A")],
        [compendium("AHFS-DI", "supportive")],
        [compendium("Clinical Pharmacology", "Supportive")],
        [NEJM_RCT],
        [article("The Lancet", "nonrandomized")],
        [article("Blood", None)],
        [compendium("NCCN", "3"), article("J Clin Oncol", "meta-analysis")],
        [compendium("NCCN", "2B")],  # support, but a warning (below)
    ],
)
@pytest.mark.parametrize("plan", MEDICARE)
def test_medicare_support_passes(evidence: list[dict[str, Any]], plan: str) -> None:
    assert codes(ev.check_support, make_case(plan_type=plan, evidence=evidence)) == []


@pytest.mark.parametrize(
    "evidence",
    [
        [compendium("NCCN", "Category 3")],
        [compendium("DrugDex", "Class III")],
        [compendium("Lexi-Drugs", "unsupported")],
        [compendium("Lexi-Drugs", "B")],  # on the scale, but only level A supports
        [compendium("AHFS-DI", "not supportive")],
        [compendium("NCCN", "banana")],
        [compendium("NCCN", "")],
        [article("Cancer Cell")],  # not "Cancer"
        [article("Lancet Haematology")],  # not "The Lancet"
        [article("N Engl J Med", "case-report")],
        [article("")],
        [{"type": "trial", "nct": "NCT01234567"}],
        [{"type": "guideline", "title": "Fictional guideline", "issuer": "Society"}],
    ],
)
def test_medicare_without_support_is_an_error(evidence: list[dict[str, Any]]) -> None:
    found = run(ev.check_support, make_case(evidence=evidence))
    assert [(f.code, f.severity, f.field) for f in found] == [
        ("evidence.none_supportive", Severity.ERROR, "evidence")
    ]
    assert "CMS list" in found[0].message


@pytest.mark.parametrize("plan", OTHERS)
def test_other_plans_accept_articles_from_any_journal_but_not_case_reports(
    plan: str | None,
) -> None:
    assert (
        codes(ev.check_support, make_case(plan_type=plan, evidence=[article("Cancer Cell")])) == []
    )
    case_report = make_case(plan_type=plan, evidence=[article("Cancer Cell", "case-report")])
    assert codes(ev.check_support, case_report) == ["evidence.none_supportive"]


@pytest.mark.parametrize(
    ("plan", "evidence", "expected"),
    [
        ("medicare_part_b", [compendium("NCCN", "2B")], ["evidence.nccn_2b"]),
        ("medicare_part_d", [compendium("NCCN", "Category 2B")], ["evidence.nccn_2b"]),
        (
            "medicare_advantage",
            [compendium("NCCN", "2b"), article("Cancer Cell")],
            ["evidence.nccn_2b"],
        ),
        ("medicare_part_b", [compendium("NCCN", "2B"), NEJM_RCT], []),
        ("medicare_part_b", [compendium("NCCN", "2B"), compendium("DrugDex", "IIa")], []),
        ("medicare_part_b", [compendium("NCCN", "2A")], []),
        ("commercial_fully_insured", [compendium("NCCN", "2B")], []),
        ("medicare_part_b", [compendium("NCCN", "3")], []),
    ],
)
def test_nccn_2b_alone_is_a_warning_under_medicare(
    plan: str, evidence: list[dict[str, Any]], expected: list[str]
) -> None:
    case = make_case(plan_type=plan, evidence=evidence)
    found = run(ev.check_nccn_2b, case)
    assert [f.code for f in found] == expected
    assert all(f.severity is Severity.WARNING and f.field == "evidence.0.rating" for f in found)
    # 2B counts as support, so it never also raises none_supportive.
    if expected:
        assert codes(ev.check_support, case) == []
        assert "randomized" in found[0].message


def test_not_indicated_beats_supportive_listings_under_medicare() -> None:
    case = make_case(
        evidence=[NCCN_1, compendium("DrugDex", "Not Indicated"), NEJM_RCT],
    )
    found = run(ev.check_not_indicated, case)
    assert [(f.code, f.severity, f.field) for f in found] == [
        ("evidence.not_indicated", Severity.ERROR, "evidence.1.rating")
    ]
    assert "outweighs" in found[0].message
    assert codes(ev.check_not_supportive, case) == []


@pytest.mark.parametrize("plan", OTHERS)
def test_not_indicated_outside_medicare_is_a_warning(plan: str | None) -> None:
    case = make_case(plan_type=plan, evidence=[NCCN_1, compendium("NCCN", "not indicated")])
    assert codes(ev.check_not_indicated, case) == []
    found = run(ev.check_not_supportive, case)
    assert [(f.code, f.severity, f.field) for f in found] == [
        ("evidence.not_supportive", Severity.WARNING, "evidence.1.rating")
    ]


def test_each_not_supportive_item_is_reported_at_its_field() -> None:
    case = make_case(
        evidence=[
            compendium("NCCN", "Category 3"),
            NCCN_1,
            compendium("DrugDex", "Class III"),
            compendium("Lexi-Drugs", "Use: Unsupported"),
            compendium("AHFS-DI", "not supportive"),
            compendium("Lexi-Drugs", "C"),
        ]
    )
    found = run(ev.check_not_supportive, case)
    assert [f.field for f in found] == [
        "evidence.0.rating",
        "evidence.2.rating",
        "evidence.3.rating",
        "evidence.4.rating",
    ]
    assert "category 3" in found[0].message


@pytest.mark.parametrize(
    ("journal", "flagged"),
    [
        ("Cancer Cell", True),
        ("Lancet Haematology", True),
        ("JAMA Oncology", True),
        ("Cancer", False),
        ("The Lancet", False),
        ("Lancet", False),
        ("N Engl J Med", False),
        ("New England Journal of Medicine", False),
        ("Transplantation and Cellular Therapy", False),
        ("", False),  # missing journal is required.missing, not this
    ],
)
def test_journal_not_on_cms_list_under_medicare(journal: str, flagged: bool) -> None:
    case = make_case(evidence=[NCCN_1, article(journal)])
    found = run(ev.check_cms_journals, case)
    assert [(f.code, f.field) for f in found] == (
        [("evidence.journal_not_recognized", "evidence.1.journal")] if flagged else []
    )


@pytest.mark.parametrize("plan", OTHERS)
def test_journal_list_is_medicare_only(plan: str | None) -> None:
    assert (
        codes(ev.check_cms_journals, make_case(plan_type=plan, evidence=[article("Cancer Cell")]))
        == []
    )


@pytest.mark.parametrize("plan", [*MEDICARE, *OTHERS])
def test_case_reports_warn_for_every_plan(plan: str | None) -> None:
    case = make_case(plan_type=plan, evidence=[NEJM_RCT, article("Blood", "case-report")])
    found = run(ev.check_case_reports, case)
    assert [(f.code, f.severity, f.field) for f in found] == [
        ("evidence.case_report", Severity.WARNING, "evidence.1.design")
    ]


@pytest.mark.parametrize(
    ("ids", "flagged"),
    [
        ({"pmid": "12345678"}, False),
        ({"pmid": None, "doi": "10.1000/xyz123"}, False),
        ({"pmid": None}, True),
        ({"pmid": "  ", "doi": ""}, True),
    ],
)
def test_article_needs_pmid_or_doi(ids: dict[str, Any], flagged: bool) -> None:
    case = make_case(evidence=[{**article("Blood"), **ids}])
    found = run(ev.check_references, case)
    assert [(f.code, f.field) for f in found] == (
        [("evidence.reference_incomplete", "evidence.0.pmid")] if flagged else []
    )


@pytest.mark.parametrize(
    ("name", "rating", "flagged"),
    [
        ("NCCN", "IIa", True),
        ("NCCN", "2C", True),
        ("DrugDex", "2A", True),
        ("NCCN", "Category 2A", False),
        ("DrugDex", "class iib", False),
        ("NCCN", "", False),  # empty rating is required.missing
    ],
)
def test_rating_must_be_on_the_compendium_scale(name: str, rating: str, flagged: bool) -> None:
    found = run(ev.check_rating_scale, make_case(evidence=[compendium(name, rating)]))
    assert [f.code for f in found] == (["evidence.rating_unknown"] if flagged else [])
    if flagged:
        assert name in found[0].message


def test_messages_say_what_to_do_next() -> None:
    case = make_case(
        evidence=[compendium("NCCN", "3"), article("Cancer Cell", "case-report", pmid=None)]
    )
    everything = [
        f
        for check in (
            ev.check_support,
            ev.check_not_supportive,
            ev.check_cms_journals,
            ev.check_case_reports,
            ev.check_references,
        )
        for f in run(check, case)
    ]
    assert len(everything) == 5
    for finding in everything:
        assert any(word in finding.message for word in ("Add", "add", "Explain", "enter"))
