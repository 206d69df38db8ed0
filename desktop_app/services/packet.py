"""The submission packet as a file: cover, letter and the case's attachments, optionally signed.

When signing is wanted the whole packet is signed after it is built, so the signature covers
every page a payer receives. Nothing is written unless every attachment could be read.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.domain.case import Case
from desktop_app.domain.case_evidence import Attachment
from desktop_app.errors import ExportError
from desktop_app.export.packet import COVER_TITLE, LETTER_TITLE, PacketPart, build_packet
from desktop_app.export.signing import VerifyReport
from desktop_app.services.cases import CaseStore
from desktop_app.services.signing import SigningRequest, sign_bytes
from desktop_app.storage.paths import atomic_writer

__all__ = [
    "CasePacket",
    "PacketPart",
    "PacketResult",
    "assemble_case_packet",
    "attachment_parts",
    "check_attachment_files",
    "fax_cover_pdf",
    "packet_header_text",
    "packet_letter",
    "packet_parts",
    "save_case_packet",
    "without_digital_signatures",
    "write_packet",
]


@dataclass(frozen=True, slots=True)
class PacketResult:
    """The packet as written: where, its SHA-256, how many pages, and the signature if signed."""

    path: Path
    sha256: str
    pages: int
    signature: VerifyReport | None

    def summary(self) -> str:
        signed = f"; {self.signature.message}" if self.signature else ""
        return f"Packet of {self.pages} pages written to {self.path}{signed}"


def packet_header_text(case: Case) -> str:
    """What every packet page repeats, because fax pages get separated:
    the letter's own running header, in its words and date format, so there is one header."""
    from desktop_app.letters.render import running_header

    return running_header(case).text()


def attachment_parts(attachments: Iterable[Attachment], base_dir: Path | None) -> list[PacketPart]:
    """The case's attachments as packet parts; relative paths are read from `base_dir`.

    `base_dir` is the folder of the case file, so a case and its attachments can move together.
    """
    parts = []
    for number, attachment in enumerate(attachments, start=1):
        title = attachment.title.strip() or f"Attachment {number}"
        if not attachment.path.strip():
            raise ExportError(
                f"Attachment '{title}' has no file", field=f"attachments.{number - 1}.path"
            )
        path = Path(attachment.path).expanduser()
        if not path.is_absolute() and base_dir is not None:
            path = base_dir / path
        parts.append(PacketPart.from_file(title, path))
    return parts


def packet_parts(
    letter_pdf: bytes, *, cover_pdf: bytes | None = None, attachments: Iterable[PacketPart] = ()
) -> list[PacketPart]:
    """Parts in the order payers expect them: fax cover, letter, then the attachments."""
    parts = [PacketPart.from_pdf(COVER_TITLE, cover_pdf)] if cover_pdf is not None else []
    parts.append(PacketPart.from_pdf(LETTER_TITLE, letter_pdf))
    parts.extend(attachments)
    return parts


