"""`pa-letter evidence import FILE… [--format text|json] [--into CASE.json]`.

Unusable input (a file that cannot be read, is empty or holds no citation) exits 2 naming the
file, and nothing is written. The command never goes online: bare identifiers stay as they are,
and the text output says what each item still lacks.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from desktop_app.errors import CaseFileError

if TYPE_CHECKING:
    from desktop_app.domain.case import Case
    from desktop_app.services.evidence_import import EvidenceItem, ImportCandidate, ImportPreview


def run_evidence_import(files: list[Path], fmt: str, into: Path | None) -> int:
    from desktop_app.domain.casefile import case_to_dict
    from desktop_app.services.casefiles import add_evidence_to_case_file, import_case_file
    from desktop_app.services.evidence_import import add_to_case, preview_files

    case = import_case_file(into) if into is not None else None
    preview = preview_files(files, case.evidence if case is not None else ())
    if preview.problems:
        first = preview.problems[0]
        more = len(preview.problems) - 1
        raise CaseFileError(first.message + (f" (and {more} more file problems)" if more else ""),
                            file=first.file, line=first.line)
    if preview.full_texts:
        names = ", ".join(p.name for p in preview.full_texts)
        raise CaseFileError("a PDF is an article's full text, not a citation; attach it in "
                            "the app or as an attachment in the case file", file=names)
    if not preview.candidates:
        raise CaseFileError("no citation found in the files given")
    if case is not None and into is not None:
        updated, skipped = add_to_case(case, preview)  # refused past the case's limits
        new_items = updated.evidence[len(case.evidence):]
        if new_items:  # nothing new: the file stays as it was, byte for byte
            add_evidence_to_case_file(into, new_items)
        added = len(new_items)
        _report(skipped, sys.stderr if fmt == "json" else sys.stdout)
        if fmt == "json":
            print(json.dumps({"added": added, "skipped": len(skipped)}, indent=2))
        else:
            print(f"Added {added} evidence item{'s' if added != 1 else ''} to {into}"
                  + (f"; left out {len(skipped)} already cited" if skipped else ""))
        return 0
    items: list[EvidenceItem] = [c.item for c in preview.candidates if not c.repeated]
    if fmt == "json":
        data = case_to_dict(_holder(items))["evidence"]
        print(json.dumps({"evidence": data}, indent=2, ensure_ascii=False))
    else:
        _print_items(preview)
    return 0


def _holder(items: list[EvidenceItem]) -> Case:
    from desktop_app.domain.case import Case

    return Case.model_construct(evidence=[*items])


def _report(skipped: list[ImportCandidate], stream: TextIO) -> None:
    for candidate in skipped:
        where = candidate.duplicate_of
        said = f"evidence item {where + 1}" if where is not None else "an earlier record"
        print(f"{candidate.source}:{candidate.line}: already cited as {said}: "
              f"{_short(candidate.item)}", file=stream)


def _print_items(preview: ImportPreview) -> None:
    for number, candidate in enumerate(preview.candidates, start=1):
        item = candidate.item
        line = f"{number}. {item.type}: {_short(item)}"
        design = getattr(item, "design", None)
        if design:
            read = " (read from PubMed's publication type)" if getattr(
                item, "design_source", None) == "publication-type" else ""
            line += f"; design {design}{read}"
        if candidate.repeated:
            line += "; repeated in this import, left out"
        if candidate.lacking:
            line += f"; still needs {', '.join(candidate.lacking)}"
        print(line)
        if candidate.note:
            print(f"   {candidate.note}")


def _short(item: object) -> str:
    ids = [f"PMID {v}" for v in [getattr(item, "pmid", None)] if v]
    ids += [f"doi:{v}" for v in [getattr(item, "doi", None)] if v]
    ids += [v for v in [getattr(item, "nct", None)] if v]
    title = str(getattr(item, "title", "") or "(no title yet)")
    title = title if len(title) <= 80 else title[:77] + "..."
    return f"{title} [{', '.join(ids)}]" if ids else title
