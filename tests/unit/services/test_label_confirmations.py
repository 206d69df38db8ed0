"""A practice-wide label confirmation through services: kept where the practice's data is (the
SQLite file, or the shared database), offered only for the revision the catalog cites, each
change audited with the chain still checking, and a case's drug named by its catalog entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.domain.case import Case
from desktop_app.services import audit, label_confirmations, reference
from desktop_app.storage.settings import load_settings, save_settings
from tests.support.drug_fixtures import install_catalog

REVISED = dt.date(2023, 9, 1)


@pytest.fixture(autouse=True)
def _release_connections() -> Iterator[None]:
    yield
    audit.close()


def _entries() -> list[audit.AuditEntry]:
    return [e for e in reversed(audit.entries(50)) if e.action.startswith("label_confirmation.")]


def test_a_confirmation_is_offered_for_its_revision_only() -> None:
    assert reference.practice_label_confirmation("pembrolizumab", REVISED) is None
    reference.confirm_label_for_practice("pembrolizumab", dt.date(2023, 9, 14), " Ana Ruiz ",
                                         dt.date(2026, 11, 30))
    found = label_confirmations.practice_confirmation("pembrolizumab", dt.date(2023, 9, 30))
    assert found is not None
    assert (found.confirmed_by, found.confirmed_on, found.label_revised) == (
        "Ana Ruiz", dt.date(2026, 11, 30), REVISED)
    assert reference.practice_label_confirmation("pembrolizumab", REVISED) == found
    # The catalog now cites a newer label: the old confirmation is stale, not offered.
    assert reference.practice_label_confirmation("pembrolizumab", dt.date(2024, 2, 1)) is None
    assert reference.practice_label_confirmation("pembrolizumab", None) is None
    assert reference.practice_label_confirmation("", REVISED) is None


def test_confirming_and_removing_are_audited_under_the_person_at_the_desk() -> None:
    settings = load_settings()
    save_settings(settings.model_copy(update={"user_name": "Ana Ruiz"}))
    reference.confirm_label_for_practice("pembrolizumab", REVISED, "Ana Ruiz",
                                         dt.date(2026, 11, 30))
    assert reference.remove_practice_label_confirmation("pembrolizumab", REVISED) is True
    assert reference.remove_practice_label_confirmation("pembrolizumab", REVISED) is False
    saved, removed = _entries()
    assert (saved.action, removed.action) == ("label_confirmation.saved",
                                              "label_confirmation.removed")
    assert saved.user == "Ana Ruiz" and saved.case_id is None
    assert saved.detail["drug"] == "pembrolizumab" and saved.detail["label_revised"] == "2023-09"
    assert reference.practice_label_confirmation("pembrolizumab", REVISED) is None
    report = audit.verify_chain()
    assert report.ok, report.message


@pytest.mark.no_database
def test_the_label_overview_names_the_catalog_entry(pa_letter_home: Path) -> None:
    install_catalog(pa_letter_home)
    case = Case.model_validate({"drug": {"generic_name": "Pemetrexed"},
                                "diagnosis": {"icd10": "C34.90"}})
    overview = reference.label_overview(case)
    assert overview is not None and overview.drug == "pemetrexed"
