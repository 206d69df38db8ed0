"""What `pa-letter drugs` prints: the catalog, one drug, or the labels newer than the catalog."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from desktop_app.services import drugs

EXIT_OK, EXIT_FAIL = 0, 1


def show_drugs(name: str, fmt: str) -> int:
    """The whole catalog without a name; with one, the drug in full (or the names it matches)."""
    if not name.strip():
        listed = drugs.catalog_drugs()
        if fmt == "json":
            _json({"drugs": [drugs.summary_row(d) for d in listed]})
        else:
            _lines(drugs.listing_text(listed))
        return EXIT_OK
    found = drugs.look_up(name)
    if found.drug is not None:
        if fmt == "json":
            _json(drugs.drug_json(found.drug, found.source_file))
        else:
            _lines(drugs.detail_text(found.drug, found.source_file))
        return EXIT_OK
    if not found.matches:
        print(f"pa-letter: no drug in the catalog matches {name!r}", file=sys.stderr)
        return EXIT_FAIL
    if fmt == "json":
        _json({"matches": [drugs.summary_row(d) for d in found.matches]})
    else:
        heading = f"{name!r} matches {len(found.matches)} drugs; name one of them:"
        _lines([heading, *drugs.listing_text(list(found.matches))])
    return EXIT_OK


def check_updates(path: Path, fmt: str) -> int:
    """Exit 1 when a catalog drug has a newer label in the file, 0 when none has."""
    report = drugs.check_label_updates(path)
    if fmt == "json":
        _json(drugs.update_json(report))
    else:
        _lines(drugs.update_text(report))
    return EXIT_FAIL if report.updates else EXIT_OK


def _json(payload: object) -> None:
    print(json.dumps(payload, indent=2, ensure_ascii=False))


def _lines(lines: list[str]) -> None:
    sys.stdout.write("".join(line + "\n" for line in lines))
