"""Who a case is between: the payer asked, the patient treated and the prescriber asking.

Apart from the clinical sections: these say who, not what is asked for, and the payer
directory fills the payer section from its own entries.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from desktop_app.domain.case_terms import CaseSection, Line, Name, Para, PlanType


class Payer(CaseSection):
    name: Name = ""
    plan_type: PlanType | None = None
    state: Annotated[str, Field(pattern=r"^[A-Za-z]{2}$")] | None = None
    member_id: Line = ""
    group_number: Line | None = None
    policy_number: Line | None = None
    address: Para | None = None
    phone: Line | None = None
    fax: Line | None = None


class Patient(CaseSection):
    name: Name = ""
    dob: dt.date | None = None
    sex: Line | None = None
    mbi: Line | None = None
    address: Para | None = None
    phone: Line | None = None


class Prescriber(CaseSection):
    name: Name = ""
    credentials: Line | None = None
    npi: Line = ""
    tax_id: Line | None = None
    specialty: Line | None = None
    practice: Name | None = None
    address: Para | None = None
    phone: Line | None = None
    fax: Line | None = None
    email: Line | None = None
