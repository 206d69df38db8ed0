"""The strongest points for a peer-to-peer call: the best supporting compendium listing with its
category, the best study with its trial, and the patient's own case for the treatment.

Only evidence the plan's standard counts is offered (knowledge/support.py), strongest first:
a compendium's scale lists its levels from the strongest down, and a randomized trial comes
before a meta-analysis, a non-randomized study, a case series and a review.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.case import Case
from desktop_app.domain.case_evidence import ArticleEvidence, CompendiumEvidence
from desktop_app.domain.case_evidence import TrialEvidence as Trial
from desktop_app.knowledge.compendia import compendium, rating_key
from desktop_app.knowledge.support import SUPPORTIVE, WEAK, assess_evidence

DESIGN_ORDER = ("randomized", "meta-analysis", "nonrandomized", "case-series", "review")
MAX_POINTS = 3


@dataclass(frozen=True, slots=True)
class BriefPoint:
    """One point for the physician to make, and the evidence behind it."""

    kind: str  # "compendium" | "study" | "patient"
    evidence: tuple[int, ...]  # positions in case.evidence, to cite
    trial: str = ""  # the NCT number that goes with a study, where the case has one


def _compendium_strength(item: CompendiumEvidence) -> int:
    scale = compendium(item.compendium)
    if scale is None:
        return 99
    keys = list(scale.scale)
    key = rating_key(item.rating)
    return keys.index(key) if key in keys else 99


def _design_strength(item: ArticleEvidence) -> int:
    design = item.design or ""
    return DESIGN_ORDER.index(design) if design in DESIGN_ORDER else len(DESIGN_ORDER)


def strongest_points(case: Case) -> list[BriefPoint]:
    """Up to three points, strongest first; what the case lacks is simply not offered."""
    counted = {
        i.index for i in assess_evidence(case).items if i.verdict in (SUPPORTIVE, WEAK)
    }
    listings = sorted(
        (i for i, e in enumerate(case.evidence) if isinstance(e, CompendiumEvidence)
         and i in counted),
        key=lambda i: _compendium_strength(case.evidence[i]),  # type: ignore[arg-type]
    )
    articles = sorted(
        (i for i, e in enumerate(case.evidence) if isinstance(e, ArticleEvidence)
         and i in counted),
        key=lambda i: _design_strength(case.evidence[i]),  # type: ignore[arg-type]
    )
    trials = [i for i, e in enumerate(case.evidence) if isinstance(e, Trial) and e.nct.strip()]
    nct = case.evidence[trials[0]].nct.strip() if trials else ""  # type: ignore[union-attr]
    points: list[BriefPoint] = []
    if listings:
        points.append(BriefPoint("compendium", (listings[0],)))
    if articles:
        points.append(BriefPoint("study", (articles[0],), nct))
    elif trials:
        points.append(BriefPoint("study", (trials[0],), nct))
    if case.prior_therapies or getattr(case.off_label, "trial_population_match", None):
        points.append(BriefPoint("patient", ()))
    extra = [BriefPoint("compendium", (i,)) for i in listings[1:]]
    extra += [BriefPoint("study", (i,)) for i in articles[1:]]
    for point in extra:
        if len(points) >= MAX_POINTS:
            break
        points.append(point)
    return points[:MAX_POINTS]
