"""Case files through the services: what staff import and export, the workflow moves, reports."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app import limits
from desktop_app.domain.case import Case, Letter
from desktop_app.domain.case_parties import Patient
from desktop_app.domain.case_treatment import Drug
from desktop_app.errors import AppError, CaseFileError, StorageError
from desktop_app.services import audit, casefiles
from desktop_app.services.cases import (
    NEXT_STATUSES,
    STATUSES,
    CaseStore,
    next_statuses,
    open_case_store,
)
from desktop_app.services.crash_reports import reports_folder, save_crash_report


@pytest.fixture
def store() -> Iterator[CaseStore]:
    with open_case_store() as opened:
        yield opened
    audit.close()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- import -----------------------------------------------------------------------------------
def test_every_good_example_imports_and_round_trips(examples_dir: Path, tmp_path: Path) -> None:
    for source in sorted(examples_dir.glob("*.json")):
        try:
            case = casefiles.import_case_file(source)
        except CaseFileError:
            continue  # the hostile examples are refused; the next test covers refusals
        written = casefiles.export_case_file(case, tmp_path / source.name)
        assert casefiles.import_case_file(written) == case


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (json.dumps({"format": 99}).encode(), "format"),
        (b"[]", ""),
        (b"", "not valid JSON"),
    ],
)
def test_broken_files_are_refused_naming_the_file(
    tmp_path: Path, content: bytes, words: str
) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    with pytest.raises(CaseFileError) as caught:
        casefiles.import_case_file(path)
    assert "broken.json" in str(caught.value)
    assert words in str(caught.value)


def test_a_bad_field_is_named(tmp_path: Path, examples_dir: Path) -> None:
    data = json.loads((examples_dir / "medicare-part-b-preauth.json").read_text("utf-8"))
    data["patient"]["dob"] = 19540422
    path = tmp_path / "bad-dob.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CaseFileError, match=r"patient\.dob"):
        casefiles.import_case_file(path)


def test_a_folder_a_missing_file_and_a_giant_file_are_refused_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(CaseFileError, match="cannot read"):
        casefiles.import_case_file(tmp_path)
    with pytest.raises(CaseFileError, match="cannot read"):
        casefiles.import_case_file(tmp_path / "gone.json")
    giant = tmp_path / "giant.json"
    giant.write_bytes(b"{}")
    monkeypatch.setattr(limits, "CASE_FILE_BYTES", 1)
    with pytest.raises(CaseFileError, match="too large"):
        casefiles.import_case_file(giant)


# -- export -----------------------------------------------------------------------------------
def test_export_is_private_and_keeps_typed_text_exactly(tmp_path: Path) -> None:
    case = Case(
        letter=Letter(kind="preauth"),
        patient=Patient(name="Zoë <b>Nguyễn</b> & {{x}}"),
        drug=Drug(generic_name="pembrolizumab"),
    )
    path = casefiles.export_case_file(case, tmp_path / "case.json")
    assert _mode(path) == 0o600
    assert casefiles.import_case_file(path).patient.name == "Zoë <b>Nguyễn</b> & {{x}}"
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".part-")]


def test_export_replaces_a_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text("old content that is longer than the new case file " * 500, "utf-8")
    casefiles.export_case_file(Case(patient=Patient(name="Ana")), path)
    assert casefiles.import_case_file(path).patient.name == "Ana"


@pytest.mark.no_database
@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_export_into_a_read_only_folder_says_so_and_leaves_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(StorageError, match="cannot write"):
            casefiles.export_case_file(Case(), folder / "case.json")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


@pytest.mark.parametrize(
    ("kind", "drug", "expected"),
    [
        ("preauth", "temozolomide", "prior-auth-case-temozolomide-2026-11-20.json"),
        ("appeal", "5-FU / leucovorin", "appeal-case-5fuleucovorin-2026-11-20.json"),
        (None, "", "case-2026-11-20.json"),
        ("preauth", "ñandú 李", "prior-auth-case-and-2026-11-20.json"),
    ],
)
def test_suggested_name_holds_no_patient_data(kind: str | None, drug: str, expected: str) -> None:
    case = Case(
        letter=Letter(kind=kind, date=dt.date(2026, 11, 20)),  # type: ignore[arg-type]
        patient=Patient(name="José Núñez"),
        drug=Drug(generic_name=drug),
    )
    name = casefiles.suggested_case_file_name(case)
    assert name == expected
    assert "jos" not in name.lower() and "ez" not in name.lower()


# -- first run --------------------------------------------------------------------------------
def test_examples_are_offered_once_even_after_every_case_is_deleted(store: CaseStore) -> None:
    added = casefiles.import_examples_once(store)
    assert added >= 3
    for summary in store.list_cases():
        store.delete_case(summary.id)
    assert casefiles.import_examples_once(store) == 0


def _looks_like_markup(text: str) -> bool:
    return any(mark in text for mark in ("<", ">", "&amp;", "{{", "{%", "**"))


def test_a_new_office_sees_no_test_patient_with_markup_in_its_name(store: CaseStore) -> None:
    added = casefiles.import_examples_once(store)
    names = [summary.patient_name for summary in store.list_cases()]
    assert len(names) == added >= 3
    assert not [name for name in names if _looks_like_markup(name)]


def test_the_hostile_sample_still_ships_for_the_tests(examples_dir: Path) -> None:
    hostile = examples_dir / "hostile-strings.json"
    assert _looks_like_markup(json.loads(hostile.read_text(encoding="utf-8"))["patient"]["name"])
    offered = {path.name for path in casefiles.first_run_example_paths()}
    assert "hostile-strings.json" not in offered
    assert "commercial-appeal.json" in offered


# -- workflow ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("status", "moves"),
    [
        ("draft", ("ready_for_signature",)),
        ("ready_for_signature", ("signed", "draft")),  # forward first, back to draft last
        ("signed", ("sent",)),
        ("sent", ("approved", "denied")),
        ("approved", ()),
        ("denied", ()),
        ("no-such-status", ()),
        ("", ()),
    ],
)
def test_next_statuses_lists_what_the_store_allows(status: str, moves: tuple[str, ...]) -> None:
    assert next_statuses(status) == moves
    assert set(moves) == set(NEXT_STATUSES.get(status, frozenset()))


@pytest.mark.parametrize("start", ["draft", "ready_for_signature", "sent"])
def test_every_listed_move_is_accepted_and_others_refused(store: CaseStore, start: str) -> None:
    path = {
        "draft": [],
        "ready_for_signature": ["ready_for_signature"],
        "sent": ["ready_for_signature", "signed", "sent"],
    }[start]
    for target in STATUSES:
        stored = store.create_case(Case())
        for step in path:
            store.set_status(stored.id, step)
        if target in next_statuses(start):
            assert store.set_status(stored.id, target).status == target
        elif target != start:
            with pytest.raises(AppError):
                store.set_status(stored.id, target)


# -- crash reports ----------------------------------------------------------------------------
def test_crash_reports_are_private_and_kept_apart(pa_letter_home: Path) -> None:
    first = save_crash_report("report one\n")
    second = save_crash_report("report two\n")
    assert first != second
    assert first.parent == reports_folder() == pa_letter_home / "reports"
    assert _mode(first) == 0o600 and _mode(first.parent) == 0o700
    assert first.read_text("utf-8") == "report one\n"
