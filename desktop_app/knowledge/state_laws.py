"""State off-label cancer drug laws and the ERISA exemption (data/state_laws.json).

Only fully insured plans are bound by these laws; self-funded employer plans are exempt under
ERISA §514 (JCO 2006;24:3206).
"""

from __future__ import annotations

import functools

from pydantic import Field, field_validator

from desktop_app.knowledge.reference import DataModel, Sourced, load_reference, register_cache

STATE_LAWS_FILE = "state_laws.json"


class StateLaw(Sourced):
    name: str = Field(min_length=1)
    citation: str = Field(min_length=1)
    accepts_compendia: bool
    accepts_literature: bool
    # Set only where the statute names a number (Maine: 2 articles).
    min_articles: int | None = Field(default=None, ge=1)
    requires_treating_oncologist: bool = False
    legal_basis: str = Field(min_length=1)


class ErisaExemption(Sourced):
    summary: str = Field(min_length=1)
    citation: str = Field(min_length=1)


class StateLawData(DataModel):
    about: str = ""
    erisa_exemption: ErisaExemption
    states: dict[str, StateLaw]

    @field_validator("states")
    @classmethod
    def _two_letter_codes(cls, states: dict[str, StateLaw]) -> dict[str, StateLaw]:
        for code in states:
            if len(code) != 2 or not code.isalpha() or not code.isupper():
                raise ValueError(f"state key {code!r} must be a two-letter upper-case code")
        return states


@functools.cache
def state_law_data() -> StateLawData:
    return load_reference(STATE_LAWS_FILE, StateLawData)


register_cache(state_law_data.cache_clear)


def state_law(state: object) -> StateLaw | None:
    """The off-label law of a state ('ma' or 'MA'), or None if none is on file."""
    if not isinstance(state, str):
        return None
    return state_law_data().states.get(state.strip().upper())


def erisa_exemption() -> ErisaExemption:
    return state_law_data().erisa_exemption
