"""`pa-letter evidence import` run as a process, as staff and scripts run it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.unit.citations.fixtures import CITATIONS


def test_prints_case_format_items_as_json(pa_letter) -> None:  # type: ignore[no-untyped-def]
    result = pa_letter("evidence", "import", "--format", "json",
                       CITATIONS / "pubmed-maki-2007.nbib", CITATIONS / "zotero-heracles.ris")
    assert result.code == 0, result.err
    items = json.loads(result.out)["evidence"]
    assert [i["pmid"] for i in items] == ["17602081", "27108243"]
    assert items[0]["journal_abbreviation"] == "J Clin Oncol"
    assert (items[0]["design"], items[0]["design_source"]) == ("randomized", "publication-type")
    assert "design" not in items[1]  # RIS has no publication type: unknown, not randomized


def test_text_output_says_what_each_item_still_lacks(pa_letter) -> None:  # type: ignore[no-untyped-def]
    result = pa_letter("evidence", "import", CITATIONS / "identifiers.txt")
    assert result.code == 0
    assert "still needs title, journal, year" in result.out
    assert "4. trial: (no title yet) [NCT01926236]" in result.out


def test_into_adds_to_the_case_without_duplicates(pa_letter, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                  examples_dir: Path) -> None:
    case = tmp_path / "case.json"
    shutil.copy(examples_dir / "medicare-part-b-preauth.json", case)
    before = len(json.loads(case.read_text())["evidence"])
    result = pa_letter("evidence", "import", CITATIONS / "pubmed-three.txt", "--into", case)
    assert result.code == 0, result.err
    assert "Added 2 evidence items" in result.out and "left out 1 already cited" in result.out
    assert "already cited as evidence item 2" in result.out
    assert len(json.loads(case.read_text())["evidence"]) == before + 2
    assert case.stat().st_mode & 0o077 == 0
    again = pa_letter("evidence", "import", CITATIONS / "pubmed-three.txt", "--into", case)
    assert "Added 0 evidence items" in again.out
    check = pa_letter("check", case, "--format", "json")
    codes = {f["code"] for f in json.loads(check.out)["findings"]}
    assert "evidence.case_report" in codes and "evidence.journal_not_recognized" not in codes


def test_unreadable_empty_or_wrong_files_exit_2_naming_the_file(pa_letter, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty.nbib"
    empty.write_text("")
    note = tmp_path / "note.txt"
    note.write_text("Patient doing well.\n")
    for bad, words in ((tmp_path / "missing.ris", "cannot read"), (empty, "empty"),
                       (note, "not a citation format")):
        result = pa_letter("evidence", "import", CITATIONS / "zotero.bib", bad)
        assert result.code == 2
        assert str(bad) in result.err and words in result.err
        assert "Traceback" not in result.err and result.out == ""


def test_a_bad_case_file_for_into_exits_2_and_is_not_touched(pa_letter, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case = tmp_path / "case.json"
    case.write_text("{not json")
    result = pa_letter("evidence", "import", CITATIONS / "zotero.bib", "--into", case)
    assert result.code == 2 and "case.json" in result.err
    assert case.read_text() == "{not json"


def test_into_appends_the_items_and_leaves_the_rest_of_the_file_as_written(  # type: ignore[no-untyped-def]
    pa_letter, tmp_path: Path, examples_dir: Path
) -> None:
    document = json.loads((examples_dir / "commercial-preauth.json").read_text("utf-8"))
    del document["letter"]["date"]  # "the day the letter is made": it must stay unset
    case = tmp_path / "case.json"
    case.write_text(json.dumps(document, indent=2), "utf-8")
    before = case.read_bytes()
    nothing_new = pa_letter("evidence", "import", CITATIONS / "zotero-heracles.ris",
                            "--into", case)
    assert "Added 0 evidence items" in nothing_new.out
    assert case.read_bytes() == before  # once re-written whole, with every default spelled out
    added = pa_letter("evidence", "import", CITATIONS / "pubmed-maki-2007.nbib", "--into", case)
    assert "Added 1 evidence item" in added.out, added.err
    after = json.loads(case.read_text("utf-8"))
    assert "date" not in after["letter"] and "expedited" not in after["letter"]
    assert after["drug"]["dose"] == document["drug"]["dose"]
    assert after["evidence"][:-1] == document["evidence"]
    assert after["evidence"][-1]["pmid"] == "17602081"
