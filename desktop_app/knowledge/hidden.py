"""Characters that change how text reads without showing themselves (hidden_characters.json).

A right-to-left override (U+202E) makes "Ann eoJ" display as "Ann Joe"; a zero-width space
makes two identical-looking member IDs differ. The checker reports them in names,
identifiers and numbers, and the app offers to remove them.
"""

from __future__ import annotations

import functools
from typing import Literal

from pydantic import Field

from desktop_app.knowledge.reference import DataModel, Sourced, load_reference, register_cache

HIDDEN_FILE = "hidden_characters.json"
HiddenKind = Literal["bidi", "bidi-mark", "zero-width", "control"]
# Control characters (Unicode general category Cc) print nothing in a letter: the exporters
# drop them, so "Ann<NUL>Smith" is stored, checked and sent to the payer's system as typed but
# prints "AnnSmith". Tab and line ends are text. Fixed here, not in the reference file: the
# Unicode Character Database gives them no names, and the set never changes.
_CONTROLS = frozenset(
    chr(code) for code in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if chr(code) not in "\t\n\r"
)


class HiddenCharacter(DataModel):
    code_point: str = Field(pattern=r"^U\+[0-9A-F]{4,6}$")
    name: str
    kind: HiddenKind

    @property
    def char(self) -> str:
        return chr(int(self.code_point[2:], 16))


class HiddenCharacters(Sourced):
    about: str = ""
    kinds: dict[HiddenKind, str]
    characters: tuple[HiddenCharacter, ...]


@functools.cache
def hidden_data() -> HiddenCharacters:
    return load_reference(HIDDEN_FILE, HiddenCharacters)


@functools.cache
def _by_char() -> dict[str, HiddenCharacter]:
    return {entry.char: entry for entry in hidden_data().characters}


register_cache(hidden_data.cache_clear)
register_cache(_by_char.cache_clear)


def _control(ch: str) -> HiddenCharacter:
    return HiddenCharacter(code_point=f"U+{ord(ch):04X}", name="control character",
                           kind="control")


def _plain(text: str) -> bool:
    """True for text that cannot hold a hidden character: printable ASCII (with line ends)."""
    return text.isascii() and (text.isprintable() or not any(ch in _CONTROLS for ch in text))


def hidden_characters(text: str) -> list[HiddenCharacter]:
    """The distinct hidden characters in `text`, in the order they first appear."""
    if _plain(text):
        return []
    table = _by_char()
    return list(dict.fromkeys(
        _control(ch) if ch in _CONTROLS else table[ch]
        for ch in text if ch in table or ch in _CONTROLS
    ))


def without_hidden(text: str) -> str:
    """`text` with every hidden character removed."""
    if _plain(text):
        return text
    table = _by_char()
    return "".join(ch for ch in text if ch not in table and ch not in _CONTROLS)
