"""Marking a request denied: the denial as staff typed it goes into one appeal, and a typo
changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.errors import AppError
from desktop_app.services import audit
from desktop_app.services.cases import CaseStore, open_case_store
from desktop_app.services.denials import (
    DenialEntry,
    appeals_of,
    denial_section,
    mark_denied,
    start_appeal,
)
from tests.unit.storage.sample import sample_case


@pytest.fixture
def store() -> Iterator[CaseStore]:
    with open_case_store() as opened:
        yield opened
    audit.close()


def _sent(store: CaseStore) -> str:
    stored = store.create_case(sample_case())
    for status in ("ready_for_signature", "signed", "sent"):
        store.set_status(stored.id, status)
    return stored.id


def test_the_appeal_carries_the_denial_and_its_letter(store: CaseStore, tmp_path: Path) -> None:
    letter = tmp_path / "denial.pdf"
    letter.write_bytes(b"%PDF-1.4")
    request = _sent(store)
    entry = DenialEntry(date=dt.date(2026, 11, 20), reference_number=" RD-1 ",
                        level="redetermination",
                        reasons=("Not medically necessary.", "  ", "Experimental; unproven."),
                        letter_path=str(letter))
    appeal = mark_denied(store, request, entry)
    assert appeal is not None and store.get_case(request).status == "denied"
    denial = appeal.case.denial
    assert denial is not None
    assert (denial.date, denial.reference_number, denial.level) == (
        dt.date(2026, 11, 20), "RD-1", "redetermination")
    # Each reason verbatim and on its own, as the denial letter reader keeps them; a
    # semicolon inside a reason stays inside it.
    assert [(r.category, r.text) for r in denial.reasons or []] == [
        ("not_medically_necessary", "Not medically necessary."),
        ("experimental", "Experimental; unproven.")]
    assert denial.reason == "Not medically necessary. Experimental; unproven."
    assert appeal.case.letter.kind == "appeal" and appeal.case.letter.template is None
    assert appeal.case.attachments is not None
    assert appeal.case.attachments[-1].title == "Denial letter of 2026-11-20"
    assert appeal.case.attachments[-1].path == str(letter)


def test_a_future_date_or_a_missing_letter_changes_nothing(store: CaseStore,
                                                          tmp_path: Path) -> None:
    request = _sent(store)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    for entry in (DenialEntry(date=tomorrow),
                  DenialEntry(letter_path=str(tmp_path / "nowhere.pdf"))):
        with pytest.raises(AppError):
            mark_denied(store, request, entry)
    assert store.get_case(request).status == "sent"
    assert appeals_of(store, request) == []


def test_marking_denied_twice_keeps_one_appeal(store: CaseStore) -> None:
    request = _sent(store)
    first = mark_denied(store, request, DenialEntry(reference_number="R1"))
    again = mark_denied(store, request, DenialEntry(reference_number="R1"))
    assert first is not None and again is not None and again.id == first.id
    assert [s.id for s in appeals_of(store, request)] == [first.id]


def test_only_a_denied_request_can_be_appealed(store: CaseStore) -> None:
    request = _sent(store)
    with pytest.raises(AppError, match="only a denied case"):
        start_appeal(store, request, DenialEntry())
    assert mark_denied(store, request, None, start=False) is None
    assert store.get_case(request).status == "denied"


def test_each_stated_reason_is_its_own_entry_with_the_category_its_words_name() -> None:
    entry = DenialEntry(reasons=("Not medically necessary.", "Not in NCCN."))
    assert denial_section(entry)["reasons"] == [
        {"category": "not_medically_necessary", "text": "Not medically necessary."},
        {"category": "other", "text": "Not in NCCN."}]
    assert "reasons" not in denial_section(DenialEntry())


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=4))
def test_any_reason_text_is_kept_as_data(reasons: list[str]) -> None:
    section = denial_section(DenialEntry(reasons=tuple(reasons)))
    kept = [r.strip() for r in reasons if r.strip()]
    assert section["reason"] == " ".join(kept)
    assert [r["text"] for r in section.get("reasons", [])] == kept


# -- the one denial dialog's result: values read from the letter, or typed -------------------
def test_a_denial_read_from_the_letter_fills_the_appeal_with_the_letter_kept(
    store: CaseStore,
) -> None:
    from desktop_app.services.denial_intake import ConfirmedDenial, propose_from_text

    letter = propose_from_text("Notice date: 11/09/2026\nReference number: OD-2026-1\n")
    confirmed = ConfirmedDenial(
        date=dt.date(2026, 11, 9), reference_number="OD-2026-1", level="first",
        reasons=(("not_in_compendia", "Not listed in NCCN."), ("", "Not medically necessary.")),
        criteria_cited=("Policy 5.01.12",), stated_deadline=dt.date(2027, 1, 13), letter=letter)
    request = _sent(store)
    appeal = mark_denied(store, request, confirmed)
    assert appeal is not None and appeal.parent_case_id == request
    denial = appeal.case.denial
    assert denial is not None and denial.stated_deadline == dt.date(2027, 1, 13)
    assert denial.criteria_cited == ["Policy 5.01.12"]
    # A reason typed without a category gets the one its words name, as typed reasons do.
    assert [r.category for r in denial.reasons or []] == ["not_in_compendia",
                                                          "not_medically_necessary"]
    kept = Path(appeal.case.attachments[-1].path)  # type: ignore[index]
    assert kept.read_bytes() == letter.data and kept.stat().st_mode & 0o077 == 0


def test_a_typed_denial_attaches_the_named_file_where_it_is(
    store: CaseStore, tmp_path: Path
) -> None:
    from desktop_app.services.denial_intake import ConfirmedDenial

    own = tmp_path / "scan.pdf"
    own.write_bytes(b"%PDF-1.4 scan")
    request = _sent(store)
    missing = ConfirmedDenial(date=None, reference_number="R",
                              letter_path=str(tmp_path / "nowhere.pdf"))
    with pytest.raises(AppError, match="cannot be found"):
        mark_denied(store, request, missing)
    assert store.get_case(request).status == "sent"
    appeal = mark_denied(store, request, ConfirmedDenial(date=None, reference_number="R",
                                                         letter_path=str(own)))
    assert appeal is not None and appeal.case.attachments[-1].path == str(own)  # type: ignore[index]
