"""Which coverage standard each plan type follows, and its legal basis (coverage_standards.json).

A plan may name a different standard for a use that is not anticancer: Part D judges such a
use by SSA §1860D-2(e)(4)(A)(ii) and §1927(k)(6), not by §1861(t)(2)(B).
"""

from __future__ import annotations

import functools

from pydantic import Field, model_validator

from desktop_app.errors import StorageError
from desktop_app.knowledge.anticancer import UseKind
from desktop_app.knowledge.compendia import SupportStandard, compendia_data
from desktop_app.knowledge.reference import DataModel, Sourced, load_reference, register_cache

COVERAGE_FILE = "coverage_standards.json"
# When staff have not chosen a plan type yet, read the case as a commercial plan would.
FALLBACK_PLAN = "commercial_fully_insured"


class UseCoverage(Sourced):
    standard: str = Field(min_length=1)  # "Medicare Part B: SSA §1861(t)(2) and ..."
    provision: str = Field(min_length=1)  # the exact provision a letter names
    support_standard: str = Field(min_length=1)  # key into compendia.json support_standards
    # May the letter say the use meets this standard when the findings show it? False where
    # the standard is the plan's own judgment (commercial terms, a state Medicaid program).
    claims_standard: bool
    meets: str = ""  # completes "It is therefore ..." when the findings show the standard met
    legal_basis: tuple[str, ...]
    # The plan's own claims and appeals process (29 CFR 2560.503-1): said to the plan, left out
    # of a letter to an independent reviewer, which does not decide under that procedure.
    claims_procedure: tuple[str, ...] = ()


class PlanCoverage(UseCoverage):
    benefit: str = ""  # which benefit the letter is under, in one sentence
    not_anticancer: UseCoverage | None = None

    def for_use(self, kind: UseKind) -> UseCoverage:
        """The standard for this kind of use; an unclear use reads as anticancer."""
        if kind is UseKind.NOT_ANTICANCER and self.not_anticancer is not None:
            return self.not_anticancer
        return self


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
        uses = [entry] if entry.not_anticancer is None else [entry, entry.not_anticancer]
        for use in uses:
            if use.support_standard not in standards:
                # Checked here rather than in the model: the two files are read separately.
                raise StorageError(
                    f"plan {plan!r} names unknown support standard {use.support_standard!r}",
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


def use_coverage(plan_type: object, kind: UseKind = UseKind.ANTICANCER) -> UseCoverage:
    """The standard that applies to this plan type and kind of use."""
    return plan_coverage(plan_type).for_use(kind)


def plan_support_standard(plan_type: object, kind: UseKind = UseKind.ANTICANCER) -> SupportStandard:
    """The standard of support (ratings, articles) the plan type applies to this use."""
    return compendia_data().support_standards[use_coverage(plan_type, kind).support_standard]
