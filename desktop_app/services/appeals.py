"""What a stored case carries about its appeal: the due date kept with every save, and the
appeal case started from a denied request.

Apart from the case store because the records of a case (services/case_records.py) keep the
same due date when they save, and neither needs the other's database code to work it out.
"""

from __future__ import annotations

import datetime as dt
import logging

from desktop_app.domain.case import Case
from desktop_app.domain.casefile import case_to_dict, parse_case
from desktop_app.rules.deadlines import appeal_deadline

__all__ = ["appeal_due_of", "appeal_of"]

log = logging.getLogger(__name__)


def appeal_due_of(case: Case) -> dt.date | None:
    try:
        deadline = appeal_deadline(case)
    except NotImplementedError:
        return None
    except Exception as exc:  # noqa: BLE001 - a deadline bug must never block an autosave
        log.warning("appeal deadline could not be computed (%s)", type(exc).__name__)
        return None
    return deadline.due if deadline else None


def appeal_of(case: Case) -> Case:
    """The denied request carried over as an appeal, dated today, with a denial to fill in."""
    data = case_to_dict(case)
    data["letter"] = {
        **data.get("letter", {}),
        "kind": "appeal",
        "date": dt.date.today().isoformat(),
    }
    data["letter"].pop("sent_at", None)  # the appeal has not been sent
    data.pop("approval", None)
    data["denial"] = {"reference_number": "", "reason": ""}
    # Calls stay: the appeal may cite what the plan said about the request.
    return parse_case(data, source="appeal", lenient=True)