def _page_count(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def write_packet(
    out_path: Path,
    parts: list[PacketPart],
    *,
    header_text: str,
    signing: SigningRequest | None = None,
) -> PacketResult:
    """Build the packet, sign it whole if `signing` is given, and write it atomically.

    Raises ExportError (a part is missing, damaged, encrypted or of the wrong kind: nothing is
    written), SigningError (signing refused) or StorageError (the file could not be written).
    """
    data = build_packet(parts, header_text=header_text)
    pages = _page_count(data)
    report = None
    if signing is not None:
        data, report = sign_bytes(data, signing)
    out_path = Path(out_path)
    with atomic_writer(out_path) as stream:
        stream.write(data)
    return PacketResult(out_path, hashlib.sha256(data).hexdigest(), pages, report)


# -- the case's packet: fax cover, the (signed) letter and the case's attachments ---------------


@dataclass(frozen=True, slots=True)
class CasePacket:
    """An assembled packet in memory, before it is (optionally) signed and written."""

    data: bytes
    pages: int
    titles: list[str]  # the bookmarks, in order
    cover_pages: int
    letter_pages: int
    letter_signed: bool


def check_attachment_files(
    attachments: Iterable[Attachment], base_dir: Path | None
) -> list[PacketPart]:
    """The attachments as parts; ExportError naming every missing one by title, up front."""
    attachments = list(attachments)
    missing = []
    for number, attachment in enumerate(attachments, start=1):
        path = Path(attachment.path.strip() or ".").expanduser()
        if not path.is_absolute() and base_dir is not None:
            path = base_dir / path
        if not attachment.path.strip() or not path.is_file():
            missing.append(attachment.title.strip() or f"Attachment {number}")
    if missing:
        listed = ", ".join(f"'{title}'" for title in missing)
        noun = "attachment cannot" if len(missing) == 1 else "attachments cannot"
        raise ExportError(
            f"The packet was not made: {len(missing)} {noun} be found: {listed}",
            hint="attach the file again, or remove it from the list",
        )
    return attachment_parts(attachments, base_dir)


def fax_cover_pdf(case: Case, page_count: int | None, *, invariant: bool = False) -> bytes:
    """The fax cover (built-in `fax-cover` template) to the payer's fax, with the page count."""
    from desktop_app.export.pdf import write_pdf
    from desktop_app.letters.render import render_document
    from desktop_app.letters.templates import template_for_kind
    from desktop_app.services.practice_data import practice_settings
    from desktop_app.services.template_sources import letter_template_folders

    document = render_document(
        case, template_for_kind("fax", letter_template_folders()), settings=practice_settings(),
        page_count=page_count,
    )
    stream = io.BytesIO()
    write_pdf(document, stream, invariant=invariant)
    return stream.getvalue()


def without_digital_signatures(pdf: bytes) -> bytes:
    """The letter's pages without its own signature field: a signature cannot survive being
    copied into another file, and a packet signature (if wanted) covers every page instead."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, NameObject

    reader = PdfReader(io.BytesIO(pdf))
    if "/AcroForm" not in reader.root_object:
        return pdf
    writer = PdfWriter()
    for page in reader.pages:
        annotations = page.get("/Annots")
        if annotations is not None:
            kept = [a for a in annotations.get_object() if not _is_signature_widget(a.get_object())]
            page[NameObject("/Annots")] = ArrayObject(kept)
        writer.add_page(page)  # copies what the page uses, so the signature itself stays behind
    writer.add_metadata({k: str(v) for k, v in (reader.metadata or {}).items()})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _is_signature_widget(annotation: Any) -> bool:
    parent = annotation.get("/Parent")
    kind = annotation.get("/FT") or (parent.get_object().get("/FT") if parent else None)
    return bool(kind == "/Sig")


def assemble_case_packet(
    case: Case,
    letter_pdf: bytes,
    *,
    base_dir: Path | None = None,
    letter_signed: bool = False,
    invariant: bool = False,
) -> CasePacket:
    """Cover, letter, then `case.attachments`, with the cover's page count right.

    The letter's Enclosures list is drawn from `case.attachments`, so pass the same case the
    letter was made from. The cover is drawn again when the count changes its own length.
    """
    from desktop_app.export.pdf_repairs import attachment_repairs_noted

    with attachment_repairs_noted():  # one line in the log for every damaged attachment read
        return _assemble(case, letter_pdf, base_dir, letter_signed, invariant)


def _assemble(
    case: Case, letter_pdf: bytes, base_dir: Path | None, letter_signed: bool, invariant: bool,
) -> CasePacket:
    from desktop_app.export.packet_parts import load_part

    attachments = check_attachment_files(case.attachments or [], base_dir)
    letter = without_digital_signatures(letter_pdf) if letter_signed else letter_pdf
    others = _page_count(letter) + sum(len(load_part(part).pages) for part in attachments)
    cover = fax_cover_pdf(case, None, invariant=invariant)
    for _attempt in range(3):  # a longer number can push the cover onto a second page
        total = _page_count(cover) + others
        cover = fax_cover_pdf(case, total, invariant=invariant)
        if _page_count(cover) + others == total:
            break
    parts = packet_parts(letter, cover_pdf=cover, attachments=attachments)
    data = build_packet(parts, header_text=packet_header_text(case))
    return CasePacket(
        data=data,
        pages=_page_count(data),
        titles=[part.title for part in parts],
        cover_pages=_page_count(cover),
        letter_pages=_page_count(letter),
        letter_signed=letter_signed,
    )


def save_case_packet(
    out_path: Path,
    packet: CasePacket,
    *,
    case_id: str | None = None,
    signing: SigningRequest | None = None,
) -> PacketResult:
    """Sign the whole packet if asked, write it atomically, and record its hash in the audit log."""
    from desktop_app.services import audit

    data, report = packet.data, None
    if signing is not None:
        data, report = sign_bytes(data, signing)
    out_path = Path(out_path)
    with atomic_writer(out_path) as stream:
        stream.write(data)
    sha = hashlib.sha256(data).hexdigest()
    audit.record(
        "packet.exported",
        case_id,
        {
            "sha256": sha,
            "pages": packet.pages,
            "signed": report is not None,
            "parts": len(packet.titles),
        },
    )
    return PacketResult(out_path, sha, packet.pages, report)


def packet_letter(
    store: CaseStore, case_id: str, attachments: list[Attachment]
) -> tuple[Case, bytes, bool]:
    """(case as the packet uses it, letter PDF, signed?) for the case's current version.

    A signed version gives its signed bytes, and its Enclosures list is fixed: the packet's
    attachments must carry the same titles in the same order. An unsigned letter is drawn
    with these attachments as its enclosures (errors need an override on record).
    """
    from desktop_app.services.kept_signed_letters import kept_signed_letter
    from desktop_app.services.render import render_letter
    from desktop_app.services.signature_workflow import override_on_record

    stored = store.get_case(case_id)
    signed = any(s.version == stored.version for s in store.signatures(case_id))
    if stored.locked and signed:
        case = store.version_case(case_id, stored.version)
        listed = [a.title.strip() for a in case.attachments or []]
        if listed != [a.title.strip() for a in attachments]:
            raise ExportError(
                "The attachments differ from the signed letter's Enclosures list ("
                + (", ".join(listed) or "none")
                + ")",
                hint="attach those files in that order, or start a new version to change them",
            )
        letter = kept_signed_letter(store, case_id)
        return case.model_copy(update={"attachments": list(attachments)}), letter, True
    case = stored.case.model_copy(update={"attachments": list(attachments)})
    rendered = render_letter(case, fmt="pdf", override_reason=override_on_record(store, case_id))
    return case, rendered.data, False
