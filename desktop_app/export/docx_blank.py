"""The blank styled letter every DOCX starts from, made once per process.

Most of a letter's package is the same in every letter: the styles (800 KB of XML with
stylesWithEffects), settings, theme, font table and the 2.7 MB of embedded fonts. Reading
those in and writing them out again for each letter was most of what python-docx's package
cost (bench/bench_docx.py). So python-docx makes the blank letter once; for each letter only
the parts a letter changes are parsed afresh (its text, its lists' numbering, its core
properties; the headers, footers and pictures it adds come new), and the rest stay the bytes
python-docx wrote, copied into each letter's zip as they are (docx_package.save_letter).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, BinaryIO

import docx
from docx.opc.packuri import PACKAGE_URI, PackURI
from docx.opc.part import PartFactory
from docx.oxml.ns import qn
from docx.package import Package

from desktop_app.export.docx_fonts import embed_body_fonts
from desktop_app.export.docx_package import KeptEntries, KeptPart, save_letter, save_package
from desktop_app.export.docx_styles import set_up_styles

# The page's headers and footers, made in the blank in the order python-docx would make
# them for a letter (docx_page.set_up_page): first page's header, later pages' header, then
# the footers. Making a part costs python-docx a file read and a parse; a copy of the
# blank's costs only the parse.
HEADERS_AND_FOOTERS = ("/word/header1.xml", "/word/header2.xml", "/word/footer1.xml",
                       "/word/footer2.xml")
# The parts a letter writes into: its body and section (document.xml), a numbering instance
# per numbered list, its title and dates, its headers and footers. Parts a letter adds
# (pictures) are new in each letter's package anyway.
LETTER_PARTS = frozenset({"/word/document.xml", "/word/numbering.xml", "/docProps/core.xml",
                          *HEADERS_AND_FOOTERS})
# The list styles whose numbering a letter restarts (docx_xml.new_numbering).
NUMBERED_LISTS = ("List Number",)


@dataclass(frozen=True, slots=True)
class _Relationship:
    source: str  # the source part's name, or "/" for the package itself
    rel_id: str
    reltype: str
    target: str  # a part's name, or the address of an external target
    external: bool


@dataclass(frozen=True, slots=True)
class BlankLetter:
    """The blank letter, split into what each letter parses afresh and what it keeps."""

    style_ids: Mapping[str, str]
    list_num_ids: Mapping[str, int]  # list style name -> its numbering instance
    letter_parts: Mapping[str, tuple[str, bytes]]  # part name -> (content type, XML)
    relationships: tuple[_Relationship, ...]  # from the package and from letter parts
    kept_types: tuple[KeptPart, ...]  # every kept part's name and content type
    kept_entries: KeptEntries  # zip member name and bytes, as python-docx wrote them

    def new_document(self) -> Any:
        """A fresh python-docx Document of the blank letter, sharing nothing with the last.

        Built as python-docx's own reader builds one (docx.opc.package.Unmarshaller), from
        the blank's XML rather than from a zip.
        """
        package: Any = Package()
        parts: dict[str, Any] = {}
        for rel in self.relationships:
            if rel.external or rel.target in parts:
                continue
            partname = PackURI(rel.target)
            if rel.target in self.letter_parts:
                content_type, xml = self.letter_parts[rel.target]
                parts[rel.target] = PartFactory(partname, content_type, rel.reltype, xml,
                                                package)
            else:
                content_type = self._kept_type(rel.target)
                parts[rel.target] = KeptPart(partname, content_type, None, package)
        for rel in self.relationships:
            source = package if rel.source == "/" else parts[rel.source]
            target = rel.target if rel.external else parts[rel.target]
            source.load_rel(rel.reltype, target, rel.rel_id, rel.external)
        for part in parts.values():
            part.after_unmarshal()
        package.after_unmarshal()
        return package.main_document_part.document

    def save(self, document: Any, stream: BinaryIO) -> None:
        """Write a Document made by new_document to `stream` as a DOCX package."""
        save_letter(document, self.kept_types, self.kept_entries, stream)

    def _kept_type(self, partname: str) -> str:
        for part in self.kept_types:
            if part.partname == partname:
                return str(part.content_type)
        raise KeyError(partname)


def _modern_layout(word: Any) -> None:
    """Word 2013 and later layout (compatibility mode 15): a table's edge sits on the margin,
    as in the PDF, instead of its text (Word 2010 mode shifts tables by their cell padding)."""
    for setting in word.settings.element.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


# docProps/app.xml as the letter's: python-docx's blank says Microsoft Macintosh Word made a
# one-page document of no words, which a payer's document system would show as such. The
# statistics are left out (each is optional, and Word counts afresh when it opens the file).
APPLICATION = "PA Letter Studio"
EXTENDED_PROPERTIES = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties">'
    f"<Application>{APPLICATION}</Application><DocSecurity>0</DocSecurity>"
    "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
).encode()
EXTENDED_PROPERTIES_PART = "/docProps/app.xml"


def _name_the_application(word: Any) -> None:
    for part in word.part.package.iter_parts():
        if part.partname == EXTENDED_PROPERTIES_PART:
            part._blob = EXTENDED_PROPERTIES  # a plain Part: its bytes are what it writes
            return
    raise RuntimeError(f"the blank DOCX has no {EXTENDED_PROPERTIES_PART}")


def _add_headers_and_footers(word: Any) -> None:
    """Each page's header and footer, empty, page 1's apart from the rest (as every letter
    has them: docx_page.set_up_page fills them in)."""
    section = word.sections[0]
    section.different_first_page_header_footer = True
    for part in (section.first_page_header, section.header, section.first_page_footer,
                 section.footer):
        part.is_linked_to_previous = False  # adds its part: the first section has no prior


def _relationships(source: str, rels: Any) -> list[_Relationship]:
    return [
        _Relationship(source, rel.rId, rel.reltype,
                      rel.target_ref if rel.is_external else str(rel.target_part.partname),
                      rel.is_external)
        for rel in rels.values()
    ]


def _letter_members() -> set[str]:
    """The zip members a letter writes itself: its content types, rels and letter parts."""
    members = {"[Content_Types].xml", PACKAGE_URI.rels_uri.membername}
    for name in LETTER_PARTS:
        members |= {PackURI(name).membername, PackURI(name).rels_uri.membername}
    return members


@cache
def blank_letter(locale: str = "en-US") -> BlankLetter:
    """python-docx's blank document with the letter's styles and fonts, split once per
    language (`locale` sets Word's spelling and hyphenation language)."""
    word = docx.Document()
    style_ids = set_up_styles(word, locale)
    _modern_layout(word)
    embed_body_fonts(word)
    list_num_ids = {name: int(word.styles[name].element.pPr.numPr.numId.val)
                    for name in NUMBERED_LISTS}
    _add_headers_and_footers(word)
    _name_the_application(word)
    written = io.BytesIO()
    save_package(word, written)  # the blank as python-docx writes it
    package = word.part.package
    parts = list(package.iter_parts())
    missing = LETTER_PARTS - {str(part.partname) for part in parts}
    if missing:  # python-docx's blank changed shape: stop here, not in a letter
        raise RuntimeError(f"the blank DOCX has no {', '.join(sorted(missing))}")
    relationships = _relationships("/", package.rels)
    for part in parts:
        if part.partname in LETTER_PARTS:
            relationships += _relationships(str(part.partname), part.rels)
    with zipfile.ZipFile(written) as blank_zip:
        letter_members = _letter_members()
        kept_entries = tuple((info.filename, blank_zip.read(info))
                             for info in blank_zip.infolist()
                             if info.filename not in letter_members)
        letter_parts = {str(part.partname): (str(part.content_type),
                                             blank_zip.read(part.partname.membername))
                        for part in parts if part.partname in LETTER_PARTS}
    kept_types = tuple(KeptPart(part.partname, part.content_type)
                       for part in parts if part.partname not in LETTER_PARTS)
    return BlankLetter(style_ids, list_num_ids, letter_parts, tuple(relationships),
                       kept_types, kept_entries)
