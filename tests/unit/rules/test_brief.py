"""The strongest points for a peer-to-peer call, strongest first, only what the standard counts."""

from __future__ import annotations

from desktop_app.rules.brief import strongest_points
from tests.unit.rules._case_builders_ids import DELETE, make_case


def test_the_best_listing_then_the_best_study_with_its_trial_then_the_patient() -> None:
    case = make_case({"payer.plan_type": "commercial_fully_insured", "evidence": [
        {"type": "compendium", "compendium": "NCCN", "rating": "2B"},
        {"type": "article", "title": "Series", "journal": "J Clin Oncol", "year": 2020,
         "pmid": "1", "design": "case-series"},
        {"type": "compendium", "compendium": "NCCN", "rating": "2A"},
        {"type": "article", "title": "RCT", "journal": "J Clin Oncol", "year": 2021,
         "pmid": "2", "design": "randomized"},
        {"type": "trial", "nct": "NCT01824875"},
    ]})
    points = strongest_points(case)
    assert [(p.kind, p.evidence) for p in points] == [
        ("compendium", (2,)), ("study", (3,)), ("patient", ())
    ]
    assert points[1].trial == "NCT01824875"


def test_a_listing_the_standard_does_not_count_is_never_a_strong_point() -> None:
    case = make_case({"evidence": [{"type": "compendium", "compendium": "NCCN", "rating": "3"}],
                      "prior_therapies": DELETE})
    assert strongest_points(case) == []
