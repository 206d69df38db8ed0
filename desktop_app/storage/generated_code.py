"""Code Python generates at start-up, compiled once and kept between runs.

Python 3.11 writes the methods of every dataclass (`__init__`, `__repr__`, `__eq__`, ...) as
source text and compiles it, in every process; `typing` compiles every annotation written as
a string; and `re` parses every regular expression the modules define into its matching code.
A render loads 128 dataclasses, 1,200 such annotations and 230 expressions: about 75 ms of
compiling, a sixth of the whole command, to make the same code as last time. Python keeps its
own modules' compiled code in `.pyc` files for the same reason; this keeps these.

While installed, the compiles that `dataclasses`, `typing` and `re` ask for are looked up by
their exact source text (and flags) in a table read at start, and only text never seen before
is compiled (and added). The table is a `marshal` file in this desk's cache folder
(storage/paths.py), private like the rest of it (0600 in a 0700 folder), named for this Python
and its exact version so that no other interpreter reads it, and rewritten whole (write to a
part file, then rename) at exit when a run added to it. A missing, damaged or foreign file
is ignored and replaced: it only saves time. Each command keeps a table of its own: one shared
by all grew to every command's code (2,200 entries after a render, a check and a verify),
and a verify then read three times what it uses before starting its work.

It holds no patient data: dataclass methods and annotations are the app's and its libraries'
source, and an expression is kept only when it was compiled while a module was being
imported (a module's own patterns, never one built at run time from what a case holds).
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
# The table is rewritten only when a run added at least this many entries. A few modules
# build an expression from a set (tokenize's string prefixes, reportlab's unsafe names),
# whose order, and so whose text, changes with each process's hash seed: each run has one or
# two never seen before, not worth a rewrite at every exit. A command run for the first time
# adds hundreds.
REWRITE_AFTER = 16
FILE_PREFIX = "generated-code-"
MOST_COMMAND_CHARS = 16  # the longest command name a table is named for (services/old_caches)

# (compile mode, source text) -> code; ("re", pattern, flags) -> what `_sre.compile` is given.
_Key = tuple[Any, ...]
_table: dict[_Key, Any] = {}
_added = 0
_installed = False
_where: Path | None = None  # the table's file, fixed at install (the cache folder then)


def file_name(command: str | None = None) -> str:
    """The table's file name, naming this interpreter and its exact version (marshal's format
    and the code it compiles may change with either), and the command whose table it is."""
    if command and not (command.isascii() and command.isalpha() and
                        command.islower() and len(command) <= MOST_COMMAND_CHARS):
        raise ValueError("a command's table is named for a command of the command line")
    whose = f"-{command}" if command else ""
    return f"{FILE_PREFIX}{sys.implementation.cache_tag}-{sys.hexversion:x}{whose}.marshal"


def install(command: str | None = None) -> None:
    """Read the table of `command` (a command-line command's name; None: the one for any
    other start) and have `dataclasses`, `typing` and (on 3.11) `re` compile through it.

    Called first thing by the command line, before any module that defines a dataclass is
    imported. Does nothing the second time.
    """
    global _installed, _where
    if _installed:
        return
    _installed = True
    import dataclasses

    from desktop_app.storage.paths import cache_home

    try:
        _where = cache_home() / file_name(command)
    except Exception:  # noqa: BLE001  no cache folder: compile as Python would, keep nothing
        return
    _table.update(_read(_where))
    # Both modules look these names up among their own globals before the builtins.
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    typing.compile = _compile  # type: ignore[attr-defined]
    if sys.version_info[:2] == (3, 11):  # the one version whose `re` steps it knows
        from desktop_app.storage import generated_patterns

        generated_patterns.install(_table, _note_added)
    atexit.register(save)


def _note_added() -> bool:
    """Count one new entry; False when the table is full and it must not be kept."""
    global _added
    if len(_table) >= MOST_ENTRIES:
        return False
    _added += 1
    return True


def compiled(source: str, mode: str) -> CodeType:
    """`compile(source, "<string>", mode)`, from the table when this text was seen before."""
    key = (mode, source)
    code = _table.get(key)
    if type(code) is not CodeType:
        code = builtins.compile(source, "<string>", mode)
        if _note_added():
            _table[key] = code
    return code


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    if isinstance(source, str):
        source = compiled(source, "exec")
    builtins.exec(source, globals, locals)


def _compile(source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:
    if isinstance(source, str) and filename == "<string>" and not args and not kwargs:
        return compiled(source, mode)
    return builtins.compile(source, filename, mode, *args, **kwargs)


def _read(where: Path) -> dict[_Key, Any]:
    from desktop_app.limits import open_for_reading
    from desktop_app.storage.paths import is_own_private_file

    try:
        with open_for_reading(where) as stream:
            # Code that is run: never from a file another user could have written.
            if not is_own_private_file(stream):
                return {}
            table = marshal.loads(stream.read())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if not isinstance(table, dict):
        return {}
    return {key: value for key, value in table.items() if _well_formed(key, value)}


def _well_formed(key: object, value: object) -> bool:
    if not isinstance(key, tuple):
        return False
    if len(key) == 2 and key[0] in ("exec", "eval") and isinstance(key[1], str):
        return isinstance(value, CodeType)
    return (
        len(key) == 3 and key[0] == "re" and isinstance(key[1], str | bytes)
        and type(key[2]) is int and isinstance(value, tuple) and len(value) == 5
        and type(value[0]) is int and type(value[1]) is list and type(value[2]) is int
        and type(value[3]) is dict and type(value[4]) is tuple
    )


def save() -> None:
    """Write the table if this process added to it (REWRITE_AFTER; at exit; never raises)."""
    global _added
    if _added < REWRITE_AFTER or _where is None:
        return
    from desktop_app.storage.paths import write_private

    try:
        write_private(_where, marshal.dumps(_table))
    except Exception:  # noqa: BLE001  a cache that cannot be written only costs time next run
        return
    _added = 0


def entries() -> int:
    """How many compiled pieces the table holds (for the tests)."""
    return len(_table)
