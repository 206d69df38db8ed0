"""The requested dose, schedule and route beside the label's regimens and routes.

A dose is labeled when one labeled regimen for the indication has the same unit, an amount
equal to the label's (or inside its range) and, where both state one, the same interval between
doses. A route is labeled when every route the case names is one of the product's labeled
routes. Where the case's words cannot be compared (an absolute dose against a per-m² label, a
schedule the reader does not understand) the result is unknown and staff are asked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.domain.case import Case
from desktop_app.knowledge.drug_catalog import Vocabulary
from desktop_app.knowledge.drug_label_model import Regimen
from desktop_app.rules.case_reading import routes_named
from desktop_app.rules.label_match import State

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8}
_NUMBER = r"(\d+(?:\.\d+)?|one|two|three|four|five|six|eight)"
# (pattern, days per unit of the number, or a fixed interval)
_SCHEDULES: tuple[tuple[re.Pattern[str], float | None, float | None], ...] = (
    (re.compile(rf"\bevery\s+{_NUMBER}\s*(?:-\s*)?weeks?\b"), 7.0, None),
    (re.compile(rf"\bq\s*{_NUMBER}\s*w(?:ee)?ks?\b|\bq{_NUMBER}w\b"), 7.0, None),
    (re.compile(rf"\bevery\s+{_NUMBER}\s*(?:-\s*)?days?\b"), 1.0, None),
    (re.compile(rf"\bq\s*{_NUMBER}\s*d(?:ays?)?\b"), 1.0, None),
    (re.compile(rf"\b{_NUMBER}\s*-\s*(?:day|week)\s+cycles?\b"), None, None),
    (re.compile(r"\b(?:twice\s+(?:a\s+)?dai?ly|twice\s+a\s+day|bid|b\.i\.d\.)"), None, 0.5),
    (re.compile(r"\b(?:weekly|every\s+week|once\s+a\s+week|qw|q\s*1\s*w)\b"), None, 7.0),
    (re.compile(r"\bevery\s+other\s+week\b"), None, 14.0),
    (re.compile(r"\b(?:once\s+)?daily\b|\bevery\s+day\b|\bqd\b|\bonce\s+a\s+day\b"), None, 1.0),
)
_SEVERAL_DAYS = re.compile(r"\bdays?\s+\d+\s*(?:,|and|&|\+)\s*\d+")
_UNIT_ALIASES = {
    "mg/m²": "mg/m2",
    "mg/m^2": "mg/m2",
    "g/m²": "g/m2",
    "mcg/m²": "mcg/m2",
    "µg": "mcg",
    "ug": "mcg",
    "μg": "mcg",
    "unit": "units",
    "u": "units",
    "units/m²": "units/m2",
    "iu": "units",
    "auc": "AUC",
    "mg/mlmin": "AUC",
}


@dataclass(frozen=True, slots=True)
class DoseCheck:
    state: State
    regimens: tuple[Regimen, ...]  # the labeled regimens it was compared with
    requested: str  # "80 mg/m2 weekly"
    question: str = ""
    field: str = "drug.dose.amount"
    # The regimens a message quotes: those the dose matches, else the nearest in amount.
    nearest: tuple[Regimen, ...] = ()


@dataclass(frozen=True, slots=True)
class RouteCheck:
    state: State
    labeled: tuple[str, ...]
    requested: tuple[str, ...]  # canonical route terms the case names
    typed: str
    question: str = ""


def interval_days(frequency: str) -> float | None:
    """Days between doses from staff's words: "every 3 weeks" 21, "weekly" 7, "BID" 0.5."""
    text = frequency.casefold()
    if _SEVERAL_DAYS.search(text):
        return None  # "days 1 and 8 of each 21-day cycle": no single interval
    for pattern, per, fixed in _SCHEDULES:
        match = pattern.search(text)
        if not match:
            continue
        if fixed is not None:
            return fixed
        number = next((g for g in match.groups() if g), None)
        if number is None:
            continue
        value = float(_NUMBER_WORDS.get(number, 0) or number)
        if per is None:  # "21-day cycles": one dose per cycle
            unit = 7.0 if "week" in match.group(0) else 1.0
            return value * unit
        return value * per if value > 0 else None
    return None


_SPACES = re.compile(r"\s+")  # compiled once: the label check reads each dose's unit


