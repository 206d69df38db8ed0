"""offlabel.labeled_use: the catalog lists the diagnosis among the drug's labelled indications."""

from __future__ import annotations

import pytest

from desktop_app.domain.findings import Severity
from desktop_app.rules import labeled
from tests.unit.rules.evidence_case_builder import make_case, run


@pytest.mark.parametrize(
    ("generic", "brand", "icd10", "reasons", "flagged"),
    [
        ("bevacizumab", None, "C18.7", ["indication"], True),  # colorectal: labelled
        ("bevacizumab", None, "C25.9", ["indication"], False),  # pancreatic: off-label
        ("bevacizumab", None, "C18.7", ["dose"], False),  # the dose is what is off-label
        ("bevacizumab", None, "C18.7", ["dose", "indication"], True),
        ("Bevacizumab", None, "c18.7", ["indication"], True),
        ("", "Avastin", "C18.7", ["indication"], True),  # found by brand name
        ("trastuzumab", None, "C50.911", ["indication"], True),
        ("trastuzumab", None, "C25.0", ["indication"], False),
        ("carboplatin", None, "C34.90", ["indication"], False),
        ("made-up-mab", None, "C18.7", ["indication"], False),  # not in the catalog
        ("bevacizumab", None, "", ["indication"], False),
        ("bevacizumab", None, "not a code", ["indication"], False),
    ],
)
def test_labelled_use(
    generic: str, brand: str | None, icd10: str, reasons: list[str], flagged: bool
) -> None:
    case = make_case(
        drug={"generic_name": generic, "brand_name": brand},
        diagnosis={"icd10": icd10},
        off_label={"reasons": reasons},
    )
    found = run(labeled.check_labelled_indication, case)
    assert [f.code for f in found] == (["offlabel.labeled_use"] if flagged else [])
    for finding in found:
        assert finding.severity is Severity.WARNING
        assert finding.field == "off_label.reasons"
        assert "FDA label" in finding.message
