"""A bundled face built from its kept entry is the face reportlab reads from the font file.

Every PDF's font subset is cut from the face, so any difference would change what payers
receive; an entry that is damaged, stale or made for another font must never be used.
"""

from __future__ import annotations

import marshal
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFont

from desktop_app.export import parsed_fonts
from desktop_app.export.assets import asset_path
from desktop_app.export.fonts import BODY_FACES, EMOJI, FONT_FILES

NAME = "PALetterSans"
PATH = asset_path("fonts", FONT_FILES[NAME])


@cache
def _fresh(name: str) -> Any:
    return TTFont(name, str(asset_path("fonts", FONT_FILES[name])))


@cache
def _entry(name: str) -> bytes:
    font = _fresh(name)
    entry = parsed_fonts.entry_for(font, parsed_fonts.entry_key(font.face._ttf_data))
    assert entry is not None
    return entry


def _rebuilt(name: str, entry: bytes | None = None) -> Any:
    path = asset_path("fonts", FONT_FILES[name])
    data = path.read_bytes()
    key = parsed_fonts.entry_key(data)
    kept = _entry(name) if entry is None else entry
    return parsed_fonts.font_from_entry(name, str(path), data, key, kept)


def _same_font(ours: Any, theirs: Any) -> None:
    assert type(ours) is type(theirs)
    assert vars(ours).keys() == vars(theirs).keys()
    for key, value in vars(theirs).items():
        if key not in ("face", "encoding", "state"):
            assert getattr(ours, key) == value, key
    assert vars(ours.encoding) == vars(theirs.encoding)
    assert not ours.state
    face, expected = ours.face, theirs.face
    assert type(face) is type(expected)
    assert vars(face).keys() == vars(expected).keys()
    for key, value in vars(expected).items():
        if key == "_pdfScale":
            for x in (0, 1, 600.5, 2048, -1020):
                assert face._pdfScale(x) == value(x)
            continue
        assert type(getattr(face, key)) is type(value), key
        assert getattr(face, key) == value, key
        if isinstance(value, TTFNameBytes):
            assert face.__dict__[key].ustr == value.ustr


# Droid Sans Fallback and Nanum Gothic take seconds to read twice: their entries are checked
# as whole letters are (the hostile example's PDF in tests/e2e/test_pdf_start.py).
@pytest.mark.parametrize("name", [*BODY_FACES, EMOJI])
def test_a_face_built_from_its_entry_is_the_face_reportlab_reads(name: str) -> None:
    _same_font(_rebuilt(name), _fresh(name))


def test_an_entry_holds_data_only() -> None:
    body = _entry(NAME)[len(parsed_fonts.MAGIC) + 128 :]
    kept = marshal.loads(body)
    assert set(kept) == {"font", "face", "names"}
    assert "_ttf_data" not in kept["face"]  # the font file's bytes are read from the font
    assert kept["names"]["name"] == "DejaVuSans"


def test_an_entry_for_another_font_or_version_is_not_used() -> None:
    data = PATH.read_bytes()
    other_key = parsed_fonts.entry_key(data + b"\0")
    assert parsed_fonts.font_from_entry(NAME, str(PATH), data, other_key, _entry(NAME)) is None
    # The entry names the face it was made for.
    assert _rebuilt("PALetterSans-Bold", _entry(NAME)) is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda e: b"",
        lambda e: e[:-1],
        lambda e: e[: len(e) // 2],
        lambda e: b"X" + e[1:],
        lambda e: e + b"\0",
        lambda e: e[:-10] + bytes(10),
    ],
)
def test_a_damaged_entry_is_not_used(damage: Any) -> None:
    assert _rebuilt(NAME, damage(_entry(NAME))) is None


def _sealed(kept: object) -> bytes:
    import hashlib

    body = marshal.dumps(kept)
    key = parsed_fonts.entry_key(PATH.read_bytes())
    return parsed_fonts.MAGIC + key.encode() + hashlib.sha256(body).hexdigest().encode() + body


@pytest.mark.parametrize(
    "kept",
    [
        [1, 2, 3],
        {"font": {}, "face": {}},
        {"font": {"fontName": NAME}, "face": [], "names": {}},
        {"font": {"fontName": NAME}, "face": {"unitsPerEm": 0}, "names": {}},
        {"font": {"fontName": NAME}, "face": {"unitsPerEm": "2048"}, "names": {}},
        {"font": {"fontName": NAME}, "face": {"unitsPerEm": 2048}, "names": {"name": b"x"}},
        {"font": {"fontName": "Other"}, "face": {"unitsPerEm": 2048}, "names": {}},
    ],
)
def test_an_entry_of_the_wrong_shape_is_not_used(kept: object) -> None:
    assert _rebuilt(NAME, _sealed(kept)) is None


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0), st.integers(min_value=1, max_value=255))
def test_any_changed_byte_makes_the_entry_unused(position: int, flip: int) -> None:
    entry = bytearray(_entry(NAME))
    entry[position % len(entry)] ^= flip
    assert _rebuilt(NAME, bytes(entry)) is None


def test_a_font_with_more_than_plain_data_is_never_kept() -> None:
    font = TTFont(NAME, str(PATH))
    key = parsed_fonts.entry_key(font.face._ttf_data)
    font.face.extra = object()  # what a future reportlab might hold
    assert parsed_fonts.entry_for(font, key) is None
    font = TTFont(NAME, str(PATH))
    font.state[object] = object()  # a font already used by a document
    assert parsed_fonts.entry_for(font, key) is None


class _Shelf:
    def __init__(self) -> None:
        self.entries: dict[str, bytes] = {}

    def read(self, face: str) -> bytes | None:
        return self.entries.get(face)

    def keep(self, face: str, entry: bytes) -> None:
        self.entries[face] = entry


def test_load_font_keeps_an_entry_then_builds_from_it(monkeypatch: pytest.MonkeyPatch) -> None:
    shelf = _Shelf()
    monkeypatch.setattr(parsed_fonts, "_shelf", shelf)
    first = parsed_fonts.load_font(NAME, PATH)
    assert set(shelf.entries) == {NAME}
    parsed: list[int] = []
    original = TTFont.__init__
    monkeypatch.setattr(TTFont, "__init__", lambda *a, **k: parsed.append(1) or original(*a, **k))
    second = parsed_fonts.load_font(NAME, PATH)
    assert not parsed  # built from the entry, not read from the font
    _same_font(second, first)
    shelf.entries[NAME] = b"damaged"
    _same_font(parsed_fonts.load_font(NAME, PATH), first)
    assert parsed == [1]  # read from the font again, and the entry replaced
    _same_font(_rebuilt(NAME, shelf.entries[NAME]), first)
