"""Rendering and exporting letters: refuses while errors stand unless an override is given."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from desktop_app.domain.case import Case
from desktop_app.domain.findings import Finding, Severity
from desktop_app.errors import AppError, ExportError, RenderRefused, StorageError
from desktop_app.letters.budget import MAX_OUTPUT, RenderBudgetExceeded
from desktop_app.letters.document import LetterDocument
from desktop_app.services.check import check_case, choose_template
from desktop_app.storage.part_files import commit_part, discard_part, new_part
from desktop_app.storage.paths import atomic_writer

if TYPE_CHECKING:
    from desktop_app.letters.templates import LetterTemplate
    from desktop_app.storage.settings import PracticeSettings

Format = Literal["pdf", "docx"]
__all__ = ["Format", "RenderedLetter", "commit_part", "discard_part", "letter_detail",
           "prepare_rendering", "record_render", "render_letter", "save_and_record",
           "save_letter", "suggested_file_name", "write_part"]


@dataclass(frozen=True, slots=True)
class RenderedLetter:
    data: bytes
    fmt: Format
    template_id: str
    template_version: str
    template_hash: str
    sha256: str
    override_reason: str | None
    findings: list[Finding]


# The built-in letters for the patient, by language (templates/patient-explainer*.letter).
PATIENT_EXPLAINERS = {"en": "patient-explainer", "es": "patient-explainer-es"}


def render_letter(
    case: Case,
    *,
    fmt: Format,
    template: str | LetterTemplate | None = None,
    override_reason: str | None = None,
    invariant: bool = False,
    settings: PracticeSettings | None = None,
) -> RenderedLetter:
    """Render the case's letter to PDF or DOCX bytes.

    `template` is an id, a file path or a template already read; `settings` the practice
    settings already read (a batch reads both once). Raises RenderRefused while error
    findings stand and no override reason is given.
    """
    from desktop_app.knowledge.one_letter import one_letter

    # The check and the letter weigh the evidence and compare with the label once between them.
    with one_letter():
        return _render_letter(case, fmt, template, override_reason, invariant, settings)


def _render_letter(
    case: Case, fmt: Format, template: str | LetterTemplate | None, override_reason: str | None,
    invariant: bool, settings: PracticeSettings | None,
) -> RenderedLetter:
    from desktop_app.letters.render import render_document
    from desktop_app.services.practice_data import practice_settings

    chosen, template_findings = choose_template(case, template)
    # The letter prints these settings, so the check reads the same ones (a damaged file or
    # database row stops here, naming the field).
    settings = settings if settings is not None else practice_settings()
    report = check_case(case, chosen, settings=settings)
    report.findings[:0] = template_findings
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    reason = (override_reason or "").strip() or None
    if errors and not reason:
        raise RenderRefused(
            f"{len(errors)} error{'s' if len(errors) > 1 else ''} must be fixed first "
            f"(first: {errors[0].message})",
            hint="fix them, or give an override reason to render anyway",
        )
    try:
        document = render_document(case, chosen, settings=settings)
    except RenderBudgetExceeded as exc:
        if any(f.code == "text.too_long" for f in report.findings):
            raise _name_longest(exc, case) from None  # the case's text, not the template
        raise
    data = export_document(document, fmt, case, invariant=invariant)
    return RenderedLetter(
        data=data,
        fmt=fmt,
        template_id=chosen.id,
        template_version=str(chosen.version),
        template_hash=chosen.content_hash,
        sha256=hashlib.sha256(data).hexdigest(),
        override_reason=reason,
        findings=report.findings,
    )


def export_document(
    document: LetterDocument, fmt: Format, case: Case, *, invariant: bool = False
) -> bytes:
    """The letter as PDF or DOCX bytes, under the render budget's size and time limits.

    A letter too large or too slow to lay out is refused naming the case's longest field
    (its name and length, never its text).
    """
    from desktop_app.export.base import LayoutBudgetExceeded

    size = document_size(document)
    if size > MAX_OUTPUT:
        raise _name_longest(
            ExportError(
                f"The letter would be {size:,} characters long, more than the {MAX_OUTPUT:,} "
                "a letter may have"
            ),
            case,
        )
    stream = io.BytesIO()
    try:
        # Imported here, one format at a time: each exporter's library is slow to import.
        if fmt == "pdf":
            from desktop_app.export.pdf import write_pdf

            write_pdf(document, stream, invariant=invariant)
        else:
            from desktop_app.export.docx import write_docx

            write_docx(document, stream)
    except LayoutBudgetExceeded as exc:
        raise _name_longest(exc, case) from None
    return stream.getvalue()


def document_size(document: LetterDocument) -> int:
    """Characters of text in the letter, as the exporters will lay it out."""
    return len(document.plain_text())


def _name_longest(error: AppError, case: Case) -> AppError:
    from desktop_app.rules.printable import texts
    from desktop_app.rules.required import field_label

    found = max(texts(case), key=lambda item: len(item[1]), default=None)
    if found is not None:
        path, text = found
        error.field = path
        error.message += (
            f"; the longest text in the case is {field_label(path)[0].lower()}"
            f"{field_label(path)[1:]} ({len(text):,} characters)"
        )
        error.hint = "shorten it, and attach long documents instead of pasting them"
    return error


def prepare_rendering(fmt: Format) -> None:
    """Load the template engine, the exporter for `fmt`, fonts and built-in templates now.

    Batch rendering calls this before starting worker processes, so that forked workers
    inherit all of it instead of each paying the import and font-loading time again. The
    other format's exporter is left out: python-docx alone takes about 45 ms to import.
    """
    from desktop_app.letters import render as _render  # noqa: F401
    from desktop_app.letters.templates import list_templates
    from desktop_app.services.template_sources import letter_template_folders

    if fmt == "pdf":
        from desktop_app.export import pdf as _pdf  # noqa: F401
        from desktop_app.export.fonts import register_pdf_fonts

        register_pdf_fonts()
    else:
        from desktop_app.export import docx as _docx  # noqa: F401
    list_templates(letter_template_folders())


def save_letter(letter: RenderedLetter, target: Path) -> None:
    """Write atomically: a half-written file never appears under the final name."""
    with atomic_writer(target) as stream:
        stream.write(letter.data)


def write_part(letter: RenderedLetter, target: Path, owner_pid: int | None = None) -> Path:
    """The letter in a private `.part-` file beside `target`, not yet under its name."""
    part = new_part(target, owner_pid)
    try:
        with open(part, "wb") as stream:
            stream.write(letter.data)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as exc:
        discard_part(part)
        raise StorageError(f"cannot write the letter ({exc.strerror})", file=str(target)) from None
    except BaseException:
        discard_part(part)
        raise
    return part


def save_and_record(letter: RenderedLetter, target: Path) -> Path | None:
    """Write the letter and its audit entry together: no letter appears unless it is audited.

    The letter waits in its `.part-` file until the audit entry is committed; if the entry
    cannot be written, the part is removed and the error raised. Returns the override record.
    """
    part = write_part(letter, target)
    try:
        record = record_render(letter, target)
    except BaseException:
        discard_part(part)
        raise
    commit_part(part, target)
    return record


def suggested_file_name(case: Case, fmt: Format, template: str | None = None) -> str:
    """A default name with no patient data: fax machines and shared folders show file names.

    A letter from another template than the case's own (the patient explainer) is named by
    the template's id, so it is never mistaken for the payer letter.
    """
    kind = {"appeal": "appeal-letter", "preauth": "prior-auth-letter"}.get(
        case.letter.kind or "", "letter"
    )
    if template:
        kind = "".join(c for c in template.lower() if c.isascii() and (c.isalnum() or c == "-"))
        kind = kind[:40] or "letter"
    drug = "".join(ch for ch in case.drug.generic_name.lower() if ch.isascii() and ch.isalnum())
    day = (case.letter.date or dt.date.today()).isoformat()
    parts = [kind, drug[:30], day] if drug else [kind, day]
    return "-".join(parts) + f".{fmt}"


def letter_detail(letter: RenderedLetter) -> dict[str, str | bool]:
    """What the audit log keeps of a rendered letter: template, version and hashes only."""
    return {
        "format": letter.fmt,
        "template_id": letter.template_id,
        "template_version": letter.template_version,
        "template_hash": letter.template_hash,
        "sha256": letter.sha256,
        "override": letter.override_reason is not None,
    }


def record_render(letter: RenderedLetter, destination: Path) -> Path | None:
    """Keep the letter's record: the audit log gets template, version and hash; an override
    reason (free text, so kept out of the audit log) goes to a private record file beside
    the letter, `<letter>.record.json`, which is returned.

    The destination path is not audited: a user may have typed patient data into it.
    """
    from desktop_app.services import audit

    audit.record("letter.rendered", detail=letter_detail(letter))
    if letter.override_reason is None:
        return None
    record = {
        "letter_sha256": letter.sha256,
        "template_id": letter.template_id,
        "template_version": letter.template_version,
        "template_hash": letter.template_hash,
        "rendered_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "override_reason": letter.override_reason,
        "errors_overridden": [f.code for f in letter.findings if f.severity is Severity.ERROR],
    }
    target = destination.with_name(destination.name + ".record.json")
    with atomic_writer(target) as stream:
        stream.write((json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return target
