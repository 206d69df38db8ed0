"""Keystrokes for the Medicare Part B example, from Ctrl+N to an exported PDF, two ways.

`python bench/keystrokes.py` prints the count field by field for:
- "typed": every value typed in full, one Tab per field (what the app asked of a new user);
- "directories": the prescriber and payer directories filled, the drug catalog and ICD-10
  search used, the MBI typed once, the PMID-identified article imported by paste (Ctrl+V of
  its PubMed record), defaults kept.

It counts by a stated model, not by driving the window: each typed character is one key,
each Tab or Enter one, each shortcut one. Free text the physician writes (rationale,
alternatives) is counted as typed in both flows: it is the clinical content itself.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "medicare-part-b-preauth.json"


def chars(value: Any) -> int:
    if isinstance(value, list):
        return sum(len(str(v)) for v in value) + 2 * max(len(value) - 1, 0)  # "; " between
    return len(str(value)) if value not in (None, "") else 0


def typed_flow(case: dict[str, Any]) -> dict[str, int]:
    """Every field typed, a Tab after each, Alt+letter into each section."""
    counts: dict[str, int] = {"Ctrl+N": 1}
    for section, values in case.items():
        if section == "format":
            continue
        if isinstance(values, dict):
            flat = _flatten(values)
            counts[section] = sum(chars(v) + 1 for v in flat.values()) + 1
        else:  # a list section: Alt+Insert per row, then its fields
            counts[section] = sum(1 + sum(chars(v) + 1 for k, v in _flatten(row).items()
                                          if k != "type") for row in values) + 1
    counts["Ctrl+E, Enter (export)"] = 2
    return counts


def directory_flow(case: dict[str, Any]) -> dict[str, int]:
    """The same case with the directories and look-ups doing the typing they can."""
    counts = typed_flow(case)
    patient = case["patient"]
    # Letter: kind by its first letter, the date is today's (Tab past it), Tab to Patient.
    counts["letter"] = 1 + 2 + 1
    # Payer: "nor f" finds Noridian Jurisdiction F, Down and Enter fill name, plan type,
    # fax, address and phone; state typed (2 + Tab); the member ID is the MBI already.
    counts["payer"] = 1 + len("nor f") + 2 + 3 + 1
    # Patient: the MBI typed once fills the member ID too.
    counts["patient"] = sum(chars(v) + 1 for v in patient.values()) + 1
    # Prescriber: the directory picker (Down, Enter) fills eight of ten fields; practice
    # and address still typed.
    prescriber = case["prescriber"]
    counts["prescriber"] = 1 + 2 + chars(prescriber["practice"]) + chars(
        prescriber["address"]) + 2 + 1
    # Diagnosis: "C49.22" and Enter fills the description from ICD-10-CM.
    diagnosis = dict(case["diagnosis"])
    counts["diagnosis"] = 1 + len("C49.22") + 1 + sum(
        chars(v) + 1 for k, v in diagnosis.items() if k not in ("icd10", "description"))
    # Regimen: "gemc" and Enter fills generic name, brand and HCPCS from the catalog.
    drug = _flatten(case["drug"])
    counts["drug"] = 1 + len("gemc") + 1 + sum(
        chars(v) + 1 for k, v in drug.items() if k not in ("generic_name", "brand_name", "hcpcs"))
    # Evidence: the article with a PMID comes in by one paste of its PubMed record (the
    # evidence import); the compendium and trial rows are typed.
    rows = [r for r in case["evidence"] if r.get("type") != "article"]
    counts["evidence"] = 1 + sum(1 + sum(chars(v) + 1 for k, v in _flatten(r).items()
                                         if k != "type") for r in rows) + 1
    # Attachments: Alt+Insert, the title, Browse… (Tab, Space, the file's name, Enter).
    counts["attachments"] = 1 + sum(1 + chars(a["title"]) + 1 + 2 + len(Path(a["path"]).name)
                                    + 1 for a in case["attachments"])
    return counts


def _flatten(values: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def main() -> None:
    case = json.loads(EXAMPLE.read_text("utf-8"))
    typed, fast = typed_flow(case), directory_flow(case)
    print(f"{'step':28} {'typed':>7} {'directories':>12}")
    for key in typed:
        print(f"{key:28} {typed[key]:7} {fast.get(key, typed[key]):12}")
    total_typed, total_fast = sum(typed.values()), sum(fast.values())
    print(f"{'total':28} {total_typed:7} {total_fast:12}")
    print(f"saved {100 * (1 - total_fast / total_typed):.0f}%")


if __name__ == "__main__":
    main()
