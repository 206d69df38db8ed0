"""The words a case is written in: kinds of text with their limits, the fixed choices
(letter kinds, plan types, compendia, denial categories) and the base every section shares.

Kept apart from the sections themselves because the payer directory, the reference lists and
the letters name these choices without needing any part of the case.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict

from desktop_app.domain.bounds import (
    LINE_CHARS,
    NAME_CHARS,
    NARRATIVE_CHARS,
    PARAGRAPH_CHARS,
    PATH_CHARS,
    TITLE_CHARS,
    Finite,
    MaxLength,
)

# Texts by what they hold, each with its limit (domain/bounds.py, docs/case-format.md).
Name = Annotated[str, MaxLength(NAME_CHARS)]
Line = Annotated[str, MaxLength(LINE_CHARS)]
Title = Annotated[str, MaxLength(TITLE_CHARS)]
Para = Annotated[str, MaxLength(PARAGRAPH_CHARS)]
Narrative = Annotated[str, MaxLength(NARRATIVE_CHARS)]
FilePath = Annotated[str, MaxLength(PATH_CHARS)]
Amount = Annotated[float, Finite()]

LetterKind = Literal["preauth", "appeal"]
PlanType = Literal[
    "medicare_part_b",
    "medicare_part_d",
    "medicare_advantage",
    "medicaid",
    "commercial_fully_insured",
    "commercial_self_funded",
]
OffLabelReason = Literal["indication", "dose", "route"]
# USP-DI is added to the format's five: no longer published, but SSA §1927(g)(1)(B)(i) and several
# state laws (Maine 24-A M.R.S. §2745-E) still name it, so an existing citation must be enterable.
CompendiumName = Literal[
    "NCCN", "DrugDex", "Clinical Pharmacology", "AHFS-DI", "Lexi-Drugs", "USP-DI"
]
StudyDesign = Literal[
    "randomized", "nonrandomized", "meta-analysis", "case-series", "case-report", "review"
]
# Where an article's design came from: read from PubMed's publication types on import, or set
# by staff. A design read from PT is a suggestion the letter must not overstate.
DesignSource = Literal["publication-type", "staff"]
AppealLevel = Literal["first", "second", "external", "redetermination", "reconsideration"]
# What a payer's stated denial reason is about; each category maps to what answers it
# (knowledge/data/denial_answers.json). Payers must state specific reasons: 29 CFR
# 2560.503-1(g)(1)(i) (ERISA), 42 CFR 422.568(e) (Medicare Advantage), 42 CFR 423.568(g) (Part D).
DenialReasonCategory = Literal[
    "experimental",
    "not_medically_necessary",
    "not_fda_approved",
    "not_in_compendia",
    "step_therapy",
    "missing_information",
    "out_of_network",
    "quantity_limit",
    "other",
]

PLAN_TYPE_LABELS: dict[str, str] = {
    "medicare_part_b": "Medicare Part B",
    "medicare_part_d": "Medicare Part D",
    "medicare_advantage": "Medicare Advantage",
    "medicaid": "Medicaid",
    "commercial_fully_insured": "Commercial (fully insured)",
    "commercial_self_funded": "Commercial (self-funded / ERISA)",
}
MEDICARE_PLANS = frozenset({"medicare_part_b", "medicare_part_d", "medicare_advantage"})


# What every part of a case shares: how strictly it is read.
class CaseSection(BaseModel):
    # strict: "5" is not a number and 5 is not a name; JSON date strings still parse.
    # defer_build: a section's own validator is built only if a section is ever validated on
    # its own; Case's validator holds every section, so a process that reads cases builds one
    # validator instead of twenty (pydantic's ConfigDict.defer_build).
    model_config = ConfigDict(
        extra="forbid", strict=True, validate_assignment=False, defer_build=True
    )


def _local_time(value: dt.datetime | None) -> dt.datetime | None:
    """Times in a case are the practice's local wall-clock time; an offset is converted to it."""
    if value is not None and value.tzinfo is not None:
        return value.astimezone().replace(tzinfo=None)
    return value


LocalDateTime = Annotated[dt.datetime, AfterValidator(_local_time)]
