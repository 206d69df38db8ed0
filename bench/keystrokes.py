"""Keystrokes for the Medicare Part B example, from Ctrl+N to an exported PDF, three ways.

`python bench/keystrokes.py` prints the count step by step for:
- "typed": every value typed in full, one Tab per field (what the app asked of a new user);
- "before": what the app offered before the front-desk work: ICD-10 and drug look-ups and
  the prescriber directory picker (8 of 10 fields), everything else typed;
- "directories": the payer, prescriber and practice-regimen directories filled (the
  regimen "gemcitabine + docetaxel, sarcoma" saved with its evidence from an earlier case),
  ICD-10 search, the MBI typed once, defaults kept.

tests/ui/test_keystroke_count.py measures the "typed" and "directories" flows in the real
window (the README gives those counts); this script is the model, and the only count of the
"before" flow, which today's window can no longer show. It counts by a stated model: each
typed character is one key, each Tab, Enter, arrow or shortcut one. Free text the physician
writes (rationale, alternatives) and the patient's own history (prior therapies, diagnosis
details, the attachments' titles) are counted as typed in every flow: no directory can type
them.
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
            # (an attachment's `article` link is no field: a regimen's full text brings it)
            counts[section] = sum(1 + sum(chars(v) + 1 for k, v in _flatten(row).items()
                                          if k not in ("type", "article")) for row in values) + 1
    counts["Ctrl+E, Enter (export)"] = 2
    return counts


def before_flow(case: dict[str, Any]) -> dict[str, int]:
    """Look-ups that existed before: ICD-10 search, drug catalog, prescriber picker."""
    counts = typed_flow(case)
    counts["prescriber"] = _prescriber_by_picker(case)
    counts["diagnosis"] = _diagnosis_by_search(case)
    # Regimen: "gemc" and Enter fill generic name, brand and HCPCS from the catalog.
    drug = _flatten(case["drug"])
    counts["drug"] = 1 + len("gemc") + 1 + sum(
        chars(v) + 1 for k, v in drug.items() if k not in ("generic_name", "brand_name", "hcpcs"))
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
    # Prescriber: Alt+R, Shift+Tab up to the directory picker; Down fills name, credentials,
    # NPI, tax ID, specialty, phone, fax and email, and the letterhead's practice and address.
    counts["prescriber"] = 1 + 1 + 1
    counts["diagnosis"] = _diagnosis_by_search(case)
    # Regimen: Alt+M, "gem doc", Down and Enter fill the practice regimen (every field but
    # the start date) and add its three evidence rows; the cursor waits on the start date,
    # typed as 12/03/2026, then Tab.
    counts["drug"] = 1 + len("gem doc") + 2 + len("12/03/2026") + 1
    # Evidence: the regimen brought the compendium listing, the article and the trial.
    counts["evidence"] = 0
    # Attachments: Alt+Insert, the title, Browse… (Tab, Space, the file's name, Enter); the
    # article's full text came with the regimen.
    counts["attachments"] = 1 + sum(1 + chars(a["title"]) + 1 + 2 + len(Path(a["path"]).name)
                                    + 1 for a in case["attachments"] if not a.get("article"))
    return counts


def _prescriber_by_picker(case: dict[str, Any]) -> int:
    # Alt+R, Down and Enter fill eight of ten fields; practice and address typed, Tabs.
    prescriber = case["prescriber"]
    return 1 + 2 + chars(prescriber["practice"]) + chars(prescriber["address"]) + 2 + 1


def _diagnosis_by_search(case: dict[str, Any]) -> int:
    # Alt+D, "C49.22" and Enter fill the description from ICD-10-CM; the rest typed.
    diagnosis = dict(case["diagnosis"])
    return 1 + len("C49.22") + 1 + sum(
        chars(v) + 1 for k, v in diagnosis.items() if k not in ("icd10", "description"))


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
    flows = {"typed": typed_flow(case), "before": before_flow(case),
             "directories": directory_flow(case)}
    print(f"{'step':28}" + "".join(f"{name:>13}" for name in flows))
    for key in flows["typed"]:
        print(f"{key:28}" + "".join(f"{flow.get(key, 0):13}" for flow in flows.values()))
    totals = {name: sum(flow.values()) for name, flow in flows.items()}
    print(f"{'total':28}" + "".join(f"{total:13}" for total in totals.values()))
    fast = totals["directories"]
    print(f"directories: {100 * (1 - fast / totals['typed']):.1f}% fewer than typed, "
          f"{100 * (1 - fast / totals['before']):.1f}% fewer than before")
    own = flows["directories"]["off_label"] + flows["directories"]["prior_therapies"]
    print(f"of which the physician's rationale and the prior therapies: {own}")


if __name__ == "__main__":
    main()
