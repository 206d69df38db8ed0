"""Writes the DOCX package (the zip): python-docx's parts, with the embedded fonts stored as-is.

python-docx deflates every part. Deflating the 2.7 MB of embedded fonts takes about half a
second a letter, fifteen times the rest of the work, and gains only half their size, so
font parts are stored uncompressed and everything else is deflated. Entries carry a fixed
date, so the same letter gives the same bytes apart from its core properties.
"""

from __future__ import annotations

import zipfile
from typing import Any, BinaryIO

from docx.opc.packuri import PackURI
from docx.opc.pkgwriter import PackageWriter

from desktop_app.export.docx_fonts import is_font_part

_ENTRY_DATE = (1980, 1, 1, 0, 0, 0)


class _ZipWriter:
    """The writer interface python-docx's PackageWriter expects: write(pack_uri, blob)."""

    def __init__(self, stream: BinaryIO) -> None:
        self._zip = zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED)

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        entry = zipfile.ZipInfo(pack_uri.membername, date_time=_ENTRY_DATE)
        stored = is_font_part(str(pack_uri))
        entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        self._zip.writestr(entry, blob)

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
