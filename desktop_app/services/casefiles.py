"""Case files in and out of the app (spec/case-format.md): import, export, first-run examples.

The desktop app reads and writes case files only through here, so every file it writes is
atomic and readable by the user alone.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from desktop_app import limits
from desktop_app.domain.case import Case
from desktop_app.domain.case_evidence import Evidence
from desktop_app.domain.casefile import dump_case, load_case
from desktop_app.errors import CaseFileError, StorageError
from desktop_app.services.examples import example_case_paths
from desktop_app.storage.paths import EXAMPLES_MARKER, data_home, write_private

__all__ = [
    "EXAMPLES_MARKER",
    "TEST_ONLY_EXAMPLES",
    "add_evidence_to_case_file",
    "export_case_file",
    "first_run_example_paths",
    "import_case_file",
    "import_examples_once",
    "suggested_case_file_name",
]

# Sample files that exist to prove odd text prints as typed (spec: user text is data, never
# markup). They stay in examples/ for the tests and for anyone checking a template, but a new
# office must not meet a "patient" named "Zoë <b>Ng&amp;…" in its first case list.
TEST_ONLY_EXAMPLES = frozenset({"hostile-strings.json"})


class _ExampleStore(Protocol):
    def is_empty(self) -> bool: ...
    def import_examples(self, paths: list[Path]) -> int: ...


def import_case_file(path: Path) -> Case:
    """The case in a format-1 case file; CaseFileError naming the file and field otherwise.

    The file is read no further than the case file cap (limits.py).
    """
    return load_case(Path(path))


def export_case_file(case: Case, path: Path) -> Path:
    """Write `case` as a format-1 case file, atomically and readable by this user only.

    Raises StorageError (with the file) when the folder cannot be written, CaseFileError when
    the case cannot be expressed in the format. Returns the path written.
    """
    target = Path(path)
    try:
        text = dump_case(case)
    except ValueError as exc:
        # A half-built case from the form holds only values the format accepts; this guards a bug.
        raise CaseFileError(
            f"the case cannot be written as a case file ({type(exc).__name__})", file=target.name
        ) from None
    write_private(target, text.encode("utf-8"))
    return target


def add_evidence_to_case_file(path: Path, items: Sequence[Evidence]) -> Path:
    """Append `items` to the evidence of the case file at `path`, changing nothing else.

    The file's own JSON is edited, not the case re-written from the model: a re-written case
    spells out every default, and an omitted `letter.date` ("the day the letter is made")
    became the day of the import. The file must have been read with import_case_file first.
    """
    target = Path(path)
    raw = limits.read_bounded(target, limits.CASE_FILE_BYTES, what="a case file",
                              error=CaseFileError)
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except ValueError:
        raise CaseFileError("the case file changed while the items were imported",
                            file=str(target)) from None
    if not isinstance(document, dict):
        raise CaseFileError("the case file changed while the items were imported",
                            file=str(target))
    evidence = document.setdefault("evidence", [])
    evidence.extend(item.model_dump(mode="json", exclude_none=True) for item in items)
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    write_private(target, text.encode("utf-8"))
    return target


def suggested_case_file_name(case: Case) -> str:
    """A default case file name with no patient data: letter kind, drug and letter date."""
    kind = {"appeal": "appeal-case", "preauth": "prior-auth-case"}.get(
        case.letter.kind or "", "case"
    )
    drug = "".join(ch for ch in case.drug.generic_name.lower() if ch.isascii() and ch.isalnum())
    day = (case.letter.date or dt.date.today()).isoformat()
    return "-".join(p for p in (kind, drug[:30], day) if p) + ".json"


def first_run_example_paths() -> list[Path]:
    """The sample cases a new office sees on first start: the shipped ones, less test files."""
    return [p for p in example_case_paths() if p.name not in TEST_ONLY_EXAMPLES]


def import_examples_once(store: _ExampleStore) -> int:
    """Load the sample cases into an empty database the first time only; returns how many."""
    marker = data_home() / EXAMPLES_MARKER
    if marker.exists() or not store.is_empty():
        return 0
    added = int(store.import_examples(first_run_example_paths()))
    # Without the marker the examples are offered again next time: harmless, not fatal.
    with contextlib.suppress(StorageError):
        write_private(marker, b"examples offered\n")
    return added
