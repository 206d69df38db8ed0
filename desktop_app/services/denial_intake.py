"""Denial intake: read a denial letter (pasted text, a PDF's text layer or a text file), propose
its values, and save only the values staff confirmed, with the letter kept as an attachment.

Nothing here saves a proposal as it stands: `save_denial` takes a `ConfirmedDenial`, which the
intake form builds from what staff confirmed or corrected, field by field.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app import limits
from desktop_app.domain.case import Case
from desktop_app.domain.case_evidence import Attachment
from desktop_app.domain.casefile import case_to_dict, parse_with_new_parts
from desktop_app.errors import AppError, CaseFileError, StorageError
from desktop_app.export.packet_parts import pdf_header_at
from desktop_app.export.pdf_page_text import TooMuchToRead, page_texts
from desktop_app.export.signing_errors import DAMAGED_FILE_ERRORS
from desktop_app.rules.denial_reading import (
    DenialProposal,
    Proposed,
    ProposedReason,
    category_of,
    read_denial,
)
from desktop_app.storage.paths import data_home, ensure_private_dir, write_private
from desktop_app.text_files import decode_text_file

__all__ = [
    "ConfirmedDenial",
    "DenialLetter",
    "DenialProposal",
    "Proposed",
    "ProposedReason",
    "apply_denial",
    "letter_attachment",
    "propose_from_text",
    "read_denial_file",
    "reason_categories",
]

ATTACHMENTS_FOLDER = "attachments"


@dataclass(frozen=True, slots=True)
class DenialLetter:
    """A denial letter as read: its text, what it seems to say, and the file it came from."""

    text: str
    proposal: DenialProposal
    data: bytes = b""  # the file's bytes, kept as the case's attachment when saved
    suffix: str = ".txt"  # ".pdf" or ".txt"


@dataclass(frozen=True, slots=True)
class ConfirmedDenial:
    """The denial's values as staff confirmed, corrected or typed them. Only these are saved."""

    date: dt.date | None
    reference_number: str
    level: str | None = None
    # (category, the payer's words); category "" when staff chose none: the words decide it.
    reasons: tuple[tuple[str, str], ...] = ()
    criteria_cited: tuple[str, ...] = ()
    stated_deadline: dt.date | None = None
    plan_name: str = ""  # fills the payer's name only where the case has none
    plan_type: str | None = None  # likewise the plan type
    letter: DenialLetter | None = field(default=None, repr=False)  # a copy kept as attachment
    letter_path: str = ""  # no letter read: the file staff named, attached where it is

    def problems(self) -> list[str]:
        """What must be fixed before the denial is saved, in words."""
        problems = []
        if self.date is not None and self.date > dt.date.today():
            problems.append("the denial date is in the future")
        path = self.letter_path.strip()
        if self.letter is None and path and not Path(path).expanduser().is_file():
            problems.append("the denial letter file cannot be found")
        return problems


def reason_categories() -> list[tuple[object, str]]:
    """(category, words) for every category of stated reason, in the format's order."""
    from desktop_app.knowledge.denial_answers import CATEGORIES, category_answer

    return [(name, category_answer(name).label) for name in CATEGORIES]


def propose_from_text(text: str) -> DenialLetter:
    """What a pasted denial letter seems to say; AppError when the text is far too long for one."""
    _check_length(text, "the pasted text")
    return DenialLetter(text=text, proposal=read_denial(text), data=text.encode("utf-8"))


def _check_length(text: str, what: str, file: str | None = None) -> None:
    if len(text) > limits.DENIAL_LETTER_CHARS:
        raise AppError(
            f"{what} is too long to be a denial letter "
            f"(over {limits.DENIAL_LETTER_CHARS:,} characters)",
            file=file,
            hint="paste or drop only the payer's denial letter",
        )


def read_denial_file(path: Path) -> DenialLetter:
    """Read a dropped denial letter: a PDF's text layer, or a text file.

    Raises AppError naming the file when it cannot be read, is not a PDF or text, is
    encrypted, or is a scan without a text layer (then staff paste or type the values).
    """
    path = Path(path)
    # Read through the cap, not by size: a device or FIFO reports 0 bytes and never ends.
    data = limits.read_bounded(path, limits.DENIAL_LETTER_FILE_BYTES, what="a denial letter",
                               unreadable="cannot read the file ({reason})")
    header = pdf_header_at(data)  # a byte order mark or mail bytes may come first (Acrobat)
    if header is not None:
        text = _pdf_text(data[header:], path)
        _check_length(text, "the PDF's text", str(path))
        return DenialLetter(text=text, proposal=read_denial(text), data=data, suffix=".pdf")
    typed = decode_text_file(data)
    if typed is None:
        raise AppError(
            "this is neither a PDF nor a text file",
            file=str(path),
            hint="drop the PDF the payer sent, or paste the letter's text",
        )
    if not typed.strip():
        raise AppError("the file is empty", file=str(path),
                       hint="drop the PDF the payer sent, or paste the letter's text")
    _check_length(typed, "the file's text", str(path))
    return DenialLetter(text=typed, proposal=read_denial(typed), data=data, suffix=".txt")


