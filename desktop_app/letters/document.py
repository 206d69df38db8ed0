"""LetterDocument: the one intermediate form that both the DOCX and the PDF exporter read.

Text in runs is plain text, exactly as typed: exporters must never interpret it as markup.
A run whose text is "\\n" is a line break.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


Runs = list[Run]


@dataclass(slots=True)
class Heading:
    runs: Runs
    level: int = 1  # 1 = section heading, 2 = sub-heading


ParagraphStyle = Literal["body", "banner", "subject", "small", "quote", "address", "closing"]


@dataclass(slots=True)
class Paragraph:
    runs: Runs
    style: ParagraphStyle = "body"


@dataclass(slots=True)
class BulletList:
    items: list[Runs]
    numbered: bool = False


TableStyle = Literal["grid", "reference"]


@dataclass(slots=True)
class Table:
    """`reference` tables are the label/value block at the top of a letter (no borders)."""

    rows: list[list[Runs]]
    header: bool = False
    style: TableStyle = "grid"
    widths: list[float] | None = None  # relative column widths


@dataclass(slots=True)
class References:
    """Numbered reference list; item i is cited as [i+1] in the text."""

    items: list[Runs]


@dataclass(slots=True)
class SignatureBlock:
    name: str
    credentials: str = ""
    npi: str = ""
    date_text: str = ""
    image_path: str | None = None  # the physician's signature image, if any
    signed_line: str | None = None  # "Electronically signed by ... on ..." when signed


@dataclass(slots=True)
class PageBreak:
    pass


Block = Heading | Paragraph | BulletList | Table | References | SignatureBlock | PageBreak


@dataclass(slots=True)
class Letterhead:
    practice_name: str = ""
    address: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    logo_path: str | None = None


@dataclass(slots=True)
class RunningHeader:
    """Printed on every page, because fax pages get separated."""

    patient_name: str = ""
    dob: str = ""
    member_id: str = ""
    member_id_label: str = "Member ID"  # "MBI" where the Medicare number is the member ID
    patient_label: str = "Patient"
    dob_label: str = "DOB"

    def text(self) -> str:
        parts = [
            f"{self.patient_label}: {self.patient_name}" if self.patient_name else "",
            f"{self.dob_label}: {self.dob}" if self.dob else "",
            f"{self.member_id_label}: {self.member_id}" if self.member_id else "",
        ]
        return "   ".join(p for p in parts if p)


@dataclass(slots=True)
class DocumentInfo:
    """PDF/DOCX metadata. Title and subject must not hold patient data beyond the letter kind."""

    title: str = ""
    subject: str = ""
    author: str = ""
    template_id: str = ""
    template_version: str = ""
    keywords: str = ""


@dataclass(slots=True)
class LetterDocument:
    blocks: list[Block] = field(default_factory=list)
    letterhead: Letterhead = field(default_factory=Letterhead)
    header: RunningHeader = field(default_factory=RunningHeader)
    info: DocumentInfo = field(default_factory=DocumentInfo)
    language: str = "en"  # the template's; the page furniture's words follow it (page_words)

    def plain_text(self) -> str:
        """All the text, one block a line: what golden tests and the preview compare."""
        lines: list[str] = []
        for block in self.blocks:
            lines.extend(block_text(block))
        return "\n".join(lines)


def runs_text(runs: Runs) -> str:
    return "".join(r.text for r in runs)


def block_text(block: Block) -> list[str]:
    if isinstance(block, Heading | Paragraph):
        return [runs_text(block.runs)]
    if isinstance(block, BulletList):
        return [
            (f"{i}. " if block.numbered else "- ") + runs_text(item)
            for i, item in enumerate(block.items, 1)
        ]
    if isinstance(block, References):
        return [f"{i}. {runs_text(item)}" for i, item in enumerate(block.items, 1)]
    if isinstance(block, Table):
        return [" | ".join(runs_text(cell) for cell in row) for row in block.rows]
    if isinstance(block, SignatureBlock):
        lines = [block.signed_line] if block.signed_line else []
        name = block.name + (f", {block.credentials}" if block.credentials else "")
        lines.append(name)
        if block.npi:
            lines.append(f"NPI {block.npi}")
        if block.date_text:
            lines.append(f"Date: {block.date_text}")
        return lines
    return []
