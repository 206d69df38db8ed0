"""What reportlab reads from a bundled font, kept between runs so each letter need not re-read it.

reportlab's TTFont reads a face's character map, advance widths and glyph positions one number
at a time in Python (ttfonts.TTFontFile.extractInfo): 13-17 ms for each DejaVu face, about
100 ms for Droid Sans Fallback, in every process that writes a PDF. What it reads is plain
data (numbers, strings, lists, dicts), so it is kept in marshal's format (data only: nothing
in an entry is run) on a shelf services hand in (storage/font_cache.py: one private file per
face in the app's cache folder), and the face is built from it in a few milliseconds.

An entry is keyed by the font file's SHA-256 and reportlab's, the app's and Python's versions,
and carries a SHA-256 of its own body: a missing, stale, damaged or unreadable entry is read
from the font again and replaced, never shown as an error. Without a shelf every process reads
the font, as before. The font file itself is still read whole, as reportlab reads it, because
each PDF's font subset is cut from it: the subsets, and so the PDFs, are byte for byte the same.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import sys
from pathlib import Path
from typing import Any, Final, Protocol

from desktop_app import __version__

MAGIC: Final = b"PA Letter Studio parsed font 1\n"
_DIGEST_SIZE: Final = 64  # a SHA-256 in hexadecimal
# An entry starts with MAGIC and its key (a SHA-256 in hexadecimal).
HEAD_SIZE: Final = len(MAGIC) + _DIGEST_SIZE
# TTFont attributes that are objects of their own: made afresh, as reportlab's TTFont makes them.
_FONT_OBJECTS: Final = ("face", "encoding", "state")
# Face attributes not kept: the font file's bytes and name (known here) and a scaling function.
_FACE_NOT_KEPT: Final = ("_ttf_data", "filename", "_pdfScale")
_PLAIN: Final = (int, float, str, bytes, bool, type(None))


class Shelf(Protocol):
    """Where entries are kept: read gives None for anything it cannot give back."""

    def read(self, face: str) -> bytes | None: ...

    def keep(self, face: str, entry: bytes) -> None: ...


_shelf: Shelf | None = None


def use_shelf(shelf: Shelf | None) -> None:
    """Where parsed fonts are kept (None: nowhere, every process reads its fonts)."""
    global _shelf
    _shelf = shelf


def load_font(name: str, path: Path) -> Any:
    """reportlab's TTFont for the bundled face at `path`, built from its kept entry if it has
    a good one; raises what TTFont raises (TTFError, OSError) for a font it cannot read."""
    from reportlab.pdfbase.ttfonts import TTFont

    shelf = _shelf
    if shelf is None:
        return TTFont(name, str(path))
    data = path.read_bytes()
    key = entry_key(data)
    font = font_from_entry(name, str(path), data, key, shelf.read(name))
    if font is None:
        font = TTFont(name, str(path))
        entry = entry_for(font, entry_key(font.face._ttf_data))
        if entry is not None:
            shelf.keep(name, entry)
    return font


def entry_key(font_data: bytes) -> str:
    """What an entry was made from: the font's bytes and the code that read and keeps them."""
    import reportlab

    made_by = f"{MAGIC!r}|{reportlab.Version}|{__version__}|{sys.version}|".encode()
    return hashlib.sha256(made_by + hashlib.sha256(font_data).digest()).hexdigest()


def kept_key(entry_head: bytes) -> str | None:
    """The key an entry was made with, from its first HEAD_SIZE bytes; None for a file of
    another format (an older version's), so the cache folder can tell stale entries."""
    if not entry_head.startswith(MAGIC) or len(entry_head) < HEAD_SIZE:
        return None
    key = entry_head[len(MAGIC) : HEAD_SIZE]
    try:
        return key.decode("ascii")
    except UnicodeDecodeError:
        return None


def reportlab_scale(units_per_em: int) -> Any:
    """reportlab's font-units-to-PDF-units function (ttfonts.TTFontFile.extractInfo)."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def entry_for(font: Any, key: str) -> bytes | None:
    """The entry that rebuilds this freshly read font, or None if it holds anything that is
    not plain data (a reportlab this code does not know): that font is then never kept."""
    from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

    face = font.face
    if type(font) is not TTFont or type(face) is not TTFontFace or font.state:
        return None
    if type(font.encoding) is not TTEncoding or vars(font.encoding) != vars(TTEncoding()):
        return None
    scale = reportlab_scale(face.unitsPerEm)
    if any(face._pdfScale(x) != scale(x) for x in (1, 1000, 777.7, -2048)):
        return None
    font_attrs = {k: v for k, v in vars(font).items() if k not in _FONT_OBJECTS}
    face_attrs = {k: v for k, v in vars(face).items() if k not in _FACE_NOT_KEPT}
    names = {k: v.ustr for k, v in face_attrs.items() if type(v) is TTFNameBytes}
    for k in names:
        del face_attrs[k]
    kept = {"font": font_attrs, "face": face_attrs, "names": names}
    if not _is_plain(kept):
        return None
    body = marshal.dumps(kept)
    return MAGIC + key.encode() + hashlib.sha256(body).hexdigest().encode() + body


def font_from_entry(
    name: str, filename: str, data: bytes, key: str, entry: bytes | None
) -> Any | None:
    """The TTFont this entry rebuilds, or None if it is missing, stale or damaged."""
    kept = _read_entry(entry, key)
    if kept is None or kept["font"].get("fontName") != name:
        return None
    from weakref import WeakKeyDictionary

    from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

    face = TTFontFace.__new__(TTFontFace)
    vars(face).update(kept["face"])
    vars(face).update({k: TTFNameBytes(v.encode("utf8")) for k, v in kept["names"].items()})
    face.filename, face._ttf_data = filename, data
    units_per_em = kept["face"].get("unitsPerEm")
    if type(units_per_em) is not int or units_per_em <= 0:
        return None
    face._pdfScale = reportlab_scale(units_per_em)
    font = TTFont.__new__(TTFont)
    vars(font).update(kept["font"])
    font.face, font.encoding, font.state = face, TTEncoding(), WeakKeyDictionary()
    return font


def _read_entry(entry: bytes | None, key: str) -> dict[str, dict[str, Any]] | None:
    if entry is None or not entry.startswith(MAGIC):
        return None
    start = len(MAGIC)
    if entry[start : start + len(key)] != key.encode():
        return None  # made from another font file or by another version: read the font again
    start += len(key)
    digest, body = entry[start : start + _DIGEST_SIZE], entry[start + _DIGEST_SIZE :]
    if hashlib.sha256(body).hexdigest().encode() != digest:
        return None  # damaged on disk
    # Some 30,000 lists, tuples and dicts, none of them in a cycle: the cycle collector would
    # walk them several times while they are made (a third of the time), for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        kept = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return None
    finally:
        if collecting:
            gc.enable()
    if type(kept) is not dict or set(kept) != {"font", "face", "names"}:
        return None
    if not all(type(part) is dict for part in kept.values()):
        return None
    if not all(type(v) is str for v in kept["names"].values()):
        return None
    return kept


def _is_plain(value: Any) -> bool:
    """Only numbers, strings, exact bytes, None and lists, tuples and dicts of them."""
    kind = type(value)
    if kind in _PLAIN:
        return True
    if kind is list or kind is tuple:
        return all(map(_is_plain, value))
    if kind is dict:
        return all(map(_is_plain, value)) and all(map(_is_plain, value.values()))
    return False
