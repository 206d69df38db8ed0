"""The DOCX package as Word, LibreOffice and python-docx expect it, though most of it is
copied from the blank letter rather than written afresh (docx_blank, docx_package)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import posixpath
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from lxml import etree
from PIL import Image

from desktop_app.export.docx import write_docx
from desktop_app.export.docx_blank import LETTER_PARTS, blank_letter
from desktop_app.letters.document import LetterDocument, SignatureBlock
from tests.unit.export.samples import (
    HOSTILE_NAME,
    SAMPLE_LOGO,
    sample_letter,
    text_letter,
)

RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _docx(letter: LetterDocument) -> bytes:
    stream = io.BytesIO()
    write_docx(letter, stream)
    return stream.getvalue()


def _canonical(xml: bytes) -> str:
    return str(etree.canonicalize(etree.fromstring(xml)))


def _jpeg_logo_and_png_signature(folder: Path) -> LetterDocument:
    """Two kinds of picture in one letter: a JPEG logo, the PNG sample as the signature."""
    logo = folder / "logo.jpg"
    with Image.open(SAMPLE_LOGO) as image:
        image.convert("RGB").save(logo, "JPEG")
    letter = sample_letter("Ana Sousa", logo=False)
    blocks = [dataclasses.replace(block, image_path=str(SAMPLE_LOGO))
              if isinstance(block, SignatureBlock) else block for block in letter.blocks]
    letterhead = dataclasses.replace(letter.letterhead, logo_path=str(logo))
    return dataclasses.replace(letter, blocks=blocks, letterhead=letterhead)


LETTERS: dict[str, Callable[[Path], LetterDocument]] = {
    "logo": lambda _: sample_letter(HOSTILE_NAME, logo=True),
    "no logo": lambda _: sample_letter("Ben Okafor", logo=False),
    "one line": lambda _: text_letter("Thank you for reviewing this request."),
    "jpeg logo, png signature": _jpeg_logo_and_png_signature,
}


@pytest.fixture(scope="module", params=sorted(LETTERS))
def package(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return _docx(LETTERS[request.param](tmp_path_factory.mktemp("pictures")))


def test_python_docx_writes_every_part_back_byte_for_byte(package: bytes) -> None:
    """Read the letter with python-docx and save it with python-docx's own Document.save:
    every part, the content types and every relationship come out the same bytes, so the
    parts copied from the blank are exactly what python-docx writes and nothing is stale
    (python-docx keeps only the parts a relationship reaches)."""
    again = io.BytesIO()
    docx.Document(io.BytesIO(package)).save(again)
    ours, theirs = zipfile.ZipFile(io.BytesIO(package)), zipfile.ZipFile(again)
    assert sorted(ours.namelist()) == sorted(theirs.namelist())
    for name in ours.namelist():
        if name == "docProps/core.xml":
            # An empty property is written <dc:title></dc:title> and read back as
            # <dc:title/>: the same XML, so compared as canonical XML.
            assert _canonical(ours.read(name)) == _canonical(theirs.read(name))
        else:
            assert ours.read(name) == theirs.read(name), name


def test_content_types_come_first_and_every_entry_is_sound(package: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        assert archive.namelist()[0] == "[Content_Types].xml"
        assert archive.testzip() is None  # every entry's checksum holds
        assert len(set(archive.namelist())) == len(archive.namelist())


def test_every_relationship_reaches_a_part_and_every_part_is_reached(package: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        names = set(archive.namelist())
        reached = set()
        for name in names:
            if not name.endswith(".rels"):
                continue
            folder = posixpath.dirname(posixpath.dirname(name))
            for rel in etree.fromstring(archive.read(name)).iter(f"{RELS}Relationship"):
                if rel.get("TargetMode") == "External":
                    continue
                target = posixpath.normpath(posixpath.join(folder, rel.get("Target")))
                assert target in names, (name, target)
                reached.add(target)
    parts = {name for name in names if not name.endswith(".rels")}
    assert parts - reached == {"[Content_Types].xml"}


def test_kept_parts_are_the_blank_letters_as_python_docx_wrote_them(package: bytes) -> None:
    blank = blank_letter()
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        for name, blob in blank.kept_entries:
            assert archive.read(name) == blob, name
    kept = {name for name, _ in blank.kept_entries}
    assert {"word/styles.xml", "word/settings.xml", "word/fontTable.xml",
            "word/fonts/font1.odttf", "word/theme/theme1.xml"} <= kept
    assert not kept & {name.lstrip("/") for name in LETTER_PARTS}


def _picture_types(archive: zipfile.ZipFile) -> dict[str, str | None]:
    """Each picture's extension and the content type [Content_Types].xml gives it."""
    types = etree.fromstring(archive.read("[Content_Types].xml"))
    defaults = {element.get("Extension"): element.get("ContentType") for element in types
                if element.tag.endswith("Default")}
    return {posixpath.splitext(name)[1][1:]: defaults.get(posixpath.splitext(name)[1][1:])
            for name in archive.namelist() if name.startswith("word/media/")}