def _pdf_text(data: bytes, path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    pdf_errors: tuple[type[BaseException], ...] = (PyPdfError, *DAMAGED_FILE_ERRORS)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise AppError(
                "the PDF is password-protected",
                file=str(path),
                hint="open it, copy the text and paste it instead",
            )
        pages = page_texts(reader, limits.DENIAL_LETTER_PAGES)
    except TooMuchToRead:
        raise AppError(
            "the PDF's pages hold far more drawing than a letter's text, so it was not read",
            file=str(path),
            hint="paste the letter's text, or type the values from it",
        ) from None
    except AppError:
        raise
    except pdf_errors:
        raise AppError("the PDF is damaged and cannot be read", file=str(path)) from None
    text = "\n".join(pages)
    if len(text.strip()) < 20:
        raise AppError(
            "the PDF has no text layer (it is a scanned image)",
            file=str(path),
            hint="paste the letter's text, or type the values from it",
        )
    return text


def apply_denial(case: Case, confirmed: ConfirmedDenial, attachment: Attachment | None) -> Case:
    """The case with the confirmed denial in it; the payer's name and plan type are filled only
    where the case has none, so a confirmed value never overwrites what staff typed."""
    data: dict[str, Any] = case_to_dict(case)
    # Plain values, not models: what staff confirmed is checked against the limits below, where
    # a value over one becomes a message naming the field.
    reasons = [{"category": c or category_of(t), "text": t.strip()}
               for c, t in confirmed.reasons if t.strip()]
    old: dict[str, Any] = data.get("denial", {})
    denial = {
        **old,
        "date": confirmed.date.isoformat() if confirmed.date else None,
        "reference_number": confirmed.reference_number.strip(),
        "level": confirmed.level or old.get("level"),
        "reasons": reasons or None,
        # denial.reason stays the one text of the format: the stated reasons joined.
        "reason": " ".join(r["text"] for r in reasons) or old.get("reason", ""),
        "criteria_cited": [c.strip() for c in confirmed.criteria_cited if c.strip()] or None,
        "stated_deadline": (
            confirmed.stated_deadline.isoformat() if confirmed.stated_deadline else None
        ),
    }
    data["denial"] = {key: value for key, value in denial.items() if value is not None}
    payer = data.setdefault("payer", {})
    if confirmed.plan_name.strip() and not str(payer.get("name", "")).strip():
        payer["name"] = confirmed.plan_name.strip()
    if confirmed.plan_type and not payer.get("plan_type"):
        payer["plan_type"] = confirmed.plan_type
    if attachment is not None:
        data["attachments"] = [*data.get("attachments", []), attachment.model_dump()]
    try:
        return parse_with_new_parts(data, ("denial", "attachments"), source="denial")
    except CaseFileError as exc:
        raise AppError(f"the confirmed denial does not fit the case: {exc.message}",
                       field=exc.field) from None


def keep_letter(case_id: str, letter: DenialLetter, denial_date: dt.date | None) -> Attachment:
    """Write the denial letter into the data folder (readable by the user alone) under a name
    that holds no patient data, and return its attachment entry."""
    if not letter.data:
        raise StorageError("there is no denial letter to keep")
    folder = ensure_private_dir(data_home() / ATTACHMENTS_FOLDER / _safe_id(case_id))
    target = folder / f"denial-{uuid.uuid4().hex[:12]}{letter.suffix}"
    write_private(target, letter.data)
    when = f" of {denial_date.isoformat()}" if denial_date else ""
    return Attachment(title=f"Denial letter{when}", path=str(target))


def letter_attachment(case_id: str, confirmed: ConfirmedDenial) -> tuple[Attachment | None, bool]:
    """The attachment for the denial's letter and whether it is a copy this app wrote (so a
    save that fails removes it): the letter read, kept in the data folder, else the file staff
    named, attached where it is (never copied, never removed)."""
    if confirmed.letter is not None and confirmed.letter.data:
        return keep_letter(case_id, confirmed.letter, confirmed.date), True
    path = confirmed.letter_path.strip()
    if not path:
        return None, False
    when = f" of {confirmed.date.isoformat()}" if confirmed.date else ""
    return Attachment(title=f"Denial letter{when}", path=path), False


def _safe_id(case_id: str) -> str:
    cleaned = "".join(ch for ch in case_id if ch.isalnum() or ch == "-")[:36]
    return cleaned or "case"
