"""Online lookup: only when allowed, only the identifier sent, cached, 5 s, offline said.

Recorded answers are served from 127.0.0.1; no test reaches the network.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop_app.citations.identifier_list import identifier_record
from desktop_app.services import evidence_lookup
from desktop_app.services.evidence_import import preview_text, with_lookups
from desktop_app.services.evidence_lookup import LookupFailed, lookup_record
from desktop_app.services.settings import load_practice_settings, save_practice_settings
from tests.support.registry import Registry, registry

pytestmark = pytest.mark.no_database  # runs once: opens no case database

__all__ = ["registry"]  # the fixture, imported for pytest


def _allow() -> None:
    save_practice_settings(load_practice_settings().model_copy(update={"online_lookup": True}))


def _bare(line: str):  # type: ignore[no-untyped-def]
    record = identifier_record(line)
    assert record is not None
    return record


def test_lookup_is_off_until_the_practice_allows_it(registry: list[str]) -> None:
    with pytest.raises(LookupFailed, match="off"):
        lookup_record(_bare("17602081"))
    assert registry == []  # nothing was sent


def test_a_pmid_is_filled_from_efetch_medline_and_cached(registry: list[str]) -> None:
    _allow()
    record = lookup_record(_bare("17602081"))
    assert record.journal_abbreviation == "J Clin Oncol" and len(record.authors) == 14
    assert registry == ["/entrez/eutils/efetch.fcgi?db=pubmed&id=17602081&rettype=medline"
                        "&retmode=text"]
    assert lookup_record(_bare("PMID: 17602081")) == record
    assert len(registry) == 1  # the second answer came from the cache


def test_a_doi_goes_to_crossref_and_an_nct_to_clinicaltrials_gov(registry: list[str]) -> None:
    _allow()
    heracles = lookup_record(_bare("doi:10.1016/S1470-2045(16)00150-9"))
    assert heracles.title.startswith("Dual-targeted therapy") and heracles.year == 2016
    trial = lookup_record(_bare("NCT01926236"))
    assert trial.title.startswith("ABC-06")
    # Only the identifier travels: no name, no e-mail, no case data in any request.
    assert all("mailto" not in r and "email" not in r for r in registry)


def test_an_unknown_identifier_is_said_in_words(registry: list[str]) -> None:
    _allow()
    with pytest.raises(LookupFailed, match="no record"):
        lookup_record(_bare("99999999"))


def test_a_slow_registry_is_offline_after_five_seconds(
    registry: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _allow()
    assert evidence_lookup.TIMEOUT_SECONDS == 5.0
    monkeypatch.setattr(evidence_lookup, "TIMEOUT_SECONDS", 0.3)  # the test need not wait 5 s
    Registry.delay = 1.0
    with pytest.raises(LookupFailed, match="offline"):
        lookup_record(_bare("NCT01926236"))


def test_no_server_at_all_is_offline(registry: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _allow()
    monkeypatch.setenv(evidence_lookup.HOST_OVERRIDE, "http://127.0.0.1:9")
    with pytest.raises(LookupFailed, match="offline"):
        lookup_record(_bare("17602081"))


def test_the_preview_keeps_a_failed_lookup_as_a_note(registry: list[str]) -> None:
    _allow()
    preview = with_lookups(preview_text("17602081\n99999999\n"), [], lookup_record)
    found, missing = preview.candidates
    assert found.item.title.startswith("Randomized phase II") and not found.lacking
    assert "no record" in missing.note and missing.lacking == ("title", "journal", "year")


def test_cached_answers_are_private_files(registry: list[str], tmp_path: Path) -> None:
    _allow()
    lookup_record(_bare("17602081"))
    cached = list((tmp_path / "cache" / evidence_lookup.CACHE_FOLDER).glob("pmid-17602081*"))
    assert cached and all(p.stat().st_mode & 0o077 == 0 for p in cached)


def test_a_cached_answer_others_may_write_is_asked_again_and_replaced(
    registry: list[str], tmp_path: Path
) -> None:
    _allow()
    first = lookup_record(_bare("17602081"))
    (cached,) = (tmp_path / "cache" / evidence_lookup.CACHE_FOLDER).glob("pmid-17602081*")
    # Someone else's answer: another article's title, in a file others may write.
    cached.write_bytes(cached.read_bytes().replace(b"TI  - ", b"TI  - Planted. "))
    assert b"Planted" in cached.read_bytes()
    cached.chmod(0o666)
    assert lookup_record(_bare("17602081")) == first
    assert len(registry) == 2  # asked the registry again
    assert cached.stat().st_mode & 0o077 == 0 and b"Planted" not in cached.read_bytes()


def test_with_no_usable_cache_folder_lookups_still_work(
    registry: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _allow()
    lookup_record(_bare("17602081"))
    me = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: me + 1)  # the cache folder is now another's
    record = lookup_record(_bare("17602081"))
    assert record.journal_abbreviation == "J Clin Oncol"
    assert len(registry) == 2  # nothing was read from the folder
