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
HiddenKind = Literal["bidi", "bidi-mark", "zero-width"]


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


def hidden_characters(text: str) -> list[HiddenCharacter]:
    """The distinct hidden characters in `text`, in the order they first appear."""
    if text.isascii():
        return []
    table = _by_char()
    return list(dict.fromkeys(table[ch] for ch in text if ch in table))


def without_hidden(text: str) -> str:
    """`text` with every hidden character removed."""
    if text.isascii():
        return text
    table = _by_char()
    return "".join(ch for ch in text if ch not in table)
