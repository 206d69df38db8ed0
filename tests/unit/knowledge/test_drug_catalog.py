"""The drug catalog: every drug file merged, an admin's files, duplicates refused, search."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.errors import StorageError
from desktop_app.knowledge.drug_catalog import (
    drug_catalog,
    drug_name_index,
    find_drug,
    product_matches,
    search_drugs,
)
from desktop_app.knowledge.reference import reload_reference_data
from tests.support.drug_fixtures import DRUGS, fixture_group, install_catalog


@pytest.fixture(autouse=True)
def catalog(pa_letter_home: Path) -> Iterator[Path]:
    yield install_catalog(pa_letter_home)
    reload_reference_data()


def _drug(name: str) -> dict[str, Any]:
    return copy.deepcopy(next(d for d in DRUGS if d["generic_name"] == name))


def _extra(home: Path, name: str, drugs: list[dict[str, Any]], **vocab: Any) -> None:
    group = {"about": "", "source": "admin", "effective": "2026-02-01", "drugs": drugs, **vocab}
    (home / "reference" / "drugs" / name).write_text(json.dumps(group), "utf-8")
    reload_reference_data()


@pytest.mark.parametrize(
    ("typed", "generic"),
    [
        ("pembrolizumab", "pembrolizumab"),
        ("KEYTRUDA", "pembrolizumab"),
        ("Keytruda®", "pembrolizumab"),
        ("  herceptin ", "trastuzumab"),
        ("Ogivri", "trastuzumab"),  # a biosimilar's brand
        ("trastuzumab-dkst", "trastuzumab"),  # a biosimilar's proper name
        ("nivo", "nivolumab"),  # other_names: what staff type
        ("J9271", "pembrolizumab"),
        ("j9304", "pemetrexed"),  # Pemfexy's own code
        ("Infugem", "gemcitabine"),
    ],
)
def test_find_by_any_name_or_code(typed: str, generic: str) -> None:
    drug = find_drug(typed)
    assert drug is not None
    assert drug.generic_name == generic


@pytest.mark.parametrize("typed", ["Keytr", "", None, 12, "aspirin", "J9999"])
def test_find_needs_an_exact_name(typed: object) -> None:
    assert find_drug(typed) is None


def test_search_finds_prefixes_words_and_codes_best_first() -> None:
    assert [d.generic_name for d in search_drugs("nivo")] == ["nivolumab"]
    assert [d.generic_name for d in search_drugs("dkst")] == ["trastuzumab"]
    assert [d.generic_name for d in search_drugs("Q5114")] == ["trastuzumab"]
    assert [d.generic_name for d in search_drugs("pem")][:2] == ["pembrolizumab", "pemetrexed"]
    # An exact name outranks a prefix of another drug's name.
    assert search_drugs("Taxol")[0].generic_name == "paclitaxel"
    assert len(search_drugs("a", limit=2)) == 2
    assert search_drugs("a", limit=0) == []


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40), st.integers(min_value=-5, max_value=50))
def test_search_never_fails(text: str, limit: int) -> None:
    assert len(search_drugs(text, limit)) <= max(limit, 0)


def test_product_matches_name_the_product_typed() -> None:
    trastuzumab = find_drug("trastuzumab")
    assert trastuzumab is not None
    assert [p.name for p in product_matches(trastuzumab, "ogiv")] == ["Ogivri"]
    assert [p.name for p in product_matches(trastuzumab, "Q5117")] == ["Kanjinti"]
    assert product_matches(trastuzumab, "") == []


def test_catalog_merges_the_vocabulary_files() -> None:
    vocabulary = drug_catalog().vocabulary
    assert "MSI-H" in vocabulary.biomarkers  # _vocabulary.json
    assert "metastatic" in vocabulary.settings  # _case_words.json
    assert "IV" in vocabulary.routes["intravenous"]
    # Contrary terms are read both ways.
    assert "MSI-H" in vocabulary.contrary["pMMR"]
    assert "pMMR" in vocabulary.contrary["MSI-H"]
    # A class gains the catalog drugs that name it.
    assert "paclitaxel" in vocabulary.class_members["taxane"]
    assert "antimetabolite" in vocabulary.class_members
    names = drug_name_index()
    assert names["folfox"] >= {"oxaliplatin", "fluorouracil"}
    assert "class:platinum" in names["platinum"]


def test_every_file_is_listed_with_its_source(pa_letter_home: Path) -> None:
    files = {f.name: f for f in drug_catalog().files}
    assert files["test-fixture.json"].admin
    assert not files["_vocabulary.json"].admin
    assert files["_vocabulary.json"].source
    assert drug_catalog().origin["nivolumab"] == "test-fixture.json"


def test_an_admin_file_adds_drugs_and_terms(pa_letter_home: Path) -> None:
    extra = _drug("nivolumab")
    extra.update(generic_name="ipilimumab", other_names=[], products=[
        {"name": "Yervoy", "proper_name": "ipilimumab", "kind": "reference", "hcpcs": [],
         "routes": ["intravenous"], "medicare_benefit": "part_b"}], hcpcs=[])
    _extra(pa_letter_home, "zz-practice.json", [extra],
           biomarker_terms={"MSI-H": {"synonyms": ["MSI hi"], "question": "other words?"}})
    assert find_drug("Yervoy") is not None
    term = drug_catalog().vocabulary.biomarkers["MSI-H"]
    assert "MSI hi" in term.synonyms and "MSI-high" in term.synonyms
    assert term.question == "Is the tumor MSI-H or dMMR?"  # the first file's question stays


def test_an_admin_file_of_the_same_name_replaces_the_bundled_one(pa_letter_home: Path) -> None:
    # The fixture installer already replaced every bundled drug file with an empty copy; here
    # the admin replaces the fixture itself with a one-drug file.
    install_catalog(pa_letter_home, fixture_group([_drug("paclitaxel")]))
    assert [d.generic_name for d in drug_catalog().drugs] == ["paclitaxel"]


def test_an_admin_drug_file_saved_with_a_byte_order_mark_is_read(pa_letter_home: Path) -> None:
    path = install_catalog(pa_letter_home, fixture_group([_drug("paclitaxel")]))
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # as Notepad saves "UTF-8"
    assert [d.generic_name for d in drug_catalog().drugs] == ["paclitaxel"]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({}, "drugs.0.generic_name", "'nivolumab' is also an entry in test-fixture.json"),
        ({"generic_name": "nivolumab-x"}, "drugs.0.other_names.0", "'nivo' also names"),
        ({"generic_name": "nivolumab-x", "other_names": [], "products": [
            {"name": "Opdivo", "proper_name": "nivolumab-x", "kind": "reference",
             "routes": ["intravenous"], "medicare_benefit": "part_b"}], "hcpcs": []},
         "drugs.0.products.0.name", "'opdivo' also names nivolumab"),
        ({"generic_name": "nivolumab-x", "other_names": [], "products": [
            {"name": "Opdualag", "proper_name": "nivolumab-x", "kind": "reference",
             "routes": ["intravenous"], "medicare_benefit": "part_b"}]},
         "drugs.0.hcpcs.0.code", "'j9299' also names nivolumab"),
    ],
)
def test_a_drug_in_two_files_is_refused_naming_file_and_field(
    pa_letter_home: Path, change: dict[str, Any], field: str, words: str
) -> None:
    duplicate = _drug("nivolumab")
    duplicate.update(change)
    _extra(pa_letter_home, "zz-practice.json", [duplicate])
    with pytest.raises(StorageError) as caught:
        drug_catalog()
    message = str(caught.value)
    assert "zz-practice.json" in message
    assert field in message
    assert words in message
    assert "\n" not in message


def test_one_file_may_list_a_combination_product_under_both_drugs(pa_letter_home: Path) -> None:
    first, second = _drug("nivolumab"), _drug("pembrolizumab")
    combo = {"name": "Combo", "proper_name": "nivolumab and pembrolizumab", "kind": "reference",
             "routes": ["intravenous"], "medicare_benefit": "part_b"}
    first["products"].append(combo)
    second["products"].append(combo)
    install_catalog(pa_letter_home, fixture_group([first, second]))
    assert {d.generic_name for d in search_drugs("Combo")} == {"nivolumab", "pembrolizumab"}


@pytest.mark.parametrize(
    ("content", "field"),
    [
        ("not json", None),
        ('{"about": "", "source": "s", "effective": "2026-01-01", "drugs": [{}]}',
         "drugs.0.generic_name"),
        ('{"about": "", "source": "s", "effective": "2026-01-01", "drugs": [], "x": 1}', "x"),
        ('{"about": "", "source": "s", "effective": "2026-01-01", "drugs": [],'
         ' "route_terms": {"by teleport": ["x"]}}', "route_terms"),
    ],
)
def test_a_damaged_drug_file_is_reported_with_its_name(
    pa_letter_home: Path, content: str, field: str | None
) -> None:
    (pa_letter_home / "reference" / "drugs" / "broken.json").write_text(content, "utf-8")
    reload_reference_data()
    with pytest.raises(StorageError) as caught:
        drug_catalog()
    message = str(caught.value)
    assert "broken.json" in message and "damaged" in message
    if field:
        assert field in message
