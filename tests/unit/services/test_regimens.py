"""Practice regimens: kept once with their evidence, picked by name, never a patient's date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app import limits
from desktop_app.domain.case_evidence import (
    ArticleEvidence,
    Attachment,
    CompendiumEvidence,
    TrialEvidence,
)
from desktop_app.domain.case_treatment import Dose, Drug
from desktop_app.errors import AppError, StorageError
from desktop_app.services import regimens
from desktop_app.storage.regimen_library import RegimenFile

DRUG = Drug(generic_name="gemcitabine", brand_name="Infugem", hcpcs="J9198",
            dose=Dose(amount=900.0, unit="mg/m2"), route="intravenous",
            frequency="days 1 and 8 of each 21-day cycle", cycles=6,
            combination_with=["docetaxel 75 mg/m2 IV on day 8"],
            start_date=dt.date(2026, 12, 3))
EVIDENCE = [
    CompendiumEvidence(compendium="NCCN", version="Soft Tissue Sarcoma v2.2026", rating="2A",
                       listing="Gemcitabine and docetaxel: subsequent-line therapy"),
    ArticleEvidence(title="SARC002", authors=["Maki RG"], journal="J Clin Oncol", year=2007,
                    pmid="17602081", design="randomized"),
    TrialEvidence(nct="NCT00142571", title="SARC002"),
]


def _store(tmp_path: Path) -> RegimenFile:
    return RegimenFile(tmp_path / "regimens.json")


def test_a_saved_regimen_keeps_drug_and_evidence_but_not_the_start_date(tmp_path: Path) -> None:
    store = _store(tmp_path)
    regimens.save_regimen("  Gemcitabine +  docetaxel, sarcoma ", DRUG, EVIDENCE, store)
    [kept] = regimens.practice_regimens(store)
    assert kept.name == "Gemcitabine + docetaxel, sarcoma"
    assert kept.drug.start_date is None
    assert kept.drug.model_copy(update={"start_date": DRUG.start_date}) == DRUG
    assert kept.evidence == EVIDENCE
    assert (tmp_path / "regimens.json").stat().st_mode & 0o077 == 0  # the user's alone


def test_saving_under_the_same_name_replaces_it(tmp_path: Path) -> None:
    store = _store(tmp_path)
    regimens.save_regimen("Gem/doce", DRUG, EVIDENCE, store)
    regimens.save_regimen("GEM/DOCE", DRUG.model_copy(update={"cycles": 4}), [], store)
    [kept] = regimens.practice_regimens(store)
    assert (kept.name, kept.drug.cycles, kept.evidence) == ("GEM/DOCE", 4, [])
    regimens.remove_regimen("gem/doce", store)
    assert regimens.practice_regimens(store) == []


def test_found_by_any_words_of_its_name_or_drugs(tmp_path: Path) -> None:
    store = _store(tmp_path)
    regimens.save_regimen("Gemcitabine + docetaxel, sarcoma", DRUG, EVIDENCE, store)
    for typed in ("gem doc", "SARCOMA", "infugem", "docetaxel 75"):
        [(shown, found)] = regimens.regimen_choices(typed, store)
        assert found.name == "Gemcitabine + docetaxel, sarcoma"
        assert shown.startswith("Practice regimen: ") and "3 evidence items" in shown
    assert regimens.regimen_choices("pemetrexed", store) == []
    assert regimens.regimen_choices("   ", store) == []


def test_evidence_already_cited_is_not_added_twice(tmp_path: Path) -> None:
    store = _store(tmp_path)
    regimen = regimens.save_regimen("Gem/doce", DRUG, EVIDENCE, store)
    same_article = ArticleEvidence(title="Maki 2007", pmid="17602081")
    assert regimens.evidence_to_add(regimen, []) == EVIDENCE
    assert regimens.evidence_to_add(regimen, [same_article]) == [EVIDENCE[0], EVIDENCE[2]]
    assert regimens.evidence_to_add(regimen, EVIDENCE) == []


def test_no_name_or_no_drug_is_refused(tmp_path: Path) -> None:
    store = _store(tmp_path)
    with pytest.raises(AppError, match="name"):
        regimens.save_regimen("  ", DRUG, [], store)
    with pytest.raises(AppError, match="generic name"):
        regimens.save_regimen("Empty", Drug(), [], store)
    assert regimens.practice_regimens(store) == []


def test_a_damaged_file_is_named_and_nothing_is_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "regimens.json"
    path.write_text('{"regimens": [{"name": "x", "drug": {"cycles": "six"}}]}', "utf-8")
    with pytest.raises(StorageError) as raised:
        regimens.practice_regimens(RegimenFile(path))
    assert str(path) in str(raised.value) or raised.value.file == str(path)
    with pytest.raises(StorageError):
        regimens.save_regimen("Gem/doce", DRUG, [], RegimenFile(path))
    assert "six" in path.read_text("utf-8")


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=250))
def test_any_name_is_kept_as_typed_or_refused_in_words(name: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        store = RegimenFile(Path(folder) / "regimens.json")
        try:
            kept = regimens.save_regimen(name, DRUG, [], store)
        except AppError as exc:
            assert exc.message
            return
        assert kept.name == " ".join(name.split())
        assert regimens.practice_regimens(store)[0].name == kept.name


def test_a_regimens_file_over_its_cap_is_named_not_read(tmp_path: Path) -> None:
    path = tmp_path / "regimens.json"
    with path.open("wb") as handle:
        handle.truncate(limits.PRACTICE_LIST_BYTES + 1)
    with pytest.raises(StorageError, match="over 10 MB") as caught:
        regimens.practice_regimens(RegimenFile(path))
    assert caught.value.file == str(path)


def test_a_regimen_that_would_make_the_file_unreadable_is_not_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _store(tmp_path)
    regimens.save_regimen("Gem/doce", DRUG, EVIDENCE, store)
    kept = store.path.stat().st_size
    monkeypatch.setattr(limits, "PRACTICE_LIST_BYTES", kept + 100)
    with pytest.raises(StorageError, match="nothing was saved"):
        regimens.save_regimen("Gem/doce again", DRUG, EVIDENCE, store)
    assert [r.name for r in regimens.practice_regimens(store)] == ["Gem/doce"]


def test_only_the_full_texts_of_its_own_articles_go_with_the_regimen(tmp_path: Path) -> None:
    # The CT report is the patient's; the SARC002 full text goes with every letter for
    # this regimen.
    attached = [Attachment(title="CT chest report", path="/scans/ct.pdf"),
                Attachment(title="Maki 2007 (full text)", path="/library/maki-2007.pdf",
                           article="pmid:17602081"),
                Attachment(title="Another article", path="/library/other.pdf",
                           article="pmid:99999999")]
    store = _store(tmp_path)
    regimens.save_regimen("Gem + doc", DRUG, EVIDENCE, store, attachments=attached)
    [kept] = regimens.practice_regimens(store)
    assert [a.title for a in kept.full_texts] == ["Maki 2007 (full text)"]
    # Picked for the next patient: added once, not again when the case has it already.
    assert [a.path for a in regimens.full_texts_to_add(kept, [])] == ["/library/maki-2007.pdf"]
    assert regimens.full_texts_to_add(kept, kept.full_texts) == []
    assert regimens.full_texts_to_add(
        kept, [Attachment(title="mine", path="/elsewhere.pdf", article="PMID:17602081")]) == []
