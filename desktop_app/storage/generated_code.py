"""Code Python generates at start-up, compiled once and kept between runs.

Python 3.11 writes the methods of every dataclass (`__init__`, `__repr__`, `__eq__`, ...) as
source text and compiles it, in every process, and `typing` compiles every annotation written
as a string; a render loads 128 dataclasses and 1,200 such annotations: about 45 ms of
compiling, a tenth of the whole command, to make the same code objects as last time. Python
keeps its own modules' compiled code in `.pyc` files for the same reason; this keeps these.

While installed, the compiles that `dataclasses` and `typing` ask for are looked up by their
exact source text in a table read at start, and only text never seen before is compiled (and
added). The table is a `marshal` file in this desk's cache folder (storage/paths.py), private
like the rest of it (0600 in a 0700 folder), named for this Python and its exact version so
that no other interpreter reads it, and rewritten whole (write to a part file, then rename) at exit
when something was added. A missing, damaged or foreign file is ignored and replaced: it only
saves time. It holds generated code for the app's own classes and no patient data.
"""

from __future__ import annotations

import atexit
import builtins
import marshal
import sys
import typing
from pathlib import Path
from types import CodeType
from typing import Any

# Enough for every class and annotation the app has, several times over; past it the table
# stops growing (something is generating classes at run time) and what it holds is kept.
MOST_ENTRIES = 6000
FILE_PREFIX = "generated-code-"

_Key = tuple[str, str]  # (compile mode, source text)
_table: dict[_Key, CodeType] = {}
_added = 0
_installed = False
_where: Path | None = None  # the table's file, fixed at install (the cache folder then)


def file_name() -> str:
    """The table's file name, naming this interpreter and its exact version (marshal's format
    and the code it compiles may change with either)."""
    return f"{FILE_PREFIX}{sys.implementation.cache_tag}-{sys.hexversion:x}.marshal"


def install() -> None:
    """Read the table and have `dataclasses` and `typing` compile through it.

    Called first thing by the command line and the app, before any module that defines a
    dataclass is imported. Does nothing the second time.
    """
    global _installed, _where
    if _installed:
        return
    _installed = True
    import dataclasses

    from desktop_app.storage.paths import cache_home

    try:
        _where = cache_home() / file_name()
    except Exception:  # noqa: BLE001  no cache folder: compile as Python would, keep nothing
        return
    _table.update(_read(_where))
    # Both modules look these names up among their own globals before the builtins.
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    typing.compile = _compile  # type: ignore[attr-defined]
    atexit.register(save)


def compiled(source: str, mode: str) -> CodeType:
    """`compile(source, "<string>", mode)`, from the table when this text was seen before."""
    global _added
    key = (mode, source)
    code = _table.get(key)
    if code is None:
        code = builtins.compile(source, "<string>", mode)
        if len(_table) < MOST_ENTRIES:
            _table[key] = code
            _added += 1
    return code


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    if isinstance(source, str):
        source = compiled(source, "exec")
    builtins.exec(source, globals, locals)


def _compile(source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:
    if isinstance(source, str) and filename == "<string>" and not args and not kwargs:
        return compiled(source, mode)
    return builtins.compile(source, filename, mode, *args, **kwargs)


def _read(where: Path) -> dict[_Key, CodeType]:
    try:
        table = marshal.loads(where.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if not isinstance(table, dict):
        return {}
    return {
        key: code for key, code in table.items()
        if isinstance(key, tuple) and len(key) == 2 and all(isinstance(k, str) for k in key)
        and isinstance(code, CodeType)
    }


def save() -> None:
    """Write the table if this process added to it (at exit; never raises)."""
    global _added
    if not _added or _where is None:
        return
    from desktop_app.storage.paths import write_private

    try:
        write_private(_where, marshal.dumps(_table))
    except Exception:  # noqa: BLE001  a cache that cannot be written only costs time next run
        return
    _added = 0


def entries() -> int:
    """How many compiled pieces the table holds (for the tests and the benchmark)."""
    return len(_table)
