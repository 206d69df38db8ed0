"""State off-label cancer drug laws and the ERISA exemption (data/state_laws.json).

Only fully insured plans are bound by these laws; self-funded employer plans are exempt under
ERISA §514 (JCO 2006;24:3206). Each law names its own compendia and article count: Maine names
only USP-DI and AHFS-DI and asks for 2 articles (24-A M.R.S. §2745-E(1)(C)-(D)), so an NCCN
listing does not meet it.
"""

from __future__ import annotations

import datetime as dt
import functools

from pydantic import Field, field_validator, model_validator

from desktop_app.knowledge.reference import DataModel, Sourced, load_reference, register_cache

STATE_LAWS_FILE = "state_laws.json"
# Stands for the compendia the Secretary of HHS recognizes (hhs_compendia in the data file).
HHS = "HHS"


class StateLaw(Sourced):
    name: str = Field(min_length=1)
    citation: str = Field(min_length=1)
    covers: str = Field(min_length=1)  # the policy types it binds, in the statute's words
    # The compendia the statute names, as the case format spells them; None: not read.
    compendia: tuple[str, ...] | None
    compendia_text: str = Field(min_length=1)
    accepts_literature: bool
    # Set where the statute names a number (Maine: 2 articles); None reads as one article.
    min_articles: int | None = Field(default=None, ge=1)
    literature_needs_cms_journal: bool = False  # Louisiana: journals under SSA §1861(t)(2)(B)
    requires_treating_oncologist: bool = False
    # Other conditions of the statute that a case cannot show (California: a participating
    # prescriber, a life-threatening condition), as a clause that follows "requires that".
    also_requires: str = ""
    # Where the statute counts only studies from journals published in some countries
    # (Florida: a United States peer-reviewed national professional journal), the journals as
    # words that follow "published in". The case does not say where a journal is published.
    literature_journals: str = ""
    legal_basis: str = Field(min_length=1)

    @property
    def articles_needed(self) -> int:
        return self.min_articles or 1


class HhsCompendia(Sourced):
    compendia: tuple[str, ...] = Field(min_length=1)


class ErisaExemption(Sourced):
    summary: str = Field(min_length=1)
    citation: str = Field(min_length=1)


class ResearchNote(DataModel):
    """A state searched for an off-label cancer drug mandate where none was found.

    Kept so the next reader knows the state was checked, where, and what turned up instead
    (bills that died, oral-chemotherapy parity laws). Finding none is not proof there is none.
    """

    name: str = Field(min_length=1)
    note: str = Field(min_length=1)
    url: str = Field(min_length=1)  # the page that showed what the state has instead
    checked: dt.date


def _check_codes(codes: dict[str, object]) -> None:
    for code in codes:
        if len(code) != 2 or not code.isalpha() or not code.isupper():
            raise ValueError(f"state key {code!r} must be a two-letter upper-case code")


class StateLawData(DataModel):
    about: str = ""
    binds_plan_types: tuple[str, ...] = Field(min_length=1)
    hhs_compendia: HhsCompendia
    erisa_exemption: ErisaExemption
    states: dict[str, StateLaw]
    # Optional: states searched without finding a mandate (no entry in `states`).
    researched_without_mandate: dict[str, ResearchNote] = Field(default_factory=dict)

    @field_validator("states")
    @classmethod
    def _two_letter_codes(cls, states: dict[str, StateLaw]) -> dict[str, StateLaw]:
        _check_codes(dict(states))
        return states

    @field_validator("researched_without_mandate")
    @classmethod
    def _two_letter_research_codes(cls, notes: dict[str, ResearchNote]) -> dict[str, ResearchNote]:
        _check_codes(dict(notes))
        return notes

    @model_validator(mode="after")
    def _law_or_no_law(self) -> StateLawData:
        both = sorted(set(self.states) & set(self.researched_without_mandate))
        if both:
            raise ValueError(
                f"{', '.join(both)} listed both with a law and as researched without a mandate"
            )
        return self


@functools.cache
def state_law_data() -> StateLawData:
    return load_reference(STATE_LAWS_FILE, StateLawData)


register_cache(state_law_data.cache_clear)


def state_law(state: object) -> StateLaw | None:
    """The off-label law of a state ('ma' or 'MA'), or None if none is on file."""
    if not isinstance(state, str):
        return None
    return state_law_data().states.get(state.strip().upper())


def research_note(state: object) -> ResearchNote | None:
    """Why a state has no law on file: searched, and no mandate found ('pa' or 'PA')."""
    if not isinstance(state, str):
        return None
    return state_law_data().researched_without_mandate.get(state.strip().upper())


def law_compendia(law: StateLaw) -> frozenset[str] | None:
    """The case-format compendium names the law accepts, HHS expanded; None if not read."""
    if law.compendia is None:
        return None
    names = set(law.compendia) - {HHS}
    if HHS in law.compendia:
        names |= set(state_law_data().hhs_compendia.compendia)
    return frozenset(names)


def binds_plan_type(plan_type: object) -> bool:
    """State insurance laws bind fully insured plans, not ERISA self-funded or federal plans."""
    return isinstance(plan_type, str) and plan_type in state_law_data().binds_plan_types


def erisa_exemption() -> ErisaExemption:
    return state_law_data().erisa_exemption