def test_pictures_get_their_content_type_only_when_present(tmp_path: Path) -> None:
    both = zipfile.ZipFile(io.BytesIO(_docx(_jpeg_logo_and_png_signature(tmp_path))))
    with_logo = zipfile.ZipFile(io.BytesIO(_docx(sample_letter(logo=True))))
    without = zipfile.ZipFile(io.BytesIO(_docx(sample_letter(logo=False))))
    assert _picture_types(both) == {"jpg": "image/jpeg", "png": "image/png"}
    assert _picture_types(with_logo) == {"png": "image/png"}
    assert _picture_types(without) == {}
    # The PNG's type goes with the picture: a letter without one does not list it.
    assert b'Extension="png"' not in without.read("[Content_Types].xml")


def test_each_letter_has_its_own_title_and_dates() -> None:
    """Core properties are written per letter, never copied from the blank letter."""
    blank_letter()  # made before the letter, as in a batch
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    letter = sample_letter(logo=False)
    properties = docx.Document(io.BytesIO(_docx(letter))).core_properties
    assert properties.title == letter.info.title
    assert properties.created is not None and properties.created >= before
    assert properties.modified == properties.created


class _WriteOnly(io.RawIOBase):
    """A stream that can only be written to, as a file opened "wb" by another program."""

    def __init__(self) -> None:
        self.written = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        chunk = bytes(data)  # type: ignore[call-overload]
        self.written += chunk
        return len(chunk)


def _without_dates(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as opened:
        return {name: opened.read(name) for name in opened.namelist()
                if name != "docProps/core.xml"}


def test_every_kind_of_stream_gets_the_same_package() -> None:
    """Written straight into an empty in-memory stream, or whole after what a stream holds
    already, or into a stream that can only be written to: the same parts, a sound zip."""
    letter = sample_letter("Ben Okafor", logo=False)
    empty = _docx(letter)
    after = io.BytesIO()
    after.write(b"kept")
    write_docx(letter, after)
    assert after.getvalue()[:4] == b"kept"
    write_only = _WriteOnly()
    write_docx(letter, write_only)  # type: ignore[arg-type]
    assert bytes(write_only.written)[:2] == empty[:2] == b"PK"
    for package in (after.getvalue()[4:], bytes(write_only.written)):
        assert _without_dates(package) == _without_dates(empty)
        assert len(package) == len(empty)


def test_a_part_named_as_a_kept_part_is_refused_before_anything_is_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from desktop_app.errors import ExportError
    from desktop_app.export import docx_blank

    blank = blank_letter()
    clashing = dataclasses.replace(
        blank, kept_entries=(*blank.kept_entries, ("word/document.xml", b"<x/>")))
    monkeypatch.setattr(docx_blank, "blank_letter", lambda _locale="en-US": clashing)
    monkeypatch.setattr("desktop_app.export.docx.blank_letter", lambda _locale="en-US": clashing)
    stream = io.BytesIO()
    with pytest.raises(ExportError):
        write_docx(sample_letter(logo=False), stream)
    assert stream.getvalue() == b""


def test_the_letter_names_the_app_that_made_it_and_claims_no_word_counts(
    package: bytes,
) -> None:
    with zipfile.ZipFile(io.BytesIO(package)) as letter:
        extended = etree.fromstring(letter.read("docProps/app.xml"))
    values = {etree.QName(child).localname: child.text for child in extended}
    assert values["Application"] == "PA Letter Studio"
    # python-docx's blank said a Mac Word made a one-page letter of no words; Word counts
    # afresh when it opens the file, so no count is given at all.
    assert not {"Pages", "Words", "Characters", "Lines", "Paragraphs", "Template",
                "AppVersion", "TotalTime"} & set(values)
    assert "Microsoft" not in "".join(v or "" for v in values.values())
