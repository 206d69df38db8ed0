"""Typing a payer's name asks the database a small, fixed number of times, not once per key,
and a payer another desk adds is offered once the held list is re-checked (both databases)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event

from desktop_app.domain.payers import PayerEntry
from desktop_app.services import payers
from desktop_app.services.reference import payer_choices
from desktop_app.storage.database import Database, open_database
from desktop_app.storage.practice_lists import payer_document

NAME = "Bay State Health Plan"  # 21 characters, typed one at a time
BAY_STATE = PayerEntry(name=NAME, state="MA", pa_fax="(617) 555-0188")
PINE_TREE = PayerEntry(name="Pine Tree Fictional Health", state="ME", pa_fax="(207) 555-0142")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def desks(case_database: str) -> Iterator[tuple[Database, Database]]:
    """Two desks' connections to the same database."""
    desk_a, desk_b = open_database(case_database), open_database(case_database)
    yield desk_a, desk_b
    desk_a.dispose()
    desk_b.dispose()


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(payers, "_clock", fake)
    return fake


@pytest.fixture
def queries(desks: tuple[Database, Database], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Desk A's look-ups go to its database; every statement it sends is counted."""
    desk_a, _ = desks
    monkeypatch.setattr(payers, "directory_store", lambda: payer_document(desk_a, "Front desk A"))
    sent: list[str] = []

    def count(*args: Any) -> None:
        sent.append(str(args[2]))

    event.listen(desk_a.engine, "before_cursor_execute", count)
    return sent


def _type(text: str, clock: Clock, seconds_per_key: float) -> list[list[str]]:
    shown = []
    for end in range(1, len(text) + 1):
        clock.now += seconds_per_key
        shown.append([s for s, _entry in payer_choices(text[:end])])
    return shown


def test_typing_a_name_asks_the_database_a_few_times_not_per_key(
    desks: tuple[Database, Database], clock: Clock, queries: list[str]
) -> None:
    payer_document(desks[1], "Front desk B").save([BAY_STATE])
    queries.clear()
    shown = _type(NAME, clock, seconds_per_key=0.15)  # a quick typist: about 3 seconds
    assert any(s.startswith(NAME) for s in shown[-1])
    # The version and the list once, each in its own transaction (BEGIN counted): per key
    # it would be 21 version checks at least.
    assert len(queries) <= 6


def test_a_slow_typist_costs_one_version_check_per_recheck_period(
    desks: tuple[Database, Database], clock: Clock, queries: list[str]
) -> None:
    shown = _type(NAME, clock, seconds_per_key=1.0)  # 21 seconds for 21 keys
    assert all("Bay State" not in " ".join(s) for s in shown)
    # The first read, then one version check (with its BEGIN) per period.
    assert len(queries) <= 6 + 2 * (21 / payers.RECHECK_SECONDS + 1)


def test_a_payer_another_desk_adds_is_offered_after_the_recheck(
    desks: tuple[Database, Database], clock: Clock, queries: list[str]
) -> None:
    assert [s for s, _ in payer_choices("pine tree")] == []
    payer_document(desks[1], "Front desk B").save([PINE_TREE])  # another desk's save
    clock.now += payers.RECHECK_SECONDS + 0.1
    assert [e.name for _s, e in payer_choices("pine tree")] == [PINE_TREE.name]  # type: ignore[attr-defined]


def test_a_save_at_this_desk_is_offered_at_once(
    desks: tuple[Database, Database], clock: Clock, queries: list[str]
) -> None:
    assert payer_choices("pine tree") == []
    payers.save_practice_payers([PINE_TREE])
    assert [e.name for _s, e in payer_choices("pine tree")] == [PINE_TREE.name]  # type: ignore[attr-defined]
