"""Schedules and units as staff write them, compared with the label's regimens."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.rules.label_dose import dose_unit, interval_days


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("every 3 weeks", 21),
        ("Every 21 days", 21),
        ("q3w", 21),
        ("Q3 weeks", 21),
        ("every two weeks", 14),
        ("q2wk", 14),
        ("weekly", 7),
        ("loading dose, then 2 mg/kg weekly", 7),
        ("once a week", 7),
        ("every other week", 14),
        ("on Day 1 of each 21-day cycle", 21),
        ("every 6 weeks", 42),
        ("daily", 1),
        ("once daily", 1),
        ("twice daily", 0.5),
        ("BID", 0.5),
        ("q4d", 4),
        ("days 1 and 8 of each 21-day cycle", None),  # two doses a cycle: no one interval
        ("days 1, 8, 15 every 28 days", None),
        ("biweekly", None),  # twice a week or every two weeks: staff are asked
        ("as directed", None),
        ("", None),
    ],
)
def test_days_between_doses(typed: str, days: float | None) -> None:
    assert interval_days(typed) == days


@pytest.mark.parametrize(
    ("typed", "unit"),
    [("mg/m²", "mg/m2"), ("MG/M2", "mg/m2"), ("mg per m2", "mg/m2"), ("mg/m^2", "mg/m2"),
     ("µg", "mcg"), ("AUC", "AUC"), ("auc", "AUC"), ("mg/kg", "mg/kg"), ("Units", "units"),
     ("mg", "mg")],
)
def test_units_in_the_catalogs_spelling(typed: str, unit: str) -> None:
    assert dose_unit(typed) == unit


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=50))
def test_any_schedule_text_gives_a_positive_interval_or_none(text: str) -> None:
    days = interval_days(text)
    assert days is None or days > 0
