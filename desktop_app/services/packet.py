"""The submission packet as a file: cover, letter and the case's attachments, optionally signed.

When signing is wanted the whole packet is signed after it is built, so the signature covers
every page a payer receives. Nothing is written unless every attachment could be read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain.case import Attachment, Case
from desktop_app.errors import ExportError
from desktop_app.export.packet import COVER_TITLE, LETTER_TITLE, PacketPart, build_packet
from desktop_app.export.signing import VerifyReport
from desktop_app.services.signing import SigningRequest, sign_bytes
from desktop_app.storage.paths import atomic_writer

__all__ = [
    "PacketPart",
    "PacketResult",
    "attachment_parts",
    "packet_header_text",
    "packet_parts",
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
    """What every packet page repeats, because fax pages get separated (DESIGN.md, PDF)."""
    items = [
        case.patient.name.strip(),
        f"DOB {case.patient.dob.isoformat()}" if case.patient.dob else "",
        f"Member ID {case.payer.member_id.strip()}" if case.payer.member_id.strip() else "",
    ]
    return " · ".join(item for item in items if item)


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
    import io

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
