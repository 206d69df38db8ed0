"""The audit log: entries chain by hash, tampering is found, and patient data is refused."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.services import audit
from desktop_app.storage.audit import GENESIS_HASH, check_detail, entry_hash
from desktop_app.storage.database import open_database
from desktop_app.storage.settings import PracticeSettings, save_settings


@pytest.fixture(autouse=True)
def _release_connections() -> Iterator[None]:
    yield
    audit.close()


def _five_entries() -> None:
    for n in range(5):
        audit.record("letter.exported", f"case-{n}", {"template": "offlabel-preauth", "n": n})


def _tamper(sql: str) -> None:
    db = open_database()
    with db.writing() as session:
        session.connection().exec_driver_sql(sql)
    db.dispose()


def test_entries_are_listed_newest_first_with_their_detail() -> None:
    _five_entries()
    listed = audit.entries(3)
    assert [e.id for e in listed] == [5, 4, 3]
    assert listed[0].detail == {"template": "offlabel-preauth", "n": 4}
    assert listed[0].action == "letter.exported" and listed[0].case_id == "case-4"
    assert listed[0].at.tzinfo is not None and listed[0].at.utcoffset() == dt.timedelta(0)
    assert [e.id for e in audit.entries(10, case_id="case-1")] == [2]


def test_each_entry_hashes_the_one_before_it() -> None:
    _five_entries()
    oldest_first = list(reversed(audit.entries(10)))
    assert oldest_first[0].prev_hash == GENESIS_HASH
    for before, after in itertools.pairwise(oldest_first):
        assert after.prev_hash == before.entry_hash
    report = audit.verify_chain()
    assert report.ok and report.first_bad_id is None and report.checked == 5
    assert "intact" in report.message


@pytest.mark.parametrize(
    ("sql", "first_bad", "words"),
    [
        ("DELETE FROM audit_log WHERE id = 3", 4, "missing"),
        ("UPDATE audit_log SET detail = '{\"n\":99}' WHERE id = 2", 2, "altered"),
        ("UPDATE audit_log SET \"user\" = 'someone else' WHERE id = 4", 4, "altered"),
        ("UPDATE audit_log SET action = 'case.saved' WHERE id = 1", 1, "altered"),
        ("UPDATE audit_log SET at = '2020-01-01 00:00:00' WHERE id = 5", 5, "altered"),
        ("UPDATE audit_log SET detail = 'not json' WHERE id = 3", 3, "altered"),
    ],
)
def test_deleting_or_editing_a_row_is_detected(sql: str, first_bad: int, words: str) -> None:
    _five_entries()
    _tamper(sql)
    report = audit.verify_chain()
    assert not report.ok
    assert report.first_bad_id == first_bad
    assert words in report.message


def test_rewriting_a_row_with_a_fresh_hash_still_breaks_the_next_link() -> None:
    _five_entries()
    _tamper("UPDATE audit_log SET entry_hash = '" + "f" * 64 + "' WHERE id = 2")
    report = audit.verify_chain()
    assert not report.ok and report.first_bad_id == 2


@pytest.mark.parametrize(
    "detail",
    [
        {"patient_name": "Zoë Fictional"},
        {"signer_name": "Dr. Ada Fictional"},
        {"dob": "1961-07-14"},
        {"member_id": "XQZ000111"},
        {"override_reason": "patient is very ill"},
        {"case": {"nested": "data"}},
        {"values": ["a", "b"]},
        {"template": "x" * 500},
    ],
)
def test_detail_that_could_hold_patient_data_is_refused(detail: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="audit detail"):
        audit.record("case.saved", "case-1", detail)
    assert audit.entries(10) == []


def test_user_is_the_name_from_practice_settings(pa_letter_home: Path) -> None:
    save_settings(PracticeSettings(user_name="Front Desk 2"))
    assert audit.record("case.created", "case-1", {}).user == "Front Desk 2"


def test_user_falls_back_to_the_login_when_settings_are_damaged(pa_letter_home: Path) -> None:
    (pa_letter_home / "settings.json").write_text("{broken", encoding="utf-8")
    assert audit.current_user() not in ("", "Front Desk 2")


ids = st.text(alphabet="abcdef0123456789-", max_size=36)
plain = st.one_of(st.none(), st.booleans(), st.integers(), ids)


@settings(max_examples=50, deadline=None)
@given(st.dictionaries(st.sampled_from(["version", "sha256", "template", "count"]), plain))
def test_entry_hash_is_stable_and_covers_every_detail_value(detail: dict[str, object]) -> None:
    clean = check_detail(detail)
    when = dt.datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=dt.UTC)
    first = entry_hash(
        "a" * 64, entry_id=1, at=when, user="u", action="a", case_id=None, detail=clean
    )
    again = entry_hash(
        "a" * 64,
        entry_id=1,
        at=when,
        user="u",
        action="a",
        case_id=None,
        detail=dict(reversed(list(clean.items()))),
    )
    assert first == again
    changed = {**clean, "extra": 1}
    assert (
        entry_hash(
            "a" * 64, entry_id=1, at=when, user="u", action="a", case_id=None, detail=changed
        )
        != first
    )
