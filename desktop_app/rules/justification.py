"""What the letter may claim: which coverage standard applies and which evidence meets it.

Templates use this, never their own logic, so a letter never claims support that the
findings do not show. (Filled in by the off-label rules work.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.domain.case import Case


@dataclass(frozen=True, slots=True)
class Justification:
    standard: str  # e.g. "Medicare Part B: SSA §1861(t)(2)(B) and MBPM ch.15 §50.4.5"
    met: bool  # True only when the evidence meets the plan's standard of support
    statement: str  # one or two sentences for the letter, e.g. "supported by ..."
    supporting: tuple[int, ...] = ()  # indexes into case.evidence that meet the standard
    legal_basis: tuple[str, ...] = field(default=())  # paragraphs citing statute / manual


def justify(case: Case) -> Justification:
    raise NotImplementedError
