"""How soon a plan must decide a drug request or appeal (data/decision_timeframes.json).

The letter asks for the timeframe the plan type owes: Part D 72 hours / 24 hours expedited
(42 CFR 423.568, 423.572), ERISA urgent care 72 hours (29 CFR 2560.503-1(f)(2)(i)), and so on.
CMS-0057-F's 72-hour and 7-day timeframes exclude drugs, so they are never listed.
"""

from __future__ import annotations

import functools
from typing import Literal

from pydantic import Field

from desktop_app.knowledge.appeal_windows import resolve_level
from desktop_app.knowledge.reference import DataModel, Sourced, load_reference, register_cache

TIMEFRAMES_FILE = "decision_timeframes.json"
Kind = Literal["preauth", "appeal"]


class DecisionTimeframe(Sourced):
    limit: str = Field(min_length=1)  # "72 hours"
    what: str = Field(min_length=1)  # "a standard coverage determination"


class KindTimeframes(DataModel):
    standard: DecisionTimeframe
    expedited: DecisionTimeframe


class PlanTimeframes(DataModel):
    preauth: KindTimeframes | None = None
    appeal: KindTimeframes | None = None
    external: KindTimeframes | None = None  # external review by an independent organization
    # The second of two internal appeal levels, where the rule differs from a one-level plan's
    # (ERISA: 15 days at each of two levels, 29 CFR 2560.503-1(i)(2)(ii)); else `appeal`.
    second: KindTimeframes | None = None
    # Reconsideration by an independent entity that must meet the plan's appeal deadlines
    # (the Part D IRE, 42 CFR 423.600(d)): the letter to it names both provisions.
    reconsideration: KindTimeframes | None = None


class TimeframeData(DataModel):
    about: str = ""
    plans: dict[str, PlanTimeframes]


@functools.cache
def timeframe_data() -> TimeframeData:
    return load_reference(TIMEFRAMES_FILE, TimeframeData)


register_cache(timeframe_data.cache_clear)


def decision_timeframe(
    plan_type: object, kind: object, expedited: bool, level: object = None
) -> DecisionTimeframe | None:
    """The timeframe owed for this kind of letter (and appeal level), or None where none is on
    file (traditional Medicare Part B has no prior-authorization step for most drugs)."""
    if not isinstance(plan_type, str) or kind not in ("preauth", "appeal"):
        return None
    plan = timeframe_data().plans.get(plan_type)
    if plan is None:
        return None
    if kind == "preauth":
        frames = plan.preauth
    else:
        frames = plan.external if level == "external" else plan.appeal
        if level == "second" and plan.second is not None:
            frames = plan.second
        independent = plan.reconsideration
        if independent is not None and resolve_level(plan_type, level) == "reconsideration":
            frames = independent
    if frames is None:
        return None
    return frames.expedited if expedited else frames.standard
