"""Regular expressions compiled once and kept between runs (storage/generated_code.py's table).

`re.compile` parses the expression and turns it into the matching engine's code
(`re._compiler.compile`), then hands that code to the engine (`_sre.compile`), which checks
it. The first two steps are the cost; their result for the same text and flags is always the
same in one Python version, so it is kept in the table and the engine is given it directly.
Only Python 3.11's steps are known here (generated_code installs this on 3.11 alone); the
table is named for the exact version, so what it holds was made by this Python.

An expression compiled while no module is being imported is compiled as before and never
kept: such an expression may be built from what a case holds.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import re
import sys
from collections.abc import Callable
from re import _compiler, _parser  # type: ignore[attr-defined]
from types import FrameType
from typing import Any

# The frames of Python's import machinery: a module's body runs below one of them.
_IMPORTING = "<frozen importlib._bootstrap"
_DEBUG = re.DEBUG.value


def install(table: dict[tuple[Any, ...], Any], note_added: Callable[[], bool]) -> None:
    """Have `re` compile through `table` (`note_added` says whether a new entry may stay)."""
    original = _compiler.compile

    def compile_pattern(p: Any, flags: int = 0) -> Any:
        if not isinstance(p, str | bytes) or flags & _DEBUG:
            return original(p, flags)
        key = ("re", p, flags)
        kept = table.get(key)
        if kept is not None:
            try:
                return _sre.compile(p, *kept)
            except (RuntimeError, TypeError, ValueError):  # damaged entry: compile it anew
                table.pop(key, None)
        made = _steps(p, flags)
        if _while_importing() and note_added():
            table[key] = made
        return _sre.compile(p, *made)

    _compiler.compile = compile_pattern


def _steps(pattern: str | bytes, flags: int) -> tuple[Any, ...]:
    """What `re._compiler.compile` (3.11) gives the engine for this text, after the text."""
    parsed = _parser.parse(pattern, flags)
    # The engine's opcodes are int subclasses, which marshal does not write: plain ints.
    code = [int(word) for word in _compiler._code(parsed, flags)]
    groupindex = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (int(flags | parsed.state.flags), code, int(parsed.state.groups - 1),
            {str(name): int(index) for name, index in groupindex.items()}, tuple(indexgroup))


def _while_importing() -> bool:
    frame: FrameType | None = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_filename.startswith(_IMPORTING):
            return True
        frame = frame.f_back
    return False
