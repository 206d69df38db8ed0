"""Which field of the editor each finding marks, and how findings on one field add up.

Separate from the editor's pages and keys: a finding's path ("drug.ndc", "evidence.2.citation")
names a field the same way whether the field is marked red or amber or jumped to from the
Checks tab, and the counts beside the section titles come from the same sorting.
"""

from __future__ import annotations

from collections.abc import Collection, Container, Iterable, Mapping
from dataclasses import dataclass

from desktop_app.domain.findings import Finding, Severity
from desktop_app.ui.editor.forms import SectionForm

Marks = dict[str, tuple[str, str]]  # {field name: (severity, message)}


@dataclass
class FieldMarks:
    """One round of findings, sorted onto the editor's fields and sections."""

    forms: dict[str, Marks]  # each form section's fields
    rows: dict[str, dict[int, Marks]]  # each list section's rows, by row number
    whole: dict[str, tuple[str, str]]  # a list section as a whole (its path names no row)
    counts: dict[str, dict[str, int]]  # errors and warnings per section


def marks_for(findings: Iterable[Finding], forms: Mapping[str, SectionForm],
              list_keys: Collection[str], sections: Container[str]) -> FieldMarks:
    """Errors and warnings on the fields they name; notes (INFO), and findings that name no
    section the editor shows, mark nothing."""
    marks = FieldMarks({key: {} for key in forms}, {key: {} for key in list_keys}, {}, {})
    for finding in findings:
        if not finding.field or finding.severity is Severity.INFO:
            continue
        parts = finding.field.split(".")
        key, severity = parts[0], finding.severity.value
        if key not in sections:
            continue
        tally = marks.counts.setdefault(key, {"error": 0, "warning": 0})
        tally[severity] += 1
        if key in list_keys:
            if len(parts) > 1 and parts[1].isdigit():
                row = marks.rows[key].setdefault(int(parts[1]), {})
                _merge(row, parts[2] if len(parts) > 2 else "", severity, finding.message)
            else:
                _merge(marks.whole, key, severity, finding.message)
        else:
            name = field_name(forms[key], parts[1:]) or next(iter(forms[key].fields))
            _merge(marks.forms[key], name, severity, finding.message)
    return marks


def field_name(form: SectionForm, rest: list[str]) -> str:
    """The form's field for the rest of a path ('biomarkers.0' is the biomarkers field)."""
    for end in range(len(rest), 0, -1):
        name = ".".join(rest[:end])
        if name in form.fields:
            return name
    prefix = ".".join(rest) + "."
    return next((n for n in form.fields if rest and n.startswith(prefix)), "")


def _merge(marks: Marks, name: str, severity: str, message: str) -> None:
    old_severity, old_message = marks.get(name, ("", ""))
    worst = "error" if "error" in (old_severity, severity) else severity
    marks[name] = (worst, f"{old_message}\n{message}" if old_message else message)
