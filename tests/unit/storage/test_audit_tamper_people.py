"""Attacks on the practice's list of people behind the app's back: a role raised, a PIN
cleared, someone added, removed or brought back. The log check names the person by number."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop_app.services import audit, people
from desktop_app.services.cases import CaseStore, open_case_store
from tests.unit.storage.tampering import run_sql as _sql


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> Iterator[CaseStore]:
    monkeypatch.setattr(people, "os_login", lambda: "frontdesk")
    with open_case_store() as opened:
        people.save_person(opened, "Maria Admin", "admin", login="frontdesk")
        staff = people.save_person(opened, "Sam Staff", "staff", login="sam", pin="4711")
        people.save_person(opened, "Dr. Bo Other", "physician", npi="1245319599")
        people.remove_person(opened, staff.id)
        people.save_person(opened, "Sam Staff", "staff", login="sam", person_id=staff.id)
        yield opened
    people.sign_out()
    audit.close()


def test_a_list_changed_only_through_the_app_verifies(store: CaseStore) -> None:
    report = audit.verify_chain()
    assert report.ok, report.message


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE people SET role = 'physician', npi = '1548723018' WHERE name = 'Sam Staff'",
        "UPDATE people SET pin_hash = NULL WHERE name = 'Sam Staff'",
        "UPDATE people SET login = 'night-shift' WHERE name = 'Dr. Bo Other'",
        "UPDATE people SET active = false WHERE name = 'Maria Admin'",
    ],
)
def test_an_edited_person_is_found(store: CaseStore, statement: str) -> None:
    _sql(statement)
    report = audit.verify_chain()
    assert not report.ok and report.problem == "person"
    assert "was changed outside the app" in report.message
    assert "Sam" not in report.message and "Bo Other" not in report.message


def test_a_person_added_or_deleted_in_the_database_is_found(store: CaseStore) -> None:
    _sql("INSERT INTO people (name, role, login, active, updated_at) VALUES "
         "('Eve Intruder', 'admin', 'eve', true, '2026-12-01 10:00:00')")
    report = audit.verify_chain()
    assert not report.ok and report.problem == "person"
    assert "was added outside the app" in report.message
    _sql("DELETE FROM people WHERE name IN ('Eve Intruder', 'Dr. Bo Other')")
    report = audit.verify_chain()
    assert not report.ok and report.problem == "person"
    assert "is missing: the audit log holds them" in report.message
