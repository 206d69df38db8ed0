"""An attached file's pages reach the packet with what they show and none of their actions.

The hostile attachment here has what a records PDF from anywhere may carry: a link that runs
JavaScript, one that launches a program, a form field with keystroke and focus scripts and a
value shown by its appearance, a link to one of its own pages, an embedded file, a sound, and
a document that runs JavaScript on opening. A stamp, a highlight and the field's value must
stay as seen.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from desktop_app.export.packet import PacketPart, build_packet
from desktop_app.export.packet_inert import without_actions
from tests.support.pdfs import letter_pdf

pytestmark = pytest.mark.no_database


def _name(value: str) -> NameObject:
    return NameObject(value)


def _action(kind: str, **entries: str) -> DictionaryObject:
    action = DictionaryObject({_name("/S"): _name(kind)})
    for key, value in entries.items():
        action[_name(f"/{key}")] = TextStringObject(value)
    return action


def _appearance(writer: PdfWriter, text: bytes) -> Any:
    stream = DecodedStreamObject()
    stream.set_data(b"BT /Helv 10 Tf 2 4 Td (" + text + b") Tj ET")
    stream.update({
        _name("/Type"): _name("/XObject"), _name("/Subtype"): _name("/Form"),
        _name("/BBox"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(200),
                                     NumberObject(20)]),
    })
    return writer._add_object(stream)


def _annotation(writer: PdfWriter, subtype: str, **entries: Any) -> Any:
    annotation = DictionaryObject({
        _name("/Type"): _name("/Annot"), _name("/Subtype"): _name(subtype),
        _name("/Rect"): ArrayObject([FloatObject(v) for v in (72, 600, 272, 620)]),
    })
    for key, value in entries.items():
        annotation[_name(f"/{key}")] = value
    return writer._add_object(annotation)


def hostile_records(path: Path) -> Path:
    writer = PdfWriter()
    first = writer.add_blank_page(612, 792)
    second = writer.add_blank_page(612, 792)
    shown = DictionaryObject({_name("/N"): _appearance(writer, b"Approved stamp")})
    field = DictionaryObject({_name("/N"): _appearance(writer, b"Member 12345")})
    embedded = DictionaryObject({_name("/Type"): _name("/Filespec"),
                                 _name("/F"): TextStringObject("payload.exe")})
    first[_name("/Annots")] = ArrayObject([
        _annotation(writer, "/Link", A=_action("/JavaScript", JS="app.alert('hi')")),
        _annotation(writer, "/Link", A=_action("/Launch", F="cmd.exe")),
        _annotation(writer, "/Link", A=_action("/URI", URI="https://example.invalid/")),
        _annotation(writer, "/Link", Dest=ArrayObject([second.indirect_reference,
                                                       _name("/Fit")])),
        _annotation(writer, "/Widget", FT=_name("/Tx"), V=TextStringObject("Member 12345"),
                    AP=field, AA=DictionaryObject({
                        _name("/K"): _action("/JavaScript", JS="steal()"),
                        _name("/Fo"): _action("/SubmitForm", F="https://example.invalid/"),
                    })),
        _annotation(writer, "/Stamp", AP=shown),
        _annotation(writer, "/Highlight", QuadPoints=ArrayObject(
            [FloatObject(v) for v in (72, 620, 272, 620, 72, 600, 272, 600)])),
        _annotation(writer, "/FileAttachment", FS=embedded),
        _annotation(writer, "/Sound"),
    ])
    writer._root_object[_name("/OpenAction")] = _action("/JavaScript", JS="app.alert('open')")
    out = io.BytesIO()
    writer.write(out)
    target = path / "records.pdf"
    target.write_bytes(out.getvalue())
    return target


def packet_with(records: Path) -> bytes:
    return build_packet(
        [PacketPart.from_pdf("Letter", letter_pdf(1)), PacketPart.from_file("Records", records)],
        header_text="Member ID: ZZ0000001",
    )


def every_word(data: bytes) -> set[str]:
    """Every name and string in every object of a PDF (pypdf writes strings escaped)."""
    reader = PdfReader(io.BytesIO(data))
    found: set[str] = set()

    def walk(value: Any) -> None:
        value = value.get_object() if hasattr(value, "get_object") else value
        if isinstance(value, NameObject | TextStringObject | ByteStringObject):
            found.add(str(value) if not isinstance(value, ByteStringObject) else repr(value))
        elif isinstance(value, dict):
            for key, item in value.items():
                found.add(str(key))
                if key not in ("/Parent", "/P"):
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for number in range(1, int(reader.trailer["/Size"])):
        try:
            walk(reader.get_object(number))
        except Exception:  # noqa: BLE001  a free entry of the table: no object
            continue
    return found


def annotations(page: Any) -> list[Any]:
    return [entry.get_object() for entry in page.get("/Annots", [])]


def test_nothing_an_attachment_would_run_reaches_the_packet(tmp_path: Path) -> None:
    records = hostile_records(tmp_path)
    # What pypdf alone would have carried over (why packet_inert exists).
    hostile = {"/JavaScript", "/Launch", "/URI", "/SubmitForm", "/OpenAction",
               "/FileAttachment", "/Sound", "payload.exe", "steal()", "cmd.exe"}
    assert hostile <= every_word(records.read_bytes())
    packet = packet_with(records)
    assert not hostile & every_word(packet)
    reader = PdfReader(io.BytesIO(packet))
    for page in reader.pages:
        for annotation in annotations(page):
            assert not {"/A", "/AA", "/Dest"} & set(annotation)


def test_what_an_attached_page_shows_stays(tmp_path: Path) -> None:
    reader = PdfReader(io.BytesIO(packet_with(hostile_records(tmp_path))))
    placed = reader.pages[1]
    kinds = [annotation["/Subtype"] for annotation in annotations(placed)]
    assert kinds.count("/Widget") == 1 and "/Stamp" in kinds and "/Highlight" in kinds
    widget = next(a for a in annotations(placed) if a["/Subtype"] == "/Widget")
    assert widget["/V"] == "Member 12345" and "/AP" in widget  # the value, as seen
    assert b"Approved stamp" in next(
        a for a in annotations(placed) if a["/Subtype"] == "/Stamp"
    )["/AP"]["/N"].get_object().get_data()
    assert len(reader.pages) == 3  # the letter, and both attached pages


def test_the_letters_own_annotations_are_left_alone() -> None:
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    page[_name("/Annots")] = ArrayObject([
        _annotation(writer, "/Link", A=_action("/URI", URI="https://www.cms.gov/")),
    ])
    out = io.BytesIO()
    writer.write(out)
    packet = build_packet([PacketPart.from_pdf("Letter", out.getvalue())], header_text="x")
    assert "https://www.cms.gov/" in every_word(packet)  # the app's own letter keeps its links


def test_a_page_with_no_annotations_or_a_damaged_list_is_no_error() -> None:
    writer = PdfWriter()
    bare = writer.add_blank_page(612, 792)
    assert without_actions(bare) == 0
    bare[_name("/Annots")] = NumberObject(3)  # not a list: nothing to strip
    assert without_actions(bare) == 0
    bare[_name("/Annots")] = ArrayObject([NumberObject(3)])  # a list of no annotations
    assert without_actions(bare) == 1 and "/Annots" not in bare
