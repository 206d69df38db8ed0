"""Reading staff's words for the label's terms: said, ruled out, or not said."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.knowledge.drug_catalog import drug_catalog, drug_name_index
from desktop_app.knowledge.reference import reload_reference_data
from desktop_app.rules.case_reading import (
    Said,
    all_named,
    any_term_said,
    drugs_named,
    mention,
    routes_named,
    term_said,
)
from tests.support.drug_fixtures import install_catalog


@pytest.fixture(autouse=True)
def catalog(pa_letter_home: Path) -> Iterator[None]:
    install_catalog(pa_letter_home)
    yield
    reload_reference_data()


@pytest.mark.parametrize(
    ("text", "term", "said"),
    [
        ("MSI-high by PCR", "MSI-H", Said.YES),
        ("msi-h", "MSI-H", Said.YES),
        ("Microsatellite stable", "MSI-H", Said.NO),  # MSS is pMMR, the contrary of MSI-H
        ("MSI-H negative", "MSI-H", Said.NO),
        ("pMMR (MLH1, MSH2 retained)", "dMMR", Said.NO),
        ("KRAS G12C", "MSI-H", Said.UNSAID),
        ("HER2 IHC 3+", "HER2-positive", Said.YES),
        ("HER2+ by FISH", "HER2-positive", Said.YES),
        ("HER2 IHC 1+", "HER2-positive", Said.NO),  # HER2-low
        ("HER2-negative", "HER2-positive", Said.NO),
        ("HER2-positive", "HER2-negative", Said.NO),
        ("ALK negative", "ALK-positive", Said.NO),
        ("no ALK rearrangement", "ALK-positive", Said.NO),
        ("EGFR L858R not detected", "EGFR exon 19 deletion or L858R", Said.NO),
        ("PD-L1 TPS 0%", "PD-L1 positive", Said.NO),
        ("PD-L1 TPS 60%", "PD-L1 positive", Said.YES),
        ("PD-L1 CPS <1", "PD-L1 positive", Said.NO),
        ("CPS <1", "PD-L1 positive", Said.UNSAID),  # "CPS" alone is not a word for PD-L1
        ("non-squamous", "squamous", Said.NO),
        ("adenocarcinoma", "squamous", Said.NO),
        ("Squamous cell carcinoma", "squamous", Said.YES),
        ("squamous cell carcinoma", "nonsquamous", Said.NO),
        ("Stage IVB (liver metastases)", "metastatic", Said.YES),
        ("Stage IV", "metastatic", Said.YES),
        ("Stage IIIB", "metastatic", Said.UNSAID),
        ("adjuvant after resection", "metastatic", Said.NO),
        ("", "MSI-H", Said.UNSAID),
    ],
)
def test_terms_in_staff_words(text: str, term: str, said: Said) -> None:
    assert term_said(term, text, drug_catalog().vocabulary) is said


def test_one_requirement_met_by_any_of_its_terms() -> None:
    vocabulary = drug_catalog().vocabulary
    assert any_term_said(("MSI-H", "dMMR"), "MMR deficient", vocabulary) is Said.YES
    assert any_term_said(("MSI-H", "dMMR"), "MSS", vocabulary) is Said.NO
    assert any_term_said(("MSI-H", "dMMR"), "MSI-H negative", vocabulary) is Said.UNSAID
    assert any_term_said((), "anything", vocabulary) is Said.UNSAID


@pytest.mark.parametrize(
    ("text", "routes"),
    [
        ("IV", {"intravenous"}),
        ("intravenous infusion over 30 minutes", {"intravenous"}),
        ("Intravesical instillation", {"intravesical"}),
        ("SC", {"subcutaneous"}),
        ("by mouth", {"oral"}),
        ("HIPEC", {"intraperitoneal"}),
        ("IV and intraperitoneal", {"intravenous", "intraperitoneal"}),
        ("into the vein", set()),
        ("", set()),
    ],
)
def test_routes_staff_write(text: str, routes: set[str]) -> None:
    assert routes_named(text, drug_catalog().vocabulary) == routes


def test_drugs_and_classes_named_in_prior_therapy() -> None:
    names = drug_name_index()
    prior = drugs_named(["FOLFOX + bevacizumab", "Keytruda"], names)
    assert {"oxaliplatin", "fluorouracil", "pembrolizumab"} <= prior.generics
    assert not prior.unknown
    classes = drugs_named(["platinum-based chemotherapy"], names)
    assert "platinum" in classes.classes
    assert classes.includes("platinum", drug_catalog().vocabulary.class_members)
    other = drugs_named(["radiation 50 Gy"], names)
    assert other.unknown and not other.generics


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=60))
def test_reading_never_fails(text: str) -> None:
    vocabulary = drug_catalog().vocabulary
    assert mention(text, ("MSI-H", "HER2+", "i.v.")) in set(Said)
    assert isinstance(routes_named(text, vocabulary), set)
    drugs_named([text], drug_name_index())


_SAYINGS = st.lists(
    st.lists(
        st.sampled_from(["cisplatin", "FOLFOX", "platinum-based", "radiation", "  ", "", "and",
                         "carboplatin", "pembrolizumab", "an unlisted agent", "5-FU", ","]),
        max_size=4,
    ).map(" ".join),
    max_size=4,
)


@settings(deadline=None, max_examples=60)
@given(_SAYINGS)
def test_several_texts_name_what_their_texts_name_one_by_one(texts: list[str]) -> None:
    # A case's prior therapies are read one by one, and together from those readings.
    names = drug_name_index()
    assert all_named(drugs_named([t], names) for t in texts) == drugs_named(texts, names)
