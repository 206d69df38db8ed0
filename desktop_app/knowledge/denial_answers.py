"""What answers each category of stated denial reason, and the step therapy exception laws
(data/denial_answers.json, data/step_therapy_laws.json).

Payers must state specific reasons (29 CFR 2560.503-1(g)(1), 42 CFR 422.568(e)(2)); each
category maps to the parts of the case that answer it, so the appeal answers reason by reason.
"""

from __future__ import annotations

import functools
import re
from typing import Literal, get_args

from pydantic import Field, field_validator, model_validator

from desktop_app.domain.case_terms import DenialReasonCategory
from desktop_app.knowledge.reference import DataModel, Sourced, load_reference, register_cache

DENIAL_ANSWERS_FILE = "denial_answers.json"
STEP_THERAPY_FILE = "step_therapy_laws.json"

AnswerPart = Literal[
    "compendium",
    "literature",
    "coverage_standard",
    "off_label_points",
    "clinical_history",
    "prior_therapies",
    "trial_population_match",
    "alternatives",
    "step_therapy_law",
    "regimen",
    "enclosures",
    "call_log",
    "criteria",
]
CATEGORIES: tuple[str, ...] = get_args(DenialReasonCategory)


class CategoryAnswer(Sourced):
    label: str = Field(min_length=1)  # "Experimental or investigational"
    heading: str = Field(min_length=1)  # the answer's heading in the appeal
    lead: str = ""  # the answer's first sentence
    answered_by: tuple[AnswerPart, ...]
    needs_one_of: tuple[AnswerPart, ...] = ()
    what_to_add: str = Field(min_length=1)  # the checklist's advice when nothing answers it
    phrases: tuple[str, ...] = ()  # lowercase regular expressions that suggest the category
    url: str = ""

    @field_validator("phrases")
    @classmethod
    def _phrases_compile(cls, phrases: tuple[str, ...]) -> tuple[str, ...]:
        for phrase in phrases:
            try:
                re.compile(phrase)
            except re.error as exc:
                raise ValueError(f"phrase {phrase!r} is not a valid pattern ({exc})") from None
        return phrases


class NoticeRule(Sourced):
    rule: str = Field(min_length=1)
    url: str = ""


class ReviewerRequest(Sourced):
    text: str = Field(min_length=1)


class DenialAnswerData(DataModel):
    about: str = ""
    notice_rules: dict[str, NoticeRule]
    categories: dict[str, CategoryAnswer]
    reviewer_request: ReviewerRequest

    @model_validator(mode="after")
    def _every_category(self) -> DenialAnswerData:
        missing = [c for c in CATEGORIES if c not in self.categories]
        unknown = [c for c in self.categories if c not in CATEGORIES]
        if missing or unknown:
            raise ValueError(f"categories must be exactly {', '.join(CATEGORIES)}")
        return self


class StepTherapyLaw(Sourced):
    citation: str = Field(min_length=1)
    grounds: str = Field(min_length=1)
    name: str = ""
    url: str = ""


class StepTherapyData(DataModel):
    about: str = ""
    federal: dict[str, StepTherapyLaw]
    states: dict[str, StepTherapyLaw]


@functools.cache
def denial_answer_data() -> DenialAnswerData:
    return load_reference(DENIAL_ANSWERS_FILE, DenialAnswerData)


@functools.cache
def step_therapy_data() -> StepTherapyData:
    return load_reference(STEP_THERAPY_FILE, StepTherapyData)


register_cache(denial_answer_data.cache_clear)
register_cache(step_therapy_data.cache_clear)


def category_answer(category: object) -> CategoryAnswer:
    """The entry for a category; an unknown or empty one reads as `other`."""
    categories = denial_answer_data().categories
    return categories.get(category if isinstance(category, str) else "", categories["other"])


def notice_rule(plan_type: object) -> NoticeRule | None:
    """Why this plan type's denial must state specific reasons, or None."""
    return denial_answer_data().notice_rules.get(plan_type if isinstance(plan_type, str) else "")


def step_therapy_law(plan_type: object, state: object) -> StepTherapyLaw | None:
    """The step therapy exception rule that binds this plan: Part D and Medicare Advantage have
    federal rules; a fully insured plan follows its state's law, where one is on file."""
    data = step_therapy_data()
    if plan_type in data.federal:
        return data.federal[str(plan_type)]
    if plan_type == "commercial_fully_insured" and isinstance(state, str):
        return data.states.get(state.strip().upper())
    return None


@functools.cache
def category_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(category, compiled phrase) pairs, in the order the data lists them."""
    return tuple(
        (name, re.compile(phrase))
        for name, entry in denial_answer_data().categories.items()
        for phrase in entry.phrases
    )


register_cache(category_patterns.cache_clear)
