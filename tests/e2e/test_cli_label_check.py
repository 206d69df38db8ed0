"""A case file that records staff's check of the drug's label: checked and rendered from the
command line with the bundled drug catalog (temozolomide's entry is unverified)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from tests.conftest import EXAMPLES

CHECK = {"checked_by": "Dana Whitfield, RN", "checked_on": "2026-11-30"}


def case_file(tmp_path: Path, **check: str) -> Path:
    data: dict[str, Any] = json.loads((EXAMPLES / "part-d-request.json").read_text("utf-8"))
    data["off_label"]["label_check"] = {**CHECK, **check}
    path = tmp_path / "checked.json"
    path.write_text(json.dumps(data), "utf-8")
    return path


def codes(pa_letter, path: Path) -> dict[str, dict[str, str]]:  # type: ignore[no-untyped-def]
    result = pa_letter("check", path, "--format", "json")
    assert result.code == 0, result.out + result.err
    return {f["code"]: f for f in json.loads(result.out)["findings"]}


def test_a_check_of_the_cited_label_is_noted_and_the_letter_states_the_facts(
    pa_letter, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    path = case_file(tmp_path, label_revised="2023-09-01")
    found = codes(pa_letter, path)
    assert "offlabel.label_unverified" not in found
    assert found["offlabel.label_checked"]["severity"] == "info"
    out = tmp_path / "letter.pdf"
    result = pa_letter("render", path, "-o", out)
    assert result.code == 0, result.err
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert ("The indications in the FDA-approved prescribing information for temozolomide do "
            "not include this patient's cancer") in text
    assert "our drug catalog" not in text and "not yet confirmed" not in text


def test_a_check_of_another_revision_leaves_the_warning(
    pa_letter, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    found = codes(pa_letter, case_file(tmp_path, label_revised="2021-01-01"))
    assert "offlabel.label_checked" not in found
    assert "check again" in found["offlabel.label_unverified"]["message"]


def test_a_bad_check_date_names_the_field(
    pa_letter, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    result = pa_letter("check", case_file(tmp_path, checked_on="2026-11-31"))
    assert result.code == 2
    assert "off_label.label_check.checked_on" in result.err
    assert "Traceback" not in result.err
