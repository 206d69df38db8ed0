"""Values no real case holds: text over its limit, NaN or Infinity, dates outside 1900-2100.

A case file with such values is refused when it is read (domain/bounds.py); these findings
catch the same values where they reach the checker another way: typed into the form, or in
a case the app stored before the limits existed.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator

from desktop_app.domain.bounds import EARLIEST_YEAR, LATEST_YEAR, limit_of, model_values
from desktop_app.domain.findings import Finding, Severity
from desktop_app.rules.engine import RuleContext, rule
from desktop_app.rules.required import field_label

_DATED = "dates and years"
# Values with a length limit; a tuple, as `str | list` would build a union at every field.
_MEASURED = (str, list)


@rule(
    "text.too_long",
    "number.not_finite",
    "date.out_of_range",
    rule_set="core",
    source="this product: case limits in docs/case-format.md (\"Limits\"); a year before "
    f"{EARLIEST_YEAR} or after {LATEST_YEAR} is a typing slip in any of the case's {_DATED}",
    checks="No text or list is longer than the case format allows, no number is NaN or "
    f"Infinity, and no date falls before {EARLIEST_YEAR} or after {LATEST_YEAR}.",
)
def check_bounds(context: RuleContext) -> Iterator[Finding]:
    for path, model, name, value in model_values(context.case):
        if isinstance(value, _MEASURED):
            limit = limit_of(model, name)
            if limit is not None and len(value) > limit:
                yield _too_long(path, len(value), limit, isinstance(value, str))
        elif isinstance(value, float) and not math.isfinite(value):
            yield Finding(
                "number.not_finite",
                Severity.ERROR,
                path,
                f"{field_label(path)} is not a number (NaN or Infinity). Enter it in digits, "
                "for example 1250.00, or leave it empty.",
            )
        elif _year_of(name, value) not in _PLAUSIBLE_YEARS:
            yield _out_of_range(path, "year")


_PLAUSIBLE_YEARS = range(EARLIEST_YEAR, LATEST_YEAR + 1)


def _year_of(name: str, value: object) -> int:
    """The year a date or an article's `year` holds; a year in range for anything else."""
    if isinstance(value, dt.date):
        return value.year
    if name == "year" and isinstance(value, int) and not isinstance(value, bool):
        return value
    return EARLIEST_YEAR


def _too_long(path: str, length: int, limit: int, text: bool) -> Finding:
    what = "characters" if text else "items"
    return Finding(
        "text.too_long",
        Severity.ERROR,
        path,
        f"{field_label(path)} holds {length:,} {what}; a case holds at most {limit:,} here. "
        "Shorten it (attach long documents instead of pasting them).",
    )


def _out_of_range(path: str, what: str) -> Finding:
    return Finding(
        "date.out_of_range",
        Severity.ERROR,
        path,
        f"{field_label(path)} falls before {EARLIEST_YEAR} or after {LATEST_YEAR}. "
        f"Check the {what}: it is probably a typing slip.",
    )
