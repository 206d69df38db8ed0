"""Two desks edited the same case: what each changed, field by field, and the merge a person picks.

The three versions are the case as this desk opened it (base), as this desk has it now (mine)
and as the other desk saved it (theirs). A field only one side changed is taken from that side
without asking; a field both changed differently is a conflict the person settles with "keep
mine" or "take theirs". Text this desk typed and the merge leaves out is never dropped: it is
kept in a private file in the data folder (`keep_my_version`), named by case id only.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from desktop_app.domain.case import Case
from desktop_app.domain.casefile import case_to_dict, parse_case
from desktop_app.storage.paths import data_home, ensure_private_dir, write_private

__all__ = [
    "Choice",
    "FieldChange",
    "Merge",
    "field_changes",
    "keep_my_version",
    "merge_cases",
    "shown_value",
]

Choice = Literal["mine", "theirs"]
Who = Literal["mine", "theirs", "both"]
PathPart = str | int
_MISSING: Any = object()
KEPT_DIR = "recovery"
_SAFE_ID = re.compile(r"^[A-Za-z0-9-]{1,64}$")


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field that differs: who changed it, and the three values (None where absent)."""

    path: tuple[PathPart, ...]
    changed_by: Who  # "both": the two desks changed it differently, a person must choose
    base: Any
    mine: Any
    theirs: Any

    @property
    def dotted(self) -> str:
        """The field path as findings name it: `drug.dose`, `evidence[1].title`."""
        text = ""
        for part in self.path:
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
        return text

    @property
    def section(self) -> str:
        return str(self.path[0])


@dataclass(frozen=True, slots=True)
class Merge:
    case: Case
    # Fields where this desk's value was left out; their text is in the kept file.
    left_out: tuple[FieldChange, ...]


def field_changes(base: Case, mine: Case, theirs: Case) -> list[FieldChange]:
    """Every field that differs between the versions, in the case file's order."""
    found: list[FieldChange] = []
    _walk((), case_to_dict(base), case_to_dict(mine), case_to_dict(theirs), found)
    return found


def _walk(path: tuple[PathPart, ...], base: Any, mine: Any, theirs: Any,
          found: list[FieldChange]) -> None:
    trio = (base, mine, theirs)
    if all(v is _MISSING or isinstance(v, dict) for v in trio) and any(
        isinstance(v, dict) for v in trio
    ):
        keys: list[str] = []
        for value in trio:
            if isinstance(value, dict):
                keys += [k for k in value if k not in keys]
        for key in keys:
            _walk((*path, key), _get(base, key), _get(mine, key), _get(theirs, key), found)
        return
    if all(isinstance(v, list) for v in trio) and len(base) == len(mine) == len(theirs):
        # Same number of rows: compare row by row, field by field. Otherwise (a row added or
        # removed) the whole list is one field, since rows cannot be paired safely.
        for index in range(len(base)):
            _walk((*path, index), base[index], mine[index], theirs[index], found)
        return
    if mine == theirs:
        return  # unchanged, or both desks made the same change: nothing to settle
    if mine == base:
        who: Who = "theirs"
    elif theirs == base:
        who = "mine"
    else:
        who = "both"
    found.append(FieldChange(path, who, *(None if v is _MISSING else v for v in trio)))


def _get(container: Any, key: str) -> Any:
    if isinstance(container, dict):
        return container.get(key, _MISSING)
    return _MISSING


def merge_cases(
    base: Case, mine: Case, theirs: Case, choices: Mapping[str, Choice] | None = None
) -> Merge:
    """The merged case: each side's own changes, and for conflicts what `choices` says
    (by dotted path; a conflict not chosen keeps mine, so nothing typed is lost silently)."""
    chosen = dict(choices or {})
    merged = case_to_dict(mine)
    left_out: list[FieldChange] = []
    for change in field_changes(base, mine, theirs):
        take = "theirs" if change.changed_by == "theirs" else "mine"
        if change.changed_by == "both":
            take = chosen.get(change.dotted, "mine")
        if take == "theirs":
            _put(merged, change.path, change.theirs)
            if change.changed_by == "both":
                left_out.append(change)
    return Merge(parse_case(merged, source="the merged case"), tuple(left_out))


def _put(data: dict[str, Any], path: tuple[PathPart, ...], value: Any) -> None:
    node: Any = data
    for part in path[:-1]:
        node = node[part] if isinstance(part, int) else node.setdefault(part, {})
    last = path[-1]
    if value is None and isinstance(node, dict):
        node.pop(last, None)
    else:
        node[last] = value


def shown_value(value: Any) -> str:
    """A value as the comparison shows it: text as typed, lists one item a line."""
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str | int | float):
        return str(value)
    if isinstance(value, list):
        return "\n".join(shown_value(item) for item in value) or "(none)"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {shown_value(v)}" for k, v in value.items())
    return json.dumps(value, ensure_ascii=False)


def keep_my_version(case_id: str, case: Case, whose: Literal["my", "their"] = "my") -> Path | None:
    """Keep one desk's whole version in a private file before a choice leaves some of it out.

    The name holds the case id and the time only (never patient data); None if the id is odd.
    It is a case file (`case` holds format-1 data), so File > Import brings it back.
    """
    if not _SAFE_ID.match(case_id):
        return None
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    folder = ensure_private_dir(data_home() / KEPT_DIR)
    path = folder / f"{case_id}.{whose}-version-{stamp}.json"
    record = {"case_id": case_id, "kept_at": stamp, "whose": whose, "case": case_to_dict(case)}
    write_private(path, json.dumps(record, ensure_ascii=False, indent=2).encode("utf-8"))
    return path
