"""Where compiled letter templates are kept between runs (letters/template_cache.py).

A private folder in this desk's cache folder (storage/paths.py; PA_LETTER_CACHE moves it),
named for this app, Jinja and Python version and the letter sandbox's own source, so code
compiled by an older sandbox is never run by a newer one. Jinja writes each file to a
temporary name (mode 0600) and renames it into place, so two desks or two runs never read a
half-written file. Holds no patient data: only compiled templates, named by a hash.
"""

from __future__ import annotations

import hashlib
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app import __version__
from desktop_app.errors import StorageError
from desktop_app.letters import template_cache
from desktop_app.limits import open_for_reading
from desktop_app.storage.paths import cache_home, is_own_private_file, own_private_folder

if TYPE_CHECKING:
    from jinja2.bccache import BytecodeCache, FileSystemBytecodeCache

# The modules whose code generation a compiled template depends on.
_SANDBOX_SOURCES = ("environment.py", "bounded_filters.py", "budget.py")


def install() -> None:
    template_cache.use_bytecode_cache(_make_cache)


def current_folder_name() -> str:
    """The folder this version's compiled templates are kept in (older ones: old_caches)."""
    import jinja2

    return f"templates-{_fingerprint(jinja2.__version__)}"


def _make_cache() -> BytecodeCache | None:
    try:
        folder = own_private_folder(cache_home() / current_folder_name())
    except StorageError:
        return None  # no cache folder: each run compiles its template, as before
    return _own_files_cache()(str(folder))


@cache
def _own_files_cache() -> type[FileSystemBytecodeCache]:
    """Jinja's file cache, reading only files this user alone may write.

    Jinja runs what a cache file holds (and unpickles its checksum), so a file another user
    put in the folder is passed over: the template is compiled and the file replaced.
    """
    from jinja2 import FileSystemBytecodeCache
    from jinja2.bccache import Bucket

    class OwnFilesBytecodeCache(FileSystemBytecodeCache):
        def load_bytecode(self, bucket: Bucket) -> None:
            path = Path(self.directory) / (self.pattern % (bucket.key,))
            try:
                with open_for_reading(path) as stream:  # a FIFO put there: no wait
                    if is_own_private_file(stream):
                        bucket.load_bytecode(stream)
            except (FileNotFoundError, IsADirectoryError, PermissionError):
                return  # as Jinja's own: no file yet, or one being replaced

    return OwnFilesBytecodeCache


@cache
def _fingerprint(jinja_version: str) -> str:
    import platform  # here: only a render compiles templates, and this is installed for all

    digest = hashlib.sha256(
        f"{__version__}|{jinja_version}|{platform.python_implementation()}|{sys.version}".encode()
    )
    letters = Path(template_cache.__file__).parent
    for name in _SANDBOX_SOURCES:
        try:
            digest.update((letters / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    return digest.hexdigest()[:16]
