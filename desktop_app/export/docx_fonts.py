"""The DOCX carries its own fonts: the bundled DejaVu Sans faces, embedded as Word embeds them.

Why embed rather than name a common font: no one font is on every machine that opens the
letter (Calibri is missing where Office is not installed, Arial's metrics differ from the
PDF's DejaVu Sans), and a different font breaks lines and pages differently from the PDF
the payer receives. DejaVu Sans is licensed for embedding (assets/fonts/LICENSE-DejaVu.txt,
OS/2 fsType 0), and Word and LibreOffice both load fonts embedded this way.

The format (ECMA-376 Part 1, §17.8.1 and §17.8.3.3): each font file is a part of its own,
obfuscated by XOR-ing its first 32 bytes with a key derived from a GUID that
word/fontTable.xml gives beside the relationship (w:embedRegular w:fontKey). The obfuscation
is a formality of the format, not protection; the keys here are fixed so every DOCX is alike.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import cache
from typing import Any, Final

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

from desktop_app.export.assets import asset_path
from desktop_app.export.fonts import BODY, BODY_BOLD, BODY_BOLD_ITALIC, BODY_ITALIC, FONT_FILES

BODY_FONT: Final = "DejaVu Sans"  # the family name inside the bundled files
OBFUSCATED_FONT: Final = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
FONT_TABLE: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"


@dataclass(frozen=True, slots=True)
class EmbeddedFace:
    element: str  # w:embedRegular, w:embedBold, ...
    font_name: str  # the reportlab name of the same file (fonts.FONT_FILES)
    key: uuid.UUID


# In the schema's order (CT_Font): regular, bold, italic, bold italic.
FACES: Final = (
    EmbeddedFace("w:embedRegular", BODY, uuid.UUID("5A6F0C1E-3B2D-4C7A-9E41-0D7C2B8E1A01")),
    EmbeddedFace("w:embedBold", BODY_BOLD, uuid.UUID("5A6F0C1E-3B2D-4C7A-9E41-0D7C2B8E1A02")),
    EmbeddedFace("w:embedItalic", BODY_ITALIC,
                 uuid.UUID("5A6F0C1E-3B2D-4C7A-9E41-0D7C2B8E1A03")),
    EmbeddedFace("w:embedBoldItalic", BODY_BOLD_ITALIC,
                 uuid.UUID("5A6F0C1E-3B2D-4C7A-9E41-0D7C2B8E1A04")),
)


def font_key_bytes(key: uuid.UUID) -> bytes:
    """The 16 XOR bytes: the GUID's hexadecimal digits read as bytes, last byte first."""
    return bytes.fromhex(key.hex)[::-1]


def obfuscate(font: bytes, key: uuid.UUID) -> bytes:
    """The font part's bytes: the first 32 bytes XOR-ed with the key (twice over); the same
    operation turns the part back into the font."""
    mask = font_key_bytes(key) * 2
    head = bytes(a ^ b for a, b in zip(font[:32], mask, strict=False))
    return head + font[32:]


def guid_text(key: uuid.UUID) -> str:
    return "{" + str(key).upper() + "}"


@cache
def _font_part_bytes(font_name: str, key: uuid.UUID) -> bytes:
    # Read once per process: the four faces are about 2.7 MB.
    return obfuscate(asset_path("fonts", FONT_FILES[font_name]).read_bytes(), key)


def is_font_part(partname: str) -> bool:
    return partname.startswith("/word/fonts/")


def embed_body_fonts(document: Any) -> None:
    """Add the four DejaVu Sans faces to the document and list them in its font table."""
    package = document.part.package
    font_table = _font_table_part(document)
    font = _font_entry(font_table.element)
    for number, face in enumerate(FACES, start=1):
        part = Part(
            PackURI(f"/word/fonts/font{number}.odttf"), OBFUSCATED_FONT,
            _font_part_bytes(face.font_name, face.key), package,
        )
        embed = OxmlElement(face.element)
        embed.set(qn("r:id"), font_table.relate_to(part, RT.FONT))
        embed.set(qn("w:fontKey"), guid_text(face.key))
        font.append(embed)
    _keep_fonts_embedded(document)


def _font_table_part(document: Any) -> Any:
    """The font table as an XML part (python-docx reads it as opaque bytes)."""
    main = document.part
    for rel_id, rel in list(main.rels.items()):
        if rel.reltype == RT.FONT_TABLE:
            old = rel.target_part
            element = parse_xml(old.blob)
            main.drop_rel(rel_id)
            break
    else:
        element = parse_xml(
            '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
            ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'
        )
    part = XmlPart(PackURI("/word/fontTable.xml"), FONT_TABLE, element, main.package)
    main.relate_to(part, RT.FONT_TABLE)
    return part


def _font_entry(fonts: Any) -> Any:
    """The w:font entry for the body font, made afresh (the template names Calibri's)."""
    for existing in fonts.findall(qn("w:font")):
        if existing.get(qn("w:name")) == BODY_FONT:
            fonts.remove(existing)
    font = OxmlElement("w:font", {qn("w:name"): BODY_FONT})
    for tag, value in (("w:charset", "00"), ("w:family", "swiss"), ("w:pitch", "variable")):
        font.append(OxmlElement(tag, {qn("w:val"): value}))
    fonts.insert(0, font)
    return font


def _keep_fonts_embedded(document: Any) -> None:
    """w:embedTrueTypeFonts: Word keeps the fonts in the file when staff save it again."""
    settings = document.settings.element
    if settings.find(qn("w:embedTrueTypeFonts")) is None:
        flag = OxmlElement("w:embedTrueTypeFonts")
        # CT_Settings order: w:embedTrueTypeFonts follows w:zoom, before w:proofState.
        zoom = settings.find(qn("w:zoom"))
        if zoom is not None:
            zoom.addnext(flag)
        else:
            settings.insert(0, flag)