def dose_unit(unit: str) -> str:
    """A typed unit in the catalog's spelling: "mg/m²" -> "mg/m2", "µg" -> "mcg"."""
    compact = _SPACES.sub("", unit.strip()).replace("per", "/")
    return _UNIT_ALIASES.get(compact.casefold(), _UNIT_ALIASES.get(compact, compact.lower()))


def check_dose(case: Case, regimens: Sequence[Regimen], route: RouteCheck) -> DoseCheck:
    """The requested dose against the regimens of the indications that apply."""
    amount = getattr(case.drug.dose, "amount", None)
    unit_typed = getattr(case.drug.dose, "unit", "") or ""
    frequency = getattr(case.drug, "frequency", "") or ""
    requested = " ".join(p for p in (_number(amount), unit_typed.strip(), frequency.strip()) if p)
    if route.state is State.UNMET:
        # An unlabeled route has no labeled dose to compare with (intravesical gemcitabine).
        return DoseCheck(State.UNKNOWN, (), requested)
    if route.requested and route.state is State.MET:
        on_route = [r for r in regimens if r.route in route.requested]
        regimens = on_route or list(regimens)
    regimens = tuple(regimens)
    if not isinstance(amount, int | float) or amount <= 0 or not unit_typed.strip():
        return DoseCheck(State.UNKNOWN, regimens, requested)
    if not regimens:
        return DoseCheck(State.UNKNOWN, regimens, requested)
    unit = dose_unit(unit_typed)
    same_unit = [r for r in regimens if dose_unit(r.unit) == unit]
    if not same_unit:
        units = " or ".join(dict.fromkeys(r.unit for r in regimens))
        return DoseCheck(
            State.UNKNOWN,
            regimens,
            requested,
            field="drug.dose.unit",
            question=f"What is the planned dose in {units}? The label doses it in "
            f"{units}, and the case gives {requested}.",
        )
    sized = [r for r in same_unit if _amount_fits(float(amount), r)]
    if not sized:
        nearest = sorted(same_unit, key=lambda r: abs(r.amount - float(amount)))
        return DoseCheck(State.UNMET, regimens, requested, nearest=tuple(nearest[:3]))
    days = interval_days(frequency)
    timed = [r for r in sized if r.interval_days is not None]
    untimed = tuple(r for r in sized if r.interval_days is None)
    if untimed:  # a regimen with no single interval: the amount is what can be compared
        return DoseCheck(State.MET, regimens, requested, nearest=untimed)
    if days is None:
        schedules = "; ".join(dict.fromkeys(r.schedule for r in timed))
        return DoseCheck(
            State.UNKNOWN,
            regimens,
            requested,
            field="drug.frequency",
            question=f"How often is the dose given? The label's schedule for this "
            f"dose is {schedules}.",
        )
    on_time = tuple(r for r in timed if r.interval_days and _close(days, r.interval_days))
    if on_time:
        return DoseCheck(State.MET, regimens, requested, nearest=on_time)
    return DoseCheck(
        State.UNMET, regimens, requested, field="drug.frequency", nearest=tuple(timed[:3])
    )


def check_route(case: Case, labeled: Sequence[str], vocabulary: Vocabulary) -> RouteCheck:
    typed = (getattr(case.drug, "route", "") or "").strip()
    labeled = tuple(dict.fromkeys(labeled))
    named = tuple(sorted(routes_named(typed, vocabulary)))
    if not typed:
        return RouteCheck(State.UNKNOWN, labeled, named, typed)
    if not named:
        return RouteCheck(
            State.UNKNOWN,
            labeled,
            named,
            typed,
            question=f"Which route is planned? The label's route is "
            f"{' or '.join(labeled)}, and the case says {typed!r}.",
        )
    state = State.MET if set(named) <= set(labeled) else State.UNMET
    return RouteCheck(state, labeled, named, typed)


def _amount_fits(amount: float, regimen: Regimen) -> bool:
    low = regimen.amount
    high = regimen.amount_max or regimen.amount
    return low * 0.995 <= amount <= high * 1.005


def _close(days: float, labeled: float) -> bool:
    return abs(days - labeled) <= max(0.01, labeled * 0.05)


def _number(amount: object) -> str:
    if isinstance(amount, int | float) and amount > 0:
        return f"{amount:g}"
    return ""
