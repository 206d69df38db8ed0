"""Writes the DOCX package (the zip): python-docx's parts, with the embedded fonts stored as-is.

python-docx deflates every part. Deflating the 2.7 MB of embedded fonts takes about half a
second a letter, fifteen times the rest of the work, and gains only half their size, so
font parts are stored uncompressed and everything else is deflated. Entries carry a fixed
date, so the same letter gives the same bytes apart from its core properties.

A letter's own parts are written into a copy of a zip that already holds its content types
and the parts every letter shares (KeptPart, docx_blank), compressed once per process.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, BinaryIO

from docx.opc.packuri import PACKAGE_URI, PackURI
from docx.opc.part import Part
from docx.opc.pkgwriter import PackageWriter, _ContentTypesItem

from desktop_app.export.docx_fonts import is_font_part

_ENTRY_DATE = (1980, 1, 1, 0, 0, 0)
KeptEntries = tuple[tuple[str, bytes], ...]


class KeptPart(Part):
    """A part the same in every letter (the styles, the fonts, ...).

    It sits in the letter's package so that python-docx writes the relationship to it; its
    bytes are the blank letter's, already in the zip save_letter starts from.
    """


def _write(package_zip: zipfile.ZipFile, membername: str, blob: bytes) -> None:
    entry = zipfile.ZipInfo(membername, date_time=_ENTRY_DATE)
    stored = is_font_part("/" + membername)
    entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    package_zip.writestr(entry, blob)


class _ZipWriter:
    """The writer interface python-docx's PackageWriter expects: write(pack_uri, blob)."""

    def __init__(self, stream: BinaryIO) -> None:
        self._zip = zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED)

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        _write(self._zip, pack_uri.membername, blob)

    def close(self) -> None:
        self._zip.close()


def save_package(document: Any, stream: BinaryIO) -> None:
    """Save a python-docx Document to `stream` (what Document.save does, fonts kept stored)."""
    package = document.part.package
    parts = list(package.iter_parts())
    for part in parts:
        part.before_marshal()  # as OpcPackage.save does first
    writer = _ZipWriter(stream)
    try:
        # PackageWriter's steps, in its order, with this writer in place of its own.
        steps: Any = PackageWriter
        steps._write_content_types_stream(writer, parts)
        steps._write_pkg_rels(writer, package.rels)
        steps._write_parts(writer, parts)
    finally:
        writer.close()


@lru_cache(maxsize=4)
def _opening(content_types: bytes, kept: KeptEntries) -> bytes:
    """A zip of the content types, first as Word writes them, and every kept part.

    A few letters differ in their content types (a PNG or a JPEG picture, or none); each
    kind is compressed once and copied for the next letter of its kind.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package_zip:
        _write(package_zip, "[Content_Types].xml", content_types)
        for membername, blob in kept:
            _write(package_zip, membername, blob)
    return buffer.getvalue()


def _is_empty(stream: io.BytesIO) -> bool:
    with stream.getbuffer() as written:
        return written.nbytes == 0


def save_letter(document: Any, kept_types: Sequence[Part], kept: KeptEntries,
                stream: BinaryIO) -> None:
    """Save a Document made by BlankLetter.new_document: its own parts freshly written, the
    kept ones copied. `kept_types` names every kept part for the content types."""
    package = document.part.package
    own = [part for part in package.iter_parts() if not isinstance(part, KeptPart)]
    for part in own:
        part.before_marshal()  # as OpcPackage.save does first
    types_item: Any = _ContentTypesItem  # python-docx's own, as save_package's steps are
    content_types = types_item.from_parts([*own, *kept_types]).blob
    kept_names = {membername for membername, _ in kept}
    if any(part.partname.membername in kept_names for part in own):
        # Two parts of one name would make a damaged file: refuse, never write it.
        raise ValueError("a letter's part has the name of a kept part")
    opening = _opening(content_types, kept)
    # Straight into an empty in-memory stream (as the exporters give): each copy of the
    # 2.8 MB opening costs more than the letter's own parts. Anything else gets the whole
    # package in one write at the end, so a failure leaves it nothing half-written.
    whole = None if isinstance(stream, io.BytesIO) and _is_empty(stream) else io.BytesIO()
    buffer = stream if whole is None else whole
    buffer.write(opening)
    with zipfile.ZipFile(buffer, "a") as package_zip:
        _write(package_zip, PACKAGE_URI.rels_uri.membername, package.rels.xml)
        for part in own:
            _write(package_zip, part.partname.membername, part.blob)
            if len(part.rels):
                _write(package_zip, part.partname.rels_uri.membername, part.rels.xml)
    if whole is not None:
        stream.write(whole.getvalue())
