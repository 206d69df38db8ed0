"""Which coverage standard each plan type follows, and its legal basis (coverage_standards.json)."""

from __future__ import annotations

import functools

from pydantic import Field, model_validator

from desktop_app.errors import StorageError
from desktop_app.knowledge.compendia import SupportStandard, compendia_data
from desktop_app.knowledge.reference import DataModel, Sourced, load_reference, register_cache

COVERAGE_FILE = "coverage_standards.json"
# When staff have not chosen a plan type yet, read the case as a commercial plan would.
FALLBACK_PLAN = "commercial_fully_insured"


class PlanCoverage(Sourced):
    standard: str = Field(min_length=1)  # "Medicare Part B: SSA §1861(t)(2)(B) and ..."
    support_standard: str = Field(min_length=1)  # key into compendia.json support_standards
    legal_basis: tuple[str, ...]


class CoverageData(DataModel):
    about: str = ""
    plans: dict[str, PlanCoverage]

    @model_validator(mode="after")
    def _fallback_present(self) -> CoverageData:
        if FALLBACK_PLAN not in self.plans:
            raise ValueError(f"the plan type {FALLBACK_PLAN!r} must be described")
        return self


@functools.cache
def coverage_data() -> CoverageData:
    data = load_reference(COVERAGE_FILE, CoverageData)
    standards = compendia_data().support_standards
    for plan, entry in data.plans.items():
        if entry.support_standard not in standards:
            # Checked here rather than in the model: the two files are read separately.
            raise StorageError(
                f"plan {plan!r} names unknown support standard {entry.support_standard!r}",
                file=COVERAGE_FILE,
                field=f"plans.{plan}.support_standard",
            )
    return data


register_cache(coverage_data.cache_clear)


def plan_coverage(plan_type: object) -> PlanCoverage:
    """The coverage entry for a plan type; a missing or unknown type reads as commercial."""
    plans = coverage_data().plans
    key = plan_type if isinstance(plan_type, str) and plan_type in plans else FALLBACK_PLAN
    return plans[key]


def plan_support_standard(plan_type: object) -> SupportStandard:
    """The standard of support (ratings, articles) the plan type applies."""
    return compendia_data().support_standards[plan_coverage(plan_type).support_standard]
