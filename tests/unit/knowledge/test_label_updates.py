"""openFDA label records beside the catalog: which labels are newer, and what wording changed."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.errors import LabelFileError
from desktop_app.knowledge.drug_catalog import drug_catalog, find_drug
from desktop_app.knowledge.label_updates import (
    OpenFdaLabel,
    indication_changes,
    newer_labels,
    read_openfda,
)
from desktop_app.knowledge.reference import reload_reference_data
from tests.support.drug_fixtures import install_catalog, setid


@pytest.fixture(autouse=True)
def catalog(pa_letter_home: Path) -> Iterator[None]:
    install_catalog(pa_letter_home)
    yield
    reload_reference_data()


def label(set_id: str, effective: dt.date, generic: str = "X", text: str = "") -> OpenFdaLabel:
    return OpenFdaLabel(0, set_id, effective, (generic,), text)


def test_a_label_is_newer_only_in_a_later_month_than_the_revision() -> None:
    drugs = drug_catalog().drugs  # pembrolizumab revised 2025-09
    assert newer_labels(drugs, [label(setid(1), dt.date(2025, 9, 30))]) == []
    [update] = newer_labels(drugs, [label(setid(1), dt.date(2025, 10, 1))])
    assert update.drug.generic_name == "pembrolizumab" and update.matched_by == "set id"


def test_a_biosimilars_own_label_and_a_generic_name_also_match() -> None:
    drugs = drug_catalog().drugs
    [by_product] = newer_labels(drugs, [label(setid(6), dt.date(2026, 1, 5))])  # Ogivri
    assert by_product.drug.generic_name == "trastuzumab"
    newest = label("ffffffff-0000-4000-8000-000000000000", dt.date(2026, 2, 1), "PEMETREXED")
    older = label("eeeeeeee-0000-4000-8000-000000000000", dt.date(2025, 6, 1), "PEMETREXED")
    [by_name] = newer_labels(drugs, [older, newest])
    assert (by_name.matched_by, by_name.label) == ("generic name", newest)


def test_wording_kept_gone_and_new() -> None:
    pemetrexed = find_drug("pemetrexed")
    assert pemetrexed is not None
    text = ("ALIMTA is a folate analog metabolic inhibitor indicated: • in combination with "
            "cisplatin, for the initial treatment of patients with malignant pleural "
            "mesothelioma. • in combination with pembrolizumab and platinum chemotherapy, for "
            "the initial treatment of patients with metastatic non-squamous NSCLC.")
    gone, new = indication_changes(pemetrexed.indications, text)
    assert [i.id for i in gone] == ["nsclc-nonsquamous"]
    assert new == ("in combination with pembrolizumab and platinum chemotherapy, for the "
                   "initial treatment of patients with metastatic non-squamous NSCLC.",)


@pytest.mark.parametrize(
    ("raw", "message"),
    [(b"{", "not a JSON file"), (b"[]", "no results list"), (b'{"results": 3}', "no results"),
     (b"\xff", "not a JSON file (it is not UTF-8 text)"),
     # Once "(JSONDecodeError)": a class name, and no place to look.
     (b'{"results": [{"set_id": "x}]}', "not a JSON file (Unterminated string starting at line "
      "1, column 25)"),
     (b"", "not a JSON file (Expecting value at line 1, column 1)")],
)
def test_a_file_not_in_openfdas_shape_is_refused(raw: bytes, message: str) -> None:
    with pytest.raises(LabelFileError) as caught:
        read_openfda(raw, "labels.json")
    assert "labels.json" in str(caught.value) and message in str(caught.value)


@settings(max_examples=80, deadline=None)
@given(st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["set_id", "effective_time", "openfda", "generic_name",
                         "indications_and_usage", "x"]), inner, max_size=4),
    max_leaves=12))
def test_any_record_is_read_or_skipped_never_a_crash(record: object) -> None:
    labels, skipped = read_openfda(json.dumps({"results": [record]}).encode(), "f.json")
    assert len(labels) + len(skipped) == 1
    newer_labels(drug_catalog().drugs, labels)
